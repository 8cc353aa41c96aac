import {
  byokFee,
  feeBearingRequests,
  feeBearingShare,
  platformCharge,
  PlatformMonths,
  type CreditMonth,
} from '../billing/charges.js';
import type {Capability} from '../capability.js';
import {Money, ZERO} from '../money.js';
import type {Plan} from '../billing/plan.js';
import {priceOn} from '../pricing/price-dates.js';
import type {PriceBook} from '../pricing/price-book.js';
import {listCost, splitByTier, stepAt, stepFor, type TierSplit} from '../pricing/context-tiers.js';
import {ReportedLedger} from './reported.js';
import type {ModelPrice} from '../pricing/model-price.js';
import {overflowsContext, route, type PathKind, type Route, type TaskToRoute} from '../routing/router.js';
import {freeModelOn} from '../simulation/scenario.js';
import type {Strategy} from '../routing/strategy.js';
import {NO_TOKENS, promptTokens, totalTokens, type TokenBuckets} from '../tokens.js';
import type {UsageRecord} from './usage-record.js';

export interface ReplayOptions {
  readonly plan: Plan;
  readonly book: PriceBook;
  readonly strategies: readonly Strategy[];
  /** The free tier's pool, resolved. */
  readonly freePool: readonly ModelPrice[];
  /** What the history's tasks need; by default, the tier of the model that ran them. */
  readonly needs?: Capability;
  /** The provider whose usage a source's files hold, where it is one: names the bill of rows whose model no sheet knows. */
  readonly sourceProvider?: (source: string) => string | undefined;
}

const VARIANTS = ['standard', 'fast', 'batch', 'priority'] as const;
type Variant = (typeof VARIANTS)[number];
const TIERS = ['base', 'long'] as const;
const PAID = ['byok', 'platform'] as const;
/**
 * For the plan's BYOK percentage fee, the BYOK usage again: the records wholly past the month's
 * fee waiver, and the one record the waiver ends in.
 */
const FEE_BEARING = 2;
const WAIVER_END = 3;
const SUM_PATHS = 4;
const BUCKET_COUNT = 5;

/**
 * One day's tokens of one model on one summed path, in a flat array: [tier][variant][bucket], then
 * the web searches. Summed in place: no allocation per record. A path's array is made when the
 * path first takes a row: a strategy fills one or two of the four, and an import --by holds a
 * ledger per group.
 */
const cell = (tier: number, variant: number) => (tier * VARIANTS.length + variant) * BUCKET_COUNT;
const SEARCHES = cell(TIERS.length, 0);
const PATH_SIZE = SEARCHES + 1;
/** A ledger line: its sums by summed path, each made on first use. */
type LineSums = (Float64Array | undefined)[];

function addInto(sums: Float64Array, at: number, t: TokenBuckets): void {
  sums[at] = (sums[at] as number) + t.input;
  sums[at + 1] = (sums[at + 1] as number) + t.cacheRead;
  sums[at + 2] = (sums[at + 2] as number) + t.cacheWrite5m;
  sums[at + 3] = (sums[at + 3] as number) + t.cacheWrite1h;
  sums[at + 4] = (sums[at + 4] as number) + t.output;
}

/** Sums a record's tokens into a model's running total, without a new object per record. */
function addInPlace(sum: TokenBuckets, t: TokenBuckets): void {
  const s = sum as {-readonly [K in keyof TokenBuckets]: number};
  s.input += t.input;
  s.cacheRead += t.cacheRead;
  s.cacheWrite5m += t.cacheWrite5m;
  s.cacheWrite1h += t.cacheWrite1h;
  s.output += t.output;
}

function tokensAt(sums: Float64Array, at: number): TokenBuckets {
  return {
    input: sums[at] as number,
    cacheRead: sums[at + 1] as number,
    cacheWrite5m: sums[at + 2] as number,
    cacheWrite1h: sums[at + 3] as number,
    output: sums[at + 4] as number,
  };
}

interface StrategyState {
  readonly strategy: Strategy;
  /** Days and models whose figure is a lower bound: tokens there had no price, or no exact one. */
  readonly incompleteDays: Set<string>;
  readonly incompleteModels: Set<string>;
  /** day → model id → token sums by path, tier and variant */
  readonly ledger: Map<string, Map<string, LineSums>>;
  readonly served: Record<PathKind, number>;
  readonly unserved: Record<'free-capability' | 'free-cap-wait' | 'context-window' | 'no-path', number>;
  /** day → free units used, and the tasks already admitted to the free tier that day. */
  readonly freeUsed: Map<string, number>;
  readonly freeTasks: Map<string, Set<string>>;
  /** day → tasks sent platform-paid (for per-task credits), in order, with their records; and records sent platform-paid. */
  readonly platformTasks: Map<string, Map<string, number>>;
  readonly platformRecords: Map<string, number>;
  /** Calendar month → BYOK requests so far, in the order the records came. */
  readonly byokRequests: Map<string, number>;
  /** Day → of the record the month's fee waiver ends in: its requests past the waiver, and all of them. */
  readonly waiverEnds: Map<string, readonly [number, number]>;
  /** Days some row of which this strategy did not serve: its figure there leaves those rows out. */
  readonly unservedDays: Set<string>;
  /**
   * route()'s answers by the book's model, for a strategy without the free tier. Off the free tier,
   * route() reads neither the day's free use nor the task's size (but for its context window, asked
   * apart), nor the day's prices: a model of this replay's one need, in a prompt that fits, takes
   * the same path for the same reason every time.
   */
  readonly routes: Map<ModelPrice, Route> | undefined;
}

export interface ReplayedStrategy {
  readonly strategy: Strategy;
  readonly totalUsd: Money;
  readonly byDay: ReadonlyMap<string, Money>;
  readonly byModel: ReadonlyMap<string, Money>;
  readonly served: Record<PathKind, number>;
  readonly unserved: StrategyState['unserved'];
  readonly credits: CreditMonth[];
  readonly blockedTasks: number;
  /** Rows the credit cliff blocked: routed platform-paid, not run (not in `served`). */
  readonly blockedRows: number;
  /** False when any day is a lower bound. */
  readonly complete: boolean;
  /** Days (and models) with tokens that have no price, or none exact: their figures are lower bounds. */
  readonly incompleteDays: ReadonlySet<string>;
  readonly incompleteModels: ReadonlySet<string>;
  readonly unservedDays: ReadonlySet<string>;
}

export interface ModelUsage {
  /** The priced model's id, or the name as the file wrote it when no sheet knows it. */
  readonly model: string;
  /** False: no sheet knows this model, so its tokens are not in any re-priced figure. */
  readonly priced: boolean;
  /** A tool's charge from a cost export (web_search, code_execution), not a model's. */
  readonly tool?: true;
  readonly records: number;
  readonly tokens: TokenBuckets;
  /** What the files say these rows cost; undefined when none of them says. */
  readonly reportedUsd: Money | undefined;
}

type MutableUsage = {-readonly [K in keyof ModelUsage]: ModelUsage[K]};

export interface ReplayResult {
  readonly days: string[];
  readonly strategies: ReplayedStrategy[];
  readonly models: ModelUsage[];
  readonly reported: {
    readonly totalUsd: Money;
    readonly byDay: ReadonlyMap<string, Money>;
    readonly records: number;
    /**
     * Of the amounts counted (token rows and bill rows), those a tool estimated (not a charge), and
     * all; `compared`, whether some of the estimates lie on a comparable day.
     */
    readonly estimated: {readonly rows: number; readonly of: number; readonly compared: boolean};
    /** Days with token records and a reported amount that covers them all: each path compares on those of them it re-priced completely. */
    readonly comparableDays: string[];
    /** Days with token records and a reported amount that covers only some of them: never compared. */
    readonly reportedPartial: string[];
  } | null;
  /** Models no sheet knows, with every row naming them (cost rows too) and what those rows reported. */
  readonly unknownModels: {
    readonly name: string;
    readonly records: number;
    readonly reportedUsd?: Money;
    readonly nearest: string[];
  }[];
  /** Aggregated rows (hour or day buckets) of models with a long-context tier: priced at the base tier. */
  readonly tierUnknownRecords: number;
  /** Rows whose cache split the source does not give: their totals are lower bounds. */
  readonly noCacheSplitRecords: number;
  readonly missing: string[];
  readonly records: number;
}

/**
 * The tiers of an aggregated row: all base where the model has no long-context tier or the export
 * says the row is below it, all long where the export says above it and the tier takes whole
 * requests. Undefined when the row cannot say: priced at the base tier, a lower bound.
 */
function bucketSplit(model: ModelPrice, record: UsageRecord, tokens: TokenBuckets): TierSplit | undefined {
  const tier = model.longContext;
  if (record.contextTier === 'base' || (!tier && record.contextTier === undefined))
    return {base: tokens, long: NO_TOKENS};
  // A long row of a model whose long tier no sheet gives is priced at base: a lower bound. So is one
  // of a model priced in several prompt-size steps: the row does not say which step its requests reached.
  if (record.contextTier === 'long' && tier?.wholeRequest && !tier.next)
    return {base: NO_TOKENS, long: tokens};
  return undefined;
}

/** Models and tool charges are kept apart, even under one name. */
const usageKey = (name: string, tool: boolean | undefined) => (tool ? `tool:${name}` : name);

/** A strategy with no key, no platform provider and no fall-through costs nothing, whatever the model. */
function canPay(strategy: Strategy): boolean {
  return [strategy.settings, ...Object.values(strategy.perClass ?? {})].some(
    (a) => a.keys.size > 0 || a.platformProviders.size > 0 || a.onFreeLimit === 'fallthrough',
  );
}

/** How an unknown model is shown: as written, shortened when a garbled file makes it huge. */
const NO_MODEL = '(no model named in the file)';
function unknownName(name: string): string {
  return !name ? NO_MODEL : name.length > 120 ? `${name.slice(0, 117)}... (${name.length} characters)` : name;
}

/** The record's day; the same string as the last record's when the day is the same, so maps keyed by it hash it once. */
let lastDay = '';
function dayOf(record: UsageRecord): string {
  if (!record.start.startsWith(lastDay) || lastDay === '') lastDay = record.start.slice(0, 10);
  return lastDay;
}

/**
 * Re-prices a usage history under every strategy of a plan, record by record through route(),
 * by day and by model. Tokens are summed as integers per day, path, model, tier and speed, and
 * priced exactly at the end, each day at the prices in force that day. Credits are drawn day by
 * day, in calendar months.
 */
export class Replay {
  private readonly states: StrategyState[];
  private readonly models = new Map<string, MutableUsage>();
  private readonly resolved = new Map<string, ModelPrice | undefined>();
  private readonly reported = new ReportedLedger();
  private readonly priced = new Map<string, ModelPrice>();
  private readonly tokenDays = new Set<string>();
  private tierUnknown = 0;
  private noCacheSplit = 0;
  private records = 0;
  private readonly options: ReplayOptions;

  constructor(options: ReplayOptions) {
    this.options = options;
    this.states = options.strategies.map((strategy) => ({
      strategy,
      incompleteDays: new Set(),
      incompleteModels: new Set(),
      unservedDays: new Set(),
      ledger: new Map(),
      served: {byok: 0, platform: 0, free: 0},
      unserved: {'free-capability': 0, 'free-cap-wait': 0, 'context-window': 0, 'no-path': 0},
      freeUsed: new Map(),
      freeTasks: new Map(),
      platformTasks: new Map(),
      platformRecords: new Map(),
      byokRequests: new Map(),
      waiverEnds: new Map(),
      routes: strategy.settings.freeTier ? undefined : new Map(),
    }));
  }

  /** The priced model a record names, or undefined; resolved once per name. */
  resolve(name: string): ModelPrice | undefined {
    if (name === this.lastName) return this.lastResolved;
    this.lastName = name;
    this.lastResolved = this.resolveName(name);
    return this.lastResolved;
  }

  private lastName: string | undefined;
  private lastResolved: ModelPrice | undefined;

  private resolveName(name: string): ModelPrice | undefined {
    if (!this.resolved.has(name))
      this.resolved.set(name, name ? this.options.book.find(name.replace(/[-:]fast$/, '')) : undefined);
    return this.resolved.get(name);
  }

  /** The model with the prices in force on `day` (memoised: a history has few days and models). */
  private on(model: ModelPrice, day: string): ModelPrice {
    // Rows come day by day, the models of a day interleaved: each model's last day is most often this one.
    const last = this.lastOn.get(model);
    if (last !== undefined && last.day === day) return last.priced;
    const priced = this.onDay(model, day);
    this.lastOn.set(model, {day, priced});
    return priced;
  }

  private readonly lastOn = new Map<ModelPrice, {day: string; priced: ModelPrice}>();

  private onDay(model: ModelPrice, day: string): ModelPrice {
    const key = `${model.id}\u0000${day}`;
    let found = this.priced.get(key);
    if (!found) {
      found = priceOn(model, day);
      this.priced.set(key, found);
    }
    return found;
  }

  private usage(name: string, priced: boolean, tool = false): MutableUsage {
    const key = usageKey(name, tool);
    let usage = this.models.get(key);
    if (!usage)
      this.models.set(
        key,
        (usage = {
          model: name,
          priced,
          ...(tool ? {tool: true as const} : {}),
          records: 0,
          tokens: {...NO_TOKENS},
          reportedUsd: undefined,
        }),
      );
    return usage;
  }

  add(record: UsageRecord, taskKey: string): void {
    this.records++;
    const day = dayOf(record);
    if (record.tokens) this.tokenDays.add(day);
    const base = this.resolve(record.modelRaw);
    const usage = base
      ? this.usage(base.id, true)
      : record.toolCharge
        ? this.usage(record.toolCharge, false, true)
        : this.usage(unknownName(record.modelRaw), false);
    usage.records++;
    this.reported.add(
      day,
      usageKey(usage.model, usage.tool),
      base?.provider ?? record.provider ?? this.options.sourceProvider?.(record.source) ?? '',
      record.reportedUsd,
      record.tokens !== null,
      record.reportedKind === 'estimate',
    );
    if (record.tokens) addInPlace(usage.tokens, record.tokens);
    if (!base) {
      if (!record.tokens) return;
      // Tokens no sheet prices: whatever a path that pays would have charged for them that day is unknown.
      for (const s of this.states) if (canPay(s.strategy)) s.incompleteDays.add(day);
      return;
    }
    if (!record.tokens) return;
    const lowerBound = record.tokensKnown === 'no-cache-split';
    if (lowerBound) this.noCacheSplit++;
    const requests = record.requests ?? 1;
    const perRequest = record.granularity === 'request';
    const prompt = promptTokens(record.tokens) / requests;
    // Prices in several prompt-size steps: a request is priced at the step its prompt falls in, summed apart.
    const dated = this.on(base, day);
    const step = perRequest ? stepFor(dated, prompt) : 0;
    const model = stepAt(dated, step);
    const line = step === 0 ? model.id : `${model.id}\u0000${step}`;
    const split = perRequest
      ? splitByTier(model, record.tokens, requests)
      : bucketSplit(model, record, record.tokens);
    const tierUnknown = split === undefined;
    if (tierUnknown) this.tierUnknown++;
    const variant: Variant =
      record.speed === 'fast'
        ? 'fast'
        : record.serviceTier === 'batch' || record.serviceTier === 'priority'
          ? record.serviceTier
          : 'standard';
    const variantIndex = VARIANTS.indexOf(variant);
    // One request's prompt is known for request rows; a bucket's average says nothing of its largest request.
    const task: {-readonly [K in keyof TaskToRoute]: TaskToRoute[K]} = {
      model,
      needs: this.options.needs ?? model.capability,
      requests,
    };
    if (perRequest) task.promptTokensPerRequest = prompt;
    const free = this.options.plan.free;
    const perTaskCredits = this.options.plan.platform.subscription?.creditUnit === 'task';
    // An aggregated row counts the tasks it says it holds against a cap on tasks (taken or refused
    // whole) and against credits per task.
    const rowTasks = perRequest ? 1 : (record.tasks ?? 1);
    const taskCap = free?.dailyCap.unit === 'tasks';
    const freeModel = freeModelOn(this.options.freePool, this.records);
    const month = day.slice(0, 7);
    const overflows = overflowsContext(task);
    for (const s of this.states) {
      const admitted = s.freeTasks.get(day)?.has(taskKey) ?? false;
      const units = !taskCap ? requests : admitted ? 0 : rowTasks;
      const used = s.freeUsed.get(day) ?? 0;
      // A task the free tier took earlier today rides on: its later requests cost no more task units.
      // route() counts one task unit: the row's others are counted as used already.
      const seen = admitted && taskCap ? 0 : used + (taskCap ? rowTasks - 1 : 0);
      const known = overflows ? undefined : s.routes?.get(base);
      const decision =
        known ??
        route(
          s.strategy.settings,
          this.options.plan,
          task,
          freeModel ? {freeUsedToday: seen, freeModel} : {freeUsedToday: seen},
        );
      if (known === undefined && !overflows) s.routes?.set(base, decision);
      if (decision.path === 'unserved') {
        s.unservedDays.add(day);
        s.unserved[
          decision.reason === 'free-capability' ||
          decision.reason === 'free-cap-wait' ||
          decision.reason === 'context-window'
            ? decision.reason
            : 'no-path'
        ]++;
        continue;
      }
      // The replay's strategies hold no subscription: those are replayed on the subscription timeline.
      if (decision.path === 'subscription') throw new Error(`${s.strategy.id}: a subscription in the replay`);
      s.served[decision.path]++;
      if (decision.path === 'free') {
        s.freeUsed.set(day, used + units);
        // Task keys are kept only where the plan counts tasks: they are the one thing here that grows with the input.
        if (taskCap) {
          const tasks = s.freeTasks.get(day) ?? new Set<string>();
          tasks.add(taskKey);
          s.freeTasks.set(day, tasks);
        }
        continue;
      }
      if (decision.path === 'platform') {
        s.platformRecords.set(day, (s.platformRecords.get(day) ?? 0) + 1);
        if (perTaskCredits) {
          const tasks = s.platformTasks.get(day) ?? new Map<string, number>();
          tasks.set(taskKey, (tasks.get(taskKey) ?? 0) + 1);
          // An aggregated row's other tasks draw credits too; the row itself is counted on its first.
          for (let t = 1; t < rowTasks; t++) tasks.set(`${taskKey}\u0000${t}`, 0);
          s.platformTasks.set(day, tasks);
        }
      }
      if (lowerBound || tierUnknown) {
        s.incompleteDays.add(day);
        s.incompleteModels.add(model.id);
      }
      let models = s.ledger.get(day);
      if (!models) s.ledger.set(day, (models = new Map()));
      let sums = models.get(line);
      if (!sums) models.set(line, (sums = []));
      const paths = [decision.path === 'byok' ? 0 : 1];
      if (decision.path === 'byok') {
        const before = s.byokRequests.get(month) ?? 0;
        const feeBearing = feeBearingRequests(this.options.plan, before, requests);
        s.byokRequests.set(month, before + requests);
        if (feeBearing === requests) paths.push(FEE_BEARING);
        else if (feeBearing > 0) {
          paths.push(WAIVER_END);
          s.waiverEnds.set(day, [feeBearing, requests]);
        }
      }
      const tiers = split ?? {base: record.tokens, long: NO_TOKENS};
      for (const path of paths) {
        const at = (sums[path] ??= new Float64Array(PATH_SIZE));
        addInto(at, cell(0, variantIndex), tiers.base);
        if (tiers.long !== NO_TOKENS) addInto(at, cell(1, variantIndex), tiers.long);
        if (record.webSearches) at[SEARCHES] = (at[SEARCHES] as number) + record.webSearches;
      }
    }
  }

  finish(): ReplayResult {
    const reported = this.reported.totals();
    const days = [...new Set([...this.tokenDays, ...(reported?.byDay.keys() ?? [])])].sort();
    const missing = new Set<string>();
    const strategies = this.states.map((s) => this.bill(s, days, missing));
    const both = days.filter((d) => this.tokenDays.has(d) && reported?.byDay.has(d));
    const comparableDays = both.filter((d) => reported?.completeDays.has(d));
    const models = [...this.models.values()]
      .map((m) => ({
        ...m,
        tokens: {...m.tokens},
        reportedUsd: reported?.byModel.get(usageKey(m.model, m.tool)),
      }))
      .sort((a, b) => a.model.localeCompare(b.model));
    return {
      days,
      strategies,
      models,
      reported: reported
        ? {
            totalUsd: reported.totalUsd,
            byDay: reported.byDay,
            records: reported.records,
            estimated: {
              ...reported.estimated,
              compared: comparableDays.some((d) => reported.estimatedDays.has(d)),
            },
            comparableDays,
            reportedPartial: both.filter((d) => !reported.completeDays.has(d)),
          }
        : null,
      unknownModels: models
        .filter((m) => !m.priced && !m.tool)
        .map((m) => ({
          name: m.model,
          records: m.records,
          ...(m.reportedUsd ? {reportedUsd: m.reportedUsd} : {}),
          nearest: m.model === NO_MODEL ? [] : this.options.book.nearest(m.model),
        })),
      tierUnknownRecords: this.tierUnknown,
      noCacheSplitRecords: this.noCacheSplit,
      missing: [...missing].sort(),
      records: this.records,
    };
  }

  /** A model's figure: what it lists at on BYOK, with the markup on the platform (its per-token fee is the day's, not the model's). */
  private charge(byModel: Map<string, Money>, id: string, path: number, usd: Money): void {
    if (path >= PAID.length) return;
    byModel.set(
      id,
      (byModel.get(id) ?? ZERO).add(
        PAID[path] === 'platform' ? platformCharge(this.options.plan, {listUsd: usd, tokens: 0}) : usd,
      ),
    );
  }

  private bill(s: StrategyState, days: readonly string[], missing: Set<string>): ReplayedStrategy {
    const {plan} = this.options;
    const byDay = new Map<string, Money>();
    const byModel = new Map<string, Money>();
    const platformMonths = new PlatformMonths(plan);
    const subscription = plan.platform.subscription;
    let total = ZERO;
    let blocked = 0;
    let blockedRows = 0;
    let month = '';
    let dayOfMonth = 0;
    for (const day of days) {
      if (day.slice(0, 7) !== month) {
        month = day.slice(0, 7);
        dayOfMonth = 0;
        platformMonths.startMonth();
      }
      dayOfMonth++;
      // List cost and tokens per summed path: BYOK, platform, fee-bearing BYOK, the waiver's end.
      const list = [ZERO, ZERO, ZERO, ZERO];
      const counted = [0, 0, 0, 0];
      for (const [line, paths] of s.ledger.get(day) ?? []) {
        const [id = line, step] = line.split('\u0000');
        const model = stepAt(this.on(this.options.book.find(id) as ModelPrice, day), Number(step ?? 0));
        for (let p = 0; p < SUM_PATHS; p++) {
          const sums = paths[p];
          if (!sums) continue;
          for (const [t, tier] of TIERS.entries()) {
            for (const [v, variant] of VARIANTS.entries()) {
              const tokens = tokensAt(sums, cell(t, v));
              if (totalTokens(tokens) === 0) continue;
              const priced = listCost(model, tier, tokens);
              for (const bucket of priced.missing)
                missing.add(`${id} ${bucket}${tier === 'long' ? ' (long context)' : ''}`);
              let usd = priced.usd;
              const factor = variant === 'standard' ? undefined : model.multipliers?.[variant];
              if (factor) usd = usd.mul(factor);
              else if (variant !== 'standard') missing.add(`${id} ${variant} multiplier`);
              if (priced.missing.length > 0 || (variant !== 'standard' && !factor)) {
                s.incompleteDays.add(day);
                s.incompleteModels.add(id);
              }
              this.charge(byModel, id, p, usd);
              list[p] = (list[p] as Money).add(usd);
              counted[p] = (counted[p] as number) + totalTokens(tokens);
            }
          }
          const searches = sums[SEARCHES] as number;
          if (searches === 0) continue;
          const rate = model.perCall?.webSearch;
          if (!rate) {
            missing.add(`${id} web search`);
            s.incompleteDays.add(day);
            s.incompleteModels.add(id);
            continue;
          }
          const usd = rate.mul(searches);
          this.charge(byModel, id, p, usd);
          list[p] = (list[p] as Money).add(usd);
        }
      }
      const [past, all] = s.waiverEnds.get(day) ?? [0, 1];
      const byok = {
        listUsd: list[0] as Money,
        tokens: counted[0] as number,
        feeBearingListUsd: (list[FEE_BEARING] as Money).add(
          feeBearingShare(list[WAIVER_END] as Money, past, all),
        ),
      };
      let dayUsd = byok.listUsd.add(byokFee(plan, byok));
      const usage = platformCharge(plan, {listUsd: list[1] as Money, tokens: counted[1] as number});
      // Credits per task count the day's tasks; credits in dollars are drawn record by record.
      const tasks =
        subscription?.creditUnit === 'task'
          ? (s.platformTasks.get(day)?.size ?? 0)
          : (s.platformRecords.get(day) ?? 0);
      if (tasks > 0) {
        const billed = platformMonths.bill(usage, tasks, dayOfMonth - 1);
        blocked += tasks - billed.runs;
        // The credits stop the day's last tasks: with per-task credits, their records are the rows blocked.
        const dayBlocked =
          subscription?.creditUnit === 'task'
            ? [...(s.platformTasks.get(day)?.values() ?? [])].slice(billed.runs).reduce((a, b) => a + b, 0)
            : tasks - billed.runs;
        if (dayBlocked > 0) s.unservedDays.add(day);
        blockedRows += dayBlocked;
        dayUsd = dayUsd.add(billed.subscriptionUsd).add(billed.usageUsd).add(billed.packsUsd);
      }
      byDay.set(day, dayUsd);
      total = total.add(dayUsd);
    }
    return {
      strategy: s.strategy,
      totalUsd: total,
      byDay,
      byModel,
      served: {...s.served, platform: s.served.platform - blockedRows},
      unserved: s.unserved,
      credits: platformMonths.credits,
      blockedTasks: blocked,
      blockedRows,
      complete: s.incompleteDays.size === 0,
      incompleteDays: s.incompleteDays,
      incompleteModels: s.incompleteModels,
      unservedDays: s.unservedDays,
    };
  }
}
