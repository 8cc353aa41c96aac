import type {UsageRecord} from '../../core/history/usage-record.js';

/** One held file: its rows (each one or more records), in order, until overlaps are known. */
export interface HeldFile {
  readonly file: string;
  /** The account usage its source sums: files of one family may hold the same usage twice. */
  readonly family: string;
  readonly rows: UsageRecord[][];
}

export interface SameUsage {
  readonly file: string;
  readonly sameAs: string;
  readonly days: string[];
  readonly rows: number;
}

export interface DifferentTotals {
  readonly file: string;
  readonly other: string;
  readonly days: string[];
}

const day = (r: UsageRecord) => r.start.slice(0, 10);

/** A day's usage in one file, as text: per model, the summed tokens and reported dollars. */
function fingerprints(held: HeldFile): Map<string, string> {
  const sums = new Map<string, Map<string, number[]>>();
  for (const row of held.rows) {
    for (const r of row) {
      const models = sums.get(day(r)) ?? new Map<string, number[]>();
      const t = r.tokens;
      const s = models.get(r.modelRaw) ?? [0, 0, 0, 0, 0, 0];
      // Reported dollars in micro-cents: exact for every amount an export writes.
      const v = [
        t?.input ?? 0,
        t?.cacheRead ?? 0,
        t?.cacheWrite5m ?? 0,
        t?.cacheWrite1h ?? 0,
        t?.output ?? 0,
        Math.round(Number(r.reportedUsd ?? 0) * 1e8),
      ];
      models.set(
        r.modelRaw,
        s.map((x, i) => x + (v[i] as number)),
      );
      sums.set(day(r), models);
    }
  }
  return new Map(
    [...sums].map(([d, models]) => [d, JSON.stringify([...models].sort((a, b) => (a[0] < b[0] ? -1 : 1)))]),
  );
}

/**
 * Decides, for files of one family covering the same day, which rows count: a day whose per-model
 * totals equal an earlier file's is the same usage, counted once; a day whose totals differ is
 * kept in both and reported (two workspaces, or one account exported twice as the day went on).
 */
export function resolveOverlaps(files: readonly HeldFile[]): {
  drop: Map<HeldFile, Set<string>>;
  same: SameUsage[];
  different: DifferentTotals[];
} {
  const drop = new Map<HeldFile, Set<string>>();
  const same: SameUsage[] = [];
  const different: DifferentTotals[] = [];
  const kept: {held: HeldFile; days: Map<string, string>}[] = [];
  for (const held of files) {
    const mine = fingerprints(held);
    const dropped = new Set<string>();
    const byOther = new Map<HeldFile, {same: string[]; different: string[]}>();
    for (const [d, print] of mine) {
      const peers = kept.filter((k) => k.held.family === held.family && k.days.has(d));
      if (peers.length === 0) continue;
      const twin = peers.find((k) => k.days.get(d) === print);
      const other = twin ?? peers[0];
      if (!other) continue;
      const entry = byOther.get(other.held) ?? {same: [], different: []};
      if (twin) {
        dropped.add(d);
        entry.same.push(d);
      } else entry.different.push(d);
      byOther.set(other.held, entry);
    }
    for (const [other, e] of byOther) {
      const days = new Set(e.same);
      if (e.same.length)
        same.push({
          file: held.file,
          sameAs: other.file,
          days: e.same.sort(),
          rows: held.rows.filter((row) => row.every((r) => days.has(day(r)))).length,
        });
      if (e.different.length) different.push({file: held.file, other: other.file, days: e.different.sort()});
    }
    drop.set(held, dropped);
    kept.push({held, days: new Map([...mine].filter(([d]) => !dropped.has(d)))});
  }
  return {drop, same, different};
}
