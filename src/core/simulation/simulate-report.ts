import {byokNotApplicable, pathStrategies} from '../routing/candidates.js';
import type {SheetSummary} from '../pricing/model-price.js';
import {
  pickRuns,
  recommend,
  unservedTotal,
  type Constraints,
  type Recommendation,
} from '../advice/recommend.js';
import {PATHS, type PathKind} from '../routing/router.js';
import {monthTasks, type Scenario} from './scenario.js';
import {simulateRun, type RunResult} from './batch-run.js';
import type {Strategy} from '../routing/strategy.js';

export interface PathReport {
  readonly strategy: Strategy;
  /** The batch the user asked for. */
  readonly batch: RunResult;
  /** One month at the profile's pace: fees and credits are monthly, so this is not the batch scaled. */
  readonly month: RunResult;
  /** Why this path does not apply at all (BYOK for a model no key can reach): its figures are not shown. */
  readonly notApplicable?: string;
}

export interface SimulateReport {
  readonly scenario: Scenario;
  readonly tasks: number;
  readonly prices: readonly SheetSummary[];
  readonly paths: Readonly<Record<PathKind, PathReport>>;
  /** The cheapest path that serves every task of the batch; if none does, the cheapest of those that serve the most. */
  readonly cheapest: PathKind;
  readonly recommendation: Recommendation;
}

export function simulateReport(
  scenario: Scenario,
  tasks: number,
  prices: readonly SheetSummary[],
  constraints: Constraints = {},
  userStrategies: readonly Strategy[] = [],
  /**
   * Months simulated for the recommendation's spread; 0 leaves it out (see recommend). By default
   * only where they can change the pick (pickRuns): a batch's cold start stays quick.
   */
  runs: number = pickRuns(scenario),
): SimulateReport {
  const strategies = pathStrategies(scenario);
  const recommendation = recommend(scenario, constraints, userStrategies, runs);
  // recommend() already ran a month of each path's strategy; a strategy's run depends on nothing else.
  const monthOf = (strategy: Strategy) =>
    recommendation.ranked.find((c) => c.strategy.id === strategy.id)?.month ??
    simulateRun(scenario, strategy, monthTasks(scenario));
  const notApplicable = byokNotApplicable(scenario);
  const paths = Object.fromEntries(
    PATHS.map((path) => {
      const strategy = strategies[path];
      const na = path === 'byok' && notApplicable ? {notApplicable} : {};
      return [
        path,
        {strategy, batch: simulateRun(scenario, strategy, tasks), month: monthOf(strategy), ...na},
      ];
    }),
  ) as Record<PathKind, PathReport>;
  const applicable = PATHS.filter((p) => !paths[p].notApplicable);
  const fewest = Math.min(...applicable.map((p) => unservedTotal(paths[p].batch)));
  const pool = applicable.filter((p) => unservedTotal(paths[p].batch) === fewest);
  const cheapest = pool.reduce((a, b) => (paths[b].batch.totalUsd.lt(paths[a].batch.totalUsd) ? b : a));
  return {scenario, tasks, prices, paths, cheapest, recommendation};
}
