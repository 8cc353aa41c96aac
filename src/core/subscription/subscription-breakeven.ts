import type {Money} from '../money.js';
import type {Strategy} from '../routing/strategy.js';
import type {Scenario} from '../simulation/scenario.js';
import {expectedSubscriptionMonth} from './subscription-sim.js';
import {lessThan, type Bill} from '../bound.js';
import type {SetupBill, SetupMonth} from './timeline.js';

/** Where one subscription setup pays against your key, and where its limits stop being enough. */
export interface SubscriptionCrossing {
  readonly strategy: Strategy;
  /** The paces (tasks a working day) at which the setup serves every task for less than the baseline, as ranges. */
  readonly beatsBaseline: readonly (readonly [number, number])[];
  /** The paces at which, with a price missing, the bills compared cannot tell whether it does. */
  readonly notKnown: readonly (readonly [number, number])[];
  /** The lowest pace at which a limit refuses a task in the month, and at which a task is not served; null if never in range. */
  readonly limitBitesAt: number | null;
  readonly unservedFrom: number | null;
}

export interface SubscriptionBreakeven {
  readonly baseline: Strategy;
  readonly step: number;
  readonly maxTasksPerDay: number;
  readonly crossings: readonly SubscriptionCrossing[];
  /** Month bills at each pace, for a chart or JSON: [pace, bill per strategy (baseline first)]. */
  readonly curve: readonly {readonly tasksPerDay: number; readonly usd: readonly Money[]}[];
}

/**
 * The month at the profile's pace, again at every `step` tasks a day up to `maxTasksPerDay`: the
 * paces at which each subscription setup beats the baseline (your key, or the platform), and the
 * pace from which its limits refuse tasks.
 */
export function subscriptionBreakeven(
  scenario: Scenario,
  baseline: Strategy,
  setups: readonly Strategy[],
  maxTasksPerDay: number,
  step: number,
): SubscriptionBreakeven {
  const strategies = [baseline, ...setups];
  const curve: {tasksPerDay: number; months: SetupMonth[]}[] = [];
  for (let k = 1; k * step <= maxTasksPerDay + 1e-9; k++) {
    const tasksPerDay = Math.round(k * step * 1000) / 1000;
    const at = {...scenario, profile: {...scenario.profile, tasksPerDay}};
    curve.push({tasksPerDay, months: expectedSubscriptionMonth(at, strategies).map((e) => e.month)});
  }
  const crossings = setups.map((strategy, i) => {
    const ranges: [number, number][] = [];
    const open: [number, number][] = [];
    const extend = (into: [number, number][], tasksPerDay: number) => {
      const last = into.at(-1);
      if (last && Math.abs(last[1] + step - tasksPerDay) < 1e-9) last[1] = tasksPerDay;
      else into.push([tasksPerDay, tasksPerDay]);
    };
    let limitBitesAt: number | null = null;
    let unservedFrom: number | null = null;
    for (const point of curve) {
      const month = point.months[i + 1] as SetupMonth;
      const base = point.months[0] as SetupMonth;
      const unserved = Object.values(month.unserved).some((n) => n > 0);
      // Cheaper by leaving tasks undone is no saving: only a month that serves every task counts.
      if (!unserved) {
        const beats = lessThan(asBill(month.bill), asBill(base.bill));
        if (beats) extend(ranges, point.tasksPerDay);
        else if (beats === undefined) extend(open, point.tasksPerDay);
      }
      if (limitBitesAt === null && month.limitDays > 0) limitBitesAt = point.tasksPerDay;
      if (unservedFrom === null && unserved) unservedFrom = point.tasksPerDay;
    }
    return {strategy, beatsBaseline: ranges, notKnown: open, limitBitesAt, unservedFrom};
  });
  return {
    baseline,
    step,
    maxTasksPerDay,
    crossings,
    curve: curve.map((p) => ({tasksPerDay: p.tasksPerDay, usd: p.months.map((m) => m.bill.totalUsd)})),
  };
}

const asBill = (b: SetupBill): Bill => ({usd: b.totalUsd, complete: b.complete});
