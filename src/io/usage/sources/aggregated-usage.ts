import type {Dimensions, UsageRecord} from '../../../core/history/usage-record.js';
import {cell, opt} from '../cells.js';
import type {CsvRow} from '../csv.js';
import {countFromText, isDay, required, RowProblem, usdFromText, utcInstant} from '../numbers.js';
import {isObj, jsonLinesWith, type Obj} from '../json.js';
import type {FileSink} from '../sink.js';
import type {CsvSource, JsonlSource} from './source.js';

const ID = 'vibe-cost.aggregated';
const JSONL_ID = 'vibe-cost.aggregated-jsonl';

/** The token columns, each a required count of one disjoint bucket (input is the uncached input). */
const TOKENS = {
  input: 'input_tokens',
  cacheRead: 'cache_read_tokens',
  cacheWrite5m: 'cache_write_5m_tokens',
  cacheWrite1h: 'cache_write_1h_tokens',
  output: 'output_tokens',
} as const;

/**
 * The columns other engines write (`vibe-cost sql`, `import --engine duckdb`, a warehouse's own
 * query): the README's "Aggregated usage" table documents them. Renaming one breaks those producers.
 */
const AGGREGATED_COLUMNS = ['day', 'model', 'tier', 'requests', ...Object.values(TOKENS)] as const;

function count(row: CsvRow, column: string): number {
  return required(countFromText(row.get(column), column), column);
}

/** requests, tasks, sessions: counts of calls, not tokens, and said so when one is not a whole number. */
function calls(row: CsvRow, column: string): number | undefined {
  try {
    return countFromText(row.get(column), column);
  } catch {
    throw new RowProblem(`${column} is not a whole number: "${row.get(column)?.trim()}"`);
  }
}

/**
 * The cache buckets: an empty cell says the source does not split them (LiteLLM's spend logs), so
 * the row's total is a lower bound, as for any export without the split; never a zero.
 */
function cacheSplit(row: CsvRow): {known: boolean; read: number; write5m: number; write1h: number} {
  const read = countFromText(row.get(TOKENS.cacheRead), TOKENS.cacheRead);
  const write5m = countFromText(row.get(TOKENS.cacheWrite5m), TOKENS.cacheWrite5m);
  const write1h = countFromText(row.get(TOKENS.cacheWrite1h), TOKENS.cacheWrite1h);
  return {
    known: read !== undefined && write5m !== undefined && write1h !== undefined,
    read: read ?? 0,
    write5m: write5m ?? 0,
    write1h: write1h ?? 0,
  };
}

function tier(row: CsvRow): 'base' | 'long' {
  const t = cell(row, 'tier')?.toLowerCase();
  if (t === 'base' || t === 'long') return t;
  throw new RowProblem(
    t === undefined ? 'tier is empty (base or long)' : `tier is not base or long: "${cell(row, 'tier')}"`,
  );
}

/** tasks and sessions: when given, at least one and at most one per request (a task makes a request at least). */
function perRow(row: CsvRow, column: 'tasks' | 'sessions', requests: number): number | undefined {
  const n = calls(row, column);
  if (n === undefined) return undefined;
  if (n === 0 || n > requests)
    throw new RowProblem(
      `${column} is ${n}, not between 1 and the row's ${requests} requests (leave it empty when not counted)`,
    );
  return n;
}

/** Claude Code's fast speed, a service tier and web searches, where the producer kept them apart (vibe-cost sql does). */
function variant(row: CsvRow): Pick<UsageRecord, 'speed' | 'serviceTier' | 'webSearches'> {
  const speed = cell(row, 'speed')?.toLowerCase();
  if (speed !== undefined && speed !== 'fast' && speed !== 'standard')
    throw new RowProblem(`speed is not fast or standard: "${cell(row, 'speed')}"`);
  return {
    ...(speed === 'fast' ? {speed: 'fast' as const} : {}),
    ...opt('serviceTier', cell(row, 'service_tier')),
    ...opt('webSearches', countFromText(row.get('web_searches'), 'web_searches')),
  };
}

function dimensions(row: CsvRow): {dimensions?: Dimensions} {
  const d = {
    ...opt('user', cell(row, 'user')),
    ...opt('team', cell(row, 'team')),
    ...opt('project', cell(row, 'project')),
  };
  return Object.keys(d).length ? {dimensions: d} : {};
}

/** One row's record, for either container: the CSV and JSON lines share every rule. */
const mapRow = (id: string, sink: FileSink) => (row: CsvRow) => {
  const day = cell(row, 'day');
  if (day === undefined) throw new RowProblem('day is empty');
  if (!isDay(day)) throw new RowProblem(`day is not a UTC date YYYY-MM-DD: "${day}"`);
  const model = cell(row, 'model');
  if (model === undefined) throw new RowProblem('model is empty');
  const requests = required(calls(row, 'requests'), 'requests');
  if (requests === 0) throw new RowProblem('requests is 0: a row sums at least one request');
  const tasks = perRow(row, 'tasks', requests);
  const sessions = perRow(row, 'sessions', requests);
  const usd = usdFromText(row.get('cost_usd'), 'cost_usd');
  const cache = cacheSplit(row);
  sink.emit({
    source: id,
    file: sink.file,
    line: row.line,
    granularity: 'bucket',
    start: utcInstant(day, 'day'),
    modelRaw: model,
    requests,
    tokens: {
      input: count(row, TOKENS.input),
      cacheRead: cache.read,
      cacheWrite5m: cache.write5m,
      cacheWrite1h: cache.write1h,
      output: count(row, TOKENS.output),
    },
    tokensKnown: cache.known ? 'all' : 'no-cache-split',
    contextTier: tier(row),
    ...opt('provider', cell(row, 'provider')),
    ...opt('tasks', tasks),
    ...opt('sessions', sessions),
    ...dimensions(row),
    ...(usd === undefined ? {} : {reportedUsd: usd, reportedKind: 'billed' as const}),
    ...variant(row),
  });
};

/**
 * vibe-cost's aggregated usage: one row per UTC day, model and price tier, with the requests and
 * every token bucket summed. Pricing is linear within a tier, so a row prices exactly as the
 * requests it sums, provided each row holds requests of one long-context tier (`tier`: the tier
 * every request of the row was billed at). Rows are 'bucket' records: routed and priced whole.
 */
export const aggregatedUsage: CsvSource<typeof ID> = {
  id: ID,
  container: 'text',
  signatures: [{required: [...AGGREGATED_COLUMNS]}],
  mapper: (_header, sink) => mapRow(ID, sink),
};

/** A JSON line as a row of cells: numbers as written, null as an empty cell. */
function jsonRow(entry: Obj, line: number): CsvRow {
  return {
    line,
    overflow: 0,
    get: (key) => {
      const value = entry[key];
      if (value === undefined || value === null) return undefined;
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return String(value);
      throw new RowProblem(`${key} is not a number or text: ${JSON.stringify(value)}`);
    },
    blank: (keys) => keys.every((k) => entry[k] === undefined || entry[k] === null || entry[k] === ''),
  };
}

/** The same rows as JSON lines, one object a line with the CSV's column names as keys. */
export const aggregatedUsageJsonl: JsonlSource<typeof JSONL_ID> = {
  id: JSONL_ID,
  container: 'jsonl',
  // The format's own keys only: token counts other logs share would make it every near miss's closest.
  markers: ['day', 'tier', 'requests', TOKENS.cacheWrite5m, TOKENS.cacheWrite1h].map(
    (c) => [`"${c}"`, new RegExp(`"${c}"\\s*:`)] as const,
  ),
  reader: () => async (input, sink, progress) => {
    const map = mapRow(JSONL_ID, sink);
    for await (const batch of jsonLinesWith(input, progress, '"day"', sink))
      for (const [entry, n] of batch) {
        sink.row();
        sink.settle(n, () => {
          if (!isObj(entry)) throw new RowProblem('line is not a JSON object of an aggregated row');
          map(jsonRow(entry, n));
        });
      }
  },
};
