import {byokNotApplicable, pathStrategies} from '../routing/candidates.js';
import type {OnLimit} from '../routing/router.js';
import type {Strategy} from '../routing/strategy.js';
import type {WorkingDay} from '../simulation/profile.js';
import type {Scenario} from '../simulation/scenario.js';
import {workingDay} from './month-tasks.js';
import {keyProviders, subscriptionSetup} from './setups.js';
import type {SubscriptionPlan} from './subscription-plan.js';
import {
  expectedSubscriptionMonth,
  simulateSubscriptionMonths,
  type SubscriptionSimResult,
} from './subscription-sim.js';
import type {SetupMonth} from './timeline.js';
import {limitSensitivity, type LimitSensitivity} from './limit-sensitivity.js';

/** Subscription setups beside your key and the platform, at the profile's pace. */
export interface SubscriptionReport {
  readonly scenario: Scenario;
  readonly plans: readonly SubscriptionPlan[];
  readonly day: WorkingDay;
  /** The working day is the bundled assumption, not the profile's. */
  readonly dayAssumed: boolean;
  /** The month at the profile's pace without chance: every setup, BYOK and platform first. */
  readonly expected: readonly {readonly strategy: Strategy; readonly month: SetupMonth}[];
  /** With --runs: the spread over random months. */
  readonly simulated?: SubscriptionSimResult;
  /** Per plan with estimated limits: how far its verdict rests on them. */
  readonly sensitivity: readonly LimitSensitivity[];
}

/** The setups to compare: BYOK (where a key can run the profile), platform-paid, then each plan × choice. */
export function subscriptionStrategies(
  scenario: Scenario,
  plans: readonly SubscriptionPlan[],
  onLimits: readonly OnLimit[],
): Strategy[] {
  const paths = pathStrategies(scenario);
  const keys = keyProviders(scenario);
  return [
    ...(byokNotApplicable(scenario) ? [] : [paths.byok]),
    paths.platform,
    ...plans.flatMap((plan) => onLimits.flatMap((onLimit) => subscriptionSetup(keys, plan, onLimit) ?? [])),
  ];
}

export function subscriptionReport(
  scenario: Scenario,
  plans: readonly SubscriptionPlan[],
  onLimits: readonly OnLimit[],
  simulation?: {runs: number; seed: number},
): SubscriptionReport {
  const strategies = subscriptionStrategies(scenario, plans, onLimits);
  const expected = expectedSubscriptionMonth(scenario, strategies);
  const base = (
    expected.find((e) => e.strategy.id === 'all-byok') ??
    expected.find((e) => e.strategy.id === 'all-platform')
  )?.month.bill;
  const paying = onLimits.filter((o): o is 'key' | 'platform' | 'extra' => o !== 'wait');
  return {
    scenario,
    plans,
    day: workingDay(scenario),
    dayAssumed: !scenario.profile.day,
    expected,
    sensitivity: base ? plans.flatMap((plan) => limitSensitivity(scenario, plan, base, paying) ?? []) : [],
    ...(simulation
      ? {simulated: simulateSubscriptionMonths(scenario, strategies, simulation.runs, simulation.seed)}
      : {}),
  };
}
