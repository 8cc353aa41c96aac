import {mkdirSync, writeFileSync, copyFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cli} from './in-process.js';
import {ROOT} from './run.js';
import {scratchDir} from '../scratch.js';

const PINNED = ['--as-of', '2026-11-01'];

describe('vibe-cost platform', () => {
  it('adds up: the totals are the per-user figures times the users, and churn is the key-worth rule', async () => {
    const r = await cli(['platform', '--format', 'json', '--markups', '0,20', ...PINNED]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const sum = (field: string) =>
      j.segments.reduce(
        (t: number, s: {users: number; perUser: Record<string, string>}) =>
          t + s.users * Number(s.perUser[field]),
        0,
      );
    expect(sum('revenueUsd')).toBeCloseTo(Number(j.month.revenueUsd), 6);
    expect(sum('marginUsd')).toBeCloseTo(Number(j.month.marginUsd), 6);
    for (const s of j.segments)
      expect(s.leaves).toBe(s.byokSavingUsd !== null && Number(s.byokSavingUsd) >= Number(j.keyWorthUsd));
    expect(j.markupSweep.points.map((p: {markupPct: number}) => p.markupPct)).toEqual([0, 20]);
    // At 0% markup nobody saves by leaving, and the platform earns nothing on the usage it fronts.
    expect(j.markupSweep.points[0]).toMatchObject({marginUsd: '0', usersLeaving: 0});
  });

  it('reads a population file whose segments point at profile files beside it, and a folder of profiles', async () => {
    const dir = scratchDir('population-');
    copyFileSync(join(ROOT, 'data/profiles/daily-driver.json'), join(dir, 'me.json'));
    writeFileSync(
      join(dir, 'mine.json'),
      JSON.stringify({
        id: 'mine',
        name: 'Mine',
        description: 'two kinds of user',
        source: 'test',
        users: 10,
        segments: [
          {profile: 'me.json', share: 0.5, setup: 'all-platform'},
          {profile: 'hobbyist', share: 0.5, setup: 'free-then-platform'},
        ],
      }),
    );
    const file = await cli([
      'platform',
      '--population',
      join(dir, 'mine.json'),
      '--format',
      'json',
      ...PINNED,
    ]);
    expect(file.stderr).toBe('');
    expect(JSON.parse(file.stdout).segments.map((s: {users: number}) => s.users)).toEqual([5, 5]);
    const folder = join(dir, 'profiles');
    mkdirSync(folder);
    copyFileSync(join(ROOT, 'data/profiles/team.json'), join(folder, 'a.json'));
    copyFileSync(join(ROOT, 'data/profiles/hobbyist.json'), join(folder, 'b.json'));
    const fromFolder = await cli([
      'platform',
      '--population',
      folder,
      '--setup',
      'all-platform',
      '--format',
      'json',
      ...PINNED,
    ]);
    expect(
      JSON.parse(fromFolder.stdout).segments.map((s: {profile: string; setup: string}) => [
        s.profile,
        s.setup,
      ]),
    ).toEqual([
      ['a.json', 'all-platform'],
      ['b.json', 'all-platform'],
    ]);
  });

  it('--wide widens the table, not the chart (an unlimited chart was a crash)', async () => {
    const r = await cli(['platform', '--wide', '--markups', '0,20', ...PINNED], {COLUMNS: '80'});
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    // The table's row on one line, past 80 columns; the chart within them.
    expect(lines.find((l) => l.startsWith('daily-driver'))?.length).toBeGreaterThan(80);
    const chart = lines.slice(lines.findIndex((l) => l.includes('Margin a month by markup')));
    expect(Math.max(...chart.map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('fits its table in 80 columns when piped, leaving out the cost columns and saying so', async () => {
    const r = await cli(['platform', '--markups', '0,20', ...PINNED], {COLUMNS: '80'});
    const lines = r.stdout.split('\n');
    const table = lines.slice(
      lines.findIndex((l) => l.startsWith('Users')),
      lines.findIndex((l) => l.startsWith('A month over')),
    );
    expect(Math.max(...table.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(r.stdout).toContain('(Revenue, To providers, Free tier left out to fit 80 columns: --wide shows');
    expect(rowOf(r.stdout, 'daily-driver')).toEqual([
      'daily-driver',
      '250',
      'all-platform',
      '$284.14',
      '$47.36',
      '$47.36',
      'expected to',
    ]);
  });

  const NO_CACHE = ['--prices', 'test/fixtures/no-cache-prices.json'];
  const rowOf = (stdout: string, profile: string) =>
    (stdout.split('\n').find((l) => l.startsWith(profile)) ?? '').trim().split(/ {2,}/);

  it('with a price missing, each figure says which way the true one lies: at a markup, the margin on what the platform fronts is a lower bound', async () => {
    const r = await cli(['platform', '--wide', ...NO_CACHE, ...PINNED]);
    // User pays, revenue, to providers: ≥. The free pool lists $0: exact. The markup on a cost that
    // can only grow: ≥, and so is what BYOK saves (the markup the user no longer pays).
    expect(rowOf(r.stdout, 'daily-driver').slice(3)).toEqual([
      '≥$121.03',
      '≥$121.03',
      '≥$100.86',
      '$0.00',
      '≥$20.17',
      '≥$20.17',
      'expected to',
    ]);
    expect(r.stdout).toMatch(
      /A month over 1,000 users: revenue ≥\$[\d,.]+, paid to providers ≥\$[\d,.]+, free tier \$0\.00; margin ≥\$/,
    );
    expect(r.stdout).toContain('Some tokens have no price: ≥ marks a lower bound, ≤ an upper bound');
  });

  it('with a price missing on a plan whose credits are counted in tasks, the margin is an upper bound, in the table and in JSON', async () => {
    const args = ['platform', '--plan', 'credits-builder', '--wide', ...NO_CACHE, ...PINNED];
    const r = await cli(args);
    // The user pays the fee and packs by the task, exactly; the platform pays the provider at least
    // the priced part: its margin is at most what is shown (it printed ≥-$15.86).
    expect(rowOf(r.stdout, 'daily-driver').slice(3, 8)).toEqual([
      '$85.00',
      '$85.00',
      '≥$100.86',
      '$0.00',
      '≤-$15.86',
    ]);
    expect(r.stdout).toMatch(
      /revenue \$51,750\.00, paid to providers ≥\$71,769\.00, free tier \$0\.00; margin ≤-\$20,019\.00 if every user stays/,
    );
    const j = JSON.parse((await cli([...args, '--format', 'json'])).stdout);
    const daily = j.segments.find((s: {profile: string}) => s.profile === 'daily-driver');
    expect(daily.perUser).toMatchObject({
      marginUsd: '-15.86',
      complete: false,
      bounds: {userPaysUsd: 'exact', revenueUsd: 'exact', providerCostUsd: 'at-least', marginUsd: 'at-most'},
    });
    expect(j.month.bounds).toMatchObject({revenueUsd: 'exact', marginUsd: 'at-most'});
  });

  it('with a price missing, a saving or margin that could lie either way is not known: no number, and who leaves is open', async () => {
    // OpenRouter's BYOK fee: what BYOK saves is at least $5.55, which may or may not reach $10.
    const r = await cli(['platform', '--plan', 'openrouter', '--wide', ...NO_CACHE, ...PINNED]);
    expect(rowOf(r.stdout, 'daily-driver').slice(8)).toEqual(['≥$5.55', 'not known']);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain(
      'Whether it saves the daily-driver users that much is not known (a price is missing), so the margin after churn is not known.',
    );
    // Credits in dollars that block when spent: drawn short, tasks ran that would have been blocked.
    const args = ['platform', '--plan', 'credits-cliff', '--wide', ...NO_CACHE, ...PINNED];
    const cliff = await cli(args);
    expect(rowOf(cliff.stdout, 'team').slice(5, 8)).toEqual(['not known', '$0.00', 'not known']);
    expect(cliff.stdout).toContain('margin not known if every user stays');
    const j = JSON.parse((await cli([...args, '--format', 'json'])).stdout);
    // JSON keeps the priced part as before, and says it is no bound either way.
    expect(j.month).toMatchObject({complete: false, bounds: {marginUsd: 'not-known'}});
    const open = JSON.parse(
      (await cli(['platform', '--plan', 'openrouter', '--format', 'json', ...NO_CACHE, ...PINNED])).stdout,
    );
    const daily = open.segments.find((s: {profile: string}) => s.profile === 'daily-driver');
    expect(daily).toMatchObject({leaves: false, leavesKnown: false, bounds: {byokSavingUsd: 'at-least'}});
    expect(open.month).toMatchObject({usersUndecided: 250, bounds: {marginAfterChurnUsd: 'not-known'}});
  });

  it('fails in one line, exit 2, on a bad sweep or shares that do not add up', async () => {
    const sweep = await cli(['platform', '--markups', '5:1']);
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toMatch(/^vibe-cost: error: --markups: /);
    const dir = scratchDir('population-');
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({
        id: 'bad',
        name: 'b',
        description: 'b',
        source: 's',
        users: 1,
        segments: [{profile: 'hobbyist', share: 0.4, setup: 'all-free'}],
      }),
    );
    const shares = await cli(['platform', '--population', join(dir, 'bad.json')]);
    expect(shares.code).toBe(65);
    expect(shares.stderr).toContain('shares must add up to 1, they add up to 0.4');
  });
});
