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

  it('with a price missing, revenue is a lower bound like what the user pays', async () => {
    const r = await cli(['platform', '--wide', '--prices', 'test/fixtures/no-cache-prices.json', ...PINNED]);
    const row = r.stdout.split('\n').find((l) => l.startsWith('daily-driver')) ?? '';
    // User pays, revenue, to providers, free tier, margin: each ≥.
    expect(row.match(/≥\$/g)).toHaveLength(5);
    expect(r.stdout).toMatch(/A month over 1,000 users: revenue ≥\$/);
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
