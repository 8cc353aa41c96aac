import {ZERO, type Money} from '../money.js';
import type {Strategy} from '../routing/strategy.js';
import type {Scenario} from '../simulation/scenario.js';
import {QuantileSketch} from '../simulation/sketch.js';
import {expectedMonth, MONTH_END, MonthSampler} from './month-tasks.js';
import {runMonth, type SetupMonth} from './timeline.js';

/** One setup over many simulated months: the spread of its bill and how often its limits bit. */
export interface SetupOutcome {
  readonly strategy: Strategy;
  /** Exact sum of the monthly bills: mean = totalUsd / runs. */
  readonly totalUsd: Money;
  readonly bills: QuantileSketch;
  /** Months and working days in which a limit refused a task. */
  readonly monthsLimited: number;
  readonly daysLimited: number;
  readonly waitedHours: number;
  /** Sums over every month: the vendor's extra and the key or platform cost of the overflow. */
  readonly extraUsd: Money;
  readonly overflowUsd: Money;
  readonly tasks: number;
  readonly subscriptionTasks: number;
  readonly delayed: number;
  readonly unserved: number;
  readonly complete: boolean;
  /** False when the figure past the limit is a lower bound in some month. */
  readonly pastLimitComplete: boolean;
}

export interface SubscriptionSimResult {
  readonly runs: number;
  readonly seed: number;
  readonly days: number;
  readonly outcomes: SetupOutcome[];
}

/** The month at the profile's pace without chance, for every setup: `simulate` without --runs. */
export function expectedSubscriptionMonth(
  scenario: Scenario,
  strategies: readonly Strategy[],
): {strategy: Strategy; month: SetupMonth}[] {
  const tasks = expectedMonth(scenario);
  return strategies.map((strategy) => ({
    strategy,
    month: runMonth(scenario.plan, strategy, tasks, MONTH_END),
  }));
}

/** `runs` random months, every setup on the same sampled tasks. */
export function simulateSubscriptionMonths(
  scenario: Scenario,
  strategies: readonly Strategy[],
  runs: number,
  seed: number,
): SubscriptionSimResult {
  const sampler = new MonthSampler(scenario, seed);
  const states = strategies.map((strategy) => ({
    strategy,
    totalUsd: ZERO,
    bills: new QuantileSketch(),
    monthsLimited: 0,
    daysLimited: 0,
    waitedHours: 0,
    extraUsd: ZERO,
    overflowUsd: ZERO,
    tasks: 0,
    subscriptionTasks: 0,
    delayed: 0,
    unserved: 0,
    complete: true,
    pastLimitComplete: true,
  }));
  for (let run = 0; run < runs; run++) {
    const tasks = sampler.next();
    for (const s of states) {
      const m = runMonth(scenario.plan, s.strategy, tasks, MONTH_END);
      s.totalUsd = s.totalUsd.add(m.bill.totalUsd);
      s.bills.add(m.bill.totalUsd.toNumber());
      if (m.limitDays > 0) s.monthsLimited++;
      s.daysLimited += m.limitDays;
      s.waitedHours += m.waitedHours;
      s.extraUsd = s.extraUsd.add(m.bill.extraUsd);
      s.overflowUsd = s.overflowUsd.add(m.bill.overflowUsd);
      s.tasks += m.tasks;
      s.subscriptionTasks += m.subscription;
      s.delayed += m.delayed;
      s.unserved += Object.values(m.unserved).reduce((a, b) => a + b, 0);
      s.complete &&= m.bill.complete;
      s.pastLimitComplete &&= m.bill.pastLimitComplete;
    }
  }
  return {runs, seed, days: scenario.profile.workingDaysPerMonth, outcomes: states};
}
