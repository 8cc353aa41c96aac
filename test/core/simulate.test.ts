import {describe, expect, it} from 'vitest';
import {ALL_PLATFORM, FREE_THEN_PAID} from '../../src/core/routing/candidates.js';
import fc from 'fast-check';
import {
  dailyUsd,
  repeatingPeriod,
  simulateDays,
  simulateRun,
  TaskSequence,
} from '../../src/core/simulation/batch-run.js';
import {candidateStrategies} from '../../src/core/routing/candidates.js';
import {buildScenario} from '../../src/core/simulation/scenario.js';
import type {Strategy} from '../../src/core/routing/strategy.js';
import {loadPlan, loadPriceBook, loadProfile} from '../../src/io/load-data.js';
import {byokSettings} from '../../src/core/routing/strategy.js';
import {m, plan, scenario, taskClass, tokens} from '../helpers.js';

// One task: 1M input tokens at $3 and 100k output at $15 = $4.50 at list price, over 10
// requests so that no request passes the 200k long-context threshold.
const FOUR_FIFTY = taskClass({tokens: tokens({input: 1_000_000, output: 100_000}), requestsPerTask: 10});
const BYOK = {id: 'all-byok', label: 'BYOK', settings: byokSettings(['anthropic'])};

describe('simulateRun, by hand', () => {
  it('BYOK is list price with no markup', () => {
    const run = simulateRun(scenario(plan({markupPct: '20'}), [FOUR_FIFTY], {tasksPerDay: 10}), BYOK, 30);
    expect(run.totalUsd.toFixed()).toBe('135');
    expect(run.served).toEqual({byok: 30, platform: 0, free: 0});
    expect(run.days).toBe(3);
  });

  it('platform-paid carries the markup', () => {
    const run = simulateRun(
      scenario(plan({markupPct: '20'}), [FOUR_FIFTY], {tasksPerDay: 10}),
      ALL_PLATFORM,
      30,
    );
    expect(run.totalUsd.toFixed()).toBe('162'); // 135 × 1.2
    expect(run.charges.platformUsageUsd.toFixed()).toBe('162');
  });

  it("BYOK fee applies only past the month's free requests", () => {
    const p = plan({byokFeePct: '5', byokWaived: 250});
    const run = simulateRun(scenario(p, [FOUR_FIFTY], {tasksPerDay: 10}), BYOK, 30);
    // 300 requests; the 50 past the 250 waived are 5 tasks' worth: 5 × 4.50 × 5%.
    expect(run.charges.byokFeeUsd.toFixed()).toBe('1.125');
    expect(run.totalUsd.toFixed()).toBe('136.125');
  });

  it('usd credits, then pay as you go', () => {
    const p = plan({
      subscription: {
        monthlyFeeUsd: m('20'),
        includedCredits: m('20'),
        creditUnit: 'usd',
        creditsPerTask: m('1'),
        overage: {kind: 'payg', usdPerCredit: m('1')},
      },
    });
    const run = simulateRun(
      scenario(p, [FOUR_FIFTY], {tasksPerDay: 2, workingDaysPerMonth: 20}),
      ALL_PLATFORM,
      10,
    );
    // $45 of usage: $20 fee covers $20, $25 on top. Credits run out on day 3 (after $18 on day 2).
    expect(run.totalUsd.toFixed()).toBe('45');
    expect(run.charges.subscriptionUsd.toFixed()).toBe('20');
    expect(run.charges.platformUsageUsd.toFixed()).toBe('25');
    expect(run.credits[0]?.runOutDay).toBe(3);
  });

  it('task credits, then packs', () => {
    const p = plan({
      subscription: {
        monthlyFeeUsd: m('25'),
        includedCredits: m('100'),
        creditUnit: 'task',
        creditsPerTask: m('1'),
        overage: {kind: 'packs', packCredits: m('50'), packPriceUsd: m('15')},
      },
    });
    const run = simulateRun(
      scenario(p, [FOUR_FIFTY], {tasksPerDay: 10, workingDaysPerMonth: 20}),
      ALL_PLATFORM,
      200,
    );
    // 100 included; the next 100 need two packs of 50.
    expect(run.totalUsd.toFixed()).toBe('55');
    expect(run.credits[0]?.packsBought).toBe(2);
    expect(run.credits[0]?.runOutDay).toBe(10);
  });

  it('the credit cliff blocks tasks until the month renews', () => {
    const p = plan({
      subscription: {
        monthlyFeeUsd: m('20'),
        includedCredits: m('20'),
        creditUnit: 'usd',
        creditsPerTask: m('1'),
        overage: {kind: 'blocked'},
      },
    });
    const run = simulateRun(
      scenario(p, [FOUR_FIFTY], {tasksPerDay: 2, workingDaysPerMonth: 5}),
      ALL_PLATFORM,
      20,
    );
    // $20 buys 4 tasks a month ($18); 2 months of 5 days: 8 run, 12 blocked, $40 in fees.
    expect(run.served.platform).toBe(8);
    expect(run.unserved['credits-exhausted']).toBe(12);
    expect(run.totalUsd.toFixed()).toBe('40');
    expect(run.credits.map((c) => c.runOutDay)).toEqual([3, 3]);
  });

  it('free-then-platform pays for what the free tier cannot take', () => {
    const p = plan({
      markupPct: '10',
      free: {pool: ['pool:free'], capability: 'open', dailyCap: {unit: 'tasks', count: 1}},
    });
    const easy = {...FOUR_FIFTY, name: 'easy', share: 0.5};
    const hard = {...FOUR_FIFTY, name: 'hard', share: 0.5, needs: 'frontier' as const};
    const run = simulateRun(scenario(p, [easy, hard], {tasksPerDay: 4}), FREE_THEN_PAID, 8);
    // A day: 2 easy (1 free, 1 over the cap) and 2 hard (beyond open models): 3 paid at 4.50 × 1.1.
    expect(run.served).toEqual({byok: 0, platform: 6, free: 2});
    expect(run.totalUsd.toFixed()).toBe('29.7');
  });
});

/** Largest-remainder rounding of n tasks by shares, worked out independently (exact, in millionths). */
function largestRemainder(shares: number[], n: number): number[] {
  const parts = shares.map((x) => Math.round(x * 1e6));
  const whole = parts.reduce((a, b) => a + b, 0);
  const floors = parts.map((p) => Math.floor((p * n) / whole));
  const order = parts
    .map((p, i) => [p * n - (floors[i] as number) * whole, i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const left = n - floors.reduce((a, b) => a + b, 0);
  for (let k = 0; k < left; k++) {
    const i = (order[k] as readonly [number, number])[1];
    floors[i] = (floors[i] ?? 0) + 1;
  }
  return floors;
}

describe('TaskSequence: whole tasks add up', () => {
  it('gives whole tasks per class that add up over any split of the run', () => {
    const sequence = new TaskSequence([{share: 0.5}, {share: 0.35}, {share: 0.15}]);
    let sum = [0, 0, 0];
    for (let day = 0; day < 84; day++) {
      const counts = sequence.take(
        Math.min(1000, Math.floor(12 * (day + 1))) - Math.min(1000, Math.floor(12 * day)),
      );
      sum = sum.map((s, i) => s + (counts[i] ?? 0));
    }
    expect(sum).toEqual([500, 350, 150]);
  });

  it('never splits a day negatively, and after every task matches largest-remainder rounding', () => {
    const shares = fc
      .array(fc.integer({min: 1, max: 1000}), {minLength: 1, maxLength: 5})
      .map((w) => w.map((x) => x / w.reduce((a, b) => a + b, 0)));
    fc.assert(
      fc.property(
        shares,
        fc.array(fc.integer({min: 0, max: 7}), {minLength: 1, maxLength: 60}),
        (s, days) => {
          const sequence = new TaskSequence(s.map((share) => ({share})));
          const total = s.map(() => 0);
          for (const n of days) {
            const counts = sequence.take(n);
            expect(counts.every((c) => c >= 0)).toBe(true);
            expect(counts.reduce((a, b) => a + b, 0)).toBe(n);
            counts.forEach((c, i) => (total[i] = (total[i] as number) + c));
          }
          const n = days.reduce((a, b) => a + b, 0);
          const lr = largestRemainder(s, n);
          // Exact ties may go either way; otherwise the split is largest remainder's.
          total.forEach((c, i) => expect(Math.abs(c - (lr[i] as number))).toBeLessThanOrEqual(1));
        },
      ),
    );
  });

  it('matches largest remainder exactly for the bundled mixes at every size up to 5,000', () => {
    for (const s of [
      [0.5, 0.35, 0.15],
      [0.7, 0.3],
      [0.4, 0.4, 0.2],
    ]) {
      const sequence = new TaskSequence(s.map((share) => ({share})));
      const total = s.map(() => 0);
      for (let n = 1; n <= 5000; n++) {
        const i = sequence.take(1).indexOf(1);
        total[i] = (total[i] ?? 0) + 1;
        expect(total).toEqual(largestRemainder(s, n));
      }
    }
  });

  it('splits any number of tasks, up to 2^53, as largest remainder worked out in BigInt', () => {
    const exact = (parts: number[], n: number): number[] => {
      const whole = BigInt(parts.reduce((a, b) => a + b, 0) || 1);
      const q = parts.map((p) => BigInt(p) * BigInt(n));
      const floors = q.map((x) => x / whole);
      const order = parts
        .map((_, i) => i)
        .sort((i, j) => {
          const ri = (q[i] as bigint) % whole;
          const rj = (q[j] as bigint) % whole;
          return ri === rj ? i - j : ri > rj ? -1 : 1;
        });
      let left = BigInt(n) - floors.reduce((a, b) => a + b, 0n);
      for (const i of order) if (left-- > 0n) floors[i] = (floors[i] as bigint) + 1n;
      return floors.map(Number);
    };
    const parts = fc.array(fc.integer({min: 1, max: 1_000_000}), {minLength: 1, maxLength: 6});
    const n = fc.oneof(
      fc.integer({min: 0, max: 10_000}),
      fc.integer({min: 0, max: 2 ** 40}),
      fc.integer({min: 0, max: Number.MAX_SAFE_INTEGER}),
    );
    fc.assert(
      fc.property(parts, n, (p, tasks) => {
        const sequence = new TaskSequence(p.map((part) => ({share: part / 1_000_000})));
        expect(sequence.split(tasks)).toEqual(exact(p, tasks));
      }),
    );
  });

  it('one task a day for 21 days serves 21 tasks, not 22', () => {
    const classes = [0.5, 0.35, 0.15].map((share, i) => ({...FOUR_FIFTY, name: `c${i}`, share}));
    const run = simulateRun(scenario(plan(), classes, {tasksPerDay: 1, workingDaysPerMonth: 21}), BYOK, 21);
    expect(run.served.byok).toBe(21);
    expect(run.lines.reduce((a, l) => a + l.tasks, 0)).toBe(21);
  });
});

describe('a long batch priced as a repeating stretch', () => {
  const book = loadPriceBook([], {cache: false});
  it.each([
    ['daily-driver', 'vibekit'],
    ['hobbyist', 'openrouter'],
    ['team', 'credits-builder'],
    ['daily-driver', 'credits-cliff'],
    ['daily-driver', 'cursor-pro'],
  ])('%s on %s: the same bill, tasks and tokens as day by day', (profileId, planId) => {
    const s = buildScenario(loadProfile(profileId), loadPlan(planId), book, '2026-11-27');
    const period = repeatingPeriod(s);
    expect(period).toBeDefined();
    for (const strategy of candidateStrategies(s)) {
      for (const tasks of [(period?.tasks ?? 0) * 2, (period?.tasks ?? 0) * 3 + 17]) {
        const fast = simulateRun(s, strategy, tasks);
        const slow = simulateDays(s, strategy, tasks);
        expect([fast.totalUsd.toFixed(), fast.served, fast.unserved, fast.days, fast.belowNeed]).toEqual([
          slow.totalUsd.toFixed(),
          slow.served,
          slow.unserved,
          slow.days,
          slow.belowNeed,
        ]);
        const key = (l: {path: string; model: string; tier: string}) => `${l.path} ${l.model} ${l.tier}`;
        const lines = (r: typeof fast) =>
          Object.fromEntries(
            r.lines.map((l) => [key(l), [l.tasks, l.requests, l.tokens, l.listUsd.toFixed()]]),
          );
        expect(lines(fast)).toEqual(lines(slow));
        const credits = (r: typeof fast) =>
          r.credits.map((c) => [c.month, c.used.toFixed(), c.runOutDay, c.packsBought]);
        expect(credits(fast)).toEqual(credits(slow));
        expect(dailyUsd(fast).map((d) => d.toFixed())).toEqual(dailyUsd(slow).map((d) => d.toFixed()));
      }
    }
  });

  it('prices a billion tasks in the time and memory of a few months', () => {
    const s = buildScenario(loadProfile('daily-driver'), loadPlan('vibekit'), book, '2026-11-27');
    const run = simulateRun(s, candidateStrategies(s)[0] as Strategy, 1_000_000_000);
    expect(run.served.byok).toBe(1_000_000_000);
    expect(run.repeats?.times).toBeGreaterThan(700_000);
    expect(run.dayParts.length).toBeLessThan(1000);
    expect(run.totalUsd.div(1_000_000_000).toNumber()).toBeCloseTo(
      simulateRun(s, candidateStrategies(s)[0] as Strategy, 252)
        .totalUsd.div(252)
        .toNumber(),
      2,
    );
  });
});
