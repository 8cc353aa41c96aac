import type {Capability} from '../core/capability.js';
import {ALL_FREE, ALL_PLATFORM, FREE_THEN_PAID} from '../core/routing/candidates.js';
import {TaskGrouper, type HistoryProfile} from '../core/history/history-profile.js';
import type {Plan} from '../core/billing/plan.js';
import type {PriceBook} from '../core/pricing/price-book.js';
import {Replay, type ReplayResult} from '../core/history/replay.js';
import {resolveFreePool} from '../core/simulation/scenario.js';
import {byokSettings, type Strategy} from '../core/routing/strategy.js';
import type {ImportOutcome} from '../core/history/usage-record.js';
import {importUsage, type ImportOptions} from './usage/import.js';
import {sourceById} from './usage/sources/registry.js';
import type {OnLimit} from '../core/routing/router.js';
import type {SubscriptionPlan} from '../core/subscription/subscription-plan.js';
import {SubscriptionReplay, type SubscriptionReplayResult} from '../core/history/subscription-replay.js';

export {nothingImported} from './usage/import.js';

export interface HistoryOptions extends ImportOptions {
  readonly book: PriceBook;
  readonly plan: Plan;
  /** The user's apps, replayed beside the paths. */
  readonly apps?: readonly Strategy[];
  readonly needs?: Capability;
  readonly taskGapMs: number;
  /** The day whose prices the free pool is listed at (its models cost nothing either way). */
  readonly today: string;
  /** Vendor plans to replay the requests against, with the choices past their limits. */
  readonly subscriptions?: {
    readonly plans: readonly SubscriptionPlan[];
    readonly onLimits: readonly OnLimit[];
  };
}

export interface History {
  readonly outcome: ImportOutcome;
  readonly replay: ReplayResult;
  readonly profile: HistoryProfile;
  readonly subscriptions?: SubscriptionReplayResult;
  /** Rows that sum several requests (their count known), and how many of them give their tasks: what the free tier's cap sees of them. */
  readonly aggregated: AggregatedRows;
}

export interface AggregatedRows {
  readonly rows: number;
  readonly withTasks: number;
}

/** The strategies a history is replayed under: every path of the plan, then the user's apps. */
function replayStrategies(book: PriceBook, apps: readonly Strategy[]): Strategy[] {
  const providers = [
    ...new Set(
      book
        .allModels()
        .filter((m) => m.byokable)
        .map((m) => m.provider),
    ),
  ];
  return [
    {id: 'all-byok', label: 'BYOK: your own keys at list price', settings: byokSettings(providers)},
    ALL_PLATFORM,
    ALL_FREE,
    FREE_THEN_PAID,
    ...apps,
  ];
}

/**
 * Imports usage and replays it, streaming: every record is routed under each strategy as it is
 * read and grouped into tasks for the profile. What `vibe-cost import` and the dashboard share.
 */
export async function replayHistory(inputs: readonly string[], options: HistoryOptions): Promise<History> {
  const {book, plan} = options;
  const freePool = resolveFreePool(plan, book, options.today);
  const replay = new Replay({
    plan,
    book,
    strategies: replayStrategies(book, options.apps ?? []),
    freePool,
    ...(options.needs ? {needs: options.needs} : {}),
    sourceProvider: (source) => sourceById(source).provider,
  });
  const grouper = new TaskGrouper(options.taskGapMs);
  const subscriptions = options.subscriptions
    ? new SubscriptionReplay({
        plan,
        ...options.subscriptions,
        ...(options.needs ? {needs: options.needs} : {}),
        gapMs: options.taskGapMs,
      })
    : undefined;
  const aggregated = {rows: 0, withTasks: 0};
  const outcome = await importUsage(
    inputs,
    (record) => {
      if (record.granularity !== 'request' && record.requests !== null) {
        aggregated.rows++;
        if (record.tasks !== undefined) aggregated.withTasks++;
      }
      const key = grouper.keyFor(record);
      replay.add(record, key ?? `row:${record.file}:${record.line}`);
      const model = key ? replay.resolve(record.modelRaw) : undefined;
      if (key && model) grouper.add(record, key, model.id);
      subscriptions?.add(record, key, model);
    },
    options,
  );
  return {
    outcome,
    replay: replay.finish(),
    profile: grouper.profile(),
    aggregated,
    ...(subscriptions ? {subscriptions: subscriptions.finish()} : {}),
  };
}
