import {meetsCapability, type Capability} from './capability.js';
import {platformFronts, type Plan} from './plan.js';
import type {ModelPrice} from './prices.js';

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
}

export interface TaskToRoute {
  readonly model: ModelPrice;
  readonly needs: Capability;
  readonly requests: number;
}

export interface RouteContext {
  /** Free-tier units (requests or tasks, as the plan counts them) already used today. */
  readonly freeUsedToday: number;
  /** The free pool's model for today: it rotates. */
  readonly freeModel?: ModelPrice;
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
  | 'no-path';

export type Route =
  | {readonly path: PathKind; readonly model: ModelPrice; readonly basis: PriceBasis; readonly reason: RouteReason}
  | {readonly path: 'unserved'; readonly reason: RouteReason};

/** What the money is computed from. */
export type PriceBasis = 'list' | 'list+byok-fee' | 'platform-rate' | 'free';

/**
 * The router: which path one task takes, which model actually runs it, and on what price basis.
 * A key for the model's provider (and a BYOK-able model) goes direct at list price; otherwise a
 * provider picked for the platform (or a model no key can reach) is platform-paid; otherwise the
 * free tier's open pool takes it within its cap and capability. Every simulation, recommendation,
 * breakeven, replay and the dashboard decide paths here and nowhere else.
 */
export function route(settings: AppSettings, plan: Plan, task: TaskToRoute, context: RouteContext): Route {
  const {model} = task;
  if (model.byokable && plan.byok.allowed && settings.keys.has(model.provider)) {
    const fee = !plan.byok.feePct.isZero() || !plan.byok.feeUsdPerMTok.isZero();
    return {path: 'byok', model, basis: fee ? 'list+byok-fee' : 'list', reason: 'key-held'};
  }
  const fronted = platformFronts(plan, model.provider);
  if (settings.platformProviders.has('*') || settings.platformProviders.has(model.provider)) return platformPaid(fronted, model, 'platform-chosen');
  if (!model.byokable) return platformPaid(fronted, model, 'no-direct-credential');
  const free = plan.free;
  if (!settings.freeTier || !free || !context.freeModel) return {path: 'unserved', reason: 'no-path'};
  if (!meetsCapability(free.capability, task.needs)) {
    return settings.onFreeLimit === 'fallthrough' ? platformPaid(fronted, model, 'free-capability-fallthrough') : {path: 'unserved', reason: 'free-capability'};
  }
  const units = free.dailyCap.unit === 'requests' ? task.requests : 1;
  if (context.freeUsedToday + units > free.dailyCap.count) {
    return settings.onFreeLimit === 'fallthrough' ? platformPaid(fronted, model, 'free-cap-fallthrough') : {path: 'unserved', reason: 'free-cap-wait'};
  }
  return {path: 'free', model: context.freeModel, basis: 'free', reason: 'free-tier'};
}

function platformPaid(fronted: boolean, model: ModelPrice, reason: RouteReason): Route {
  return fronted ? {path: 'platform', model, basis: 'platform-rate', reason} : {path: 'unserved', reason: 'no-path'};
}

/** Tasks served across the paths, from a count per path. */
export function totalServed(served: Readonly<Record<PathKind, number>>): number {
  return served.byok + served.platform + served.free;
}

/** Free-tier units a routed task consumed. */
export function freeUnits(plan: Plan, task: TaskToRoute): number {
  return plan.free?.dailyCap.unit === 'requests' ? task.requests : 1;
}
