import {describe, expect, it, vi} from 'vitest';
import {cli} from './in-process.js';

// The goldens (test/golden) run on frozen price sheets, so a price refresh in data/ fails no golden and
// rewrites none: a golden changes only when what the CLI prints for the same prices changes.
vi.mock('../../src/io/data-dir.js', async () => {
  const {frozenPricesDataDir} = await import('./frozen-data.js');
  let dir: string | undefined;
  return {dataDir: () => (dir ??= frozenPricesDataDir())};
});

describe('vibe-cost simulate', () => {
  it('prints the comparison for 1,000 tasks', async () => {
    const r = await cli(['simulate', '--tasks', '1000']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\u001B\[/);
    await expect(r.stdout).toMatchFileSnapshot('../golden/simulate-1000.txt');
  });

  it.each(['json', 'csv', 'markdown'])('writes --format %s', async (format) => {
    const r = await cli(['simulate', '--tasks', '1000', '--format', format]);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(
      `../golden/simulate-1000.${format === 'markdown' ? 'md' : format}`,
    );
  });

  it("shows the bill's spread and when the credits run out, with a chart", async () => {
    const r = await cli(
      ['simulate', '--profile', 'daily-driver', '--plan', 'credits-builder', '--runs', '300', '--seed', '7'],
      {COLUMNS: '100'},
    );
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(
      /run out in 100% of months, on working day \d+ \/ \d+ \/ \d+ \(p10 \/ p50 \/ p90\)/,
    );
    await expect(r.stdout).toMatchFileSnapshot('../golden/simulate-runs-credits-builder.txt');
  });
});

describe('vibe-cost import', () => {
  it('re-prices a Claude Code projects folder on every path, by day and by model', async () => {
    const r = await cli(['import', 'test/fixtures/usage/claude-projects'], {COLUMNS: '100'});
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /read \d+ = \d+ imported \+ \d+ duplicates collapsed \+ \d+ rejected \+ \d+ skipped/,
    );
    await expect(r.stdout).toMatchFileSnapshot('../golden/import-claude-projects.txt');
  });

  it("re-prices an organisation's aggregated usage per team, with each team's recommendation and the sum", async () => {
    const r = await cli(['import', 'test/fixtures/usage/aggregated.csv', '--by', 'team'], {COLUMNS: '100'});
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('../golden/import-aggregated-by-team.txt');
  });
});

describe('vibe-cost prices', () => {
  it('shows every tier of a model, its long-context tier included', async () => {
    const r = await cli(['prices', 'show', 'claude-sonnet-4-5']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Long context: a request whose prompt passes 200,000 tokens is priced whole at:/,
    );
    await expect(r.stdout).toMatchFileSnapshot('../golden/prices-show-claude-sonnet-4-5.txt');
  });
});

describe('vibe-cost recommend and breakeven', () => {
  it('tells a daily driver what to do, with the reasons', async () => {
    const r = await cli(['recommend', '--profile', 'daily-driver', '--current', 'all-platform']);
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('../golden/recommend-daily-driver.txt');
  });

  it.each(['vibekit', 'openrouter', 'cursor-pro', 'credits-builder', 'credits-cliff'])(
    'answers for plan %s, with a chart that fits the width',
    async (plan) => {
      const r = await cli(['breakeven', '--plan', plan], {COLUMNS: '100'});
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(/\u001B\[/);
      for (const line of r.stdout.split('\n').filter((l) => /[┼┤]/.test(l)))
        expect(line.length).toBeLessThanOrEqual(100);
      await expect(r.stdout).toMatchFileSnapshot(`../golden/breakeven-${plan}.txt`);
    },
  );
});

describe('vibe-cost platform', () => {
  it('prints the builder’s month for the bundled population, with the best markup and a chart', async () => {
    const r = await cli([
      'platform',
      '--markups',
      '0:40:10',
      '--conversion',
      '3',
      '--free-paid-at',
      'deepseek-v4-flash',
      '--as-of',
      '2026-11-01',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot('../golden/platform-indie-mix.txt');
  });
});

describe('vibe-cost simulate --subscription', () => {
  it('reports the share of months and days a limit bites, with a golden table', async () => {
    const r = await cli(['simulate', '--subscription', 'claude-max-5x', '--runs', '200', '--seed', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/200 random months \(seed 3\)/);
    await expect(r.stdout).toMatchFileSnapshot('../golden/simulate-subscription-max-5x.txt');
  });
});

describe('vibe-cost sql', () => {
  it.each(
    (['otel', 'litellm', 'claude-code'] as const).flatMap((source) =>
      (['duckdb', 'bigquery', 'snowflake', 'postgres'] as const).map((dialect) => [source, dialect] as const),
    ),
  )('prints the %s aggregation in %s SQL, thresholds from the price book', async (source, dialect) => {
    const r = await cli(['sql', '--source', source, '--dialect', dialect]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^-- vibe-cost aggregated usage/);
    await expect(r.stdout).toMatchFileSnapshot(`../golden/sql-${source}-${dialect}.sql`);
  });
});
