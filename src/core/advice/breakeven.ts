import {byokNotApplicable, pathStrategies, takesFree} from '../routing/candidates.js';
import type {Bound} from '../bound.js';
import {unpricedBill} from '../billing/unpriced-weights.js';
import {Money} from '../money.js';
import {unservedTotal} from './recommend.js';
import type {PathKind} from '../routing/router.js';
import type {Scenario} from '../simulation/scenario.js';
import {simulateRun} from '../simulation/batch-run.js';
import type {Strategy} from '../routing/strategy.js';
import {perSolvedUsd} from '../solving/solving.js';

/** A month at `monthlyTasks` tasks, at the profile's working days. */
export function monthAt(scenario: Scenario, strategy: Strategy, monthlyTasks: number) {
  const days = scenario.profile.workingDaysPerMonth;
  const paced: Scenario = {
    ...scenario,
    profile: {...scenario.profile, tasksPerDay: Math.max(monthlyTasks, 1e-9) / days},
  };
  return simulateRun(paced, strategy, monthlyTasks);
}

/**
 * A month at `monthlyTasks` on a path that never uses the free tier, run as one day. Off the free
 * tier nothing is counted per day: credits, packs, pay-as-you-go and BYOK fees all turn on the
 * month's totals, so its bill, and whether it serves every task, are monthAt's at a twentieth of the
 * work (a test holds them equal).
 */
export function monthOffFreeTier(scenario: Scenario, strategy: Strategy, monthlyTasks: number) {
  return simulateRun(
    {...scenario, profile: {...scenario.profile, tasksPerDay: Math.max(monthlyTasks, 1e-9)}},
    strategy,
    monthlyTasks,
  );
}

function monthCost(scenario: Scenario, strategy: Strategy): Cost {
  const cache = new Map<number, Money>();
  return (tasks) => {
    let cost = cache.get(tasks);
    if (!cost) {
      cost = monthOffFreeTier(scenario, strategy, tasks).totalUsd;
      cache.set(tasks, cost);
    }
    return cost;
  };
}

/**
 * Where the cheaper of two paths changes. Tasks are whole, so the crossing is exact to the task:
 * `tasksPerMonth` is the first whole number of tasks a month at which the other path is cheaper.
 */
export interface Crossing {
  readonly tasksPerMonth: number;
  readonly tasksPerDay: Money;
  /** Both paths' monthly cost at that number of tasks. */
  readonly monthlyUsd: Record<PathKind, Money>;
  readonly cheaperBelow: PathKind | 'equal';
  readonly cheaperAbove: PathKind | 'equal';
}

export interface PathPair {
  readonly a: PathKind;
  readonly b: PathKind;
  readonly crossings: Crossing[];
  /** Tasks a day up to which the two are compared: the range, or less where one of them stops serving every task. */
  readonly comparedUpToTasksPerDay: Money;
  /** When they never cross in range: which one is cheaper throughout, or 'equal'. */
  readonly cheaperThroughout?: PathKind | 'equal';
  /**
   * How the prices missing move b's bill minus a's, at every volume charted and at each crossing:
   * 'at-least' (they add at least as much to b: where a's priced bill is the lower, a is surely
   * cheaper), 'at-most' (the reverse), 'not-known' (either way), or 'exact' (every price known).
   */
  readonly unpricedDifference: Bound;
}

export interface CurvePoint {
  readonly tasksPerDay: number;
  readonly monthlyUsd: Record<PathKind, Money>;
  readonly unserved: Record<PathKind, number>;
  /** Tasks solved on each path (null: some ran on a model no solve rate covers). */
  readonly solved: Record<PathKind, number | null>;
}

export interface BreakevenResult {
  readonly maxTasksPerDay: number;
  readonly curve: CurvePoint[];
  readonly pairs: PathPair[];
  /** Why BYOK is not compared at all (a model no key can reach, a plan that takes no keys). */
  readonly byokNotApplicable?: string;
  /** At the profile's pace, each path's month in solved tasks (null: not known, or nothing solved). */
  readonly solvedAtPace: Record<PathKind, {readonly solved: number; readonly perSolvedUsd: Money} | null>;
  /** Tasks a day from which a path turns tasks away (credits blocked, no path); null if never in range. */
  readonly stopsServingAtTasksPerDay: Record<'byok' | 'platform', Money | null>;
  /** False when some tokens had no price: every cost is then a lower bound, and so is each side of a crossing. */
  readonly complete: boolean;
  readonly free: {
    /** Share of tasks the free tier's models cannot do at any volume. */
    readonly beyondCapabilityShare: number;
    /** Tasks a day from which the free tier's daily cap turns tasks away; null if never in range, or no free tier. */
    readonly capReachedAtTasksPerDay: Money | null;
    readonly hasFreeTier: boolean;
  };
}

type Cost = (tasks: number) => Money;

/**
 * Where BYOK, platform-paid and the free tier cost the same, as tasks a month grow. Costs come
 * from the month simulation (so route() decides every task), and every crossing is found exact to
 * the task (see pairCrossings).
 */
export function breakeven(
  scenario: Scenario,
  options: {maxTasksPerDay?: number; points?: number} = {},
): BreakevenResult {
  const days = scenario.profile.workingDaysPerMonth;
  const strategies = pathStrategies(scenario);
  const maxTasksPerDay = options.maxTasksPerDay ?? Math.max(10, Math.ceil(scenario.profile.tasksPerDay * 3));
  const maxTasks = Math.ceil(maxTasksPerDay * days);
  const cache = new Map<string, ReturnType<typeof monthAt>>();
  const run = (path: PathKind, tasks: number) => {
    const key = `${path}:${tasks}`;
    let result = cache.get(key);
    if (!result) {
      result = monthAt(scenario, strategies[path], tasks);
      cache.set(key, result);
    }
    return result;
  };
  const cost =
    (path: PathKind): Cost =>
    (tasks) =>
      run(path, tasks).totalUsd;

  // A path that turns tasks away is not cheaper, it is short: costs compare only while both serve every task.
  const stopsServing = (path: PathKind): number | null =>
    firstTrue((t) => unservedTotal(run(path, t)) > 0, maxTasks);
  const servesUpTo = {byok: stopsServing('byok'), platform: stopsServing('platform')};
  const limit = Math.min(
    maxTasks,
    (servesUpTo.byok ?? maxTasks + 1) - 1,
    (servesUpTo.platform ?? maxTasks + 1) - 1,
  );
  const notApplicable = byokNotApplicable(scenario);
  const pairs: Omit<PathPair, 'unpricedDifference'>[] =
    limit >= 1 && !notApplicable
      ? [
          pairCrossings(
            'byok',
            'platform',
            monthCost(scenario, strategies.byok),
            monthCost(scenario, strategies.platform),
            limit,
            days,
          ),
        ]
      : [];

  const points = options.points ?? 60;
  const curve: CurvePoint[] = [];
  for (let i = 0; i <= points; i++) {
    const tasks = Math.round((maxTasks * i) / points);
    const monthlyUsd = {
      byok: cost('byok')(tasks),
      platform: cost('platform')(tasks),
      free: cost('free')(tasks),
    };
    const unserved = {
      byok: unservedTotal(run('byok', tasks)),
      platform: unservedTotal(run('platform', tasks)),
      free: unservedTotal(run('free', tasks)),
    };
    const solvedOn = (path: PathKind) => {
      const s = run(path, tasks).solving;
      return s.unknown > 0 || !scenario.solveRates ? null : s.solved;
    };
    curve.push({
      tasksPerDay: tasks / days,
      monthlyUsd,
      unserved,
      solved: {byok: solvedOn('byok'), platform: solvedOn('platform'), free: solvedOn('free')},
    });
  }

  const freeTier = scenario.plan.free;
  const beyond = scenario.classes.filter((c) => !takesFree(scenario, c)).reduce((sum, c) => sum + c.share, 0);
  const capAt = freeTier ? firstTrue((t) => run('free', t).unserved['free-cap-wait'] > 0, maxTasks) : null;
  const perDay = (t: number | null) => (t === null ? null : new Money(t).div(days));
  const paced = Math.round(scenario.profile.tasksPerDay * days);
  const atPace = (path: PathKind) => {
    const month = run(path, paced);
    const cost = perSolvedUsd(month);
    return cost ? {solved: month.solving.solved, perSolvedUsd: cost} : null;
  };
  const plan = scenario.plan;
  const difference = (pair: Omit<PathPair, 'unpricedDifference'>): Bound =>
    agreed(
      [...curve.map((p) => Math.round(p.tasksPerDay * days)), ...pair.crossings.map((c) => c.tasksPerMonth)]
        .filter((tasks) => tasks >= 1 && tasks <= limit)
        .map(
          (tasks) =>
            unpricedBill(plan, run(pair.b, tasks).lines).minus(unpricedBill(plan, run(pair.a, tasks).lines))
              .bound,
        ),
    );
  return {
    maxTasksPerDay,
    curve,
    pairs: pairs.map((pair) => ({...pair, unpricedDifference: difference(pair)})),
    solvedAtPace: {byok: atPace('byok'), platform: atPace('platform'), free: atPace('free')},
    ...(notApplicable ? {byokNotApplicable: notApplicable} : {}),
    stopsServingAtTasksPerDay: {byok: perDay(servesUpTo.byok), platform: perDay(servesUpTo.platform)},
    complete: [...cache.values()].every((month) => month.complete),
    free: {
      beyondCapabilityShare: beyond,
      capReachedAtTasksPerDay: perDay(capAt),
      hasFreeTier: Boolean(freeTier),
    },
  };
}

/**
 * The path the prices missing can only favour, if any: the other's bill takes them at least as
 * much, so wherever this one's priced bill is the lower, it surely is.
 */
export function surelyCheaperWhereLower(pair: PathPair): PathKind | undefined {
  return pair.unpricedDifference === 'at-least'
    ? pair.a
    : pair.unpricedDifference === 'at-most'
      ? pair.b
      : undefined;
}

/** Whether what the pair says (its crossings, or the path cheaper throughout) holds whatever the prices missing are. */
export function pairSettled(pair: PathPair): boolean {
  if (pair.unpricedDifference === 'exact') return true;
  const which = pair.cheaperThroughout;
  return pair.crossings.length === 0 && which !== undefined && which === surelyCheaperWhereLower(pair);
}

/** What bounds at several volumes say together: the weakest claim that holds at all of them. */
function agreed(bounds: readonly Bound[]): Bound {
  if (bounds.every((b) => b === 'exact')) return 'exact';
  if (bounds.every((b) => b === 'exact' || b === 'at-least')) return 'at-least';
  if (bounds.every((b) => b === 'exact' || b === 'at-most')) return 'at-most';
  return 'not-known';
}

/** The first whole number of tasks in [1, max] for which a monotone condition holds, by bisection. */
function firstTrue(holds: (tasks: number) => boolean, max: number): number | null {
  if (!holds(max)) return null;
  let lo = 0;
  let hi = max;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (holds(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Every crossing in [1, limit], exact to the task. Both costs grow with the tasks, so on an interval
 * [lo, hi] their difference lies between costA(lo) − costB(hi) and costA(hi) − costB(lo): where that
 * range excludes zero the cheaper path cannot change inside, and otherwise the interval is halved,
 * down to single tasks where the curves run close. No pair of crossings can hide between samples.
 */
function pairCrossings(
  a: PathKind,
  b: PathKind,
  costA: Cost,
  costB: Cost,
  limit: number,
  days: number,
): Omit<PathPair, 'unpricedDifference'> {
  const state = (t: number) => costA(t).cmp(costB(t));
  const changes: number[] = [];
  const search = (lo: number, hi: number) => {
    if (hi - lo <= 1) {
      if (state(lo) !== state(hi)) changes.push(hi);
      return;
    }
    const s = state(lo);
    if (s === state(hi) && s !== 0 && (s > 0 ? costA(lo).gt(costB(hi)) : costA(hi).lt(costB(lo)))) return;
    const mid = Math.floor((lo + hi) / 2);
    search(lo, mid);
    search(mid, hi);
  };
  search(1, Math.max(1, limit));
  const crossings = changes.map((at) => crossing(a, b, costA, costB, at - 1, at, days));
  const comparedUpToTasksPerDay = new Money(limit).div(days);
  if (crossings.length > 0) return {a, b, comparedUpToTasksPerDay, crossings};
  const s = state(1);
  return {a, b, comparedUpToTasksPerDay, crossings, cheaperThroughout: s === 0 ? 'equal' : s < 0 ? a : b};
}

function crossing(
  a: PathKind,
  b: PathKind,
  costA: Cost,
  costB: Cost,
  lo: number,
  hi: number,
  days: number,
): Crossing {
  const cheaper = (t: number) => {
    const c = costA(t).cmp(costB(t));
    return c === 0 ? 'equal' : c < 0 ? a : b;
  };
  return {
    tasksPerMonth: hi,
    tasksPerDay: new Money(hi).div(days),
    monthlyUsd: {[a]: costA(hi), [b]: costB(hi)} as Record<PathKind, Money>,
    cheaperBelow: cheaper(lo),
    cheaperAbove: cheaper(hi),
  };
}
