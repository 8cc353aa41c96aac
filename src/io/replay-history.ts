import type {Capability} from '../core/capability.js';
import {ALL_FREE, ALL_PLATFORM, FREE_THEN_PAID} from '../core/routing/candidates.js';
import {TaskGrouper, type HistoryProfile} from '../core/history/history-profile.js';
import type {Plan} from '../core/billing/plan.js';
import type {PriceBook} from '../core/pricing/price-book.js';
import {Replay, type ReplayResult} from '../core/history/replay.js';
import {resolveFreePool} from '../core/simulation/scenario.js';
import {byokSettings, type Strategy} from '../core/routing/strategy.js';
import type {Dimension, ImportOutcome, UsageRecord} from '../core/history/usage-record.js';
import {noGroup, type GroupReplay} from '../core/history/groups.js';
import type {DuckDbImportOptions} from './usage/duckdb/import-duckdb.js';
import {importUsage, type ImportOptions} from './usage/import.js';
import {sourceById} from './usage/sources/registry.js';
import type {SubscriptionChoice} from '../core/subscription/subscription-plan.js';
import {SubscriptionReplay, type SubscriptionReplayResult} from '../core/history/subscription-replay.js';

export {nothingImported} from './usage/import.js';

export interface HistoryOptions extends ImportOptions {
  /** Read and sum the files with DuckDB instead of streaming them (import --engine duckdb). */
  readonly duckdb?: Omit<DuckDbImportOptions, 'strict'>;
  readonly book: PriceBook;
  readonly plan: Plan;
  /** The user's apps, replayed beside the paths. */
  readonly apps?: readonly Strategy[];
  readonly needs?: Capability;
  readonly taskGapMs: number;
  /** The day whose prices the free pool is listed at (its models cost nothing either way). */
  readonly today: string;
  /** Replay each team's (project's, user's) rows apart too, as an account of its own. */
  readonly by?: Dimension;
  /** Vendor plans to replay the requests against, with the choices past their limits. */
  readonly subscriptions?: SubscriptionChoice;
}

export interface History {
  readonly outcome: ImportOutcome;
  readonly replay: ReplayResult;
  readonly profile: HistoryProfile;
  readonly subscriptions?: SubscriptionReplayResult;
  /** Rows that sum several requests (their count known), and how many of them give their tasks: what the free tier's cap sees of them. */
  readonly aggregated: AggregatedRows;
  /** With `by`: the replay of each group, by name, the rows that name none last. */
  readonly groups?: GroupReplay[];
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

/** The groups' replays, by name; the rows that name none last. */
function finishGroups(groups: ReadonlyMap<string, Replay>, by: Dimension): GroupReplay[] {
  const none = noGroup(by);
  return [...groups.entries()]
    .sort(([a], [b]) => Number(a === none) - Number(b === none) || a.localeCompare(b))
    .map(([name, replay]) => ({name, replay: replay.finish()}));
}

/**
 * Imports usage and replays it, streaming: every record is routed under each strategy as it is
 * read and grouped into tasks for the profile. What `vibe-cost import` and the dashboard share.
 */
export async function replayHistory(inputs: readonly string[], options: HistoryOptions): Promise<History> {
  const {book, plan} = options;
  const freePool = resolveFreePool(plan, book, options.today);
  const strategies = replayStrategies(book, options.apps ?? []);
  const newReplay = () =>
    new Replay({
      plan,
      book,
      strategies,
      freePool,
      ...(options.needs ? {needs: options.needs} : {}),
      sourceProvider: (source) => sourceById(source).provider,
    });
  const replay = newReplay();
  const {by} = options;
  const groups = new Map<string, Replay>();
  const groupOf = (record: UsageRecord, dimension: Dimension): Replay => {
    const name = record.dimensions?.[dimension] ?? noGroup(dimension);
    let group = groups.get(name);
    if (!group) groups.set(name, (group = newReplay()));
    return group;
  };
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
  const onRecord = (record: UsageRecord) => {
    if (record.granularity !== 'request' && record.requests !== null) {
      aggregated.rows++;
      if (record.tasks !== undefined) aggregated.withTasks++;
    }
    const key = grouper.keyFor(record);
    const task = key ?? `row:${record.file}:${record.line}`;
    replay.add(record, task);
    if (by) groupOf(record, by).add(record, task);
    const model = key ? replay.resolve(record.modelRaw) : undefined;
    if (key && model) grouper.add(record, key, model.id);
    subscriptions?.add(record, key, model);
  };
  // DuckDB loads only for the import that asks for it.
  const outcome = options.duckdb
    ? await (
        await import('./usage/duckdb/import-duckdb.js')
      ).importWithDuckDb(inputs, onRecord, {...options.duckdb, strict: options.strict ?? false})
    : await importUsage(inputs, onRecord, options);
  return {
    outcome,
    replay: replay.finish(),
    profile: grouper.profile(),
    aggregated,
    ...(by ? {groups: finishGroups(groups, by)} : {}),
    ...(subscriptions ? {subscriptions: subscriptions.finish()} : {}),
  };
}
