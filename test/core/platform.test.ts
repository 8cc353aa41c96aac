import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {Money} from '../../src/core/money.js';
import {
  platformMonth,
  sweepFreeCap,
  sweepMarkup,
  userMonth,
  withPlan,
  type SegmentInput,
} from '../../src/core/platform/platform-month.js';
import type {Setup} from '../../src/core/platform/population.js';
import {ALL_PLATFORM} from '../../src/core/routing/candidates.js';
import type {ModelPrice} from '../../src/core/pricing/model-price.js';
import {m, plan, rates, scenario, SONNET, taskClass, tokens} from '../helpers.js';
import {everySmallerPays, largestPayingCap} from '../../src/core/platform/platform-report.js';

/** A task of one million uncached input tokens on Sonnet: $3.00 at list price. */
const TASK = taskClass({requestsPerTask: 10, tokens: tokens({input: 1_000_000})}); // 100k a request: base tier
/** What the builder pays per free-tier token: $0.30 per million input tokens. */
const HOSTED: ModelPrice = {
  ...SONNET,
  id: 'hosted-open',
  rates: rates({
    input: '0.3',
    output: '1',
    cacheRead: '0.03',
    cacheWrite5m: undefined,
    cacheWrite1h: undefined,
  }),
};
const OPTIONS = {keyWorthUsd: m('10'), freePaidAt: HOSTED};

function population(markup: string): SegmentInput[] {
  const p = plan({markupPct: markup}); // free tier: 5 tasks a day, open models
  const seg = (profile: string, setup: Setup, pace: {tasksPerDay: number; workingDaysPerMonth: number}) => ({
    segment: {profile, share: 0.5, setup},
    scenario: scenario(p, [TASK], pace),
    users: 1,
  });
  return [
    // 2 tasks on 10 days: all 20 fit the free cap.
    seg('light', 'free-then-platform', {tasksPerDay: 2, workingDaysPerMonth: 10}),
    // 10 tasks on 20 days, all platform-paid: 200 tasks × $3.00 list.
    seg('heavy', 'all-platform', {tasksPerDay: 10, workingDaysPerMonth: 20}),
  ];
}

describe('the platform month of a two-user population (hand-computed)', () => {
  it('bills each user by the router and billing, and expects the user BYOK saves $10+ to leave', () => {
    const r = platformMonth(population('20'), OPTIONS);
    const [light, heavy] = r.segments;
    // Light: 20 free tasks, each 1M input tokens the platform hosts at $0.30/M = $6.00; pays nothing.
    expect(light?.stays.freeCostUsd.toFixed(2)).toBe('6.00');
    expect(light?.stays.revenueUsd.toFixed(2)).toBe('0.00');
    expect(light?.stays.marginUsd.toFixed(2)).toBe('-6.00');
    // On BYOK the light user would pay $60 instead of $0: they stay.
    expect(light?.byokSavingUsd?.toFixed(2)).toBe('-60.00');
    expect(light?.leaves).toBe(false);
    // Heavy: 200 × $3.60 = $720 revenue, $600 to the provider, $120 margin; BYOK saves them $120.
    expect(heavy?.stays.revenueUsd.toFixed(2)).toBe('720.00');
    expect(heavy?.stays.providerCostUsd.toFixed(2)).toBe('600.00');
    expect(heavy?.stays.marginUsd.toFixed(2)).toBe('120.00');
    expect(heavy?.leaves).toBe(true);
    expect(r.marginUsd.toFixed(2)).toBe('114.00');
    // After the heavy user moves to their own key (no BYOK fee on this plan) only the free tier's cost is left.
    expect(r.marginAfterChurnUsd.toFixed(2)).toBe('-6.00');
    expect(r.usersLeaving).toBe(1);
  });

  it('finds the markup that keeps the heavy user: the highest below a $10 BYOK saving', () => {
    // Markup m on $600 of list-price usage saves the heavy user $6·m on BYOK: they stay below 10/6 = 1.67%.
    const {points, best} = sweepMarkup(population('0'), [0, 1, 1.5, 2, 20], OPTIONS);
    expect(points.map((p) => p.result.marginAfterChurnUsd.toFixed(2))).toEqual([
      '-6.00',
      '0.00',
      '3.00',
      '-6.00',
      '-6.00',
    ]);
    expect(best.value).toBe(1.5);
  });

  it('finds the free caps that pay for themselves through conversions', () => {
    // At 1.5% markup a paying (heavy) user earns the platform $9 a month; half of the one free user converts: $4.50.
    // Cap 1: 10 free tasks cost $3.00 — pays. Cap 2: 20 cost $6.00 — does not. Cap 0: no free users, nothing to pay for.
    const points = sweepFreeCap(population('1.5'), [0, 1, 2], 0.5, 1, OPTIONS);
    expect(
      points.map((p) => [p.freeCostUsd.toFixed(2), p.conversionValueUsd.toFixed(2), p.paysForItself]),
    ).toEqual([
      ['0.00', '0.00', true],
      ['3.00', '4.50', true],
      ['6.00', '4.50', false],
    ]);
  });

  it('costs a genuinely free pool at $0 when the plan names no rate for it', () => {
    const r = platformMonth(population('20'), {keyWorthUsd: m('10')});
    expect(r.freeCostUsd.toFixed(2)).toBe('0.00');
  });
});

describe('raising the markup', () => {
  it('never lowers the revenue of a user who stays', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 40}),
        fc.integer({min: 1, max: 22}),
        fc.integer({min: 1000, max: 3_000_000}),
        fc.integer({min: 0, max: 200}),
        fc.integer({min: 0, max: 200}),
        (perDay, days, input, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const base = [
            {
              segment: {profile: 'u', share: 1, setup: 'all-platform' as const},
              scenario: scenario(
                plan({markupPct: '0'}),
                [taskClass({requestsPerTask: 20, tokens: tokens({input})})],
                {
                  tasksPerDay: perDay,
                  workingDaysPerMonth: days,
                },
              ),
              users: 1,
            },
          ];
          const at = (markup: number) =>
            userMonth(withPlan(base, {markupPct: new Money(markup)})[0]!.scenario, ALL_PLATFORM, OPTIONS);
          expect(at(high).revenueUsd.gte(at(low).revenueUsd)).toBe(true);
        },
      ),
      {numRuns: 60},
    );
  });
});

describe('a free pool of paid models', () => {
  it("is costed at the pool's own list prices, and a bucket it does not price makes the cost a lower bound", () => {
    const paidPool: ModelPrice = {...HOSTED, id: 'pool:free'};
    const inputs = population('20').map((i) => ({...i, scenario: {...i.scenario, freePool: [paidPool]}}));
    const r = platformMonth(inputs, {keyWorthUsd: m('10')});
    // The light user's 20 free tasks of 1M input tokens at the pool model's own $0.30/M.
    expect(r.segments[0]?.stays.freeCostUsd.toFixed(2)).toBe('6.00');
    expect(r.complete).toBe(true);
    const unpriced: ModelPrice = {
      ...paidPool,
      rates: rates({
        ...{
          input: undefined,
          output: '1',
          cacheRead: undefined,
          cacheWrite5m: undefined,
          cacheWrite1h: undefined,
        },
      }),
    };
    const partial = platformMonth(
      population('20').map((i) => ({...i, scenario: {...i.scenario, freePool: [unpriced]}})),
      {keyWorthUsd: m('10')},
    );
    expect(partial.complete).toBe(false);
  });
});

describe('the free cap that pays for itself', () => {
  const point = (value: number, cost: string, pays: boolean | undefined) => ({
    value,
    freeCostUsd: new Money(cost),
    paysForItself: pays,
  });

  it('says "up to" only where every smaller cap that costs anything is known to pay', () => {
    const monotone = [
      point(0, '0', true),
      point(5, '10', true),
      point(10, '20', true),
      point(20, '40', false),
    ];
    expect(largestPayingCap(monotone)?.value).toBe(10);
    expect(everySmallerPays(monotone, largestPayingCap(monotone))).toBe(true);
    // What conversions bring moves with the cap: a smaller one can fail where a larger one pays.
    const dip = [point(5, '10', false), point(10, '20', true)];
    expect(largestPayingCap(dip)?.value).toBe(10);
    expect(everySmallerPays(dip, largestPayingCap(dip))).toBe(false);
    const open = [point(5, '10', undefined), point(10, '20', true)];
    expect(everySmallerPays(open, largestPayingCap(open))).toBe(false);
    expect(largestPayingCap([point(5, '10', undefined)])).toBeUndefined();
  });
});
