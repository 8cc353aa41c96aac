import {Money} from '../money.js';
import type {Scenario} from '../simulation/scenario.js';
import type {Strategy} from '../routing/strategy.js';
import {expectedMonth, MONTH_END} from './month-tasks.js';
import {keyProviders, subscriptionSetup} from './setups.js';
import type {Limit, SubscriptionPlan} from './subscription-plan.js';
import {runMonth, type SetupBill} from './timeline.js';

/**
 * How far a plan's verdict rests on its estimated limits: the factor on every estimated limit at
 * which its cheapest setup that serves every task (past the limit: your key, the platform, or the
 * vendor's extra) costs what the base (your key alone, else platform-paid) costs. More room never
 * costs more, so the factor is found by bisection on the expected month.
 */
export interface LimitSensitivity {
  readonly plan: SubscriptionPlan;
  /** Whether the plan beats the base at the bundled estimates. */
  readonly beatsNow: boolean;
  /**
   * The factor on the estimated limits where the verdict turns, to two significant digits, and the
   * limits there; undefined when it does not turn between 1/100 and 100 times the estimates.
   */
  readonly turnsAt?: {readonly factor: number; readonly limits: readonly Limit[]};
  /** The flat fee alone is more than the base costs: no limit makes the plan cheaper. */
  readonly feeAboveBase: boolean;
  /**
   * False when a bill compared is a lower bound (a price is missing): the verdict and where it
   * turns are then those of the priced tokens only.
   */
  readonly complete: boolean;
}

const LOW = 0.01;
const HIGH = 100;
const STEPS = 24;

export function limitSensitivity(
  scenario: Scenario,
  plan: SubscriptionPlan,
  base: Pick<SetupBill, 'totalUsd' | 'complete'>,
  onLimits: readonly ('key' | 'platform' | 'extra')[],
): LimitSensitivity | undefined {
  if (!plan.limits.some((l) => l.estimate) || onLimits.length === 0) return undefined;
  const tasks = expectedMonth(scenario);
  const keys = keyProviders(scenario);
  // Only the estimates that count something in the month can move its verdict.
  const counted = new Set(
    onLimits.flatMap((onLimit) => {
      const setup = subscriptionSetup(keys, plan, onLimit);
      return setup ? [...runMonth(scenario.plan, setup, tasks, MONTH_END).opened.keys()] : [];
    }),
  );
  const moves = (l: Limit) => l.estimate && counted.has(l.id);
  if (!plan.limits.some(moves)) return undefined;
  const scaled = (factor: number): SubscriptionPlan => ({
    ...plan,
    limits: plan.limits.map((l) => (moves(l) ? {...l, count: l.count.mul(factor).ceil()} : l)),
  });
  let complete = base.complete;
  const cheapest = (factor: number): Money | undefined => {
    const setups = onLimits
      .map((onLimit) => subscriptionSetup(keys, scaled(factor), onLimit))
      .filter((s): s is Strategy => s !== undefined);
    const bills = setups
      .map((s) => runMonth(scenario.plan, s, tasks, MONTH_END))
      .filter((m) => Object.values(m.unserved).every((n) => n === 0))
      .map((m) => m.bill);
    complete &&= bills.every((b) => b.complete);
    return bills.length ? Money.min(...bills.map((b) => b.totalUsd)) : undefined;
  };
  const beats = (factor: number) => {
    const total = cheapest(factor);
    return total !== undefined && total.lte(base.totalUsd);
  };
  // Above a lower bound of the base, the fee may still be below the base itself.
  const feeAboveBase = base.complete && plan.fee.usdPerMonth.gt(base.totalUsd);
  const beatsNow = beats(1);
  let [lo, hi] = beatsNow ? [LOW, 1] : [1, HIGH];
  // beats(lo) is false and beats(hi) true, if the verdict turns in range at all.
  if (beats(lo) || !beats(hi)) return {plan, beatsNow, feeAboveBase, complete};
  for (let i = 0; i < STEPS; i++) {
    const mid = Math.sqrt(lo * hi);
    if (beats(mid)) hi = mid;
    else lo = mid;
  }
  const factor = Number(hi.toPrecision(2));
  return {
    plan,
    beatsNow,
    feeAboveBase,
    turnsAt: {factor, limits: scaled(hi).limits.filter(moves)},
    complete,
  };
}
