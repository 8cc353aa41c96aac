import {Money, ZERO} from '../money.js';
import {matchesModel, type Limit, type SubscriptionPlan, type WindowKind} from './subscription-plan.js';

const HOUR = 3_600_000;
const LENGTH: Partial<Record<WindowKind, number>> = {'5h': 5 * HOUR, week: 7 * 24 * HOUR};

/** What one task draws from a subscription, in every unit a limit can count. */
export interface Use {
  /** Every token but cache reads. */
  readonly tokens: number;
  /** The task at list prices. */
  readonly usd: Money;
  readonly prompts: number;
  readonly requests: number;
  readonly hours: number;
}

export type Admission =
  | {readonly ok: true}
  /** `resetsAt` undefined: the task alone is larger than the limit, so no wait lets it in. */
  | {readonly ok: false; readonly limit: Limit; readonly resetsAt: number | undefined};

/** One window of one limit, as it ran: what was used and how often it refused a task. */
export interface WindowRecord {
  readonly limit: Limit;
  readonly start: number;
  readonly end: number;
  used: Money;
  refused: number;
}

/**
 * The plan's rate windows over time. `5h` and `week` windows open at the first use after the last
 * one ended (the vendor's "session starts with your first message"); `day` and `month` are UTC
 * calendar periods. Times are ms since the epoch and must not go backwards.
 */
export class WindowMeter {
  private readonly open = new Map<Limit, WindowRecord>();
  /** Every window that refused at least one task, in order. */
  readonly bitten: WindowRecord[] = [];
  /** Windows opened, per limit id. */
  readonly opened = new Map<string, number>();

  private readonly plan: SubscriptionPlan;

  constructor(plan: SubscriptionPlan) {
    this.plan = plan;
  }

  /** The units of `limit` this use counts: 0 where the limit does not count the model. */
  amount(limit: Limit, model: string, use: Use): Money {
    if (limit.models && !matchesModel(limit.models, model)) return ZERO;
    switch (limit.unit) {
      case 'tokens':
        return new Money(use.tokens);
      case 'usd':
        return use.usd;
      case 'prompts':
        return new Money(use.prompts);
      case 'requests':
        return new Money(use.requests);
      case 'hours':
        return new Money(use.hours);
      case 'premium-requests':
        return new Money(use.prompts).mul(this.plan.multipliers?.byModel.get(model) ?? 1);
    }
  }

  /** Whether every limit has room for the use now, drawing nothing and opening no window: what route() is told. */
  room(time: number, model: string, use: Use): Admission {
    let refusal: Admission | undefined;
    for (const limit of this.plan.limits) {
      const amount = this.amount(limit, model, use);
      if (amount.isZero()) continue;
      const current = this.open.get(limit);
      const live = current && time < current.end ? current : undefined;
      if ((live?.used ?? ZERO).add(amount).lte(limit.count)) continue;
      const resetsAt = amount.gt(limit.count) ? undefined : (live?.end ?? bounds(limit.window, time)[1]);
      if (!refusal || refusal.ok || later(resetsAt, refusal.resetsAt)) refusal = {ok: false, limit, resetsAt};
    }
    return refusal ?? {ok: true};
  }

  /**
   * Fills every limit the use counts against and returns the units of `limit` past it: what a
   * vendor selling extra units per unit bills, once its allowance is spent.
   */
  takePast(time: number, model: string, use: Use, limit: Limit): Money {
    let past = ZERO;
    for (const l of this.plan.limits) {
      const amount = this.amount(l, model, use);
      if (amount.isZero()) continue;
      const window = this.windowAt(l, time);
      const total = window.used.add(amount);
      if (total.gt(l.count)) {
        if (l === limit) past = total.sub(Money.max(window.used, l.count));
        if (window.refused++ === 0) this.bitten.push(window);
      }
      window.used = Money.min(total, l.count);
    }
    return past;
  }

  /** Takes the use if every limit has room, else records the refusal and says when room comes back. */
  take(time: number, model: string, use: Use): Admission {
    let refusal: Admission | undefined;
    const draws: [WindowRecord, Money][] = [];
    for (const limit of this.plan.limits) {
      const amount = this.amount(limit, model, use);
      if (amount.isZero()) continue;
      const window = this.windowAt(limit, time);
      draws.push([window, amount]);
      if (window.used.add(amount).lte(limit.count)) continue;
      const resetsAt = amount.gt(limit.count) ? undefined : window.end;
      if (!refusal || refusal.ok || later(resetsAt, refusal.resetsAt)) refusal = {ok: false, limit, resetsAt};
      if (window.refused++ === 0) this.bitten.push(window);
    }
    if (refusal) return refusal;
    for (const [window, amount] of draws) window.used = window.used.add(amount);
    return {ok: true};
  }

  private windowAt(limit: Limit, time: number): WindowRecord {
    const current = this.open.get(limit);
    if (current && time < current.end) return current;
    const [start, end] = bounds(limit.window, time);
    const window: WindowRecord = {limit, start, end, used: ZERO, refused: 0};
    this.open.set(limit, window);
    this.opened.set(limit.id, (this.opened.get(limit.id) ?? 0) + 1);
    return window;
  }
}

/** Whether waiting for `a` is longer than for `b`; never (undefined) is the longest. */
function later(a: number | undefined, b: number | undefined): boolean {
  return a === undefined ? b !== undefined : b !== undefined && a > b;
}

function bounds(kind: WindowKind, time: number): [number, number] {
  const length = LENGTH[kind];
  if (length !== undefined) return [time, time + length];
  const d = new Date(time);
  if (kind === 'day') {
    const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    return [start, start + 24 * HOUR];
  }
  return [
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1),
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1),
  ];
}
