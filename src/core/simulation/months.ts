import {
  creditsDrawnAtListPrice,
  feeBearingRequests,
  feeBearingShare,
  floatCharges,
  monthCharges,
} from '../billing/charges.js';
import {Money, ZERO} from '../money.js';
import {ratesFor, splitByTier, type Tier} from '../pricing/context-tiers.js';
import type {ModelPrice, Rates} from '../pricing/model-price.js';
import {Random} from './random.js';
import {route, type AppSettings, type RouteContext} from '../routing/router.js';
import {classTask, freeModelOn, type Scenario} from './scenario.js';
import {QuantileSketch} from './sketch.js';
import {settingsFor, type Strategy} from '../routing/strategy.js';
import {SIZE_TABLE_ENTRIES, sizeDistribution, sizeTable} from './task-size.js';
import {BUCKETS, type TokenBuckets} from '../tokens.js';
import {attemptModels, attemptTokenFactor, oddsAfterFailures} from '../solving/attempts.js';
import {firstAttemptRate} from '../solving/solve-rates.js';

export interface MonthSimOptions {
  readonly runs: number;
  readonly seed: number;
  readonly strategies: readonly Strategy[];
  /** Called now and then with the months done so far (a progress bar on a terminal). */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Every month the same fixed tasks instead of random draws: per working day, each task's class
   * (an index into the scenario's classes), at the class's own size. Lets the month be held to
   * the batch simulation and the replay.
   */
  readonly fixedMonth?: readonly (readonly number[])[];
}

/** What one strategy came to over many simulated months. Money sums are exact; spreads come from a sketch. */
export interface StrategyOutcome {
  readonly strategy: Strategy;
  /** Exact sum of every month's bill: mean = totalUsd / runs. */
  readonly totalUsd: Money;
  /** Monthly bills, for p10 / p50 / p90 / p99 (within ±0.05%). */
  readonly bills: QuantileSketch;
  readonly credits: {
    readonly monthsRunOut: number;
    /** Months in which the credit cliff blocked at least one task. */
    readonly monthsBlocked: number;
    /** runOutDays[d] = months whose credits ran out on working day d + 1. */
    readonly runOutDays: number[];
    readonly overageUsd: QuantileSketch;
    readonly blockedTasks: QuantileSketch;
    /** False when a price missing draws credits in dollars short: they may run out sooner, with more overage or more tasks blocked. */
    readonly complete: boolean;
  } | null;
  readonly free: {
    readonly capDays: number;
    readonly waited: number;
    readonly fellThrough: number;
    readonly served: number;
  } | null;
  /** Mean cumulative cost at the end of each working day, and mean credit balance (null without credits). */
  readonly daily: {readonly cumulativeUsd: number[]; readonly creditBalance: number[] | null};
  readonly unservedTasks: number;
  readonly complete: boolean;
  /** Success drawn per attempt: every attempt that ran, the tasks solved, those no benchmark covers, those stopped. */
  readonly solving: {
    readonly attempts: number;
    readonly solved: number;
    readonly unknown: number;
    readonly stopped: number;
    /** Tasks solved in a month, for its spread. */
    readonly solvedPerMonth: QuantileSketch;
  };
}

export interface MonthSimResult {
  readonly runs: number;
  readonly seed: number;
  readonly days: number;
  readonly tasks: number;
  readonly outcomes: StrategyOutcome[];
  readonly classes: {readonly name: string; readonly median: number; readonly p90: number}[];
}

/**
 * Slot paths: BYOK, platform, and for the plan's BYOK percentage fee the BYOK tasks wholly past the
 * month's waiver and the one task the waiver ends in.
 */
type SlotPath = 0 | 1 | 2 | 3;
const BYOK = 0;
const PLATFORM = 1;
const FEE_BEARING = 2;
const WAIVER_END = 3;
const SLOT_PATHS = 4;

/**
 * A kept route() answer: its path in the low bits, and KEPT_CAPPED when the day's free cap made it
 * (a wait when unserved, a fall-through when paid). 0: not asked yet.
 */
const KEPT_UNSERVED = 1;
const KEPT_FREE = 2;
const KEPT_BYOK = 3;
const KEPT_PLATFORM = 4;
const KEPT_PATH = 7;
const KEPT_CAPPED = 8;

/**
 * A kept answer the day loop takes the short way (see keep): the path in the low bits, and
 * FAST_CAPPED when the day's free cap made it. 0: the attempt by attempt way.
 */
const FAST_BYOK = 1;
const FAST_PLATFORM = 2;
const FAST_FREE = 3;
const FAST_UNSERVED = 4;
const FAST_PATH = 7;
const FAST_CAPPED = 8;

/** A subscription's credits as the month's float bookkeeping reads them (floatCharges). */
interface FloatCredits {
  readonly included: number;
  readonly drawn: (platformUsd: number, platformTasks: number) => number;
}

/** Per strategy, per month: integer token sums in slots (path × class × tier × bucket) and the counters. */
class Month {
  readonly tokens: Float64Array;
  byokRequests = 0;
  /** Of the task the fee waiver ends in: its requests past the waiver, and all of them. */
  waiverEnd: readonly [number, number] = [0, 1];
  platformTasks = 0;
  blocked = 0;
  waited = 0;
  fellThrough = 0;
  freeServed = 0;
  capDays = 0;
  runOutDay = -1;
  floatCost = 0;
  solved = 0;
  floatPlatform = 0;
  constructor(slots: number) {
    this.tokens = new Float64Array(slots * BUCKETS.length);
  }

  /**
   * A task served on the platform at `charge` (float dollars): without a subscription it is paid as
   * it runs; with one, its credits draw it, and the working day they are used up is kept.
   */
  servePlatform(charge: number, day: number, credits: FloatCredits | undefined): void {
    this.platformTasks++;
    this.floatPlatform += charge;
    if (!credits) this.floatCost += charge;
    else if (
      this.runOutDay < 0 &&
      credits.drawn(this.floatPlatform, this.platformTasks) >= credits.included - 1e-9
    )
      this.runOutDay = day;
  }

  /** Back to an empty month, in place: a month a strategy, every run, allocated 40,000 typed arrays in 10,000 runs. */
  reset(): void {
    this.tokens.fill(0);
    this.byokRequests = 0;
    this.waiverEnd = [0, 1];
    this.platformTasks = 0;
    this.blocked = 0;
    this.waited = 0;
    this.fellThrough = 0;
    this.freeServed = 0;
    this.capDays = 0;
    this.runOutDay = -1;
    this.floatCost = 0;
    this.solved = 0;
    this.floatPlatform = 0;
  }
}

/**
 * Simulates `runs` months. Each day's task count is Poisson around the profile's pace; each task's
 * class is drawn by share and its size from the class's lognormal (mean = the profile's task);
 * every strategy routes the same sampled tasks through route(). Tokens are summed as integers per
 * path, class model and tier, and priced with decimal.js at the month's end, so money is exact
 * for the sampled tokens. Only the order-dependent decisions inside a month (which task meets a
 * credit cliff, the day credits run out) use a float running total.
 */
export function simulateMonths(scenario: Scenario, options: MonthSimOptions): MonthSimResult {
  const {profile, plan, classes} = scenario;
  const days = profile.workingDaysPerMonth;
  const random = new Random(options.seed);
  const sizes = classes.map(sizeDistribution);
  // The hot loop reads class figures from flat arrays rather than nested objects.
  const tables = classes.map(sizeTable);
  const means = Float64Array.from(
    classes.flatMap((c) => [...BUCKETS.map((b) => c.tokens[b]), c.requestsPerTask]),
  );
  // Token sums and rates are kept per (class, model) an attempt runs on: each class's own model
  // first, then the models a strategy's ladder tries on it.
  const priced: {readonly cls: number; readonly model: ModelPrice}[] = classes.map((c, cls) => ({
    cls,
    model: c.resolvedModel,
  }));
  const pricedIndex = (cls: number, model: ModelPrice) => {
    const found = priced.findIndex((p) => p.cls === cls && p.model.id === model.id);
    return found >= 0 ? found : priced.push({cls, model}) - 1;
  };
  const ladders = options.strategies.map((strategy) =>
    classes.map((c, cls) =>
      attemptModels(strategy.ladder, c.resolvedModel).map((model) => ({
        model,
        priced: pricedIndex(cls, model),
      })),
    ),
  );
  const maxAttempts = Math.max(1, ...ladders.flat().map((l) => l.length));
  const thresholds = Float64Array.from(priced, (p) => p.model.longContext?.thresholdTokens ?? Infinity);
  const cumulativeShares: number[] = [];
  classes.reduce((sum, c) => {
    cumulativeShares.push(sum + c.share);
    return sum + c.share;
  }, 0);
  const slots = SLOT_PATHS * priced.length * 2;
  const exactRates = integerRates(priced.map((p) => p.model));
  const slot = (path: SlotPath, r: number, tier: Tier) =>
    ((path * priced.length + r) * 2 + (tier === 'long' ? 1 : 0)) * BUCKETS.length;
  const floatRates = priced.map((p) => ({
    base: floatRatesOf(ratesFor(p.model, 'base')),
    long: floatRatesOf(ratesFor(p.model, 'long')),
  }));
  const solveRates = scenario.solveRates;
  // Success is drawn from a stream of its own, so the tasks drawn are the same with or without it.
  const outcomes = new Random(options.seed ^ 0x2545f491);
  const draws = new Float64Array(maxAttempts);
  // The free model's rate per class, looked up once per (model, class) and then once a day.
  // NaN where no benchmark covers the model, as in a strategy's kept rates.
  const freeRates = new Map<ModelPrice, Float64Array>();
  const freeRatesOf = (model: ModelPrice) => {
    let rates = freeRates.get(model);
    if (!rates) {
      rates = Float64Array.from(
        classes,
        (c) => (solveRates && firstAttemptRate(solveRates, model, c.needs)) ?? NaN,
      );
      freeRates.set(model, rates);
    }
    return rates;
  };
  const independentShare = solveRates?.independentShare ?? 1;
  const failedShare = solveRates?.failedTokenShare ?? 1;
  /** An attempt's tokens and list price on priced model `r`, for a task of `size` mean tasks (means from `at`). */
  const shapeOf = (r: number, size: number, at: number, requests: number): Shape => {
    const model = (priced[r] as (typeof priced)[number]).model;
    const t = {
      input: Math.floor((means[at] as number) * size + 0.5),
      cacheRead: Math.floor((means[at + 1] as number) * size + 0.5),
      cacheWrite5m: Math.floor((means[at + 2] as number) * size + 0.5),
      cacheWrite1h: Math.floor((means[at + 3] as number) * size + 0.5),
      output: Math.floor((means[at + 4] as number) * size + 0.5),
    };
    const long =
      t.input + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h > (thresholds[r] as number) * requests;
    const rates = floatRates[r] as {base: number[]; long: number[]};
    const split = long && !model.longContext?.wholeRequest ? splitByTier(model, t, requests) : undefined;
    return {
      tokens: t,
      split,
      tier: long ? 'long' : 'base',
      cost: split
        ? listFloat(split.base, rates.base) + listFloat(split.long, rates.long)
        : listFloat(t, long ? rates.long : rates.base),
      total: t.input + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h + t.output,
    };
  };
  const {
    platform: platformFloat,
    byok: byokFloat,
    includedCredits: creditsIncluded,
    drawn,
    subscription: subscriptionFloat,
  } = floatCharges(plan);
  const byokFeePct = !plan.byok.feePct.isZero();
  const subscription = plan.platform.subscription;
  const cliff = subscription?.overage.kind === 'blocked';
  const credits: FloatCredits | undefined = subscription ? {included: creditsIncluded, drawn} : undefined;

  // route() is pure, and for a class its answer turns only on whether the task still fits under
  // the day's free cap; so each (class, attempt, fits) answer is asked of route() once and kept,
  // as a number (see KEPT_*), with the first-attempt rate of the model it runs on (NaN: none known).
  const keptSize = classes.length * maxAttempts * 2;
  const states = options.strategies.map((strategy, i) => ({
    strategy,
    settings: classes.map((c) => settingsFor(strategy, c.name)),
    routes: new Uint8Array(keptSize),
    /** Per kept answer: FAST_* where a task takes the short way (see keep), else 0. */
    fast: new Uint8Array(keptSize),
    rates: new Float64Array(keptSize),
    ladder: ladders[i] ?? [],
    attempts: 0,
    solved: 0,
    unknown: 0,
    stopped: 0,
    solvedPerMonth: new QuantileSketch(),
    totalUsd: ZERO,
    bills: new QuantileSketch(),
    overage: new QuantileSketch(),
    blocked: new QuantileSketch(),
    monthsRunOut: 0,
    monthsBlocked: 0,
    runOutDays: new Array<number>(days).fill(0),
    free: {capDays: 0, waited: 0, fellThrough: 0, served: 0},
    cumulative: new Float64Array(days),
    balance: new Float64Array(days),
    unserved: 0,
    complete: true,
    month: new Month(slots),
    freeUsed: 0,
    capHitToday: false,
  }));

  const task = {
    model: classes[0]?.resolvedModel as ModelPrice,
    needs: classes[0]?.needs ?? 'open',
    requests: 1,
    promptTokensPerRequest: 0,
  };
  // Decisions are kept per class, so the context-window check takes the class's mean prompt, as the batch does.
  const meanPrompts = classes.map((c) => classTask(c).promptTokensPerRequest ?? 0);
  const freeByRequests = plan.free?.dailyCap.unit === 'requests';
  const freeCap = plan.free?.dailyCap.count ?? 0;
  const context: {freeUsedToday: number; freeModel?: ModelPrice} = {freeUsedToday: 0};
  /** Asks route() an attempt's path and keeps it in the strategy's `routes` and `rates` at `at`. */
  const keep = (
    s: (typeof states)[number],
    cls: number,
    a: number,
    fits: number,
    requests: number,
    at: number,
  ) => {
    const c = classes[cls] as Scenario['classes'][number];
    const step = (s.ladder[cls] as {model: ModelPrice; priced: number}[])[a] as {
      model: ModelPrice;
      priced: number;
    };
    context.freeUsedToday = fits ? 0 : freeCap;
    task.model = step.model;
    task.needs = c.needs;
    task.requests = fits ? Math.min(requests, freeCap) : requests;
    task.promptTokensPerRequest = meanPrompts[cls] as number;
    const decision = route(s.settings[cls] as AppSettings, plan, task, context as RouteContext);
    const path = decision.path;
    const capped = decision.reason === (path === 'unserved' ? 'free-cap-wait' : 'free-cap-fallthrough');
    const code =
      path === 'unserved'
        ? KEPT_UNSERVED
        : path === 'free'
          ? KEPT_FREE
          : path === 'byok'
            ? KEPT_BYOK
            : KEPT_PLATFORM;
    s.routes[at] = code | (capped ? KEPT_CAPPED : 0);
    // The short way: a first attempt left unserved, or a lone one (no retry, no escalation) that
    // is free or paid on the class's own model with nothing the month so far decides (no BYOK fee
    // waiver, no credit cliff), which takes the task's own tokens and charge.
    const lone = a === 0 && s.ladder[cls]?.length === 1;
    const fast =
      a === 0 && code === KEPT_UNSERVED
        ? FAST_UNSERVED
        : !lone
          ? 0
          : code === KEPT_FREE
            ? FAST_FREE
            : step.priced !== cls
              ? 0
              : code === KEPT_BYOK
                ? byokFeePct
                  ? 0
                  : FAST_BYOK
                : cliff
                  ? 0
                  : FAST_PLATFORM;
    s.fast[at] = fast === 0 ? 0 : fast | (capped ? FAST_CAPPED : 0);
    s.rates[at] =
      (solveRates && decision.path !== 'unserved'
        ? firstAttemptRate(solveRates, decision.model, c.needs)
        : undefined) ?? NaN;
  };
  let totalTasks = 0;
  // The task's own tokens, on its class's model.
  let t0 = 0;
  let t1 = 0;
  let t2 = 0;
  let t3 = 0;
  let t4 = 0;
  const own = {input: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0};
  // Capped at 1, past which no draw reaches either way, so u − share stays above −1.
  const shares = Float64Array.from(cumulativeShares, (share) => Math.min(1, share));
  const lastClass = classes.length - 1;

  // A day's and a month's end for a strategy, each its own function: the task loop's optimized
  // code stays the loop's, with V8's inlining left for the calls made a task.
  const closeDay = (s: (typeof states)[number], day: number) => {
    if (s.capHitToday) s.month.capDays++;
    s.cumulative[day] =
      (s.cumulative[day] as number) +
      s.month.floatCost +
      subscriptionFloat(s.month.floatPlatform, s.month.platformTasks, s.month.blocked);
    s.balance[day] =
      (s.balance[day] as number) +
      Math.max(0, creditsIncluded - drawn(s.month.floatPlatform, s.month.platformTasks));
  };
  // A month with nothing paid (no token on any path, no platform task served or blocked, no
  // request past a fee waiver) bills the same every time: worked out once, as the free tier's every month would be.
  let idleBill: MonthBill | undefined;
  const closeMonth = (s: (typeof states)[number]) => {
    const m = s.month;
    const idle =
      m.platformTasks === 0 && m.blocked === 0 && m.waiverEnd[0] === 0 && !m.tokens.some((n) => n !== 0);
    const bill = idle
      ? (idleBill ??= monthBill(scenario, m, slot, exactRates))
      : monthBill(scenario, m, slot, exactRates);
    s.totalUsd = s.totalUsd.add(bill.total);
    s.bills.add(bill.totalNumber);
    s.overage.add(bill.overageNumber);
    s.blocked.add(s.month.blocked);
    s.solvedPerMonth.add(s.month.solved);
    s.complete &&= bill.complete;
    if (s.month.runOutDay >= 0) {
      s.monthsRunOut++;
      if (s.month.blocked > 0) s.monthsBlocked++;
      s.runOutDays[s.month.runOutDay] = (s.runOutDays[s.month.runOutDay] as number) + 1;
    }
    s.free.capDays += s.month.capDays;
    s.free.waited += s.month.waited;
    s.free.fellThrough += s.month.fellThrough;
    s.free.served += s.month.freeServed;
  };

  /**
   * A task's attempts for one strategy, one by one as its ladder, routes, rates, BYOK fee waiver
   * and credit cliff decide: every attempt the short way does not take. Out of the task loop, so
   * the loop's code stays small enough for V8 to optimize it early and quickly.
   */
  const attemptByAttempt = (
    s: (typeof states)[number],
    cls: number,
    factor: number,
    requests: number,
    split: Shape['split'],
    longTier: boolean,
    cost: number,
    total: number,
    day: number,
    freeToday: Float64Array | undefined,
    t0: number,
    t1: number,
    t2: number,
    t3: number,
    t4: number,
  ) => {
    const m = s.month;
    const sums = m.tokens;
    const k = cls * 6;
    const units = freeByRequests ? requests : 1;
    const ladder = s.ladder[cls] as {model: ModelPrice; priced: number}[];
    let best = 0;
    for (let a = 0; a < ladder.length; a++) {
      const first = a === 0;
      const fits = s.freeUsed + units <= freeCap ? 1 : 0;
      const at = (cls * maxAttempts + a) * 2 + fits;
      if (s.routes[at] === 0) keep(s, cls, a, fits, requests, at);
      const kept = s.routes[at] as number;
      const path = kept & KEPT_PATH;
      if (path === KEPT_UNSERVED) {
        if (kept & KEPT_CAPPED && first) {
          m.waited++;
          s.capHitToday = true;
        }
        if (first) s.unserved++;
        else s.stopped++;
        break;
      }
      const rate = (path === KEPT_FREE && freeToday ? freeToday[cls] : s.rates[at]) as number;
      // NaN: no benchmark covers the model.
      const known = rate === rate;
      // Past the first attempt, `best` holds the highest rate tried.
      const odds = known ? (first ? rate : oddsAfterFailures(rate, best, independentShare)) : NaN;
      if (path === KEPT_FREE) {
        s.freeUsed += units;
        if (first) m.freeServed++;
      } else {
        if (kept & KEPT_CAPPED && first) {
          m.fellThrough++;
          s.capHitToday = true;
        }
        const sizeUp = known && !first ? attemptTokenFactor(rate, odds, failedShare) : 1;
        const r = (ladder[a] as {priced: number}).priced;
        const shape = r === cls && sizeUp === 1 ? undefined : shapeOf(r, factor * sizeUp, k, requests);
        const tokens = shape ? shape.tokens : undefined;
        const a0 = tokens ? tokens.input : t0;
        const a1 = tokens ? tokens.cacheRead : t1;
        const a2 = tokens ? tokens.cacheWrite5m : t2;
        const a3 = tokens ? tokens.cacheWrite1h : t3;
        const a4 = tokens ? tokens.output : t4;
        const aSplit = shape ? shape.split : split;
        const aLong = shape ? shape.tier === 'long' : longTier;
        const aCost = shape ? shape.cost : cost;
        const aTotal = shape ? shape.total : total;
        const onPath = path === KEPT_BYOK ? BYOK : PLATFORM;
        // Slot offsets of priced model r on a path: its base tier's, and its long tier's one bucket row on.
        const base = (onPath * priced.length + r) * 2 * BUCKETS.length;
        addTask(sums, base, aSplit, aLong, 1, a0, a1, a2, a3, a4);
        if (onPath === PLATFORM) {
          const charge = platformFloat(aCost, aTotal);
          if (cliff) {
            const spent = drawn(m.floatPlatform + charge, m.platformTasks + 1);
            if (spent > creditsIncluded + 1e-9) {
              // Undo: the attempt never ran.
              addTask(sums, base, aSplit, aLong, -1, a0, a1, a2, a3, a4);
              if (first) {
                m.blocked++;
                s.unserved++;
              } else s.stopped++;
              if (m.runOutDay < 0) m.runOutDay = day;
              break;
            }
          }
          m.servePlatform(charge, day, credits);
        } else {
          const feeBearing = byokFeePct ? feeBearingRequests(plan, m.byokRequests, requests) : 0;
          m.byokRequests += requests;
          m.floatCost += byokFloat(aCost, aTotal, feeBearing, requests);
          if (feeBearing > 0) {
            const feePath = feeBearing === requests ? FEE_BEARING : WAIVER_END;
            if (feePath === WAIVER_END) m.waiverEnd = [feeBearing, requests];
            const feeBase = (feePath * priced.length + r) * 2 * BUCKETS.length;
            addTask(sums, feeBase, aSplit, aLong, 1, a0, a1, a2, a3, a4);
          }
        }
      }
      s.attempts++;
      if (!known) {
        s.unknown++;
        break;
      }
      if ((draws[a] as number) < odds) {
        s.solved++;
        m.solved++;
        break;
      }
      best = first ? rate : Math.max(best, rate);
    }
  };

  for (let run = 0; run < options.runs; run++) {
    if (options.onProgress && run % 256 === 0) options.onProgress(run, options.runs);
    for (const s of states) s.month.reset();
    for (let day = 0; day < days; day++) {
      const freeModel = freeModelOn(scenario.freePool, run * days + day);
      if (freeModel) context.freeModel = freeModel;
      // The free pool rotates under a kept decision: a free attempt's rate is the model of the day's.
      const freeToday = solveRates && context.freeModel ? freeRatesOf(context.freeModel) : undefined;
      for (const s of states) {
        s.freeUsed = 0;
        s.capHitToday = false;
      }
      const fixedDay = options.fixedMonth?.[day];
      const count = fixedDay ? fixedDay.length : random.poisson(profile.tasksPerDay);
      totalTasks += count;
      for (let t = 0; t < count; t++) {
        let cls = 0;
        let factor = 1;
        if (fixedDay) cls = fixedDay[t] as number;
        else {
          // The class's draw, then the size's.
          const u = random.uniform();
          const v = random.uniform();
          // The class is how many of the cumulative shares u reaches, counted without a branch a
          // class (u − share ≥ 0 exactly when u ≥ share; both lie in [0, 1], so floor gives 0 or −1).
          for (let i = 0; i < lastClass; i++) cls += (Math.floor(u - (shares[i] as number)) + 1) | 0;
          factor = (tables[cls] as Float64Array)[(v * SIZE_TABLE_ENTRIES) | 0] as number;
        }
        const k = cls * 6;
        t0 = Math.floor((means[k] as number) * factor + 0.5);
        t1 = Math.floor((means[k + 1] as number) * factor + 0.5);
        t2 = Math.floor((means[k + 2] as number) * factor + 0.5);
        t3 = Math.floor((means[k + 3] as number) * factor + 0.5);
        t4 = Math.floor((means[k + 4] as number) * factor + 0.5);
        const requests = Math.max(1, Math.floor((means[k + 5] as number) * factor + 0.5));
        if (solveRates) outcomes.fill(draws);
        const longTier = t0 + t1 + t2 + t3 > (thresholds[cls] as number) * requests;
        const units = freeByRequests ? requests : 1;
        // What the task costs at list price and where its tokens go are the same on every paid
        // path and strategy: worked out once here, not per strategy.
        const total = t0 + t1 + t2 + t3 + t4;
        let split: Shape['split'];
        if (longTier && !(priced[cls] as (typeof priced)[number]).model.longContext?.wholeRequest) {
          own.input = t0;
          own.cacheRead = t1;
          own.cacheWrite5m = t2;
          own.cacheWrite1h = t3;
          own.output = t4;
          split = splitByTier((priced[cls] as (typeof priced)[number]).model, own, requests);
        }
        const rates = floatRates[cls] as {base: number[]; long: number[]};
        const cost = split
          ? listFloat(split.base, rates.base) + listFloat(split.long, rates.long)
          : listFloatOf(t0, t1, t2, t3, t4, longTier ? rates.long : rates.base);
        // A lone attempt on the class's own model is charged this on BYOK (no fee on its requests) and on the platform.
        const byokCharge = byokFloat(cost, total, 0, requests);
        const platformCharge = platformFloat(cost, total);
        const atFirst = cls * maxAttempts * 2;
        for (let si = 0; si < states.length; si++) {
          const s = states[si] as (typeof states)[number];
          const m = s.month;
          const sums = m.tokens;
          const fits = s.freeUsed + units <= freeCap ? 1 : 0;
          const fast = s.fast[atFirst + fits] as number;
          if (fast !== 0) {
            const fastPath = fast & FAST_PATH;
            if (fastPath === FAST_UNSERVED) {
              if (fast & FAST_CAPPED) {
                m.waited++;
                s.capHitToday = true;
              }
              s.unserved++;
              continue;
            }
            // NaN: no benchmark covers the model. The free pool rotates under a kept decision: a
            // free attempt's rate is the model of the day's.
            const rate = (
              fastPath === FAST_FREE && freeToday ? freeToday[cls] : s.rates[atFirst + fits]
            ) as number;
            if (fastPath === FAST_FREE) {
              s.freeUsed += units;
              m.freeServed++;
            } else {
              if (fast & FAST_CAPPED) {
                m.fellThrough++;
                s.capHitToday = true;
              }
              const b =
                ((fastPath === FAST_BYOK ? BYOK : PLATFORM) * priced.length + cls) * 2 * BUCKETS.length;
              addTask(sums, b, split, longTier, 1, t0, t1, t2, t3, t4);
              if (fastPath === FAST_BYOK) {
                m.byokRequests += requests;
                m.floatCost += byokCharge;
              } else {
                m.servePlatform(platformCharge, day, credits);
              }
            }
            s.attempts++;
            if (rate !== rate) s.unknown++;
            else {
              // 1 when the draw falls under the rate, else 0, without a branch (which would miss a
              // quarter of the time): rate − draw lies in (−1, 1], above 0 exactly when draw < rate.
              const won = Math.ceil(rate - (draws[0] as number)) | 0;
              s.solved += won;
              m.solved += won;
            }
            continue;
          }
          attemptByAttempt(
            s,
            cls,
            factor,
            requests,
            split,
            longTier,
            cost,
            total,
            day,
            freeToday,
            t0,
            t1,
            t2,
            t3,
            t4,
          );
        }
      }
      for (const s of states) closeDay(s, day);
    }
    for (const s of states) closeMonth(s);
  }
  return result();

  /** What the strategies came to: after the loop and out of it, so the loop's optimized code never runs this once-only part. */
  function result(): MonthSimResult {
    const runs = Math.max(1, options.runs);
    return {
      runs: options.runs,
      seed: options.seed,
      days,
      tasks: totalTasks,
      classes: classes.map((c, i) => ({
        name: c.name,
        median: sizes[i]?.median ?? 1,
        p90: sizes[i]?.p90 ?? 1,
      })),
      outcomes: states.map((s) => ({
        strategy: s.strategy,
        totalUsd: s.totalUsd,
        bills: s.bills,
        credits: subscription
          ? {
              monthsRunOut: s.monthsRunOut,
              monthsBlocked: s.monthsBlocked,
              runOutDays: s.runOutDays,
              overageUsd: s.overage,
              blockedTasks: s.blocked,
              complete: s.complete || !creditsDrawnAtListPrice(subscription),
            }
          : null,
        free: plan.free ? s.free : null,
        daily: {
          cumulativeUsd: [...s.cumulative].map((v) => v / runs),
          creditBalance: subscription ? [...s.balance].map((v) => v / runs) : null,
        },
        unservedTasks: s.unserved,
        complete: s.complete,
        solving: {
          attempts: s.attempts,
          solved: s.solved,
          unknown: s.unknown,
          stopped: s.stopped,
          solvedPerMonth: s.solvedPerMonth,
        },
      })),
    };
  }
}

/** One attempt's tokens, where they fall by price tier, and its list price in float dollars. */
interface Shape {
  readonly tokens: TokenBuckets;
  readonly split: {readonly base: TokenBuckets; readonly long: TokenBuckets} | undefined;
  readonly tier: Tier;
  readonly cost: number;
  readonly total: number;
}

function floatRatesOf(rates: Rates): number[] {
  return BUCKETS.map((b) => (rates[b] ? rates[b].toNumber() / 1e6 : 0));
}

/**
 * Adds (sign 1) or takes back (sign -1) a task's tokens at a path and model's slots (`base`): split
 * between the two context tiers, or all in one (the long one's row is one bucket row on), the
 * buckets passed one by one.
 */
function addTask(
  sums: Float64Array,
  base: number,
  split: {readonly base: TokenBuckets; readonly long: TokenBuckets} | undefined,
  long: boolean,
  sign: 1 | -1,
  t0: number,
  t1: number,
  t2: number,
  t3: number,
  t4: number,
): void {
  if (split) {
    accumulate(sums, base, split.base, sign);
    accumulate(sums, base + BUCKETS.length, split.long, sign);
    return;
  }
  const b = long ? base + BUCKETS.length : base;
  sums[b] = (sums[b] as number) + sign * t0;
  sums[b + 1] = (sums[b + 1] as number) + sign * t1;
  sums[b + 2] = (sums[b + 2] as number) + sign * t2;
  sums[b + 3] = (sums[b + 3] as number) + sign * t3;
  sums[b + 4] = (sums[b + 4] as number) + sign * t4;
}

/** Adds (sign 1) or takes back (sign -1) a whole bucket set at `base`. */
function accumulate(sums: Float64Array, base: number, t: TokenBuckets, sign: 1 | -1): void {
  sums[base] = (sums[base] as number) + sign * t.input;
  sums[base + 1] = (sums[base + 1] as number) + sign * t.cacheRead;
  sums[base + 2] = (sums[base + 2] as number) + sign * t.cacheWrite5m;
  sums[base + 3] = (sums[base + 3] as number) + sign * t.cacheWrite1h;
  sums[base + 4] = (sums[base + 4] as number) + sign * t.output;
}

/** A task's list price in float dollars: only for decisions inside a month, never for the bill. */
function listFloat(t: TokenBuckets, rates: number[]): number {
  return (
    t.input * (rates[0] as number) +
    t.cacheRead * (rates[1] as number) +
    t.cacheWrite5m * (rates[2] as number) +
    t.cacheWrite1h * (rates[3] as number) +
    t.output * (rates[4] as number)
  );
}

/** listFloat of tokens held in five numbers: the hot loop's task, without an object. */
function listFloatOf(
  input: number,
  cacheRead: number,
  write5m: number,
  write1h: number,
  output: number,
  rates: number[],
) {
  return (
    input * (rates[0] as number) +
    cacheRead * (rates[1] as number) +
    write5m * (rates[2] as number) +
    write1h * (rates[3] as number) +
    output * (rates[4] as number)
  );
}

/**
 * Rates as whole numbers of 10^-(6+d) dollars per token, d the most decimals any rate has, so a
 * month's token sums are priced in exact integer (BigInt) arithmetic: a few hundred nanoseconds a
 * month instead of dozens of decimal multiplications, with not a digit lost.
 */
export interface IntegerRates {
  /** [class][tier][bucket] → units per token, or undefined where the sheet has no price. */
  readonly units: (bigint | undefined)[][][];
  /** Units per dollar: 10^scale. */
  readonly scale: number;
}

function integerRates(models: readonly ModelPrice[]): IntegerRates {
  const all = models.flatMap((model) =>
    (['base', 'long'] as const).flatMap((tier) => BUCKETS.map((b) => ratesFor(model, tier)[b])),
  );
  const decimals = Math.max(0, ...all.map((r) => (r ? r.decimalPlaces() : 0)));
  const perUnit = new Money(10).pow(decimals);
  return {
    units: models.map((model) =>
      (['base', 'long'] as const).map((tier) =>
        BUCKETS.map((b) => {
          const rate = ratesFor(model, tier)[b];
          return rate ? BigInt(rate.mul(perUnit).toFixed(0)) : undefined;
        }),
      ),
    ),
    scale: 6 + decimals,
  };
}

/** A month's bill, exact, and as floats for the sketches. */
interface MonthBill {
  readonly total: Money;
  readonly overage: Money;
  readonly totalNumber: number;
  readonly overageNumber: number;
  readonly complete: boolean;
}

/** The month's bill, exactly, from its integer token sums. */
function monthBill(
  scenario: Scenario,
  m: Month,
  slot: (path: SlotPath, r: number, tier: Tier) => number,
  rates: IntegerRates,
): MonthBill {
  const {plan} = scenario;
  const sums = [0n, 0n, 0n, 0n];
  const counted = [0, 0, 0, 0];
  let complete = true;
  // Index loops: this runs per strategy and month, where entries() built an iterator and a pair a step.
  for (let path = 0; path < SLOT_PATHS; path++) {
    for (let r = 0; r < rates.units.length; r++) {
      for (let t = 0; t < 2; t++) {
        const base = slot(path as SlotPath, r, t === 1 ? 'long' : 'base');
        for (let b = 0; b < BUCKETS.length; b++) {
          const n = m.tokens[base + b] as number;
          if (n === 0) continue;
          const rate = rates.units[r]?.[t]?.[b];
          if (rate === undefined) complete = false;
          else sums[path] = (sums[path] as bigint) + BigInt(n) * rate;
          counted[path] = (counted[path] as number) + n;
        }
      }
    }
  }
  const usd = (path: SlotPath) =>
    // Written with its exponent, the sum is read as the exact quotient, without a division.
    sums[path] === 0n ? ZERO : new Money(`${sums[path] as bigint}e-${rates.scale}`);
  const [past, all] = m.waiverEnd;
  const charges = monthCharges(
    plan,
    {
      listUsd: usd(BYOK),
      tokens: counted[BYOK] as number,
      feeBearingListUsd:
        past === 0 ? usd(FEE_BEARING) : usd(FEE_BEARING).add(feeBearingShare(usd(WAIVER_END), past, all)),
    },
    {listUsd: usd(PLATFORM), tokens: counted[PLATFORM] as number, tasks: m.platformTasks, blocked: m.blocked},
  );
  return {
    total: charges.totalUsd,
    overage: charges.overageUsd,
    // As floats for the sketches; ZERO's is 0, without decimal.js's way through a string.
    totalNumber: charges.totalUsd === ZERO ? 0 : charges.totalUsd.toNumber(),
    overageNumber: charges.overageUsd === ZERO ? 0 : charges.overageUsd.toNumber(),
    complete,
  };
}
