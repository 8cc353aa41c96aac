import {
  byokFee,
  feeBearingRequests,
  feeBearingShare,
  platformCharge,
  PlatformMonths,
  type Charges,
  type CreditMonth,
} from '../billing/charges.js';
import {ZERO, type Money} from '../money.js';
import type {Plan} from '../billing/plan.js';
import {listCost, splitByTier, stepAt, stepFor, type Tier} from '../pricing/context-tiers.js';
import type {ModelPrice} from '../pricing/model-price.js';
import {
  freeUnits,
  route,
  type PathKind,
  type Route,
  type RouteContext,
  type TaskToRoute,
} from '../routing/router.js';
import {classTask, freeModelOn, type ResolvedClass, type Scenario} from './scenario.js';
import {settingsFor, type Strategy} from '../routing/strategy.js';
import {addTokens, NO_TOKENS, promptTokens, totalTokens, type Bucket, type TokenBuckets} from '../tokens.js';
import {attemptModels, attemptTokenFactor, oddsAfterFailures} from '../solving/attempts.js';
import {firstAttemptRate} from '../solving/solve-rates.js';
import {WholeOutcomes, type Solving} from '../solving/solving.js';

export type UnservedReason =
  'free-capability' | 'free-cap-wait' | 'credits-exhausted' | 'context-window' | 'no-path';

/** Tokens and list-price cost summed per path, model and price tier. */
export interface LedgerLine {
  readonly path: PathKind;
  readonly model: string;
  readonly tier: Tier;
  /** Tasks whose first attempt ran here. */
  tasks: number;
  /** Every attempt that ran here: first attempts, retries and escalations. */
  attempts: number;
  requests: number;
  tokens: TokenBuckets;
  listUsd: Money;
  missing: Bucket[];
}

export interface RunResult {
  readonly strategy: Strategy;
  readonly tasks: number;
  readonly days: number;
  readonly served: Record<PathKind, number>;
  readonly unserved: Record<UnservedReason, number>;
  /** Tasks served on a model below the capability they need (a frontier task on an open model). */
  readonly belowNeed: number;
  readonly lines: LedgerLine[];
  readonly charges: Charges;
  readonly totalUsd: Money;
  /** False when some tokens had no price: totals are then lower bounds. */
  readonly complete: boolean;
  readonly credits: CreditMonth[];
  /**
   * What each day cost, in order, as the amounts that make it up: summed by dailyUsd() only when
   * a day-by-day series is drawn (the dashboard), not at every run.
   */
  readonly dayParts: readonly (readonly Money[])[];
  /** Attempts, and the tasks they solved, in whole tasks from the solve rates' odds. */
  readonly solving: Solving;
  /**
   * Set when the batch is too long to list day by day (past MAX_PERIOD_DAYS): it was priced as a
   * stretch of `days` days, `times` over, then the rest, and `credits` and `dayParts` hold that
   * stretch once, so memory does not grow with the batch.
   */
  readonly repeats?: {readonly days: number; readonly times: number};
}

interface ClassRuntime {
  readonly cls: ResolvedClass;
  readonly task: TaskToRoute;
}

/** Cost of one task of a class on one model and path, computed once per run. */
interface UnitCost {
  readonly split: {readonly tier: Tier; readonly tokens: TokenBuckets}[];
  readonly listUsd: Money;
  readonly missing: Bucket[];
  readonly tokens: number;
  readonly platformUsd: Money;
  /** The run's ledger lines its parts add to, by path: found once, not by a key string at every record. */
  readonly lines: Partial<Record<PathKind, LedgerLine[]>>;
  /** listUsd and platformUsd times a count, by count: a class's daily count takes a few values. */
  readonly listTimes: Map<number, Money>;
  readonly platformTimes: Map<number, Money>;
  /** Attempts billed at list price on a key this run: the run's BYOK list cost is summed from these at its end. */
  byokCount: number;
}

type ServedRoute = Exclude<Route, {path: 'unserved'}>;

/**
 * Runs `tasks` tasks at the profile's pace (tasks per day, working days per month), routing each
 * through route() and billing it as the plan says. Token sums are integers; money is priced from
 * them exactly. Tasks within a day are taken class by class in the profile's order.
 *
 * A long batch repeats itself: whole months of the same days, the same class split and the same
 * free-pool rotation, with nothing carried from one month to the next. Such a batch is priced as
 * one stretch of that period times the number of stretches, plus the rest, so `--tasks 1e9` takes
 * as long and as much memory as a few months.
 */
export function simulateRun(scenario: Scenario, strategy: Strategy, tasks: number): RunResult {
  const period = repeatingPeriod(scenario);
  if (!period || tasks < 2 * period.tasks) return simulateDays(scenario, strategy, tasks);
  const times = Math.floor(tasks / period.tasks);
  const rest = tasks - times * period.tasks;
  const once = simulateDays(scenario, strategy, period.tasks);
  return repeated(once, times, rest > 0 ? simulateDays(scenario, strategy, rest) : undefined, tasks);
}

/** Each scenario's repeating period, found once: a simulate runs eight batches and months of one scenario. */
const periods = new WeakMap<Scenario, {days: number; tasks: number} | undefined>();

/** Days after which a batch starts over exactly, and its tasks; none within MAX_PERIOD_DAYS. */
export function repeatingPeriod(scenario: Scenario): {days: number; tasks: number} | undefined {
  if (!periods.has(scenario)) periods.set(scenario, findPeriod(scenario));
  return periods.get(scenario);
}

function findPeriod(scenario: Scenario): {days: number; tasks: number} | undefined {
  const {profile} = scenario;
  const step = lcm(profile.workingDaysPerMonth, Math.max(1, scenario.freePool.length));
  const sequence = new TaskSequence(scenario.classes).period;
  for (let days = step; days <= MAX_PERIOD_DAYS; days += step) {
    const tasks = profile.tasksPerDay * days;
    const whole = Math.round(tasks);
    if (whole > 0 && Math.abs(tasks - whole) < 1e-9 * Math.max(1, tasks) && whole % sequence === 0)
      return {days, tasks: whole};
  }
  return undefined;
}

/**
 * The largest batch that can be priced exactly, and why: token sums must stay whole numbers a
 * double holds exactly (2^53), and a batch that never repeats is simulated day by day, at most
 * MAX_PERIOD_DAYS of them. `why` is written only when asked: its first toLocaleString loads ICU's
 * number formats, ~8 ms of a start that, within the limit, never shows it.
 */
export function batchLimit(scenario: Scenario): {tasks: number; why: () => string} {
  const perTask = Math.max(1, ...scenario.classes.map((c) => totalTokens(c.tokens)));
  const exact = {
    tasks: Math.floor(Number.MAX_SAFE_INTEGER / perTask),
    why: () =>
      `the token counts pass 2^53, at up to ${perTask.toLocaleString('en-US')} tokens a task, and are no longer exact`,
  };
  if (repeatingPeriod(scenario)) return exact;
  const days = {
    tasks: Math.floor(MAX_PERIOD_DAYS * scenario.profile.tasksPerDay),
    why: () =>
      `the batch would be simulated day by day: this pace and task mix do not repeat within ${MAX_PERIOD_DAYS.toLocaleString('en-US')} days`,
  };
  return days.tasks < exact.tasks ? days : exact;
}

/** The longest repeating stretch looked for: past it a batch is simulated day by day. */
export const MAX_PERIOD_DAYS = 100_000;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}

function emptyLine(path: PathKind, model: string, tier: Tier): LedgerLine {
  return {
    path,
    model,
    tier,
    tasks: 0,
    attempts: 0,
    requests: 0,
    tokens: NO_TOKENS,
    listUsd: ZERO,
    missing: [],
  };
}

/** `once` taken `times` over, then `tail`: counts and money add up exactly, per ledger line. */
function repeated(once: RunResult, times: number, tail: RunResult | undefined, tasks: number): RunResult {
  const add = <T extends Record<string, number>>(a: T, b: T | undefined): T =>
    Object.fromEntries(Object.entries(a).map(([k, v]) => [k, v * times + (b?.[k] ?? 0)])) as T;
  const lines = new Map<string, LedgerLine>();
  for (const [line, factor] of [
    ...once.lines.map((l) => [l, times] as const),
    ...(tail?.lines ?? []).map((l) => [l, 1] as const),
  ]) {
    const key = `${line.path}\u0000${line.model}\u0000${line.tier}`;
    const sum = lines.get(key) ?? emptyLine(line.path, line.model, line.tier);
    sum.tasks += line.tasks * factor;
    sum.attempts += line.attempts * factor;
    sum.requests += line.requests * factor;
    sum.tokens = addTokens(sum.tokens, line.tokens, factor);
    sum.listUsd = sum.listUsd.add(line.listUsd.mul(factor));
    sum.missing = [...new Set([...sum.missing, ...line.missing])];
    lines.set(key, sum);
  }
  const charges = Object.fromEntries(
    (Object.keys(once.charges) as (keyof Charges)[]).map((k) => [
      k,
      once.charges[k].mul(times).add(tail?.charges[k] ?? ZERO),
    ]),
  ) as unknown as Charges;
  return {
    strategy: once.strategy,
    tasks,
    days: once.days * times + (tail?.days ?? 0),
    served: add(once.served, tail?.served),
    unserved: add(once.unserved, tail?.unserved),
    belowNeed: once.belowNeed * times + (tail?.belowNeed ?? 0),
    solving: {
      ...add(
        {
          attempts: once.solving.attempts,
          solved: once.solving.solved,
          unknown: once.solving.unknown,
          stopped: once.solving.stopped,
        },
        tail && {
          attempts: tail.solving.attempts,
          solved: tail.solving.solved,
          unknown: tail.solving.unknown,
          stopped: tail.solving.stopped,
        },
      ),
      unknownModels: [...new Set([...once.solving.unknownModels, ...(tail?.solving.unknownModels ?? [])])],
    },
    lines: [...lines.values()],
    charges,
    totalUsd: once.totalUsd.mul(times).add(tail?.totalUsd ?? ZERO),
    complete: once.complete && (tail?.complete ?? true),
    ...(once.days * times <= MAX_PERIOD_DAYS
      ? everyDay(once, times, tail)
      : {credits: once.credits, dayParts: once.dayParts, repeats: {days: once.days, times}}),
  };
}

/** The day-by-day series and credit months written out in full, for a batch short enough to list. */
function everyDay(
  once: RunResult,
  times: number,
  tail: RunResult | undefined,
): Pick<RunResult, 'credits' | 'dayParts'> {
  const stretches = [...Array.from({length: times}, () => once), ...(tail ? [tail] : [])];
  let month = 0;
  return {
    dayParts: stretches.flatMap((r) => r.dayParts),
    credits: stretches.flatMap((r) => r.credits.map((c) => ({...c, month: ++month}))),
  };
}

/** The batch simulated day by day. */
export function simulateDays(scenario: Scenario, strategy: Strategy, tasks: number): RunResult {
  const {plan, profile} = scenario;
  const pace = profile.tasksPerDay;
  // The epsilon keeps float noise in a derived pace (173 / 21 tasks a day) from adding a day.
  const days = Math.max(1, Math.ceil(tasks / pace - 1e-9));
  const runtimes: ClassRuntime[] = scenario.classes.map((cls) => ({
    cls,
    task: classTask(cls),
  }));
  // By class, model id and token factor; looked up for every class every day, so in maps of maps
  // rather than by a key string built (and a factor written out as text) at each lookup.
  const units = new Map<ResolvedClass, Map<string, Map<number, UnitCost>>>();
  // The same units in the order they were made, for the sums at the run's end.
  const priced: UnitCost[] = [];
  const unitCost = (cls: ResolvedClass, model: ModelPrice, factor = 1): UnitCost => {
    let byModel = units.get(cls);
    if (!byModel) units.set(cls, (byModel = new Map()));
    let byFactor = byModel.get(model.id);
    if (!byFactor) byModel.set(model.id, (byFactor = new Map()));
    let unit = byFactor.get(factor);
    if (!unit) {
      unit = priceUnit(
        plan,
        model,
        factor === 1 ? cls.tokens : scaleTokens(cls.tokens, factor),
        cls.requestsPerTask,
      );
      byFactor.set(factor, unit);
      priced.push(unit);
    }
    return unit;
  };

  const ledger = new Map<string, LedgerLine>();
  const served: Record<PathKind, number> = {byok: 0, platform: 0, free: 0};
  const unserved: Record<UnservedReason, number> = {
    'free-capability': 0,
    'free-cap-wait': 0,
    'credits-exhausted': 0,
    'context-window': 0,
    'no-path': 0,
  };
  const charges: Charges = {
    byokListUsd: ZERO,
    byokFeeUsd: ZERO,
    platformUsageUsd: ZERO,
    subscriptionUsd: ZERO,
    packsUsd: ZERO,
  };
  // What each day cost, as its parts: summed only if a day-by-day series is asked for (the dashboard).
  const dayParts: Money[][] = [];
  let belowNeed = 0;
  const platformMonths = new PlatformMonths(plan);
  let byokRequestsThisMonth = 0;
  const sequence = new TaskSequence(scenario.classes);
  const rates = scenario.solveRates;
  // A model's rate for a need, looked up once a run: every class asks every day (3% of a cold start).
  const rateCache = new Map<ModelPrice, Map<ResolvedClass['needs'], number | undefined>>();
  const rateOf = (model: ModelPrice, needs: ResolvedClass['needs']): number | undefined => {
    if (!rates) return undefined;
    let byNeed = rateCache.get(model);
    if (!byNeed) rateCache.set(model, (byNeed = new Map()));
    if (!byNeed.has(needs)) byNeed.set(needs, firstAttemptRate(rates, model, needs));
    return byNeed.get(needs);
  };
  const outcomes = new WholeOutcomes();
  const solving = {attempts: 0, solved: 0, unknown: 0, stopped: 0};
  const unknownModels = new Set<string>();
  const ladders = runtimes.map((r) => attemptModels(strategy.ladder, r.cls.resolvedModel));
  // What a class's first attempt is routed with, the same every day (its settings serve its retries too).
  const firstAttempts = runtimes.map((r, index) => ({
    settings: settingsFor(strategy, r.cls.name),
    task: {...r.task, model: (ladders[index] as ModelPrice[])[0] as ModelPrice},
  }));

  /** `first`: these are tasks' first attempts (counted as tasks); otherwise retries or escalations. */
  const record = (
    path: PathKind,
    model: ModelPrice,
    cls: ResolvedClass,
    count: number,
    unit: UnitCost,
    first: boolean,
  ) => {
    if (first) served[path] += count;
    solving.attempts += count;
    let lines = unit.lines[path];
    if (!lines) {
      lines = unit.split.map((part) => {
        const key = `${path}\u0000${model.id}\u0000${part.tier}`;
        let line = ledger.get(key);
        if (!line) {
          line = emptyLine(path, model.id, part.tier);
          ledger.set(key, line);
        }
        return line;
      });
      unit.lines[path] = lines;
    }
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as LedgerLine;
      const part = unit.split[i] as UnitCost['split'][number];
      if (first) line.tasks += count;
      line.attempts += count;
      line.requests += cls.requestsPerTask * count;
      line.tokens = addTokens(line.tokens, part.tokens, count);
    }
  };

  // The day's state, which the closures below read and the loop sets each day: made once a run,
  // not once a day.
  let dayOfMonth = 0;
  let dayCost: Money[] = [];
  let freeUsed = 0;
  let freeModel: ModelPrice | undefined;
  // Built without spreading: an object spread is slow while V8 still interprets, and a run routes
  // every class every day.
  const context = (): RouteContext =>
    freeModel ? {freeUsedToday: freeUsed, freeModel} : {freeUsedToday: freeUsed};

  /**
   * Up to `count` attempts of a class routed to `decision`, billed as the plan says. Returns how
   * many were taken (the free tier takes what its cap leaves) and how many of those ran (a
   * credit cliff blocks the rest).
   */
  const runAttempts = (
    decision: ServedRoute,
    runtime: ClassRuntime,
    count: number,
    unit: UnitCost,
    first: boolean,
  ): {taken: number; ran: number} => {
    const cls = runtime.cls;
    if (decision.path === 'free') {
      const per = freeUnits(plan, runtime.task);
      const taken = Math.min(count, Math.floor(((plan.free?.dailyCap.count ?? 0) - freeUsed) / per));
      freeUsed += per * taken;
      record('free', decision.model, cls, taken, unit, first);
      return {taken, ran: taken};
    }
    if (decision.path === 'byok') {
      const requests = cls.requestsPerTask;
      const list = multiplied(unit.listTimes, unit.listUsd, count);
      const feeBearing = feeBearingRequests(plan, byokRequestsThisMonth, requests * count);
      const fee = byokFee(plan, {
        listUsd: list,
        tokens: unit.tokens * count,
        feeBearingListUsd: feeBearingShare(unit.listUsd, feeBearing, requests),
      });
      byokRequestsThisMonth += requests * count;
      unit.byokCount += count;
      charges.byokFeeUsd = plus(charges.byokFeeUsd, fee);
      dayCost.push(list, fee);
      record('byok', decision.model, cls, count, unit, first);
      if (decision.belowNeed && first) belowNeed += count;
      return {taken: count, ran: count};
    }
    const billed = platformMonths.bill(
      multiplied(unit.platformTimes, unit.platformUsd, count),
      count,
      dayOfMonth,
    );
    charges.subscriptionUsd = plus(charges.subscriptionUsd, billed.subscriptionUsd);
    charges.platformUsageUsd = plus(charges.platformUsageUsd, billed.usageUsd);
    charges.packsUsd = plus(charges.packsUsd, billed.packsUsd);
    dayCost.push(billed.subscriptionUsd, billed.usageUsd, billed.packsUsd);
    if (billed.runs > 0) record('platform', decision.model, cls, billed.runs, unit, first);
    if (decision.belowNeed && first) belowNeed += billed.runs;
    return {taken: count, ran: billed.runs};
  };

  /**
   * `n` tasks of a class just made attempt `k` on `model`: count those it solved, and send the
   * rest to their next attempt, which route() places like any task. `best`: the highest rate
   * tried on them before.
   */
  const attempted = (
    index: number,
    runtime: ClassRuntime,
    k: number,
    n: number,
    model: ModelPrice,
    rate: number | undefined,
    best: number | undefined,
  ): void => {
    if (n === 0) return;
    if (rate === undefined) {
      solving.unknown += n;
      unknownModels.add(model.id);
      return;
    }
    const odds = oddsAfterFailures(rate, best, rates?.independentShare ?? 1);
    const won = outcomes.successes(`${index}\u0000${k}\u0000${odds}`, n, odds);
    solving.solved += won;
    const ladder = ladders[index] as ModelPrice[];
    let failed = n - won;
    if (k + 1 >= ladder.length) return;
    const tried = best === undefined ? rate : Math.max(best, rate);
    const {settings} = firstAttempts[index] as (typeof firstAttempts)[number];
    const task = {...runtime.task, model: ladder[k + 1] as ModelPrice};
    while (failed > 0) {
      const next = route(settings, plan, task, context());
      if (next.path === 'unserved') {
        solving.stopped += failed;
        return;
      }
      const nextRate = rateOf(next.model, runtime.cls.needs);
      const factor =
        nextRate === undefined || !rates
          ? 1
          : attemptTokenFactor(
              nextRate,
              oddsAfterFailures(nextRate, tried, rates.independentShare),
              rates.failedTokenShare,
            );
      const {taken, ran} = runAttempts(
        next,
        runtime,
        failed,
        unitCost(runtime.cls, next.model, factor),
        false,
      );
      solving.stopped += taken - ran;
      attempted(index, runtime, k + 1, ran, next.model, nextRate, tried);
      failed -= taken;
    }
  };

  for (let day = 0; day < days; day++) {
    dayOfMonth = day % profile.workingDaysPerMonth;
    if (dayOfMonth === 0) {
      byokRequestsThisMonth = 0;
      platformMonths.startMonth();
    }
    dayCost = [];
    freeUsed = 0;
    freeModel = freeModelOn(scenario.freePool, day);
    const from = Math.min(tasks, Math.floor(pace * day + 1e-9));
    const counts = sequence.take(
      Math.min(tasks, day === days - 1 ? tasks : Math.floor(pace * (day + 1) + 1e-9)) - from,
    );

    // An index loop: destructuring entries() was a third of this function's own time while interpreted.
    for (let index = 0; index < runtimes.length; index++) {
      const runtime = runtimes[index] as ClassRuntime;
      let remaining = counts[index] ?? 0;
      const {settings, task} = firstAttempts[index] as (typeof firstAttempts)[number];
      // Tasks of one class on one day route alike until the free cap is reached, so route the
      // first, take as many as share its route, and route again for the rest.
      while (remaining > 0) {
        const decision = route(settings, plan, task, context());
        if (decision.path === 'unserved') {
          unserved[
            decision.reason === 'free-capability' ||
            decision.reason === 'free-cap-wait' ||
            decision.reason === 'context-window'
              ? decision.reason
              : 'no-path'
          ] += remaining;
          break;
        }
        const {taken, ran} = runAttempts(
          decision,
          runtime,
          remaining,
          unitCost(runtime.cls, decision.model),
          true,
        );
        unserved['credits-exhausted'] += taken - ran;
        const rate = rateOf(decision.model, runtime.cls.needs);
        attempted(index, runtime, 0, ran, decision.model, rate, undefined);
        remaining -= taken;
      }
    }
    dayParts.push(dayCost);
  }

  const lines = [...ledger.values()];
  const models = new Map(scenario.classes.map((c) => [c.resolvedModel.id, c.resolvedModel]));
  for (const m of scenario.freePool) models.set(m.id, m);
  for (const m of ladders.flat()) models.set(m.id, m);
  for (const line of lines) {
    // The free tier costs nothing whatever its models would list at, so nothing is missing there.
    if (line.path === 'free') continue;
    const priced = listCost(models.get(line.model) as ModelPrice, line.tier, line.tokens);
    line.listUsd = priced.usd;
    line.missing = [...priced.missing];
  }
  // Exact sums, so the list cost summed unit by unit is the one summed call by call.
  for (const unit of priced)
    if (unit.byokCount > 0) charges.byokListUsd = charges.byokListUsd.add(unit.listUsd.mul(unit.byokCount));
  const totalUsd = Object.values(charges).reduce((sum: Money, v: Money) => sum.add(v), ZERO);
  return {
    strategy,
    tasks,
    days,
    served,
    unserved,
    belowNeed,
    solving: {...solving, unknownModels: [...unknownModels].sort()},
    lines,
    charges,
    totalUsd,
    complete: lines.every((l) => l.missing.length === 0),
    credits: platformMonths.credits,
    dayParts,
  };
}

/** What each day of a run cost, in order. */
export function dailyUsd(run: RunResult): Money[] {
  return run.dayParts.map((parts) => parts.reduce(plus, ZERO));
}

/** a + b, without a new number when b is zero (most days add no fee, pack or subscription). */
function plus(a: Money, b: Money): Money {
  return b.isZero() ? a : a.add(b);
}

/** `money` × `count`, each product worked out once a run (in `products`, by count). */
function multiplied(products: Map<number, Money>, money: Money, count: number): Money {
  if (count === 1) return money;
  let product = products.get(count);
  if (!product) {
    product = money.mul(count);
    products.set(count, product);
  }
  return product;
}

function priceUnit(plan: Plan, listed: ModelPrice, tokens: TokenBuckets, requests: number): UnitCost {
  // Prices in several prompt-size steps (Qwen3-Coder): the class's requests are priced at the step their prompt falls in.
  const model = stepAt(listed, stepFor(listed, promptTokens(tokens) / requests));
  const split = splitByTier(model, tokens, requests);
  const both = (['base', 'long'] as const).map((tier) => ({tier, tokens: split[tier]}));
  const used = both.filter((p) => totalTokens(p.tokens) > 0);
  const parts = used.length > 0 ? used : both.slice(0, 1);
  const priced = parts.map((p) => listCost(model, p.tier, p.tokens));
  const listUsd = priced.reduce((sum, p) => sum.add(p.usd), ZERO);
  const mtok = totalTokens(tokens);
  return {
    split: parts,
    listUsd,
    missing: [...new Set(priced.flatMap((p) => p.missing))],
    tokens: mtok,
    platformUsd: platformCharge(plan, {listUsd, tokens: mtok}),
    lines: {},
    listTimes: new Map(),
    platformTimes: new Map(),
    byokCount: 0,
  };
}

/** A task's tokens times `factor`, each bucket in whole tokens. */
function scaleTokens(t: TokenBuckets, factor: number): TokenBuckets {
  return {
    input: Math.round(t.input * factor),
    cacheRead: Math.round(t.cacheRead * factor),
    cacheWrite5m: Math.round(t.cacheWrite5m * factor),
    cacheWrite1h: Math.round(t.cacheWrite1h * factor),
    output: Math.round(t.output * factor),
  };
}

/** Shares in whole parts of a million: class order decided in exact integer arithmetic, not float noise. */
const SHARE_PARTS = 1_000_000;

/**
 * The run's tasks, class by class, in whole tasks. After n tasks every class holds its share of n
 * rounded by largest remainder, and no class ever loses a task as n grows, so a day's split is never
 * negative and the run adds up to exactly the tasks asked for (1 a day for 21 days is 21 tasks).
 */
export class TaskSequence {
  private readonly parts: number[];
  private readonly whole: number;
  /** Tasks after which the split starts over: every class's share of it is whole. */
  readonly period: number;
  /** Each class's tasks in one period. */
  private readonly perPeriod: number[];
  /** The split of the first r tasks of a period, by r: a run's days fall on a few of them. */
  private readonly within = new Map<number, number[]>();
  private readonly counts: number[];
  private taken = 0;

  constructor(classes: readonly {share: number}[]) {
    this.parts = classes.map((c) => Math.round(c.share * SHARE_PARTS));
    this.whole = this.parts.reduce((a, b) => a + b, 0) || 1;
    this.period = this.whole / this.parts.reduce((g, p) => gcd(g, p), this.whole);
    this.perPeriod = this.parts.map((p) => (p * this.period) / this.whole);
    this.counts = classes.map(() => 0);
  }

  /**
   * The largest-remainder split of n tasks. n is q whole periods and r more: each class's quota is
   * q times its whole share of a period plus its quota of r, with the same remainder, so the split
   * is q periods' plus r's, in whole numbers no larger than n.
   */
  split(n: number): number[] {
    const q = Math.floor(n / this.period);
    const r = n - q * this.period;
    let rest = this.within.get(r);
    if (!rest) {
      rest = largestRemainder(this.parts, this.whole, r);
      this.within.set(r, rest);
    }
    return rest.map((c, i) => q * (this.perPeriod[i] as number) + c);
  }

  /** Tasks of each class among the next `n` tasks of the run. */
  take(n: number): number[] {
    const target = this.split(this.taken + n);
    const out = target.map((t, i) => Math.max(0, t - (this.counts[i] as number)));
    if (out.reduce((a, b) => a + b, 0) !== n) return this.takeOneByOne(n);
    out.forEach((c, i) => (this.counts[i] = (this.counts[i] as number) + c));
    this.taken += n;
    return out;
  }

  /** Where largest remainder would take a task back (the Alabama paradox), tasks go one at a time, each to the class furthest behind. */
  private takeOneByOne(n: number): number[] {
    const out = this.counts.map(() => 0);
    for (let t = 0; t < n; t++) {
      const next = ++this.taken;
      let best = 0;
      let bestDeficit = -Infinity;
      for (let i = 0; i < this.parts.length; i++) {
        const deficit = next * (this.parts[i] as number) - (this.counts[i] as number) * this.whole;
        if (deficit > bestDeficit) {
          bestDeficit = deficit;
          best = i;
        }
      }
      this.counts[best] = (this.counts[best] as number) + 1;
      out[best] = (out[best] as number) + 1;
    }
    return out;
  }
}

/**
 * n split by parts (of `whole`) by largest remainder, ties to the earlier class; n below a period,
 * so every product, quotient and remainder is a whole number a double holds exactly.
 */
function largestRemainder(parts: readonly number[], whole: number, n: number): number[] {
  const floors = parts.map((p) => Math.floor((p * n) / whole));
  let left = n - floors.reduce((a, b) => a + b, 0);
  if (left === 0) return floors;
  const order = parts
    .map((_, i) => i)
    .sort((i, j) => {
      const ri = ((parts[i] as number) * n) % whole;
      const rj = ((parts[j] as number) * n) % whole;
      return ri === rj ? i - j : rj - ri;
    });
  for (const i of order) {
    if (left-- === 0) break;
    floors[i] = (floors[i] as number) + 1;
  }
  return floors;
}
