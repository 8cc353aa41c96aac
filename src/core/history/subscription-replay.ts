import type {Plan} from '../billing/plan.js';
import type {Capability} from '../capability.js';
import {ZERO, type Money} from '../money.js';
import {stepAt, stepFor, taskListCost} from '../pricing/context-tiers.js';
import type {ModelPrice} from '../pricing/model-price.js';
import {priceOn} from '../pricing/price-dates.js';
import type {OnLimit} from '../routing/router.js';
import {ALL_PLATFORM} from '../routing/candidates.js';
import {byokSettings, type Strategy} from '../routing/strategy.js';
import {subscriptionSetup} from '../subscription/setups.js';
import {coversModel, meteredTokens, type SubscriptionPlan} from '../subscription/subscription-plan.js';
import {runMonth, type SetupMonth, type TimedTask} from '../subscription/timeline.js';
import type {WindowRecord} from '../subscription/windows.js';
import {promptTokens, type TokenBuckets} from '../tokens.js';
import type {UsageRecord} from './usage-record.js';

const DAY = 86_400_000;

/** How long the first request of a task is taken to run: an assumption, stated with the output. */
export const FIRST_REQUEST_SECONDS = 30;

interface Request {
  readonly time: number;
  readonly model: ModelPrice;
  readonly tokens: TokenBuckets;
  readonly task: string;
}

/** A setup replayed month by month over the history. */
export interface ReplayedSetup {
  readonly strategy: Strategy;
  readonly months: readonly {readonly month: string; readonly result: SetupMonth}[];
  readonly totalUsd: Money;
  readonly complete: boolean;
  /** Tasks with a request that waited for a reset, or that went past the limit (key, platform, extra). */
  readonly tasksDelayed: number;
  readonly tasksPastLimit: number;
  /** Every window that refused a request, across the months, in time order. */
  readonly bitten: readonly WindowRecord[];
}

export interface SubscriptionReplayResult {
  readonly requests: number;
  /** Records the replay could not meter: aggregated rows (no request time), no tokens, or a model no sheet knows. */
  readonly leftOut: {readonly aggregated: number; readonly noTokens: number; readonly unknownModel: number};
  /** Requests at a fast speed or a service tier: metered and priced at standard rates here. */
  readonly standardRated: number;
  readonly months: readonly string[];
  readonly setups: readonly ReplayedSetup[];
  /** Plans given that run none of the history's models: not replayed. */
  readonly notCovering: readonly SubscriptionPlan[];
}

/**
 * Replays a history's requests against vendor subscriptions: each request at its time, metered
 * per request (what it draws in tokens, dollars and requests; a task's first request is its
 * prompt; its hours are the time since the task's previous request, capped at the task gap),
 * routed by route() and billed a calendar month at a time beside your key and the platform.
 */
export class SubscriptionReplay {
  private readonly requests: Request[] = [];
  private aggregated = 0;
  private noTokens = 0;
  private unknownModel = 0;
  private standardRated = 0;
  private readonly options: {
    readonly plan: Plan;
    readonly plans: readonly SubscriptionPlan[];
    readonly onLimits: readonly OnLimit[];
    readonly needs?: Capability;
    readonly gapMs: number;
  };

  constructor(options: SubscriptionReplay['options']) {
    this.options = options;
  }

  add(record: UsageRecord, task: string | undefined, model: ModelPrice | undefined): void {
    if (record.granularity !== 'request' || task === undefined) this.aggregated++;
    else if (!record.tokens) this.noTokens++;
    else if (!model) this.unknownModel++;
    else {
      if (record.speed === 'fast' || record.serviceTier === 'batch' || record.serviceTier === 'priority')
        this.standardRated++;
      this.requests.push({time: Date.parse(record.start), model, tokens: record.tokens, task});
    }
  }

  finish(): SubscriptionReplayResult {
    const requests = this.requests.sort((a, b) => a.time - b.time);
    const timed = this.timed(requests);
    const byMonth = new Map<string, TimedTask[]>();
    for (const t of timed) {
      const month = new Date(t.time).toISOString().slice(0, 7);
      const list = byMonth.get(month) ?? [];
      list.push(t);
      byMonth.set(month, list);
    }
    const months = [...byMonth.keys()];
    const covering = this.covering(requests);
    const setups = this.strategies(requests, covering).map((strategy) => {
      const runs = months.map((month) => {
        const [y, m] = month.split('-').map(Number) as [number, number];
        return {month, result: runMonth(this.options.plan, strategy, byMonth.get(month)!, Date.UTC(y, m, 1))};
      });
      return {
        strategy,
        months: runs,
        totalUsd: runs.reduce((sum, r) => sum.add(r.result.bill.totalUsd), ZERO),
        complete: runs.every((r) => r.result.bill.complete),
        tasksDelayed: runs.reduce((n, r) => n + r.result.groupsDelayed, 0),
        tasksPastLimit: runs.reduce((n, r) => n + r.result.groupsPastLimit, 0),
        bitten: runs.flatMap((r) => r.result.bitten),
      };
    });
    return {
      requests: requests.length,
      leftOut: {aggregated: this.aggregated, noTokens: this.noTokens, unknownModel: this.unknownModel},
      standardRated: this.standardRated,
      months,
      setups,
      notCovering: this.options.plans.filter((p) => !covering.includes(p)),
    };
  }

  private timed(requests: readonly Request[]): TimedTask[] {
    const last = new Map<string, number>();
    return requests.map((r): TimedTask => {
      const day = new Date(r.time).toISOString().slice(0, 10);
      const model = priceOn(r.model, day);
      const priced = stepAt(model, stepFor(model, promptTokens(r.tokens)));
      const list = taskListCost(priced, r.tokens, 1);
      const previous = last.get(r.task);
      last.set(r.task, r.time);
      const seconds =
        previous === undefined
          ? FIRST_REQUEST_SECONDS
          : Math.min(r.time - previous, this.options.gapMs) / 1000;
      return {
        time: r.time,
        day: Math.floor(r.time / DAY),
        task: {
          model: priced,
          needs: this.options.needs ?? priced.capability,
          requests: 1,
          promptTokensPerRequest: promptTokens(r.tokens),
        },
        tokens: r.tokens,
        list,
        use: {
          tokens: meteredTokens(r.tokens),
          usd: list.usd,
          prompts: previous === undefined ? 1 : 0,
          requests: 1,
          hours: seconds / 3600,
        },
        group: r.task,
      };
    });
  }

  private covering(requests: readonly Request[]): SubscriptionPlan[] {
    const models = new Map(requests.map((r) => [r.model.id, r.model]));
    return this.options.plans.filter((p) =>
      [...models.values()].some((m) => coversModel(p, m.provider, m.id)),
    );
  }

  private strategies(requests: readonly Request[], covering: readonly SubscriptionPlan[]): Strategy[] {
    const keys = [...new Set(requests.filter((r) => r.model.byokable).map((r) => r.model.provider))].sort();
    return [
      {id: 'all-byok', label: 'BYOK: your own keys at list price', settings: byokSettings(keys)},
      ALL_PLATFORM,
      ...covering.flatMap((plan) =>
        this.options.onLimits.flatMap((onLimit) => subscriptionSetup(keys, plan, onLimit) ?? []),
      ),
    ];
  }
}
