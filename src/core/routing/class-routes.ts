import {route, type Route} from './router.js';
import {classTask, type Scenario} from '../simulation/scenario.js';
import {settingsFor, type Strategy} from './strategy.js';
import {attemptModels} from '../solving/attempts.js';

export interface ClassRoute {
  readonly className: string;
  readonly share: number;
  readonly needs: string;
  /** Where a task of this class goes at the start of a day, and where it goes once the free cap is used up. */
  readonly first: Route;
  readonly afterCap: Route;
  /** With a retry and escalation ladder: where each later attempt goes, at the start of a day. */
  readonly onFailure: readonly Route[];
}

/** What a strategy means for each task class, asked of route() itself. */
export function classRoutes(scenario: Scenario, strategy: Strategy): ClassRoute[] {
  const freeModel = scenario.freePool[0];
  const cap = scenario.plan.free?.dailyCap.count ?? 0;
  return scenario.classes.map((c) => {
    const [model, ...later] = attemptModels(strategy.ladder, c.resolvedModel);
    const task = {...classTask(c), ...(model ? {model} : {})};
    const settings = settingsFor(strategy, c.name);
    const context = (used: number) => ({freeUsedToday: used, ...(freeModel ? {freeModel} : {})});
    return {
      className: c.name,
      share: c.share,
      needs: c.needs,
      first: route(settings, scenario.plan, task, context(0)),
      afterCap: route(settings, scenario.plan, task, context(cap)),
      onFailure: later.map((m) => route(settings, scenario.plan, {...task, model: m}, context(0))),
    };
  });
}
