import type {Capability} from '../capability.js';
import type {Profile} from '../simulation/profile.js';
import {addTokens, BUCKETS, NO_TOKENS, totalTokens, type TokenBuckets} from '../tokens.js';
import type {UsageRecord} from './usage-record.js';

interface Task {
  readonly day: string;
  readonly models: Map<string, number>;
  tokens: TokenBuckets;
  requests: number;
}

export interface HistoryProfile {
  readonly tasks: number;
  /** True when the history had more than MAX_TASKS tasks: the profile comes from the first ones. */
  readonly capped: boolean;
  /** How tasks were told apart: the source's session or task id, idle gaps, both, or not at all (aggregated exports). */
  readonly method: 'task-id' | 'idle-gap' | 'mixed' | 'none';
  readonly activeDays: number;
  readonly firstDay: string | null;
  readonly lastDay: string | null;
  readonly tasksPerActiveDay: number;
  readonly tokensPerTask: {readonly mean: number; readonly median: number; readonly p90: number};
  readonly requestsPerTask: number;
  readonly modelMix: {readonly model: string; readonly share: number}[];
  /** Tasks sorted by size, split in three: the classes a saved profile gets. */
  readonly classes: {
    readonly name: string;
    readonly share: number;
    readonly tokens: TokenBuckets;
    readonly requestsPerTask: number;
    readonly p90ToMedian: number;
    /** Task size over the class's mean at the 0th, 1st, …, 100th percentile: the empirical distribution. */
    readonly sizeQuantiles: number[];
    readonly model: string;
  }[];
}

/** Tasks a profile is built from, at most: memory stays bounded on a 10-million-row history. */
export const MAX_TASKS = 500_000;

/**
 * Groups a history's records into tasks: by the session or task id the source gives, otherwise
 * by idle gaps longer than `gapMs` within one file (records of a log arrive in time order).
 * Aggregated rows (hours, days) carry no tasks and are left out of the profile.
 */
export class TaskGrouper {
  private readonly tasks = new Map<string, Task>();
  private readonly lastSeen = new Map<string, {at: number; key: string}>();
  private byId = 0;
  private byGap = 0;
  private counter = 0;
  /** Tasks held when the cap was reached (0: never); later tasks are left out of the profile. */
  capped = 0;
  private readonly gapMs: number;

  constructor(gapMs: number) {
    this.gapMs = gapMs;
  }

  /** The task a record belongs to; undefined for aggregated rows. */
  keyFor(record: UsageRecord): string | undefined {
    if (this.tasks.size >= MAX_TASKS && this.capped === 0) this.capped = this.tasks.size;
    if (record.granularity !== 'request') return undefined;
    if (record.taskId) {
      this.byId++;
      return `id:${record.source}:${record.taskId}`;
    }
    this.byGap++;
    const at = Date.parse(record.start);
    const last = this.lastSeen.get(record.file);
    const key =
      last && at - last.at <= this.gapMs && at >= last.at ? last.key : `gap:${record.file}:${++this.counter}`;
    this.lastSeen.set(record.file, {at, key});
    return key;
  }

  add(record: UsageRecord, key: string, model: string): void {
    if (!record.tokens) return;
    let task = this.tasks.get(key);
    if (!task && this.tasks.size >= MAX_TASKS) return;
    if (!task)
      this.tasks.set(
        key,
        (task = {
          day: record.start.slice(0, 10),
          models: new Map<string, number>(),
          tokens: {...NO_TOKENS},
          requests: 0,
        }),
      );
    const t = task.tokens as {-readonly [K in keyof TokenBuckets]: number};
    t.input += record.tokens.input;
    t.cacheRead += record.tokens.cacheRead;
    t.cacheWrite5m += record.tokens.cacheWrite5m;
    t.cacheWrite1h += record.tokens.cacheWrite1h;
    t.output += record.tokens.output;
    task.requests += record.requests ?? 1;
    task.models.set(model, (task.models.get(model) ?? 0) + totalTokens(record.tokens));
  }

  profile(): HistoryProfile {
    const tasks = [...this.tasks.values()];
    const days = [...new Set(tasks.map((t) => t.day))].sort();
    const sizes = tasks.map((t) => totalTokens(t.tokens)).sort((a, b) => a - b);
    const at = (q: number) => sizes[Math.max(0, Math.ceil(q * sizes.length) - 1)] ?? 0;
    const mainModel = (t: Task) => [...t.models.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    const mix = new Map<string, number>();
    for (const t of tasks) mix.set(mainModel(t), (mix.get(mainModel(t)) ?? 0) + 1);
    const method =
      this.byId && this.byGap ? 'mixed' : this.byId ? 'task-id' : this.byGap ? 'idle-gap' : 'none';
    return {
      tasks: tasks.length,
      capped: this.capped > 0,
      method,
      activeDays: days.length,
      firstDay: days[0] ?? null,
      lastDay: days.at(-1) ?? null,
      tasksPerActiveDay: days.length ? tasks.length / days.length : 0,
      tokensPerTask: {
        mean: sizes.length ? sizes.reduce((a, b) => a + b, 0) / sizes.length : 0,
        median: at(0.5),
        p90: at(0.9),
      },
      requestsPerTask: tasks.length ? tasks.reduce((a, t) => a + t.requests, 0) / tasks.length : 0,
      modelMix: [...mix.entries()]
        .map(([model, n]) => ({model, share: n / tasks.length}))
        .sort((a, b) => b.share - a.share),
      classes: thirds(tasks, mainModel),
    };
  }
}

/** Tasks by size in three equal groups (fewer when there are fewer tasks): small, medium, large. */
function thirds(tasks: Task[], mainModel: (t: Task) => string): HistoryProfile['classes'] {
  const sorted = [...tasks].sort((a, b) => totalTokens(a.tokens) - totalTokens(b.tokens));
  const groups = Math.min(3, sorted.length);
  const names = groups === 3 ? ['small', 'medium', 'large'] : groups === 2 ? ['small', 'large'] : ['all'];
  return names.map((name, g) => {
    const part = sorted.slice(
      Math.floor((g * sorted.length) / groups),
      Math.floor(((g + 1) * sorted.length) / groups),
    );
    const sum = part.reduce((acc, t) => addTokens(acc, t.tokens), NO_TOKENS);
    const mean = Object.fromEntries(
      BUCKETS.map((b) => [b, Math.round(sum[b] / part.length)]),
    ) as unknown as TokenBuckets;
    const totals = part.map((t) => totalTokens(t.tokens)).sort((a, b) => a - b);
    const median = totals[Math.floor(totals.length / 2)] ?? 0;
    const p90 = totals[Math.max(0, Math.ceil(0.9 * totals.length) - 1)] ?? 0;
    const models = new Map<string, number>();
    for (const t of part) models.set(mainModel(t), (models.get(mainModel(t)) ?? 0) + 1);
    const meanTotal = totals.reduce((a, b) => a + b, 0) / Math.max(1, totals.length);
    const sizeQuantiles = Array.from({length: 101}, (_, k) => {
      const value = totals[Math.min(totals.length - 1, Math.round((k / 100) * (totals.length - 1)))] ?? 0;
      return meanTotal > 0 ? Number((value / meanTotal).toFixed(4)) : 1;
    });
    return {
      name,
      share: part.length / sorted.length,
      tokens: mean,
      requestsPerTask: Math.max(1, Math.round(part.reduce((a, t) => a + t.requests, 0) / part.length)),
      p90ToMedian: median > 0 && p90 > median ? Math.min(50, p90 / median) : 1.01,
      sizeQuantiles,
      model: [...models.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '',
    };
  });
}

/** A profile from a history, for simulate, recommend and the dashboard (saved with profileDocument). */
export function profileFromHistory(
  history: HistoryProfile,
  needs: (model: string) => Capability,
  id: string,
  source: string,
): Profile {
  const shareSum = history.classes.reduce((a, c) => a + c.share, 0);
  const span =
    history.firstDay && history.lastDay
      ? (Date.parse(history.lastDay) - Date.parse(history.firstDay)) / 86_400_000 + 1
      : 1;
  // Active days per month, scaled from the span the history covers.
  const workingDays = Math.min(31, Math.max(1, Math.round((history.activeDays * 30) / Math.max(30, span))));
  return {
    id,
    origin: source,
    name: `Imported: ${id}`,
    description: `From ${history.tasks} tasks over ${history.activeDays} active days (${history.firstDay} to ${history.lastDay}), told apart by ${history.method}. Each class needs the tier of the model that ran it: lower "needs" where an open model would do.`,
    source,
    tasksPerDay: Number(history.tasksPerActiveDay.toFixed(3)),
    workingDaysPerMonth: workingDays,
    model: history.modelMix[0]?.model ?? '',
    classes: history.classes.map((c, i) => ({
      name: c.name,
      // Shares are rounded to 6 places; the last class takes the remainder so they add up to 1.
      share:
        i === history.classes.length - 1
          ? Number(
              (
                1 -
                history.classes.slice(0, -1).reduce((a, x) => a + Number((x.share / shareSum).toFixed(6)), 0)
              ).toFixed(6),
            )
          : Number((c.share / shareSum).toFixed(6)),
      needs: needs(c.model),
      model: c.model,
      requestsPerTask: c.requestsPerTask,
      p90ToMedian: Number(c.p90ToMedian.toFixed(3)),
      // The month simulation draws task sizes from these: the history's own spread, not a fitted curve.
      sizeQuantiles: c.sizeQuantiles,
      tokens: c.tokens,
    })),
  };
}
