import {route, type AppSettings} from './router.js';
import {classTask, type Scenario} from '../simulation/scenario.js';
import {
  byokSettings,
  FREE_SETTINGS,
  FREE_THEN_PLATFORM,
  PLATFORM_SETTINGS,
  type Strategy,
} from './strategy.js';

/** Providers whose keys the all-BYOK strategy holds: those of every BYOK-able model the profile asks for. */
function providersNeeded(scenario: Scenario): string[] {
  return [
    ...new Set(scenario.classes.filter((c) => c.resolvedModel.byokable).map((c) => c.resolvedModel.provider)),
  ].sort();
}

function allByok(scenario: Scenario): Strategy {
  return {
    id: 'all-byok',
    label: 'BYOK: your own key at list price',
    settings: byokSettings(providersNeeded(scenario)),
  };
}

export const ALL_PLATFORM: Strategy = {
  id: 'all-platform',
  label: 'Platform-paid',
  settings: PLATFORM_SETTINGS,
};
export const ALL_FREE: Strategy = {id: 'all-free', label: 'Free tier only', settings: FREE_SETTINGS};
export const FREE_THEN_PAID: Strategy = {
  id: 'free-then-platform',
  label: 'Free tier, platform-paid when it cannot',
  settings: FREE_THEN_PLATFORM,
};

/**
 * Why your own key cannot run any of the profile's tasks, if it cannot: the plan takes no keys, or
 * no model the profile asks for has a direct credential (those are platform-paid by definition).
 */
export function byokNotApplicable(scenario: Scenario): string | undefined {
  if (!scenario.plan.byok.allowed) return `plan ${scenario.plan.id} does not take your own keys`;
  if (providersNeeded(scenario).length > 0) return undefined;
  const models = [...new Set(scenario.classes.map((c) => c.resolvedModel.id))].join(', ');
  return `no key can reach ${models}: there is no direct credential to bring, so it is platform-paid by definition`;
}

/** The three paths `simulate` compares side by side. */
export function pathStrategies(scenario: Scenario): {byok: Strategy; platform: Strategy; free: Strategy} {
  return {byok: allByok(scenario), platform: ALL_PLATFORM, free: ALL_FREE};
}

/** Free pool for the classes it can do, your key for the rest (overflow past the cap is platform-paid). */
function hybridFreeByok(scenario: Scenario): Strategy | undefined {
  const free = scenario.plan.free;
  if (!free) return undefined;
  const byok = byokSettings(providersNeeded(scenario));
  const perClass: Record<string, AppSettings> = {};
  let freeClasses = 0;
  for (const c of scenario.classes) {
    // Ask the router whether the free tier would take a task of this class on a fresh day.
    const onFree = takesFree(scenario, c);
    perClass[c.name] = onFree ? FREE_THEN_PLATFORM : byok;
    if (onFree) freeClasses++;
  }
  if (freeClasses === 0 || freeClasses === scenario.classes.length) return undefined;
  return {
    id: 'hybrid-free-byok',
    label: 'Free tier for simple tasks, your key for the rest',
    settings: byok,
    perClass,
  };
}

/** Whether the free tier takes a task of this class at the start of a day, as route() decides. */
export function takesFree(scenario: Scenario, c: Scenario['classes'][number]): boolean {
  const freeModel = scenario.freePool[0];
  const task = classTask(c);
  return (
    route(FREE_SETTINGS, scenario.plan, task, {freeUsedToday: 0, ...(freeModel ? {freeModel} : {})}).path ===
    'free'
  );
}

/** Every strategy `recommend` weighs. */
export function candidateStrategies(scenario: Scenario): Strategy[] {
  if (byokNotApplicable(scenario)) return [ALL_PLATFORM, ALL_FREE, FREE_THEN_PAID];
  const hybrid = hybridFreeByok(scenario);
  return [allByok(scenario), ALL_PLATFORM, ALL_FREE, FREE_THEN_PAID, ...(hybrid ? [hybrid] : [])];
}
