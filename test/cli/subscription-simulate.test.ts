import {describe, expect, it} from 'vitest';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {scratchDir} from '../scratch.js';
import {cli} from './in-process.js';

interface MonthJson {
  id: string;
  monthlyUsd: string;
  feeUsd: string;
  vendorExtraUsd: string;
  overflowUsd: string;
  tasks: {total: number; onSubscription: number; overflow: number; unserved: Record<string, number>};
}

const NO_CACHE_PRICES = 'test/fixtures/no-cache-prices.json';

const json = async (args: string[]) => {
  const r = await cli([...args, '--json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as {
    month: MonthJson[];
    subscriptions: {limits: {id: string; estimate: boolean; count: string}[]}[];
  };
};

describe('simulate --subscription (the real binary)', () => {
  it('prices the month beside your key and the platform, the same month the batch prices', async () => {
    const batch = JSON.parse((await cli(['simulate', '--json'])).stdout) as {
      paths: {byok: {totalUsd: string}; platform: {totalUsd: string}};
    };
    const doc = await json(['simulate', '--subscription', 'claude-max-5x']);
    const by = (id: string) => doc.month.find((m) => m.id === id) as MonthJson;
    expect(by('all-byok').monthlyUsd).toBe(batch.paths.byok.totalUsd);
    expect(by('all-platform').monthlyUsd).toBe(batch.paths.platform.totalUsd);
    // Your key past the limit: the fee plus what the tasks sent to the key cost, and every task served.
    const key = by('claude-max-5x+key');
    expect(Number(key.monthlyUsd)).toBeCloseTo(100 + Number(key.overflowUsd), 10);
    expect(key.tasks.onSubscription + key.tasks.overflow).toBe(key.tasks.total);
    // Waiting costs only the fee; tasks larger than a whole 5-hour window are not served.
    const wait = by('claude-max-5x+wait');
    expect(wait.monthlyUsd).toBe('100');
    expect(wait.tasks.unserved['never-fits']).toBeGreaterThan(0);
  });

  it('says which limits are estimates, and takes your own figure with --limit', async () => {
    const estimated = await json(['simulate', '--subscription', 'claude-max-5x']);
    expect(estimated.subscriptions[0]?.limits.find((l) => l.id === 'session')).toMatchObject({
      estimate: true,
      count: '88000',
    });
    const own = await json(['simulate', '--subscription', 'claude-max-5x', '--limit', 'session=1000000']);
    expect(own.subscriptions[0]?.limits.find((l) => l.id === 'session')).toMatchObject({
      estimate: false,
      count: '1000000',
    });
    // With room for every task, nothing goes past the limit: the month is the fee.
    expect(own.month.find((m) => m.id === 'claude-max-5x+key')?.monthlyUsd).toBe('100');
  });

  it('takes a plan file of your own', async () => {
    const file = join(scratchDir('plan-'), 'my-plan.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'my-max',
        name: 'My Max',
        vendor: 'Anthropic',
        description: 'my own limits',
        fee: {usdPerMonth: '100', source: 'my invoice', asOf: '2026-12-01'},
        covers: {providers: ['anthropic'], source: 'vendor', asOf: '2026-12-01'},
        limits: [
          {
            id: 'session',
            unit: 'tokens',
            window: '5h',
            count: '5000000',
            source: 'my p90',
            asOf: '2026-12-01',
          },
        ],
        pastLimit: {kind: 'wait', source: 'vendor', asOf: '2026-12-01'},
      }),
    );
    const doc = await json(['simulate', '--subscription', file, '--on-limit', 'wait']);
    expect(doc.month.map((m) => [m.id, m.monthlyUsd])).toContainEqual(['my-max+wait', '100']);
  });

  it('with a price missing, prints lower bounds and claims neither cheaper nor dearer', async () => {
    // The profile's model without its cache prices: every bill is a lower bound.
    const r = await cli([
      'simulate',
      '--subscription',
      'claude-max-5x',
      '--prices',
      NO_CACHE_PRICES,
      '--wide',
    ]);
    expect(r.stderr).toBe('');
    const verdict = r.stdout.replace(/\s+/g, ' ');
    expect(verdict).toMatch(/your key alone \(BYOK\) ≥\$[\d,.]+ a month, platform-paid ≥\$/);
    expect(verdict).toContain('not known to cost more or less than your key alone (BYOK)');
    expect(verdict).not.toMatch(/a month (more|less) than your key alone/);
  });

  it('with a price missing, a month the fee covers is exactly the fee; past the limit and where the verdict turns are bounds, said so', async () => {
    const args = ['simulate', '--subscription', 'claude-max-5x', '--prices', NO_CACHE_PRICES, '--wide'];
    const r = await cli(args);
    const row = (start: string) => r.stdout.split('\n').find((l) => l.startsWith(start)) ?? '';
    // Month, fee, past the limit: the tasks the fee covers bill nothing more, priced or not.
    expect(row('Claude Max 5×, wait for the reset')).toMatch(/ \$100\.00 +\$100\.00 +\$0\.00 /);
    // The key's cost of the tasks past the limit is priced at list: a lower bound.
    expect(row('Claude Max 5×, your key past the limit')).toMatch(/≥\$188\.26 +\$100\.00 +≥\$88\.26 /);
    const prose = r.stdout.replace(/\s+/g, ' ');
    expect(prose).toContain('($100.00 fee + ≥$88.26 for 168 tasks past the limit)');
    expect(prose).toMatch(
      /counting only the tokens with a price \(the bills compared are lower bounds\), Claude Max 5× becomes cheaper than your key alone \(BYOK\) from about [\d.]+× of them .*; with every price known it may turn elsewhere/,
    );
    const doc = JSON.parse((await cli([...args, '--json'])).stdout) as {
      month: {id: string; monthlyUsd: string; complete: boolean; pastLimitComplete: boolean}[];
      limitSensitivity: {complete: boolean}[];
    };
    const month = (id: string) => doc.month.find((m) => m.id === id);
    expect(month('claude-max-5x+wait')).toMatchObject({
      monthlyUsd: '100',
      complete: true,
      pastLimitComplete: true,
    });
    expect(month('claude-max-5x+key')).toMatchObject({complete: false, pastLimitComplete: false});
    expect(doc.limitSensitivity[0]?.complete).toBe(false);
  });

  it('with a price missing, the simulated months mark their quantiles a lower bound like their mean', async () => {
    const r = await cli([
      'simulate',
      '--subscription',
      'claude-max-5x',
      '--runs',
      '5',
      '--seed',
      '7',
      '--prices',
      NO_CACHE_PRICES,
      '--wide',
    ]);
    const byok = r.stdout.split('\n').filter((l) => l.startsWith('BYOK'))[1] ?? '';
    // Mean, p10, p50, p90: four figures, each ≥.
    expect(byok.match(/≥\$/g)).toHaveLength(4);
  });

  it('the simulated months write their bill quantiles in JSON as decimal strings, the figures the table shows', async () => {
    const args = ['simulate', '--subscription', 'claude-max-5x', '--runs', '5', '--seed', '7', '--wide'];
    const doc = JSON.parse((await cli([...args, '--json'])).stdout) as {
      simulation: {setups: {id: string; p10Usd: unknown; p50Usd: unknown; p90Usd: unknown}[]};
    };
    const key = doc.simulation.setups.find((s) => s.id === 'claude-max-5x+key');
    for (const q of [key?.p10Usd, key?.p50Usd, key?.p90Usd]) expect(q).toMatch(/^\d+\.\d\d$/);
    const row = (await cli(args)).stdout
      .split('\n')
      .filter((l) => l.startsWith('Claude Max 5×, your key'))[1];
    expect(row).toContain(`$${key?.p50Usd as string}`);
  });

  it.each([
    [['--subscription', 'nope'], /unknown subscription "nope"/],
    [['--subscription', 'copilot-pro-legacy'], /runs none of the profile's models \(claude-sonnet-4-6\)/],
    [['--subscription', 'claude-pro', '--limit', 'foo=3'], /no plan given has a limit "foo"/],
    [['--subscription', 'claude-pro', '--on-limit', 'bogus'], /unknown choice "bogus"/],
    [['--on-limit', 'key'], /--on-limit: needs --subscription/],
    [['--subscription', 'claude-pro', '--tasks', '5'], /--tasks and --subscription do not go together/],
  ])('refuses %j in one line, exit 2', async (args, message) => {
    const r = await cli(['simulate', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(2);
  });
});

describe('recommend and breakeven --subscription', () => {
  it('recommend states Max 5× with your key for overflow beside your key, in figures', async () => {
    const r = await cli(['recommend', '--subscription', 'claude-max-5x', '--limit', 'session=1000000']);
    expect(r.code).toBe(0);
    const text = r.stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/Subscriptions at this pace:/);
    expect(text).toMatch(/your key alone \(BYOK\) \$236\.78 a month/);
    expect(text).toMatch(
      /Cheapest of your key, the platform and the subscription setups that serves every task: Claude Max 5×/,
    );
    const doc = JSON.parse(
      (await cli(['recommend', '--subscription', 'claude-max-5x', '--limit', 'session=1000000', '--json']))
        .stdout,
    ) as {subscriptions: {month: {id: string}[]}};
    // Without --on-limit, recommend weighs every choice past the limit.
    expect(doc.subscriptions.month.map((m) => m.id)).toEqual([
      'all-byok',
      'all-platform',
      'claude-max-5x+wait',
      'claude-max-5x+key',
      'claude-max-5x+platform',
      'claude-max-5x+extra',
    ]);
  });

  it('breakeven: Max 5× beats your key from the pace where a month on the key passes its $100 fee', async () => {
    const r = await cli([
      'breakeven',
      '--subscription',
      'claude-max-5x',
      '--on-limit',
      'key',
      '--limit',
      'session=1000000',
      '--json',
    ]);
    const doc = JSON.parse(r.stdout) as {
      subscriptions: {
        setups: {beatsBaseline: {fromTasksPerDay: number}[]; limitBitesAtTasksPerDay: number | null}[];
        curve: {tasksPerDay: number; usd: string[]}[];
      };
    };
    const setup = doc.subscriptions.setups[0]!;
    // Below the limits the subscription costs its fee: it wins where the key alone costs more than $100.
    const firstOver = doc.subscriptions.curve.find((p) => Number(p.usd[0]) > 100)!.tasksPerDay;
    expect(firstOver).toBe(5.5);
    expect(setup.beatsBaseline[0]?.fromTasksPerDay).toBe(firstOver);
    expect(setup.limitBitesAtTasksPerDay).toBeGreaterThan(firstOver);
    const text = (await cli(['breakeven', '--subscription', 'claude-max-5x', '--on-limit', 'key'])).stdout;
    expect(text.replace(/\s+/g, ' ')).toMatch(/its limits refuse tasks from 0\.5 tasks a day/);
  });

  it('breakeven --subscription with a price missing: beats the key only where the bills tell, and says where they cannot', async () => {
    const args = [
      'breakeven',
      '--subscription',
      'claude-max-5x',
      '--on-limit',
      'key',
      '--limit',
      'session=1000000',
    ];
    const doc = JSON.parse((await cli([...args, '--prices', NO_CACHE_PRICES, '--json'])).stdout) as {
      subscriptions: {
        setups: {
          beatsBaseline: {fromTasksPerDay: number; toTasksPerDay: number}[];
          notKnown: {fromTasksPerDay: number; toTasksPerDay: number}[];
          limitBitesAtTasksPerDay: number;
        }[];
        curve: {tasksPerDay: number; usd: string[]}[];
      };
    };
    const setup = doc.subscriptions.setups[0]!;
    // Within the limits the month is exactly the $100 fee, and the key alone at least its priced part:
    // the plan surely wins where that part passes $100, and below it no one can tell.
    const firstOver = doc.subscriptions.curve.find((p) => Number(p.usd[0]) > 100)!.tasksPerDay;
    expect(setup.beatsBaseline[0]?.fromTasksPerDay).toBe(firstOver);
    expect(setup.notKnown[0]).toEqual({fromTasksPerDay: 0.5, toTasksPerDay: firstOver - 0.5});
    // Past the limit your key bills the overflow at list, a lower bound too: not known again.
    expect(setup.beatsBaseline[0]?.toTasksPerDay).toBeLessThan(setup.limitBitesAtTasksPerDay);
    expect(setup.notKnown.at(-1)?.toTasksPerDay).toBe(36);
    const text = (await cli([...args, '--prices', NO_CACHE_PRICES])).stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(
      /costs less than your key alone at [\d.]+( to [\d.]+)? tasks a day \(at 0\.5 to [\d.]+, [\d.]+ to 36 tasks a day a price is missing and the bills, lower bounds, cannot tell\)/,
    );
  });
});
