import {Money, ZERO} from '../money.js';
import {reaches, Unpriced, type Weight} from '../bound.js';
import {platformRevenueUsd} from '../billing/charges.js';
import {unpricedRate, unpricedWeights, USER_FIGURES, type UserFigure} from '../billing/unpriced-weights.js';
import {applyPlanOverrides, type PlanOverrides} from '../simulation/overrides.js';
import {listCost, type Tier} from '../pricing/context-tiers.js';
import type {ModelPrice} from '../pricing/model-price.js';
import {simulateRun, type RunResult} from '../simulation/batch-run.js';
import {monthTasks, type Scenario} from '../simulation/scenario.js';
import {
  ALL_FREE,
  ALL_PLATFORM,
  byokNotApplicable,
  FREE_THEN_PAID,
  pathStrategies,
} from '../routing/candidates.js';
import type {Strategy} from '../routing/strategy.js';
import {BUCKETS, type Bucket, type TokenBuckets} from '../tokens.js';
import type {Segment, Setup} from './population.js';

/** A segment as the builder's model runs it: its users' scenario on the builder's plan. */
export interface SegmentInput {
  readonly segment: Segment;
  readonly scenario: Scenario;
  readonly users: number;
}

export interface PlatformOptions {
  /** A month saved on BYOK from which a user is expected to bring their own key (recommend's threshold). */
  readonly keyWorthUsd: Money;
  /** The model whose list prices the platform pays for free-tier tokens; the pool's own prices when absent. */
  readonly freePaidAt?: ModelPrice;
}

/** One user's month of a segment, from the platform's side. */
export interface UserMonth {
  readonly month: RunResult;
  /** What the user pays in all: their provider invoice on BYOK plus what the platform charges. */
  readonly userPaysUsd: Money;
  /** The platform's take: BYOK fees, markup and platform-paid usage, subscriptions, packs. */
  readonly revenueUsd: Money;
  /** What the platform pays providers for the usage it fronts, at list price. */
  readonly providerCostUsd: Money;
  /** What the free tier's tokens cost the platform. */
  readonly freeCostUsd: Money;
  readonly marginUsd: Money;
  /** How each figure moves with the prices missing: its bound. */
  readonly unpriced: Readonly<Record<UserFigure, Unpriced>>;
  /** False when some figure is not exact (a token the month used had no price). */
  readonly complete: boolean;
}

export interface SegmentMonth extends SegmentInput {
  readonly stays: UserMonth;
  /** The same user on their own key, where a key can reach their models. */
  readonly onByok?: UserMonth;
  /** How much less the user pays a month on BYOK (negative: BYOK costs them more), and its bound. */
  readonly byokSavingUsd?: Money;
  readonly byokSavingUnpriced?: Unpriced;
  /**
   * Whether the user is expected to bring their own key: BYOK saves them at least the key-worth
   * threshold. Undefined when a price missing leaves it open; they are then counted as staying,
   * and every figure after churn is not known.
   */
  readonly leaves: boolean | undefined;
}

export interface PlatformMonthResult {
  readonly segments: readonly SegmentMonth[];
  readonly users: number;
  readonly revenueUsd: Money;
  readonly providerCostUsd: Money;
  readonly freeCostUsd: Money;
  /** Margin if every user stayed on their setup. */
  readonly marginUsd: Money;
  /** Margin once the users BYOK saves enough have moved to their own key (the platform keeps any BYOK fee). */
  readonly marginAfterChurnUsd: Money;
  readonly usersLeaving: number;
  /** Users of whom a price missing leaves it open whether they leave. */
  readonly usersUndecided: number;
  readonly unpriced: Readonly<Record<MonthFigure, Unpriced>>;
  readonly complete: boolean;
}

export type MonthFigure = 'revenue' | 'providerCost' | 'freeCost' | 'margin' | 'marginAfterChurn';

function setupStrategy(setup: Setup, scenario: Scenario): Strategy {
  switch (setup) {
    case 'all-platform':
      return ALL_PLATFORM;
    case 'free-then-platform':
      return FREE_THEN_PAID;
    case 'all-free':
      return ALL_FREE;
    case 'all-byok':
      return pathStrategies(scenario).byok;
  }
}

/** A model whose every listed rate is $0 (OpenRouter's `:free` models): the buckets it leaves unpriced cost nothing either. */
function listsOnlyZero(model: ModelPrice): boolean {
  return Object.values(model.rates).every((rate) => rate === undefined || rate.isZero());
}

/** Each figure's unknown part from one line's tokens with no price. */
function unpricedLine(
  into: Record<UserFigure, Unpriced>,
  w: Record<UserFigure, Weight>,
  line: {readonly model: string; readonly tier: Tier; readonly tokens: TokenBuckets},
  missing: readonly Bucket[],
): void {
  for (const bucket of missing)
    for (const f of USER_FIGURES)
      into[f] = into[f].plus(
        Unpriced.of(unpricedRate(line.model, line.tier, bucket), line.tokens[bucket], w[f]),
      );
}

/** One user's month on a strategy, billed by the same router and billing as every command. */
export function userMonth(scenario: Scenario, strategy: Strategy, options: PlatformOptions): UserMonth {
  const month = simulateRun(scenario, strategy, monthTasks(scenario));
  const {charges} = month;
  const {plan} = scenario;
  const revenueUsd = platformRevenueUsd(charges);
  let providerCostUsd = ZERO;
  let freeCostUsd = ZERO;
  const unpriced = Object.fromEntries(USER_FIGURES.map((f) => [f, Unpriced.NONE])) as Record<
    UserFigure,
    Unpriced
  >;
  for (const line of month.lines) {
    if (line.path === 'platform') providerCostUsd = providerCostUsd.add(line.listUsd);
    if (line.path !== 'free') {
      unpricedLine(unpriced, unpricedWeights(plan, line.path), line, line.missing);
      continue;
    }
    const model = options.freePaidAt ?? scenario.freePool.find((m) => m.id === line.model);
    const priced = model ? listCost(model, line.tier, line.tokens) : undefined;
    freeCostUsd = freeCostUsd.add(priced?.usd ?? ZERO);
    const missing = !priced
      ? BUCKETS.filter((b) => line.tokens[b] > 0)
      : listsOnlyZero(model as ModelPrice)
        ? []
        : priced.missing;
    unpricedLine(unpriced, unpricedWeights(plan, 'free'), {...line, model: model?.id ?? line.model}, missing);
  }
  return {
    month,
    userPaysUsd: month.totalUsd,
    revenueUsd,
    providerCostUsd,
    freeCostUsd,
    marginUsd: revenueUsd.sub(providerCostUsd).sub(freeCostUsd),
    unpriced,
    complete: USER_FIGURES.every((f) => unpriced[f].bound === 'exact'),
  };
}

/**
 * The platform's month over a population: each segment's user billed on their setup, and again on
 * their own key; those BYOK saves at least the key-worth threshold are expected to move to it.
 */
export function platformMonth(
  inputs: readonly SegmentInput[],
  options: PlatformOptions,
): PlatformMonthResult {
  const segments = inputs.map((input): SegmentMonth => {
    const stays = userMonth(input.scenario, setupStrategy(input.segment.setup, input.scenario), options);
    const byokPossible = input.segment.setup !== 'all-byok' && !byokNotApplicable(input.scenario);
    if (!byokPossible) return {...input, stays, leaves: false};
    const onByok = userMonth(input.scenario, pathStrategies(input.scenario).byok, options);
    const byokSavingUsd = stays.userPaysUsd.sub(onByok.userPaysUsd);
    const byokSavingUnpriced = stays.unpriced.userPays.minus(onByok.unpriced.userPays);
    return {
      ...input,
      stays,
      onByok,
      byokSavingUsd,
      byokSavingUnpriced,
      leaves: reaches(byokSavingUsd, byokSavingUnpriced, options.keyWorthUsd),
    };
  });
  const sum = (pick: (s: SegmentMonth) => Money) =>
    segments.reduce((total, s) => total.add(pick(s).mul(s.users)), ZERO);
  const sumUnpriced = (pick: (s: SegmentMonth) => Unpriced) =>
    segments.reduce((total, s) => total.plus(pick(s).times(s.users)), Unpriced.NONE);
  const users = (which: (s: SegmentMonth) => boolean) =>
    segments.reduce((n, s) => n + (which(s) ? s.users : 0), 0);
  const unpriced = {
    revenue: sumUnpriced((s) => s.stays.unpriced.revenue),
    providerCost: sumUnpriced((s) => s.stays.unpriced.providerCost),
    freeCost: sumUnpriced((s) => s.stays.unpriced.freeCost),
    margin: sumUnpriced((s) => s.stays.unpriced.margin),
    marginAfterChurn: sumUnpriced((s) => marginAfterChurn(s).unpriced),
  };
  return {
    segments,
    users: users(() => true),
    revenueUsd: sum((s) => s.stays.revenueUsd),
    providerCostUsd: sum((s) => s.stays.providerCostUsd),
    freeCostUsd: sum((s) => s.stays.freeCostUsd),
    marginUsd: sum((s) => s.stays.marginUsd),
    marginAfterChurnUsd: sum((s) => marginAfterChurn(s).usd),
    usersLeaving: users((s) => s.leaves === true),
    usersUndecided: users((s) => s.leaves === undefined),
    unpriced,
    complete: Object.values(unpriced).every((u) => u.bound === 'exact'),
  };
}

/**
 * A user's margin once churn is counted: on their own key if they are expected to leave for it.
 * Where that is open, it is one margin or the other: not known.
 */
export function marginAfterChurn(s: SegmentMonth): {usd: Money; unpriced: Unpriced} {
  const on = s.leaves && s.onByok ? s.onByok : s.stays;
  return {usd: on.marginUsd, unpriced: s.leaves === undefined ? Unpriced.ANY : on.unpriced.margin};
}

/** The population on the plan with the builder's change applied: a markup, a free cap. */
export function withPlan(inputs: readonly SegmentInput[], change: PlanOverrides): SegmentInput[] {
  return inputs.map((i) => ({
    ...i,
    scenario: {...i.scenario, plan: applyPlanOverrides(i.scenario.plan, change)},
  }));
}

export interface SweepPoint {
  readonly value: number;
  readonly result: PlatformMonthResult;
}

/** Margin after churn at each markup; the best is the highest margin, the lowest markup on a tie. */
export function sweepMarkup(
  inputs: readonly SegmentInput[],
  markups: readonly number[],
  options: PlatformOptions,
): {points: SweepPoint[]; best: SweepPoint} {
  const points = markups.map((m) => ({
    value: m,
    result: platformMonth(withPlan(inputs, {markupPct: new Money(m)}), options),
  }));
  const best = points.reduce((a, b) =>
    b.result.marginAfterChurnUsd.gt(a.result.marginAfterChurnUsd) ? b : a,
  );
  return {points, best};
}

export interface FreeCapPoint extends SweepPoint {
  /** What the free tier costs the platform a month over the population. */
  readonly freeCostUsd: Money;
  readonly freeCostUnpriced: Unpriced;
  /** What conversions bring: converted users times a paying user's margin. */
  readonly conversionValueUsd: Money;
  readonly conversionValueUnpriced: Unpriced;
  /** Undefined when a price missing leaves it open. */
  readonly paysForItself: boolean | undefined;
}

/**
 * The free tier against what it brings in. Each month `conversionRate` of the free-tier users
 * become users of the `convertsTo` segment; the tier pays for itself at a cap where its cost is no
 * more than those conversions' margin. Caps are whole units of the plan's daily cap.
 */
export function sweepFreeCap(
  inputs: readonly SegmentInput[],
  caps: readonly number[],
  conversionRate: number,
  convertsTo: number,
  options: PlatformOptions,
): FreeCapPoint[] {
  return caps.map((cap) => {
    const result = platformMonth(withPlan(inputs, {freeCap: cap}), options);
    const freeUsers = result.segments.reduce((n, s) => n + (s.stays.month.served.free > 0 ? s.users : 0), 0);
    const converted = freeUsers * conversionRate;
    const paying = marginAfterChurn(result.segments[convertsTo] as SegmentMonth);
    const conversionValueUsd = paying.usd.mul(converted);
    const conversionValueUnpriced = paying.unpriced.times(converted);
    const freeCostUnpriced = result.unpriced.freeCost;
    return {
      value: cap,
      result,
      freeCostUsd: result.freeCostUsd,
      freeCostUnpriced,
      conversionValueUsd,
      conversionValueUnpriced,
      paysForItself: reaches(
        conversionValueUsd.sub(result.freeCostUsd),
        conversionValueUnpriced.minus(freeCostUnpriced),
        ZERO,
      ),
    };
  });
}
