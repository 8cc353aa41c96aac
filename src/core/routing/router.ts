import {meetsCapability, type Capability} from '../capability.js';
import {platformFronts, type Plan} from '../billing/plan.js';
import type {ModelPrice} from '../pricing/model-price.js';
import {inputLimit} from '../pricing/context-tiers.js';
import {coversModel, vendorExtra, type SubscriptionPlan} from '../subscription/subscription-plan.js';
import type {Admission} from '../subscription/windows.js';

export type PathKind = 'byok' | 'platform' | 'free';
export const PATHS: readonly PathKind[] = ['byok', 'platform', 'free'];

/** One app's settings, as the user sets them on the platform. */
export interface AppSettings {
  /** Providers the user has added a key for. */
  readonly keys: ReadonlySet<string>;
  /** Providers the user picked for the platform to front; '*' for any. */
  readonly platformProviders: ReadonlySet<string>;
  readonly freeTier: boolean;
  /** When the free tier can't take a task (cap reached, or beyond its capability): wait, or pay. */
  readonly onFreeLimit: 'wait' | 'fallthrough';
  /** A vendor's flat-fee plan the user holds, and what they do when its limit is reached. */
  readonly subscription?: SubscriptionSetting;
}

/**
 * Past a subscription's limit: wait for the window to reset, send the task to your key or to the
 * platform, or take the vendor's own offer (extra usage at API rates, a price per unit).
 */
export const ON_LIMIT = ['wait', 'key', 'platform', 'extra'] as const;
export type OnLimit = (typeof ON_LIMIT)[number];

export interface SubscriptionSetting {
  readonly plan: SubscriptionPlan;
  readonly onLimit: OnLimit;
}

export interface TaskToRoute {
  readonly model: ModelPrice;
  readonly needs: Capability;
  readonly requests: number;
  /** The largest prompt among the task's requests, where known: past the model's maxInputTokens it cannot run. */
  readonly promptTokensPerRequest?: number;
}

export interface RouteContext {
  /** Free-tier units (requests or tasks, as the plan counts them) already used today. */
  readonly freeUsedToday: number;
  /** The free pool's model for today: it rotates. */
  readonly freeModel?: ModelPrice;
  /** Whether the subscription's windows have room for this task now, as its meter says (absent: room). */
  readonly subscriptionRoom?: Admission;
}

export type RouteReason =
  | 'key-held'
  | 'no-direct-credential'
  | 'platform-chosen'
  | 'free-tier'
  | 'free-cap-fallthrough'
  | 'free-capability-fallthrough'
  | 'free-cap-wait'
  | 'free-capability'
  | 'context-window'
  | 'no-path'
  | 'subscription-room'
  | 'subscription-extra'
  | 'subscription-overflow'
  | 'subscription-wait'
  | 'subscription-never-fits';

export type Route = PaidRoute | SubscriptionRoute;

/** A task on a key, the platform or the free tier, or on no path at all. */
export type PaidRoute =
  | {
      readonly path: PathKind;
      readonly model: ModelPrice;
      readonly basis: PriceBasis;
      readonly reason: RouteReason;
      /** The model that runs the task is below the capability the task needs (a frontier task on an open model). */
      readonly belowNeed?: true;
    }
  | {readonly path: 'unserved'; readonly reason: RouteReason; readonly resetsAt?: number};

/**
 * A task the subscription runs: inside its limits (billed only by the monthly fee), or past them
 * on the vendor's extra usage (billed by the billing module at the offer's price).
 */
export interface SubscriptionRoute {
  readonly path: 'subscription';
  readonly model: ModelPrice;
  readonly basis: 'subscription-fee' | 'vendor-extra';
  readonly reason: 'subscription-room' | 'subscription-extra';
  readonly belowNeed?: true;
}

/** What the money is computed from. */
export type PriceBasis = 'list' | 'list+byok-fee' | 'platform-rate' | 'free';

/**
 * The router, in the article's order: which path one task takes, which model runs it, and on what
 * price basis. A subscription the user holds takes the models it covers while its meter has room
 * (`context.subscriptionRoom`); past its limit the task waits for the reset, takes the vendor's
 * extra usage, or goes on to the key or the platform as the user set. A key for the model's provider (and a BYOK-able model) goes direct at list price;
 * otherwise a provider the user picked, if the plan can front it, is platform-paid; otherwise the
 * free tier, when it is on, takes it within its cap and capability (past them: wait, or fall
 * through to platform-paid); otherwise a model no key can reach is platform-paid by definition.
 * Capability holds on every path: a paid route on a model below the task's need says so.
 * Every simulation, recommendation, breakeven, replay and the dashboard decide paths here.
 */
export function route(settings: AppSettings, plan: Plan, task: TaskToRoute, context: RouteContext): Route {
  const {model} = task;
  if (overflowsContext(task)) return {path: 'unserved', reason: 'context-window'};
  const sub = settings.subscription;
  if (!sub || !coversModel(sub.plan, model.provider, model.id))
    return routePaid(settings, plan, task, context);
  const short = meetsCapability(model.capability, task.needs) ? {} : {belowNeed: true as const};
  const room = context.subscriptionRoom;
  if (!room || room.ok)
    return {path: 'subscription', model, basis: 'subscription-fee', reason: 'subscription-room', ...short};
  if (sub.onLimit === 'extra' && vendorExtra(sub.plan))
    return {path: 'subscription', model, basis: 'vendor-extra', reason: 'subscription-extra', ...short};
  if (sub.onLimit === 'key' || sub.onLimit === 'platform') {
    const overflow = routePaid(settings, plan, task, context);
    return overflow.path === 'unserved' ? overflow : {...overflow, reason: 'subscription-overflow'};
  }
  // Waiting, or an extra the vendor does not sell: the task waits for the window to reset.
  return room.resetsAt === undefined
    ? {path: 'unserved', reason: 'subscription-never-fits'}
    : {path: 'unserved', reason: 'subscription-wait', resetsAt: room.resetsAt};
}

/** A prompt larger than the model's context window runs nowhere that model runs: not served, not priced. */
export function overflowsContext(task: TaskToRoute): boolean {
  return (task.promptTokensPerRequest ?? 0) > inputLimit(task.model);
}

/** Key, platform or free tier: route() for a task no subscription takes. */
function routePaid(settings: AppSettings, plan: Plan, task: TaskToRoute, context: RouteContext): PaidRoute {
  const {model} = task;
  const below = !meetsCapability(model.capability, task.needs);
  if (model.byokable && plan.byok.allowed && settings.keys.has(model.provider)) {
    const fee = !plan.byok.feePct.isZero() || !plan.byok.feeUsdPerMTok.isZero();
    return paid('byok', model, fee ? 'list+byok-fee' : 'list', 'key-held', below);
  }
  const fronted = platformFronts(plan, model.provider);
  const picked = settings.platformProviders.has('*') || settings.platformProviders.has(model.provider);
  if (picked && fronted) return paid('platform', model, 'platform-rate', 'platform-chosen', below);
  const free = settings.freeTier ? plan.free : undefined;
  if (free && context.freeModel) {
    if (!meetsCapability(free.capability, task.needs)) {
      return settings.onFreeLimit === 'fallthrough'
        ? platformPaid(fronted, model, 'free-capability-fallthrough', below)
        : {path: 'unserved', reason: 'free-capability'};
    }
    const units = free.dailyCap.unit === 'requests' ? task.requests : 1;
    if (context.freeUsedToday + units > free.dailyCap.count) {
      return settings.onFreeLimit === 'fallthrough'
        ? platformPaid(fronted, model, 'free-cap-fallthrough', below)
        : {path: 'unserved', reason: 'free-cap-wait'};
    }
    return {path: 'free', model: context.freeModel, basis: 'free', reason: 'free-tier'};
  }
  if (!picked && !model.byokable) return platformPaid(fronted, model, 'no-direct-credential', below);
  return {path: 'unserved', reason: 'no-path'};
}

/** Platform-paid where the plan fronts the model's provider; otherwise no path. */
function platformPaid(fronted: boolean, model: ModelPrice, reason: RouteReason, below: boolean): PaidRoute {
  return fronted
    ? paid('platform', model, 'platform-rate', reason, below)
    : {path: 'unserved', reason: 'no-path'};
}

/** A paid route, marked when its model is below the task's need. Built whole, not spread: the router runs per task of every simulated month. */
function paid(
  path: PathKind,
  model: ModelPrice,
  basis: PriceBasis,
  reason: RouteReason,
  below: boolean,
): PaidRoute {
  return below ? {path, model, basis, reason, belowNeed: true} : {path, model, basis, reason};
}

/** Tasks served across the paths, from a count per path. */
export function totalServed(served: Readonly<Record<PathKind, number>>): number {
  return served.byok + served.platform + served.free;
}

/** Free-tier units a routed task consumed. */
export function freeUnits(plan: Plan, task: TaskToRoute): number {
  return plan.free?.dailyCap.unit === 'requests' ? task.requests : 1;
}
