import type {Money} from '../money.js';
import type {OnLimit} from '../routing/router.js';
import {Reader} from '../json-reader.js';
import type {TokenBuckets} from '../tokens.js';

/** What a limit counts. `tokens` are every token but cache reads; `usd` is usage at list prices. */
export const LIMIT_UNITS = ['tokens', 'usd', 'prompts', 'requests', 'premium-requests', 'hours'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

/** What a `tokens` limit counts of a request's or a task's tokens: all but the cache reads. */
export function meteredTokens(t: TokenBuckets): number {
  return t.input + t.cacheWrite5m + t.cacheWrite1h + t.output;
}

/** `5h` and `week` open at the first use and last that long; `day` and `month` are UTC calendar periods. */
export const WINDOWS = ['5h', 'day', 'week', 'month'] as const;
export type WindowKind = (typeof WINDOWS)[number];

/** A figure as bundled: where it comes from, when, and whether the vendor published it or it is estimated. */
export interface Sourced {
  readonly source: string;
  readonly asOf: string;
  readonly estimate: boolean;
}

export interface Limit extends Sourced {
  readonly id: string;
  readonly unit: LimitUnit;
  readonly window: WindowKind;
  readonly count: Money;
  /** The vendor's stated range, where it gives one; `count` is the figure used. */
  readonly range?: readonly [number, number];
  /** Model patterns this limit counts (`claude-opus-*`); every covered model when absent. */
  readonly models?: readonly string[];
  readonly note?: string;
}

/** What happens to a task past a limit, as the vendor offers it. */
export type PastLimit =
  | {readonly kind: 'wait'}
  | {readonly kind: 'blocked'}
  | {readonly kind: 'api-rates'}
  | {readonly kind: 'per-unit'; readonly usdPerUnit: Money};

/** A vendor's flat-fee plan: the models it covers and the windows that limit them. */
export interface SubscriptionPlan {
  readonly id: string;
  readonly name: string;
  readonly vendor: string;
  readonly description: string;
  readonly origin: string;
  readonly fee: Sourced & {readonly usdPerMonth: Money};
  readonly covers: Sourced & {readonly providers: readonly string[]; readonly models?: readonly string[]};
  /** Premium-request weights per model id; a model absent from the table is not covered. */
  readonly multipliers?: Sourced & {readonly byModel: ReadonlyMap<string, Money>};
  readonly limits: readonly Limit[];
  readonly pastLimit: Sourced & {readonly offer: PastLimit; readonly optIn?: PastLimit};
  /** Limits the vendor says exist but gives no number for: shown, never invented. */
  readonly unpublished: readonly string[];
}

export function parseSubscriptionPlan(json: unknown, origin: string): SubscriptionPlan {
  const unnamed = Reader.root(json, origin, 'subscription');
  const id = unnamed.text('id');
  const r = unnamed.as(`subscription "${id}"`);
  const covers = r.child('covers');
  const multipliers = r.optionalChild('multipliers');
  const past = r.child('pastLimit');
  const optIn = past.optionalChild('optIn');
  const models = covers.texts('models');
  return {
    id,
    name: r.text('name'),
    vendor: r.text('vendor'),
    description: r.text('description'),
    origin,
    fee: {usdPerMonth: r.child('fee').money('usdPerMonth'), ...sourced(r.child('fee'))},
    covers: {providers: covers.texts('providers'), ...(models.length ? {models} : {}), ...sourced(covers)},
    ...(multipliers ? {multipliers: {byModel: weights(multipliers), ...sourced(multipliers)}} : {}),
    limits: r.list('limits').map(parseLimit),
    pastLimit: {offer: pastLimit(past), ...(optIn ? {optIn: pastLimit(optIn)} : {}), ...sourced(past)},
    unpublished: r.texts('unpublished'),
  };
}

function sourced(r: Reader): Sourced {
  return {source: r.text('source'), asOf: r.text('asOf'), estimate: r.bool('estimate', false)};
}

function weights(r: Reader): Map<string, Money> {
  const table = r.child('byModel');
  return new Map(table.keys().map((model) => [model, table.money(model)]));
}

function parseLimit(r: Reader): Limit {
  const count = r.money('count');
  if (count.isZero())
    r.fail('count', 'a limit of 0 allows nothing: leave the limit out, or set the plan aside');
  const range = r.has('range') ? r.quantiles('range') : undefined;
  const models = r.texts('models');
  const note = r.has('note') ? r.text('note') : undefined;
  return {
    id: r.text('id'),
    unit: r.oneOf('unit', LIMIT_UNITS),
    window: r.oneOf('window', WINDOWS),
    count,
    ...(range ? {range: [range[0] as number, range[range.length - 1] as number] as const} : {}),
    ...(models.length ? {models} : {}),
    ...(note ? {note} : {}),
    ...sourced(r),
  };
}

function pastLimit(r: Reader): PastLimit {
  const kind = r.oneOf('kind', ['wait', 'blocked', 'api-rates', 'per-unit'] as const);
  return kind === 'per-unit' ? {kind, usdPerUnit: r.money('usdPerUnit')} : {kind};
}

/** `claude-opus-*` matches by prefix; anything else by the exact id. */
export function matchesModel(patterns: readonly string[], model: string): boolean {
  return patterns.some((p) => (p.endsWith('*') ? model.startsWith(p.slice(0, -1)) : model === p));
}

/** Whether the plan runs this model at all (its provider, its model list, its multiplier table). */
export function coversModel(plan: SubscriptionPlan, provider: string, model: string): boolean {
  if (!plan.covers.providers.includes(provider)) return false;
  if (plan.covers.models && !matchesModel(plan.covers.models, model)) return false;
  return !plan.multipliers || plan.multipliers.byModel.has(model);
}

/** The vendor's price past the limit, where it sells one: the opt-in offer first, else the plan's own. */
export function vendorExtra(
  plan: SubscriptionPlan,
): Extract<PastLimit, {kind: 'api-rates' | 'per-unit'}> | undefined {
  const offer = plan.pastLimit.optIn ?? plan.pastLimit.offer;
  return offer.kind === 'api-rates' || offer.kind === 'per-unit' ? offer : undefined;
}

/**
 * The plan with one limit set to the user's own figure (most bundled limits are estimates): no
 * longer an estimate, its source the user's. Undefined when the plan has no limit of that id.
 */
export function withLimit(plan: SubscriptionPlan, id: string, count: Money, source: string) {
  if (!plan.limits.some((l) => l.id === id)) return undefined;
  const limits = plan.limits.map((l) => {
    if (l.id !== id) return l;
    const {range: _range, ...rest} = l;
    return {...rest, count, estimate: false, source};
  });
  return {...plan, limits};
}

/** The plans given with --subscription and the choices past their limits, as each command weighs them. */
export interface SubscriptionChoice {
  readonly plans: readonly SubscriptionPlan[];
  readonly onLimits: readonly OnLimit[];
}
