import {BadDocument} from '../domain-errors.js';
import {setting} from '../settings.js';
import type {PriceBook} from '../pricing/price-book.js';
import {priceOn} from '../pricing/price-dates.js';
import type {Plan} from '../billing/plan.js';
import type {ModelPrice} from '../pricing/model-price.js';
import type {Profile, TaskClass} from './profile.js';
import type {TaskToRoute} from '../routing/router.js';
import type {Strategy} from '../routing/strategy.js';
import type {UserConfig} from '../routing/user-config.js';
import {promptTokens} from '../tokens.js';
import type {SolveRates} from '../solving/solve-rates.js';

export interface ResolvedClass extends TaskClass {
  readonly resolvedModel: ModelPrice;
}

/**
 * The task route() sees for a class: its model, need and turns, and its mean prompt per request,
 * so a class whose requests overflow the model's context window is not served on any path. The
 * month simulation draws sizes around the mean but routes per class, on the same mean.
 */
export function classTask(c: ResolvedClass): TaskToRoute {
  return {
    model: c.resolvedModel,
    needs: c.needs,
    requests: c.requestsPerTask,
    promptTokensPerRequest: promptTokens(c.tokens) / c.requestsPerTask,
  };
}

/** A profile and a plan with every model name resolved to its price: what a simulation runs on. */
export interface Scenario {
  readonly profile: Profile;
  readonly plan: Plan;
  readonly classes: readonly ResolvedClass[];
  readonly freePool: readonly ModelPrice[];
  /** Benchmark solve rates, for figures per solved task; without them those figures are unknown. */
  readonly solveRates?: SolveRates;
  /** Priced models with a solve rate: what a ladder `recommend --per solved` suggests may try first. */
  readonly ladderModels?: readonly ModelPrice[];
}

/**
 * A scenario with the prices it was built from and what the user brings: what the commands and the
 * dashboard start from once the flags and files are read.
 */
export interface LoadedScenario {
  readonly scenario: Scenario;
  readonly book: PriceBook;
  readonly config: UserConfig;
  /** Providers the user holds a key for: the config's, and those whose variable is set. */
  readonly heldKeys: readonly string[];
  /** The user's own setups to weigh beside the candidates: their apps, and their keys as held. */
  readonly userStrategies: readonly Strategy[];
}

/** Tasks in one month at the profile's pace: what every monthly figure is a month of. */
export function monthTasks(scenario: Scenario): number {
  return Math.round(scenario.profile.tasksPerDay * scenario.profile.workingDaysPerMonth);
}

/** `date` (YYYY-MM-DD) picks the prices in force that day, for sheets that hold dated changes. */
export function buildScenario(profile: Profile, plan: Plan, book: PriceBook, date: string): Scenario {
  const classes = profile.classes.map((c) => ({
    ...c,
    resolvedModel: priceOn(
      book.resolve(
        c.model ?? profile.model,
        c.model ? `profile "${profile.id}" class "${c.name}" model` : setting('model'),
      ),
      date,
    ),
  }));
  return {profile, plan, classes, freePool: resolveFreePool(plan, book, date)};
}

/** The plan's free-tier pool, priced; a pool model no sheet knows is an error in the plan file. */
export function resolveFreePool(plan: Plan, book: PriceBook, date: string): ModelPrice[] {
  return (plan.free?.pool ?? []).map((name) => {
    const model = book.find(name);
    if (!model) {
      throw new BadDocument({
        trouble: 'unpriced-pool-model',
        origin: plan.origin,
        place: `plan "${plan.id}": field free.pool`,
        problem: `unknown model "${name}"; nearest: ${book.nearest(name).join(', ')}`,
      });
    }
    return priceOn(model, date);
  });
}

/** The pool rotates: the model the free tier serves on the n-th day (or to the n-th record). */
export function freeModelOn(pool: readonly ModelPrice[], n: number): ModelPrice | undefined {
  return pool.length ? pool[n % pool.length] : undefined;
}
