import {Money, ZERO} from '../money.js';
import {applyPlanOverrides, type PlanOverrides} from '../simulation/overrides.js';
import {listCost} from '../pricing/context-tiers.js';
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
  /** False when some fronted tokens had no price: the provider cost is then a lower bound. */
  readonly complete: boolean;
}

export interface SegmentMonth extends SegmentInput {
  readonly stays: UserMonth;
  /** The same user on their own key, where a key can reach their models. */
  readonly onByok?: UserMonth;
  /** How much less the user pays a month on BYOK (negative: BYOK costs them more). */
  readonly byokSavingUsd?: Money;
  /** Whether the user is expected to bring their own key: BYOK saves them at least the key-worth threshold. */
  readonly leaves: boolean;
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
  readonly complete: boolean;
}

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

/** One user's month on a strategy, billed by the same router and billing as every command. */
export function userMonth(scenario: Scenario, strategy: Strategy, options: PlatformOptions): UserMonth {
  const month = simulateRun(scenario, strategy, monthTasks(scenario));
  const {charges} = month;
  const revenueUsd = charges.byokFeeUsd
    .add(charges.platformUsageUsd)
    .add(charges.subscriptionUsd)
    .add(charges.packsUsd);
  let providerCostUsd = ZERO;
  let freeCostUsd = ZERO;
  let complete = true;
  for (const line of month.lines) {
    if (line.path === 'platform') {
      providerCostUsd = providerCostUsd.add(line.listUsd);
      if (line.missing.length) complete = false;
    } else if (line.path === 'free') {
      const model = options.freePaidAt ?? scenario.freePool.find((m) => m.id === line.model);
      const priced = model ? listCost(model, line.tier, line.tokens) : undefined;
      freeCostUsd = freeCostUsd.add(priced?.usd ?? ZERO);
      if (!priced || (priced.missing.length && !listsOnlyZero(model as ModelPrice))) complete = false;
    }
  }
  return {
    month,
    userPaysUsd: month.totalUsd,
    revenueUsd,
    providerCostUsd,
    freeCostUsd,
    marginUsd: revenueUsd.sub(providerCostUsd).sub(freeCostUsd),
    complete: complete && month.complete,
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
    return {...input, stays, onByok, byokSavingUsd, leaves: byokSavingUsd.gte(options.keyWorthUsd)};
  });
  const sum = (pick: (s: SegmentMonth) => Money) =>
    segments.reduce((total, s) => total.add(pick(s).mul(s.users)), ZERO);
  return {
    segments,
    users: inputs.reduce((n, s) => n + s.users, 0),
    revenueUsd: sum((s) => s.stays.revenueUsd),
    providerCostUsd: sum((s) => s.stays.providerCostUsd),
    freeCostUsd: sum((s) => s.stays.freeCostUsd),
    marginUsd: sum((s) => s.stays.marginUsd),
    marginAfterChurnUsd: sum(marginAfterChurn),
    usersLeaving: segments.reduce((n, s) => n + (s.leaves ? s.users : 0), 0),
    complete: segments.every((s) => s.stays.complete && (s.onByok?.complete ?? true)),
  };
}

/** A user's margin once churn is counted: on their own key if they are expected to leave for it. */
function marginAfterChurn(s: SegmentMonth): Money {
  return s.leaves && s.onByok ? s.onByok.marginUsd : s.stays.marginUsd;
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
  /** What conversions bring: converted users times a paying user's margin. */
  readonly conversionValueUsd: Money;
  readonly paysForItself: boolean;
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
    const paying = result.segments[convertsTo] as SegmentMonth;
    const conversionValueUsd = marginAfterChurn(paying).mul(freeUsers * conversionRate);
    return {
      value: cap,
      result,
      freeCostUsd: result.freeCostUsd,
      conversionValueUsd,
      paysForItself: result.freeCostUsd.lte(conversionValueUsd),
    };
  });
}
