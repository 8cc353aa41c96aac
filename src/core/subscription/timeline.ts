import {
  feeBearingRequests,
  feeBearingShare,
  monthCharges,
  subscriptionMonthCharges,
} from '../billing/charges.js';
import type {Plan} from '../billing/plan.js';
import {ZERO, type Money} from '../money.js';
import type {Priced} from '../pricing/context-tiers.js';
import {route, type RouteReason, type TaskToRoute} from '../routing/router.js';
import type {Strategy} from '../routing/strategy.js';
import {totalTokens, type TokenBuckets} from '../tokens.js';
import {vendorExtra} from './subscription-plan.js';
import {WindowMeter, type Use, type WindowRecord} from './windows.js';

const HOUR = 3_600_000;

/** One task at the moment it arrives, with what it draws from a subscription and its list price. */
export interface TimedTask {
  /** ms since the epoch; tasks come in time order. */
  readonly time: number;
  /** The day it arrived (a working-day index, or a UTC day number): where "days a limit bit" are counted. */
  readonly day: number;
  readonly task: TaskToRoute;
  readonly tokens: TokenBuckets;
  readonly list: Priced;
  readonly use: Use;
  /** The task a request belongs to, when the timed units are requests (a replayed history). */
  readonly group?: string;
}

/** Why a task of a subscription setup ran on no path. */
export type SubscriptionUnserved =
  'never-fits' | 'wait-past-month' | 'context-window' | 'no-path' | 'free-capability' | 'free-cap-wait';

/** One setup over one billing month: where its tasks went, what the windows did, and the bill. */
export interface SetupMonth {
  readonly tasks: number;
  /** Tasks inside the subscription's limits; on the vendor's extra usage; on your key; platform-paid. */
  readonly subscription: number;
  readonly extra: number;
  readonly byok: number;
  readonly platform: number;
  /** Of the byok and platform tasks, those sent there because the subscription's limit was reached. */
  readonly overflow: number;
  /** Tasks that waited for a window to reset, and the hours the work stood still. */
  readonly delayed: number;
  readonly waitedHours: number;
  /** Distinct tasks (groups) with a unit that waited, or that went past the limit. */
  readonly groupsDelayed: number;
  readonly groupsPastLimit: number;
  readonly unserved: Readonly<Record<SubscriptionUnserved, number>>;
  /** Days on which a limit refused a task. */
  readonly limitDays: number;
  /** Windows that refused at least one task, and windows opened, per limit id. */
  readonly bitten: readonly WindowRecord[];
  readonly opened: ReadonlyMap<string, number>;
  readonly bill: SetupBill;
}

export interface SetupBill {
  readonly totalUsd: Money;
  readonly feeUsd: Money;
  /** The vendor's charge past the limits, and the key and platform cost of the tasks sent past them. */
  readonly extraUsd: Money;
  readonly overflowUsd: Money;
  /**
   * false when a task the bill prices at list (on the key, platform usage, extra at API rates) had a
   * token bucket with no price: the bill is then a lower bound. A task the fee covers bills nothing
   * more, so its missing price leaves the bill exact.
   */
  readonly complete: boolean;
  /** The same for the figure past the limit (the vendor's extra and the overflow). */
  readonly pastLimitComplete: boolean;
}

/**
 * Runs one billing month of timed tasks through a setup: route() decides every task, told by the
 * setup's meter whether the subscription has room; a task told to wait waits for the reset (and
 * the tasks behind it wait too: one person, one queue), and is not served if the wait runs past
 * `monthEnd`. The month is billed by the billing module: the subscription's fee and the vendor's
 * extra, and the key and platform usage through the plan.
 */
export function runMonth(
  plan: Plan,
  strategy: Strategy,
  tasks: readonly TimedTask[],
  monthEnd: number,
): SetupMonth {
  const sub = strategy.settings.subscription;
  const meter = sub ? new WindowMeter(sub.plan) : undefined;
  const perUnit = sub ? vendorExtra(sub.plan)?.kind === 'per-unit' : false;
  const unserved: Record<SubscriptionUnserved, number> = {
    'never-fits': 0,
    'wait-past-month': 0,
    'context-window': 0,
    'no-path': 0,
    'free-capability': 0,
    'free-cap-wait': 0,
  };
  const count = {subscription: 0, extra: 0, byok: 0, platform: 0, overflow: 0, delayed: 0};
  // Key and platform usage of every task, and of those not sent past the limit: the difference
  // in the bill is what the overflow cost.
  const all = new PaidSums();
  const within = new PaidSums();
  const extra = {listUsd: ZERO, units: ZERO};
  const extraAtList = sub ? vendorExtra(sub.plan)?.kind === 'api-rates' : false;
  // A limit in dollars at API prices meters an unpriced task short: fewer tasks may fit than shown,
  // and those past the limit cost more unless they wait.
  const metersAtList = sub?.onLimit !== 'wait' && (sub?.plan.limits.some((l) => l.unit === 'usd') ?? false);
  let meteredShort = false;
  let extraComplete = true;
  let paidComplete = true;
  let blockedUntil = 0;
  let waited = 0;
  const limitDays = new Set<number>();
  const groupsDelayed = new Set<string | number>();
  const groupsPastLimit = new Set<string | number>();

  for (const [i, t] of tasks.entries()) {
    const model = t.task.model.id;
    let at = Math.max(t.time, blockedUntil);
    let reason: RouteReason | undefined;
    for (;;) {
      if (at >= monthEnd) {
        unserved['wait-past-month']++;
        reason = undefined;
        break;
      }
      const room = meter?.room(at, model, t.use) ?? {ok: true as const};
      const decision = route(strategy.settings, plan, t.task, {freeUsedToday: 0, subscriptionRoom: room});
      // A refusal is recorded only where route() acted on it: a model the plan does not cover never met its limit.
      if (meter && !room.ok && PAST_LIMIT.has(decision.reason)) {
        limitDays.add(t.day);
        // Units past a per-unit allowance are billed, and the allowance is spent; extra usage at API
        // rates leaves the window as it was, for a smaller task that still fits.
        if (decision.path === 'subscription' && perUnit)
          extra.units = extra.units.add(meter.takePast(at, model, t.use, room.limit));
        else meter.take(at, model, t.use);
      }
      if (decision.path === 'unserved') {
        if (decision.reason === 'subscription-wait' && decision.resetsAt !== undefined) {
          waited += Math.min(decision.resetsAt, monthEnd) - at;
          blockedUntil = decision.resetsAt;
          at = decision.resetsAt;
          continue;
        }
        unserved[unservedReason(decision.reason)]++;
        break;
      }
      reason = decision.reason;
      const unpriced = t.list.missing.length > 0;
      if (decision.path === 'subscription') {
        if (unpriced && metersAtList) meteredShort = true;
        if (decision.basis === 'subscription-fee') {
          meter?.take(at, model, t.use);
          count.subscription++;
        } else {
          count.extra++;
          extra.listUsd = extra.listUsd.add(t.list.usd);
          if (unpriced && extraAtList) extraComplete = false;
        }
      } else if (decision.path !== 'free') {
        // A subscription setup offers no free pool: every other task is on the key or the platform.
        count[decision.path]++;
        if (unpriced && billsAtList(plan, decision.path)) paidComplete = false;
        all.add(plan, decision.path, t);
        if (reason === 'subscription-overflow') count.overflow++;
        else within.add(plan, decision.path, t);
      }
      break;
    }
    if (at > t.time && reason !== undefined) {
      count.delayed++;
      groupsDelayed.add(t.group ?? i);
    }
    if (reason === 'subscription-overflow' || reason === 'subscription-extra')
      groupsPastLimit.add(t.group ?? i);
  }

  const paid = all.bill(plan);
  const vendor = sub ? subscriptionMonthCharges(sub.plan, extra) : {feeUsd: ZERO, extraUsd: ZERO};
  const overflowUsd = count.overflow ? paid.sub(within.bill(plan)) : ZERO;
  return {
    tasks: tasks.length,
    ...count,
    waitedHours: waited / HOUR,
    groupsDelayed: groupsDelayed.size,
    groupsPastLimit: groupsPastLimit.size,
    unserved,
    limitDays: limitDays.size,
    bitten: meter?.bitten ?? [],
    opened: meter?.opened ?? new Map(),
    bill: {
      totalUsd: paid.add(vendor.feeUsd).add(vendor.extraUsd),
      feeUsd: vendor.feeUsd,
      extraUsd: vendor.extraUsd,
      overflowUsd,
      complete: paidComplete && extraComplete && !meteredShort,
      // The overflow is the paid bill less the same bill without it: any unpriced paid task can move it.
      pastLimitComplete: extraComplete && !meteredShort && (count.overflow === 0 || paidComplete),
    },
  };
}

/** Whether the plan's charge for a task on this path grows with its list price: credits counted in tasks do not. */
function billsAtList(plan: Plan, path: 'byok' | 'platform'): boolean {
  return path === 'byok' || plan.platform.subscription?.creditUnit !== 'task';
}

/** Key and platform usage summed as the billing module takes it. */
class PaidSums {
  private readonly byok = {listUsd: ZERO, tokens: 0, feeBearingListUsd: ZERO, requests: 0};
  private readonly platform = {listUsd: ZERO, tokens: 0, tasks: 0, blocked: 0};

  add(plan: Plan, path: 'byok' | 'platform', t: TimedTask): void {
    const tokens = totalTokens(t.tokens);
    if (path === 'platform') {
      this.platform.listUsd = this.platform.listUsd.add(t.list.usd);
      this.platform.tokens += tokens;
      this.platform.tasks++;
      return;
    }
    const feeBearing = feeBearingRequests(plan, this.byok.requests, t.task.requests);
    this.byok.requests += t.task.requests;
    this.byok.listUsd = this.byok.listUsd.add(t.list.usd);
    this.byok.tokens += tokens;
    if (feeBearing > 0)
      this.byok.feeBearingListUsd = this.byok.feeBearingListUsd.add(
        feeBearingShare(t.list.usd, feeBearing, t.task.requests),
      );
  }

  bill(plan: Plan): Money {
    return monthCharges(plan, this.byok, this.platform).totalUsd;
  }
}

const PAST_LIMIT: ReadonlySet<RouteReason> = new Set([
  'subscription-wait',
  'subscription-never-fits',
  'subscription-extra',
  'subscription-overflow',
]);

function unservedReason(reason: RouteReason): SubscriptionUnserved {
  if (reason === 'subscription-never-fits') return 'never-fits';
  return reason === 'context-window' || reason === 'free-capability' || reason === 'free-cap-wait'
    ? reason
    : 'no-path';
}
