import {describe, expect, it} from 'vitest';
import {ALL_PLATFORM} from '../../src/core/routing/candidates.js';
import {simulateMonths} from '../../src/core/simulation/months.js';
import {Random} from '../../src/core/simulation/random.js';
import {simulateRun} from '../../src/core/simulation/batch-run.js';
import {QuantileSketch} from '../../src/core/simulation/sketch.js';
import {byokSettings} from '../../src/core/routing/strategy.js';
import {
  inverseNormal,
  SIZE_TABLE_ENTRIES,
  sizeDistribution,
  sizeTable,
} from '../../src/core/simulation/task-size.js';
import {m, plan, scenario, taskClass, tokens} from '../helpers.js';

const BYOK = {id: 'all-byok', label: 'BYOK', settings: byokSettings(['anthropic'])};
const easy = taskClass({
  name: 'easy',
  share: 0.6,
  tokens: tokens({input: 20_000, cacheRead: 300_000, cacheWrite5m: 20_000, output: 8_000}),
  requestsPerTask: 10,
  p90ToMedian: 3,
});
const hard = taskClass({
  name: 'hard',
  share: 0.4,
  needs: 'frontier',
  tokens: tokens({input: 60_000, cacheRead: 2_000_000, cacheWrite1h: 90_000, output: 50_000}),
  requestsPerTask: 40,
  p90ToMedian: 4,
});

describe('the month simulation', () => {
  const s = scenario(plan({markupPct: '15'}), [easy, hard], {tasksPerDay: 12, workingDaysPerMonth: 21});

  it('gives the same output for the same seed, and other output for another', () => {
    const once = simulateMonths(s, {runs: 200, seed: 7, strategies: [BYOK, ALL_PLATFORM]});
    const again = simulateMonths(s, {runs: 200, seed: 7, strategies: [BYOK, ALL_PLATFORM]});
    const other = simulateMonths(s, {runs: 200, seed: 8, strategies: [BYOK, ALL_PLATFORM]});
    expect(again.outcomes.map((o) => o.totalUsd.toFixed())).toEqual(
      once.outcomes.map((o) => o.totalUsd.toFixed()),
    );
    expect(other.outcomes[0]?.totalUsd.toFixed()).not.toBe(once.outcomes[0]?.totalUsd.toFixed());
  });

  it('averages out to the deterministic month (within 1.5% over 3,000 months)', () => {
    const result = simulateMonths(s, {runs: 3000, seed: 11, strategies: [BYOK, ALL_PLATFORM]});
    for (const outcome of result.outcomes) {
      const deterministic = simulateRun(s, outcome.strategy, 12 * 21).totalUsd;
      const mean = outcome.totalUsd.div(3000);
      expect(mean.div(deterministic).sub(1).abs().toNumber(), outcome.strategy.id).toBeLessThan(0.015);
    }
  });

  it('at one task a day the deterministic month is the expected month (whole tasks, largest remainder)', () => {
    const small = {...easy, name: 'small', share: 0.5};
    const medium = {
      ...hard,
      name: 'medium',
      share: 0.35,
      tokens: tokens({input: 30_000, cacheRead: 800_000, output: 20_000}),
    };
    const large = {...hard, name: 'large', share: 0.15};
    const one = scenario(plan({markupPct: '15'}), [small, medium, large], {
      tasksPerDay: 1,
      workingDaysPerMonth: 21,
    });
    const result = simulateMonths(one, {runs: 4000, seed: 5, strategies: [BYOK]});
    const month = simulateRun(one, BYOK, 21);
    expect(month.served.byok).toBe(21);
    // Whole tasks cannot hold 10.5 small ones: the month differs from the expectation by at most
    // each class's rounding (11 − 10.5, 7 − 7.35, 3 − 3.15 tasks) at its task's cost, plus sampling error.
    const unit = (c: typeof small) =>
      simulateRun(
        scenario(plan({markupPct: '15'}), [{...c, share: 1}], {tasksPerDay: 1}),
        BYOK,
        1,
      ).totalUsd.toNumber();
    const rounding =
      Math.abs(11 - 10.5) * unit(small) +
      Math.abs(7 - 7.35) * unit(medium) +
      Math.abs(3 - 3.15) * unit(large);
    const mean = result.outcomes[0]!.totalUsd.div(4000).toNumber();
    expect(Math.abs(mean - month.totalUsd.toNumber())).toBeLessThan(rounding + 0.01 * mean);
  });

  it('draws task sizes with the stated median and p90', () => {
    const random = new Random(3);
    const {median, p90} = sizeDistribution(easy);
    const table = sizeTable(easy);
    const draws = Array.from(
      {length: 200_000},
      () => table[(random.uniform() * SIZE_TABLE_ENTRIES) | 0]!,
    ).sort((a, b) => a - b);
    expect(draws[100_000]! / median).toBeCloseTo(1, 1);
    expect(draws[180_000]! / p90).toBeCloseTo(1, 1);
    expect(p90 / median).toBeCloseTo(3, 10);
    const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
    expect(mean).toBeCloseTo(1, 1);
  });

  it('draws from an empirical size distribution where the profile carries one, keeping the mean task', () => {
    // A history where a tenth of the tasks are ten times the rest.
    const quantiles = Array.from({length: 101}, (_, k) => (k >= 90 ? 10 : 1));
    const table = sizeTable({...easy, sizeQuantiles: quantiles});
    const mean = table.reduce((a, b) => a + b, 0) / table.length;
    expect(mean).toBeCloseTo(1, 10);
    expect(table[Math.floor(table.length * 0.5)]! / table[Math.floor(table.length * 0.99)]!).toBeCloseTo(
      0.1,
      1,
    );
    const s = scenario(plan({markupPct: '15'}), [{...easy, share: 1, sizeQuantiles: quantiles}], {
      tasksPerDay: 12,
      workingDaysPerMonth: 21,
    });
    const result = simulateMonths(s, {runs: 2000, seed: 4, strategies: [BYOK]});
    const deterministic = simulateRun(s, BYOK, 12 * 21).totalUsd;
    expect(result.outcomes[0]!.totalUsd.div(2000).div(deterministic).sub(1).abs().toNumber()).toBeLessThan(
      0.02,
    );
  });

  it('inverts the normal distribution accurately', () => {
    expect(inverseNormal(0.5)).toBe(0);
    expect(inverseNormal(0.9)).toBeCloseTo(1.2815515655446004, 8);
    expect(inverseNormal(0.001)).toBeCloseTo(-3.090232306167813, 8);
  });

  it('draws Poisson day counts with the right mean and variance', () => {
    const random = new Random(5);
    for (const lambda of [3, 12, 96]) {
      const draws = Array.from({length: 100_000}, () => random.poisson(lambda));
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / draws.length;
      expect(mean / lambda).toBeCloseTo(1, 1);
      expect(variance / lambda).toBeCloseTo(1, 1);
    }
  });

  it('finds the day the credits run out, and the cliff blocks what follows', () => {
    const cliff = plan({
      free: null,
      subscription: {
        monthlyFeeUsd: m('20'),
        includedCredits: m('20'),
        creditUnit: 'usd',
        creditsPerTask: m('1'),
        overage: {kind: 'blocked'},
      },
    });
    const result = simulateMonths(scenario(cliff, [easy, hard], {tasksPerDay: 12, workingDaysPerMonth: 21}), {
      runs: 300,
      seed: 1,
      strategies: [ALL_PLATFORM],
    });
    const credits = result.outcomes[0]!.credits!;
    expect(credits.monthsRunOut).toBe(300);
    const firstDay = credits.runOutDays.findIndex((n) => n > 0) + 1;
    expect(firstDay).toBeGreaterThanOrEqual(1);
    expect(firstDay).toBeLessThanOrEqual(3);
    expect(credits.blockedTasks.quantile(0.5)).toBeGreaterThan(150);
    expect(result.outcomes[0]!.bills.quantile(0.99)).toBe(20);
  });
});

describe('QuantileSketch', () => {
  it('is exact while values are few, and within 0.05% after', () => {
    const few = new QuantileSketch();
    for (const v of [85, 85, 70, 85, 100]) few.add(v);
    expect(few.quantile(0.5)).toBe(85);
    const many = new QuantileSketch();
    const values = Array.from({length: 50_000}, (_, i) => 1 + i * 0.37);
    for (const v of values) many.add(v);
    expect(many.isExact).toBe(false);
    for (const q of [0.1, 0.5, 0.9, 0.99]) {
      const truth = values[Math.ceil(q * values.length) - 1]!;
      expect(Math.abs(many.quantile(q) / truth - 1)).toBeLessThan(0.0006);
    }
  });
});
