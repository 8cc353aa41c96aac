import {lookupKeys} from '../pricing/model-names.js';
import type {ModelPrice} from '../pricing/model-price.js';

/** Days as text compare in order; these two bound every real one. */
export const ALWAYS_FROM = '0000-01-01';
export const ALWAYS_UNTIL = '9999-12-31';

/** One name a query may meet, and the long-context threshold of the model it finds over a span of days. */
export interface LongContextKey {
  /** A lookup key: a model id, alias or display name, normalised as normalizeModelName does. */
  readonly key: string;
  /** Prompt tokens of one request past which it is priced at the long tier; 0: the model has no long tier. */
  readonly after: number;
  /** First day of the span (YYYY-MM-DD), and the day after its last. */
  readonly from: string;
  readonly until: string;
}

export interface LongContextTable {
  readonly keys: readonly LongContextKey[];
  /** Models priced in more than two prompt-size steps: 'long' is any request past the first. */
  readonly stepped: readonly string[];
}

/** The first step's threshold over time (a price change may add, drop or move it), equal spans merged. */
function timeline(model: ModelPrice): {from: string; until: string; after: number}[] {
  const spans = [{from: ALWAYS_FROM, until: ALWAYS_UNTIL, after: model.longContext?.thresholdTokens ?? 0}];
  let current = model.longContext;
  for (const change of model.changes ?? []) {
    if (change.longContext !== undefined) current = change.longContext ?? undefined;
    const after = current?.thresholdTokens ?? 0;
    const last = spans[spans.length - 1]!;
    if (after === last.after) continue;
    last.until = change.effective;
    spans.push({from: change.effective, until: ALWAYS_UNTIL, after});
  }
  return spans;
}

const hasLongTier = (model: ModelPrice) =>
  model.longContext !== undefined || (model.changes ?? []).some((c) => c.longContext);

/**
 * The names a query must know to decide each request's tier as the price book would: every key of a
 * model with a long tier, and, with threshold 0, each key of a model without one that a less
 * specific lookup key would otherwise take to a model with one (`x-20250101` before `x`).
 * `keyed`: the price book's lookup keys with the model each finds, in the order it claims them.
 */
export function longContextTable(keyed: readonly (readonly [string, ModelPrice])[]): LongContextTable {
  const byKey = new Map(keyed);
  const long = new Set(keyed.filter(([, m]) => hasLongTier(m)).map(([k]) => k));
  const keys: LongContextKey[] = [];
  const stepped = new Set<string>();
  for (const [key, model] of keyed) {
    const shadows = !long.has(key) && lookupKeys(key).some((k) => k !== key && long.has(k));
    if (!long.has(key) && !shadows) continue;
    for (const span of timeline(model)) keys.push({key, ...span});
    if (model.longContext?.next && byKey.get(key) === model) stepped.add(model.id);
  }
  keys.sort((a, b) => a.key.localeCompare(b.key) || a.from.localeCompare(b.from));
  return {keys, stepped: [...stepped].sort()};
}
