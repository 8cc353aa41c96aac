import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {Decimal} from 'decimal.js';
import {describe, expect, it} from 'vitest';
import {cli} from './in-process.js';
import {scratchDir} from '../scratch.js';

const FIXTURE = 'test/fixtures/usage/aggregated.csv';

interface GroupStrategy {
  id: string;
  totalUsd: string;
  complete: boolean;
  servesAll: boolean;
}
interface Groups {
  by: string;
  groups: {
    name: string;
    named: boolean;
    rows: number;
    reported: {usd: string} | null;
    strategies: GroupStrategy[];
    recommended: {strategy: string; totalUsd: string} | null;
    noRecommendation?: string;
  }[];
  org: {
    rows: number;
    reported: {usd: string} | null;
    strategies: GroupStrategy[];
    recommendedPerGroupUsd: string | null;
  };
}

async function run(
  args: string[],
): Promise<{groups: Groups; strategies: {strategy: {id: string}; totalUsd: string}[]}> {
  const r = await cli(['import', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

const sum = (amounts: readonly string[]) => amounts.reduce((a, b) => a.add(b), new Decimal(0));

describe('import --by', () => {
  it.each([
    ['team', 'vibekit'],
    ['user', 'credits-builder'],
    ['project', 'openrouter'],
    ['team', 'cursor-pro'],
  ])('--by %s on %s: the org total of every strategy is the sum of the groups', async (by, plan) => {
    const {groups} = await run([FIXTURE, '--by', by, '--plan', plan]);
    expect(groups.org.rows).toBe(7);
    expect(groups.groups.reduce((n, g) => n + g.rows, 0)).toBe(7);
    for (const [i, s] of groups.org.strategies.entries()) {
      const own = groups.groups.map((g) => g.strategies[i] as GroupStrategy);
      expect(own.every((o) => o.id === s.id)).toBe(true);
      expect(new Decimal(s.totalUsd).eq(sum(own.map((o) => o.totalUsd))), s.id).toBe(true);
      expect(s.complete).toBe(own.every((o) => o.complete));
    }
    expect(
      new Decimal(groups.org.reported?.usd ?? 0).eq(sum(groups.groups.map((g) => g.reported?.usd ?? '0'))),
    ).toBe(true);
  });

  it('names the group of rows without the dimension, and keeps them', async () => {
    const {groups} = await run([FIXTURE, '--by', 'team']);
    expect(groups.groups.map((g) => [g.name, g.named, g.rows])).toEqual([
      ['mobile', true, 3],
      ['platform', true, 3],
      ['(no team)', false, 1],
    ]);
  });

  it('one group holding every row is the import itself, strategy by strategy', async () => {
    const file = join(scratchDir('by-'), 'no-teams.csv');
    writeFileSync(
      file,
      'day,model,tier,requests,input_tokens,cache_read_tokens,cache_write_5m_tokens,cache_write_1h_tokens,output_tokens\n2026-03-02,claude-sonnet-4-5,base,12,9000,400000,30000,0,20000\n2026-03-03,gpt-5,base,4,3000,0,0,0,800\n',
    );
    const doc = await run([file, '--by', 'team', '--plan', 'credits-cliff']);
    expect(doc.groups.groups.map((g) => g.name)).toEqual(['(no team)']);
    expect(doc.groups.groups[0]?.strategies.map((s) => [s.id, s.totalUsd])).toEqual(
      doc.strategies.map((s) => [s.strategy.id, s.totalUsd]),
    );
  });

  it('recommends, per group, the cheapest strategy that serves every row exactly; the org sums those', async () => {
    const file = join(scratchDir('by-'), 'teams.csv');
    writeFileSync(
      file,
      [
        'day,model,tier,requests,input_tokens,cache_read_tokens,cache_write_5m_tokens,cache_write_1h_tokens,output_tokens,tasks,team',
        // web: 12 tasks a day, past the free tier's 10, so only a paid path serves all of it.
        '2026-03-02,claude-haiku-4-5,base,30,20000,0,0,0,4000,12,web',
        // data: 3 tasks, within the cap: the free tier serves all of it at $0.
        '2026-03-02,claude-haiku-4-5,base,6,5000,0,0,0,900,3,data',
        '',
      ].join('\n'),
    );
    const {groups} = await run([file, '--by', 'team', '--needs', 'open']);
    const pick = Object.fromEntries(groups.groups.map((g) => [g.name, g.recommended]));
    expect(pick).toEqual({
      data: {strategy: 'all-free', totalUsd: '0'},
      // 20,000 input and 4,000 output of Haiku 4.5 at $1 and $5 per million, on your own key.
      web: {strategy: 'all-byok', totalUsd: '0.04'},
    });
    expect(groups.org.recommendedPerGroupUsd).toBe('0.04');
  });

  it('has no recommendation where every figure is a lower bound, and says why', async () => {
    const {groups} = await run([FIXTURE, '--by', 'team']);
    const mobile = groups.groups.find((g) => g.name === 'mobile');
    expect(mobile).toMatchObject({recommended: null, noRecommendation: 'lower-bound'});
    expect(groups.org.recommendedPerGroupUsd).toBeNull();
  });

  it('writes one CSV row per group and strategy, then the org rows', async () => {
    const r = await cli(['import', FIXTURE, '--by', 'project', '--format', 'csv']);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('project,strategy,repriced_usd,complete,serves_all,reported_usd,recommended');
    expect(lines.filter((l) => l.startsWith('(all),'))).toHaveLength(4);
    expect(lines).toHaveLength(1 + 3 * 4 + 4);
  });

  it("marks a group's reported amount as part when only some of its rows carry one", async () => {
    const file = join(scratchDir('by-'), 'part.csv');
    writeFileSync(
      file,
      [
        'day,model,tier,requests,input_tokens,cache_read_tokens,cache_write_5m_tokens,cache_write_1h_tokens,output_tokens,team,cost_usd',
        '2026-03-02,claude-haiku-4-5,base,3,1000,0,0,0,100,web,0.0015',
        '2026-03-02,claude-haiku-4-5,base,3,1000,0,0,0,100,web,',
        '2026-03-02,claude-haiku-4-5,base,3,1000,0,0,0,100,data,0.0015',
        '',
      ].join('\n'),
    );
    const r = await cli(['import', file, '--by', 'team', '--format', 'markdown']);
    expect(r.stdout).toMatch(/^\| data \| 1 \|.*\| \$0\.00 \|/m);
    expect(r.stdout).toMatch(/^\| web \| 2 \|.*\| \$0\.00 \(part\) \|/m);
    expect(r.stdout).toMatch(/^\| \(all\) \| 3 \|.*\| \$0\.00 \(part\) \|/m);
    expect(r.stdout).toContain('Reported (part): only some of the rows carry what they cost');
  });

  it('writes the groups table in Markdown', async () => {
    const r = await cli(['import', FIXTURE, '--by', 'team', '--format', 'markdown']);
    expect(r.stdout).toContain('## By team: each team replayed as an account of its own');
    expect(r.stdout).toMatch(/^\| \(no team\) \| 1 \|/m);
  });

  it('refuses --by with --subscription in CSV: one table a document', async () => {
    const r = await cli([
      'import',
      FIXTURE,
      '--by',
      'team',
      '--subscription',
      'claude-max-5x',
      '--format',
      'csv',
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--by and --subscription each make their own/);
  });
});
