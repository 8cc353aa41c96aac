import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
  byokFee,
  feeBearingRequests,
  floatCharges,
  monthCharges,
  platformCharge,
} from '../../src/core/billing/charges.js';
import {ALL_FREE, ALL_PLATFORM, FREE_THEN_PAID} from '../../src/core/routing/candidates.js';
import {Money, ZERO} from '../../src/core/money.js';
import {simulateMonths} from '../../src/core/simulation/months.js';
import type {Overage, Plan} from '../../src/core/billing/plan.js';
import type {Profile} from '../../src/core/simulation/profile.js';
import {Replay} from '../../src/core/history/replay.js';
import {buildScenario, resolveFreePool} from '../../src/core/simulation/scenario.js';
import {simulateRun, TaskSequence} from '../../src/core/simulation/batch-run.js';
import {byokSettings, type Strategy} from '../../src/core/routing/strategy.js';
import {bundledNames, loadPlan, loadPriceBook} from '../../src/io/load-data.js';
import {tokens} from '../helpers.js';

const book = loadPriceBook([], {cache: false});
const DAYS = 20;
const PER_DAY = 14;
const DATE = '2026-11-01';

/** Two task sizes of one model, every task within what the free tier serves. */
const profile: Profile = {
  id: 'fixed',
  name: 'fixed',
  description: 'one fixed month of tasks',
  source: 'test',
  origin: 'test',
  tasksPerDay: PER_DAY,
  workingDaysPerMonth: DAYS,
  model: 'claude-sonnet-4-6',
  classes: [
    {
      name: 'small',
      share: 0.5,
      needs: 'open',
      requestsPerTask: 4,
      tokens: tokens({input: 20_000, cacheRead: 100_000, cacheWrite5m: 8_000, output: 2_000}),
    },
    {
      name: 'large',
      share: 0.5,
      needs: 'open',
      requestsPerTask: 12,
      tokens: tokens({input: 150_000, cacheRead: 1_900_000, cacheWrite1h: 60_000, output: 40_000}),
    },
  ],
};

/** The month's tasks, day by day, class by class: each a class index. */
function fixedMonth(): number[][] {
  const sequence = new TaskSequence(profile.classes);
  return Array.from({length: DAYS}, () =>
    sequence.take(PER_DAY).flatMap((n, cls) => Array.from({length: n}, () => cls)),
  );
}

const STRATEGIES: Strategy[] = [
  {id: 'byok', label: 'BYOK', settings: byokSettings(['anthropic'])},
  ALL_PLATFORM,
  ALL_FREE,
  FREE_THEN_PAID,
];

/** Every bundled plan, and OpenRouter with its fee waiver ending mid-month and mid-task. */
const PLANS: Plan[] = [...bundledNames('platforms').map((id) => loadPlan(id)), waiverEndsMidMonth()];

function waiverEndsMidMonth(): Plan {
  const openrouter = loadPlan('openrouter');
  return {
    ...openrouter,
    id: 'openrouter-waiver-502',
    byok: {...openrouter.byok, feeWaivedRequestsPerMonth: 502},
  };
}

function replayed(plan: Plan, month: number[][]): string[] {
  const scenario = buildScenario(profile, plan, book, DATE);
  const model = scenario.classes[0]!.resolvedModel;
  const replay = new Replay({
    plan,
    book,
    strategies: STRATEGIES,
    freePool: resolveFreePool(plan, book, DATE),
    needs: 'open',
  });
  let line = 0;
  month.forEach((tasks, day) => {
    for (const cls of tasks) {
      const c = profile.classes[cls]!;
      line++;
      const start = `2026-11-${String(day + 1).padStart(2, '0')}T10:00:00.000Z`;
      replay.add(
        {
          source: 'vibe-cost.generic',
          file: 'fixed.csv',
          line,
          granularity: 'request',
          start,
          modelRaw: model.id,
          requests: c.requestsPerTask,
          tokens: c.tokens,
          tokensKnown: 'all',
        },
        `task-${line}`,
      );
    }
  });
  return replay.finish().strategies.map((s) => cents(s.totalUsd));
}

const cents = (usd: Money) => usd.toDecimalPlaces(2).toFixed(2);
/** A bill to the cent, and the tasks the credit cliff blocked. */
const bill = (usd: Money, blocked: number) => `${cents(usd)} USD, ${blocked} blocked`;

describe('one billing module: one fixed month bills the same on all three engines', () => {
  const month = fixedMonth();
  it.each(PLANS.map((p) => [p.id, p] as const))('%s', (_id, plan) => {
    const scenario = buildScenario(profile, plan, book, DATE);
    const batch = STRATEGIES.map((s) => simulateRun(scenario, s, DAYS * PER_DAY)).map((r) =>
      bill(r.totalUsd, r.unserved['credits-exhausted']),
    );
    const months = simulateMonths(scenario, {
      runs: 1,
      seed: 1,
      strategies: STRATEGIES,
      fixedMonth: month,
    }).outcomes.map((o) => bill(o.totalUsd, o.credits?.blockedTasks.quantile(0.5) ?? 0));
    // The replay draws a day's dollar credits at the day's average task cost, so on a credit cliff
    // it can block other tasks than the simulations do (not the bill, which is then the fee).
    const replay = replayed(plan, month);
    expect(months, 'month simulation').toEqual(batch);
    expect(replay, 'import replay').toEqual(batch.map((b) => b.split(' ')[0]));
  });
});

describe("the month simulation's float charges are the exact ones, specialised", () => {
  const overages: Overage[] = [
    {kind: 'payg', usdPerCredit: new Money('1')},
    {kind: 'payg', usdPerCredit: new Money('0.04')},
    {kind: 'packs', packCredits: new Money('50'), packPriceUsd: new Money('15')},
    {kind: 'packs', packCredits: new Money('2.5'), packPriceUsd: new Money('7')},
    {kind: 'blocked'},
  ];
  const base = loadPlan('cursor-pro');
  const plans = fc
    .record({
      markupPct: fc.constantFrom('0', '5.5', '20'),
      platformFee: fc.constantFrom('0', '0.25'),
      byokFee: fc.constantFrom('0', '0.25'),
      feePct: fc.constantFrom('0', '5'),
      overage: fc.constantFrom(...overages),
    })
    .map((o): Plan => ({
      ...base,
      byok: {...base.byok, feePct: new Money(o.feePct), feeUsdPerMTok: new Money(o.byokFee)},
      platform: {
        ...base.platform,
        markupPct: new Money(o.markupPct),
        feeUsdPerMTok: new Money(o.platformFee),
        subscription: {...base.platform.subscription!, overage: o.overage},
      },
    }));
  const close = (float: number, exact: Money) =>
    expect(Math.abs(float - exact.toNumber())).toBeLessThanOrEqual(
      1e-9 * Math.max(1, Math.abs(exact.toNumber())),
    );

  it('platformCharge, byokFee, and the subscription with its overage (monthCharges)', () => {
    fc.assert(
      fc.property(
        plans,
        fc.integer({min: 0, max: 10_000_000}),
        fc.integer({min: 0, max: 5_000_000}),
        fc.integer({min: 1, max: 60}),
        fc.integer({min: -1000, max: 1_000_000}),
        (plan, microUsd, tokens, requests, hundredths) => {
          const float = floatCharges(plan);
          const list = new Money(microUsd).div(1e6);
          const feeBearing = Math.floor(requests / 3);
          close(float.platform(list.toNumber(), tokens), platformCharge(plan, {listUsd: list, tokens}));
          const fee = byokFee(plan, {
            listUsd: list,
            tokens,
            feeBearingListUsd: list.mul(feeBearingRequests(plan, 0, feeBearing)).div(requests),
          });
          close(
            float.byok(list.toNumber(), tokens, feeBearingRequests(plan, 0, feeBearing), requests),
            list.add(fee),
          );
          // Up to $10,000 of platform usage against $20 of credits: every overage rule is exercised.
          const usage = new Money(Math.max(0, hundredths)).div(100);
          const tasks = requests % 7;
          const blocked = requests % 2;
          const month = monthCharges(
            plan,
            {listUsd: ZERO, tokens: 0, feeBearingListUsd: ZERO},
            {listUsd: usage, tokens, tasks, blocked},
          );
          close(float.subscription(float.platform(usage.toNumber(), tokens), tasks, blocked), month.totalUsd);
        },
      ),
    );
  });
});
