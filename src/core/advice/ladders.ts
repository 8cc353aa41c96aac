import {byokNotApplicable} from '../routing/candidates.js';
import {monthTasks, type Scenario} from '../simulation/scenario.js';
import {simulateRun} from '../simulation/batch-run.js';
import {byokSettings, PLATFORM_SETTINGS, type Strategy} from '../routing/strategy.js';
import {perSolvedUsd} from '../solving/solving.js';
import type {ModelPrice} from '../pricing/model-price.js';
import type {Money} from '../money.js';

/** Escalation ladders `recommend --per solved` weighs, at most this many. */
const SUGGESTED = 2;

/**
 * Ladders worth suggesting: a model with a solve rate tried first, and the task class's own model
 * on failure, on your keys or platform-paid. One is kept when, over a month at the profile's pace,
 * it solves at least as many tasks as the class's own model alone on the same path and costs less
 * per solved task; the cheapest per solved task are kept.
 */
export function suggestedLadders(scenario: Scenario): Strategy[] {
  const tasks = monthTasks(scenario);
  const own = [...new Set(scenario.classes.map((c) => c.resolvedModel.id))];
  const firsts = (scenario.ladderModels ?? []).filter((m) => !own.includes(m.id));
  const onKeys = !byokNotApplicable(scenario);
  const kept: {strategy: Strategy; perSolved: Money}[] = [];
  for (const viaKeys of onKeys ? [true, false] : [false]) {
    const settings = (extra?: ModelPrice) =>
      viaKeys
        ? byokSettings(
            [...scenario.classes.map((c) => c.resolvedModel), ...(extra ? [extra] : [])]
              .filter((m) => m.byokable)
              .map((m) => m.provider),
          )
        : PLATFORM_SETTINGS;
    const alone = simulateRun(scenario, {id: 'alone', label: 'alone', settings: settings()}, tasks);
    const base = perSolvedUsd(alone);
    if (!base) continue;
    for (const first of firsts) {
      const names = [...new Set(scenario.classes.map((c) => nameOf(c.resolvedModel)))].join(' / ');
      const strategy: Strategy = {
        id: `ladder:${first.id}>${viaKeys ? 'byok' : 'platform'}`,
        label: `${nameOf(first)} first, ${names} on failure (${viaKeys ? 'your keys' : 'platform-paid'})`,
        settings: settings(first),
        ladder: {retries: 0, first, escalateTo: ['own']},
      };
      const run = simulateRun(scenario, strategy, tasks);
      const perSolved = perSolvedUsd(run);
      if (run.solving.solved < alone.solving.solved || !perSolved || !perSolved.lt(base)) continue;
      kept.push({strategy, perSolved});
    }
  }
  return kept
    .sort((a, b) => a.perSolved.cmp(b.perSolved))
    .slice(0, SUGGESTED)
    .map((k) => k.strategy);
}

const nameOf = (m: ModelPrice) => m.displayName ?? m.id;
