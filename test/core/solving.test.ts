import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
  attemptModels,
  expectedAttempts,
  oddsAfterFailures,
  solvedShare,
  type Ladder,
} from '../../src/core/solving/attempts.js';
import {firstAttemptRate, parseSolveRates, type SolveRates} from '../../src/core/solving/solve-rates.js';
import {simulateRun} from '../../src/core/simulation/batch-run.js';
import {simulateMonths} from '../../src/core/simulation/months.js';
import type {ModelPrice} from '../../src/core/pricing/model-price.js';
import type {Strategy} from '../../src/core/routing/strategy.js';
import {byokSettings, PLATFORM_SETTINGS} from '../../src/core/routing/strategy.js';
import {plan, rates, scenario, SONNET, taskClass, tokens} from '../helpers.js';

const bundled = parseSolveRates(JSON.parse(readFileSync('data/solve-rates.json', 'utf8')), 'bundled');

/** A model at `usdPerMTok` output tokens only, so a task of 1M output tokens lists at that many dollars. */
function model(id: string, provider: string, usdPerMTok: string): ModelPrice {
  return {
    ...SONNET,
    id,
    provider,
    rates: rates({
      input: '0',
      output: usdPerMTok,
      cacheRead: '0',
      cacheWrite5m: '0',
      cacheWrite1h: '0',
    }),
  };
}

const A = model('model-a', 'a', '1');
const B = model('model-b', 'b', '5');

function solveRates(
  rate: Record<string, number>,
  independentShare: number,
  failedTokenShare: number,
): SolveRates {
  return {
    origin: 'test',
    asOf: '2026-12-01',
    models: Object.entries(rate).map(([id, resolveRate]) => ({
      ids: [id],
      resolveRate,
      benchmark: 'test',
      source: 'test',
      date: '2026-12-01',
      estimate: false,
    })),
    classShift: {open: 0, small: 0, mid: 0, frontier: 0},
    independentShare,
    failedTokenShare,
  };
}

const MILLION_OUT = taskClass({tokens: tokens({output: 1_000_000}), needs: 'mid'});

function run(ladder: Ladder | undefined, sr: SolveRates, tasks: number, strategy: Partial<Strategy> = {}) {
  const s = {
    ...scenario(plan({markupPct: '20', free: null}), [MILLION_OUT], {tasksPerDay: 50}, A),
    solveRates: sr,
  };
  return simulateRun(
    s,
    {id: 'test', label: 'test', settings: byokSettings(['a']), ...strategy, ...(ladder ? {ladder} : {})},
    tasks,
  );
}

describe('the odds of an attempt after failures', () => {
  it('a retry on the same model succeeds at κ·p; an escalation gains on the tasks between the two rates', () => {
    expect(oddsAfterFailures(0.6, 0.6, 0.18)).toBeCloseTo(0.108, 12);
    // κ·p + (1 − κ)·(0.8 − 0.6)/(1 − 0.6) = 0.2 + 0.75·0.5
    expect(oddsAfterFailures(0.8, 0.6, 0.25)).toBeCloseTo(0.575, 12);
    // A weaker model after a stronger one gains only its independent share.
    expect(oddsAfterFailures(0.5, 0.8, 0.25)).toBeCloseTo(0.125, 12);
  });

  it('the bundled κ reproduces the replayed escalation it was fitted to: 77.2% resolved at $0.43 a task', () => {
    // SWE-bench bash-only, 2025-11-24: GPT-5 mini 59.8% at $0.035, Claude 4.5 Opus 74.4% at $0.72.
    const steps = expectedAttempts([0.598, 0.744], bundled.independentShare, bundled.failedTokenShare);
    expect(solvedShare(steps)).toBeCloseTo(0.772, 3);
    const [mini, opus] = steps as [(typeof steps)[0], (typeof steps)[0]];
    const cost = mini.reach * mini.tokenFactor * 0.035 + opus.reach * opus.tokenFactor * 0.72;
    expect(cost).toBeCloseTo(0.43, 2);
  });

  it('a class moves a benchmark rate on the log-odds scale: Sonnet 4.6 at 74.4% solves 86% of open, 52% of frontier tasks', () => {
    const sonnet = {...SONNET, id: 'claude-sonnet-4-6'};
    expect(firstAttemptRate(bundled, sonnet, 'mid')).toBeCloseTo(0.744, 12);
    expect(firstAttemptRate(bundled, sonnet, 'open')).toBeCloseTo(0.8601, 3);
    expect(firstAttemptRate(bundled, sonnet, 'frontier')).toBeCloseTo(0.5167, 3);
    expect(firstAttemptRate(bundled, {...SONNET, id: 'no-benchmark'}, 'mid')).toBeUndefined();
  });
});

describe('retries and escalation in the batch, by hand', () => {
  it('geometric retries: p = 0.5, κ = 0.2, two retries; a failed attempt costs 3 times a success', () => {
    // Odds 0.5, then 0.1 and 0.1: 1,000 tasks, 500 retried, 450 retried again; 500 + 50 + 45 solved.
    // A retry at odds 0.1 costs (0.1 + 0.9·3)/(0.5 + 0.5·3) = 1.4 mean attempts: 1,000·$1 + 950·$1.40.
    const r = run({retries: 2, escalateTo: []}, solveRates({'model-a': 0.5}, 0.2, 3), 1000);
    expect(r.solving).toMatchObject({attempts: 1950, solved: 595, unknown: 0, stopped: 0});
    expect(r.totalUsd.toFixed()).toBe('2330');
    expect(r.served.byok).toBe(1000);
    expect(r.lines[0]).toMatchObject({tasks: 1000, attempts: 1950});
  });

  it('escalation: model A (60%) then B (80%) on its failures, B on the platform as route() decides', () => {
    // B after A failed: 0.25·0.8 + 0.75·(0.8 − 0.6)/(1 − 0.6) = 0.575; 600 + 400·0.575 = 830 solved.
    // B's attempt: (0.575 + 0.425·2)/(0.8 + 0.2·2) = 1.1875 of its $5 mean, at the plan's 20% markup:
    // 1,000·$1 on the key for provider a, 400·$5.9375·1.2 platform-paid (no key for provider b).
    const r = run(
      {retries: 0, escalateTo: [B]},
      solveRates({'model-a': 0.6, 'model-b': 0.8}, 0.25, 2),
      1000,
      {settings: {...PLATFORM_SETTINGS, keys: new Set(['a'])}},
    );
    expect(r.solving).toMatchObject({attempts: 1400, solved: 830, unknown: 0});
    expect(r.charges.byokListUsd.toFixed()).toBe('1000');
    expect(r.charges.platformUsageUsd.toFixed()).toBe('2850');
    expect(r.served).toEqual({byok: 1000, platform: 0, free: 0});
  });

  it('an escalation with no path leaves its tasks unsolved and says so', () => {
    const r = run({retries: 0, escalateTo: [B]}, solveRates({'model-a': 0.6, 'model-b': 0.8}, 0.25, 2), 1000);
    expect(r.solving).toMatchObject({attempts: 1000, solved: 600, stopped: 400});
  });

  it('a model no benchmark covers: its tasks are unknown, not unsolved', () => {
    const r = run(undefined, solveRates({}, 0.25, 2), 100);
    expect(r.solving).toMatchObject({attempts: 100, solved: 0, unknown: 100, unknownModels: ['model-a']});
  });
});

describe('ladder properties', () => {
  const rate = fc.double({min: 0.01, max: 0.99, noNaN: true});
  it('a ladder never solves fewer tasks than its first rung alone, and more retries never solve fewer', () => {
    fc.assert(
      fc.property(
        rate,
        rate,
        fc.double({min: 0, max: 1, noNaN: true}),
        fc.double({min: 0.1, max: 5, noNaN: true}),
        fc.integer({min: 1, max: 400}),
        fc.integer({min: 0, max: 3}),
        (pa, pb, kappa, share, tasks, retries) => {
          const sr = solveRates({'model-a': pa, 'model-b': pb}, kappa, share);
          const keyed = {settings: byokSettings(['a', 'b'])};
          const alone = run(undefined, sr, tasks, keyed).solving.solved;
          const ladder = run({retries, escalateTo: [B]}, sr, tasks, keyed).solving.solved;
          const more = run({retries: retries + 1, escalateTo: [B]}, sr, tasks, keyed).solving.solved;
          expect(ladder).toBeGreaterThanOrEqual(alone);
          expect(more).toBeGreaterThanOrEqual(ladder);
          const expected = (r: number) =>
            solvedShare(
              expectedAttempts(
                attemptModels({retries: r, escalateTo: [B]}, A).map((m) => (m === A ? pa : pb)),
                kappa,
                share,
              ),
            );
          expect(expected(retries + 1)).toBeGreaterThanOrEqual(expected(retries) - 1e-12);
        },
      ),
      {numRuns: 300},
    );
  });
});

describe('the bundled solve rates', () => {
  it('every rate names its benchmark, source and date, and every id is a model the bundled sheets price', async () => {
    const {loadPriceBook} = await import('../../src/io/load-data.js');
    const book = loadPriceBook([], {cache: false});
    expect(bundled.models.length).toBeGreaterThanOrEqual(10);
    for (const m of bundled.models) {
      expect(m.benchmark).toMatch(/SWE-bench/);
      expect(m.source.length).toBeGreaterThan(40);
      expect(m.date >= '2025-01-01' && m.date <= bundled.asOf).toBe(true);
      for (const id of m.ids) expect(book.find(id)?.id, id).toBe(id);
    }
    const json = JSON.parse(readFileSync('data/solve-rates.json', 'utf8')) as Record<
      string,
      {source: string; estimate: boolean}
    >;
    for (const part of ['classDifficulty', 'failedAttemptTokenShare', 'retryCorrelation']) {
      expect(json[part]?.estimate, part).toBe(true);
      expect(json[part]?.source.length, part).toBeGreaterThan(100);
    }
  });
});

describe('the month simulation draws success per attempt', () => {
  const sr = solveRates({'model-a': 0.5, 'model-b': 0.8}, 0.2, 3);
  const base = scenario(
    plan({markupPct: '20', free: null}),
    [{...MILLION_OUT, p90ToMedian: 3}],
    {tasksPerDay: 10},
    A,
  );
  const keyed = byokSettings(['a', 'b']);
  const single: Strategy = {id: 'single', label: 'single', settings: keyed};
  const ladder: Strategy = {
    id: 'ladder',
    label: 'ladder',
    settings: keyed,
    ladder: {retries: 1, escalateTo: [B]},
  };

  it('without a ladder, the bills are the same with or without solve rates: success has its own random stream', () => {
    const without = simulateMonths(base, {runs: 50, seed: 3, strategies: [single]});
    const withRates = simulateMonths(
      {...base, solveRates: sr},
      {runs: 50, seed: 3, strategies: [single, ladder]},
    );
    expect(withRates.outcomes[0]?.totalUsd.toFixed()).toBe(without.outcomes[0]?.totalUsd.toFixed());
    expect(without.outcomes[0]?.solving.unknown).toBe(without.tasks);
  });

  it('a ladder averages out to the batch: solved share and bill within 2% over 2,000 months', () => {
    const result = simulateMonths(
      {...base, solveRates: sr},
      {runs: 2000, seed: 5, strategies: [single, ladder]},
    );
    for (const outcome of result.outcomes) {
      const batch = simulateRun({...base, solveRates: sr}, outcome.strategy, 200);
      expect(outcome.solving.solved / result.tasks).toBeCloseTo(batch.solving.solved / 200, 2);
      expect(outcome.solving.attempts / result.tasks).toBeCloseTo(batch.solving.attempts / 200, 1);
      const mean = outcome.totalUsd.div(2000);
      expect(mean.div(batch.totalUsd).sub(1).abs().toNumber(), outcome.strategy.id).toBeLessThan(0.02);
    }
  });

  it("retry storms widen the bill: a ladder's p90 month sits further above its mean than a single attempt's", () => {
    const result = simulateMonths(
      {...base, solveRates: sr},
      {runs: 1000, seed: 9, strategies: [single, ladder]},
    );
    const spread = (i: number) => {
      const o = result.outcomes[i] as (typeof result.outcomes)[number];
      return o.bills.quantile(0.9) - o.totalUsd.div(1000).toNumber();
    };
    expect(spread(1)).toBeGreaterThan(spread(0));
  });
});
