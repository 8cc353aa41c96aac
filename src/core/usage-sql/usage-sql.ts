import {DIALECT_OPS, jsonPath, type Dialect, type DialectOps} from './dialects.js';
import type {LongContextTable} from './long-context-keys.js';
import {SOURCE_SQL, type Casts, type Column, type SqlSource, type SourceSql} from './sources.js';

export interface UsageSqlOptions {
  readonly source: SqlSource;
  readonly dialect: Dialect;
  /** The table (or, for DuckDB, any FROM item: read_parquet('…')) to read; the source's usual name when absent. */
  readonly table?: string;
  /** Calls from this UTC day on, and up to this one, both included (YYYY-MM-DD). */
  readonly since?: string;
  readonly until?: string;
  readonly longContext: LongContextTable;
  /** What the thresholds were generated from, for the header ("bundled sheets as of 2026-08-01"). */
  readonly pricesFrom: string;
  /**
   * DuckDB only: keep every row, with `skip_reason` and `problem` columns (a field that is no count,
   * a missing time) instead of failing on a bad value, for the importer to account for each. The
   * table then also has `file`, `line_number` and `relation_problem` (why a line could not be read
   * at all, as invalid JSON, or null).
   */
  readonly checked?: boolean;
}

export const PROMPT =
  'COALESCE(input_tokens, 0) + COALESCE(cache_read_tokens, 0) + COALESCE(cache_write_5m_tokens, 0) + COALESCE(cache_write_1h_tokens, 0)';

/** A string literal. */
const text = (value: string) => `'${value.replace(/'/g, "''")}'`;
export const cte = (name: string, body: string) => `${name} AS (\n${indent(body)}\n)`;
const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');
const select = (columns: readonly Column[]) =>
  columns.map(([name, expr]) => (expr === name ? name : `${expr} AS ${name}`)).join(',\n  ');

/** The dimensions rows are grouped by beyond day, model, provider and tier, as the source fills them: [output, expression]. */
function groupColumns(source: SourceSql, ops: DialectOps): Column[] {
  const all: Column[] = [
    [ops.ident('user'), 'user_name'],
    ['team', 'team'],
    ['project', 'project'],
    ['speed', 'speed'],
    ['service_tier', 'service_tier'],
  ];
  return all.filter(([output]) => source.optional.includes(output.replace(/["`]/g, '')));
}

/** Sums that say nothing when a call of the row lacks the value: a partial sum would read as the whole. */
const whole = (column: string, sum: string) => `CASE WHEN COUNT(${column}) = COUNT(*) THEN ${sum} END`;

function sums(source: SourceSql): Column[] {
  const out: Column[] = [
    ['requests', 'COUNT(*)'],
    ['input_tokens', 'SUM(input_tokens)'],
    ['cache_read_tokens', whole('cache_read_tokens', 'SUM(cache_read_tokens)')],
    ['cache_write_5m_tokens', whole('cache_write_5m_tokens', 'SUM(cache_write_5m_tokens)')],
    // A row whose writes have no TTL split: its 1h count is not known, unless it has no writes at all.
    [
      'cache_write_1h_tokens',
      `CASE WHEN COUNT(cache_write_1h_tokens) = COUNT(*) THEN SUM(cache_write_1h_tokens) WHEN SUM(cache_write_5m_tokens) = 0 THEN 0 END`,
    ],
    ['output_tokens', 'SUM(output_tokens)'],
  ];
  if (source.optional.includes('sessions'))
    out.push(['sessions', whole('session', 'COUNT(DISTINCT session)')]);
  if (source.optional.includes('cost_usd')) out.push(['cost_usd', whole('cost_usd', 'SUM(cost_usd)')]);
  if (source.optional.includes('web_searches')) out.push(['web_searches', 'SUM(web_searches)']);
  return out;
}

function casts(ops: DialectOps, checked: boolean): Casts {
  if (!checked) return {count: ops.int, dayOfIso: ops.dayOfIso};
  return {
    count: (text) => `TRY_CAST(${text} AS BIGINT)`,
    dayOfIso: (text) => `CAST(CAST(TRY_CAST(${text} AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS DATE) AS VARCHAR)`,
  };
}

/** The `source_rows` and `calls` CTEs: one row per usage row of the input, before dedup. */
export function callsCtes(options: UsageSqlOptions): string[] {
  const {ops, from} = parsedOnce(DIALECT_OPS[options.dialect], options.checked === true);
  const source = SOURCE_SQL[options.source];
  const checked = options.checked === true;
  const table = options.table ?? source.defaultTable(ops);
  const skip = `CASE\n${source.skips.map(([when, why]) => `    WHEN ${when} THEN ${text(why)}\n`).join('')}  END`;
  const located = (list: readonly Column[]): Column[] =>
    checked && !list.some(([name]) => name === 'file')
      ? [['file', 'file'], ['line_number', 'line_number'], ...list]
      : [...list];
  const extracted = located(source.extracted(ops));
  const columns: Column[] = [...located(source.calls(ops, casts(ops, checked))), ['skip_reason', skip]];
  let where = source.usageRow(ops);
  if (checked) {
    extracted.push(['relation_problem', 'relation_problem']);
    columns.push(['problem', problems(source)]);
    where = `relation_problem IS NOT NULL OR ${where}`;
  }
  return [
    cte('source_rows', `SELECT\n  ${select(extracted)}\nFROM ${from(table)}\nWHERE ${where}`),
    cte('calls', `SELECT\n  ${select(columns)}\nFROM source_rows`),
  ];
}

/**
 * DuckDB parses a JSON text once per call of a json function: its fields are read in one call
 * per column instead (json_extract_string with a list of paths), six times faster on OTel spans.
 * `from` wraps the table with those lists once the fields have been asked for.
 */
function parsedOnce(base: DialectOps, checked: boolean): {ops: DialectOps; from: (table: string) => string} {
  if (base.name !== 'duckdb') return {ops: base, from: (table) => table};
  const paths = new Map<string, string[]>();
  const ops: DialectOps = {
    ...base,
    json: (column, path) => {
      const list = paths.get(column) ?? [];
      paths.set(column, list);
      const at = list.indexOf(jsonPath(path));
      if (at < 0) list.push(jsonPath(path));
      return `${column}__json[${at < 0 ? list.length : at + 1}]`;
    },
  };
  // Checked rows: a text that is no JSON gives null instead of failing the query, and is rejected.
  const extract = (column: string, list: readonly string[]) => {
    const call = `json_extract_string(${column}, [${list.map(text).join(', ')}])`;
    return `unnest([${checked ? `try(${call})` : call}]) AS ${column}__json`;
  };
  const from = (table: string) => {
    if (paths.size === 0) return table;
    const parsed = `(\n  SELECT *,\n    ${[...paths].map(([column, list]) => extract(column, list)).join(',\n    ')}\n  FROM ${table}\n) AS parsed`;
    if (!checked) return parsed;
    const invalid = [...paths.keys()].map((c) => `(${c} IS NOT NULL AND ${c}__json IS NULL)`).join(' OR ');
    return `(\n  SELECT * REPLACE (CASE WHEN ${invalid} THEN 'not valid JSON' ELSE relation_problem END AS relation_problem)\n  FROM ${parsed}\n) AS checked`;
  };
  return {ops, from};
}

/** Why a row is rejected (DuckDB's checked rows only), over the source row's fields: the first field that is no count, a missing or bad time. */
function problems(source: SourceSql): string {
  const whens = [
    ['relation_problem IS NOT NULL', 'relation_problem'] as const,
    ...source.counts.map(
      ([column, field]) =>
        [
          `NOT regexp_full_match(${column}, '[0-9]+')`,
          `${text(`${field} is not a count: `)} || ${column}`,
        ] as const,
    ),
    [source.noTime, text(`${source.timeField} is missing or not a time`)] as const,
    ...source.problems.map(([when, why]) => [when, text(why)] as const),
  ];
  return `CASE\n${whens.map(([when, why]) => `    WHEN ${when} THEN ${why}\n`).join('')}  END`;
}

/** The long-context thresholds as a table, and each (model, day) of the kept calls with its own. */
export function tierCtes(options: UsageSqlOptions, ops: DialectOps): string[] {
  const norm = ops.replaceAll('LOWER(TRIM(model))', '[[:space:]_.]+', '-');
  const bare = (key: string) => ops.replaceAll(key, '^.*/', '');
  const undated = (key: string) =>
    ops.replaceAll(ops.replaceAll(key, '-([0-9]{8}|[0-9]{4}-[0-9]{2}-[0-9]{2})$', ''), '-latest$', '');
  const rows = options.longContext.keys.map((k) => [k.key, k.after, k.from, k.until] as const);
  const table =
    rows.length > 0
      ? ops.rows(['model_key', 'long_after', 'from_day', 'until_day'], rows)
      : `SELECT ${ops.str('NULL')} AS model_key, 0 AS long_after, '' AS from_day, '' AS until_day`;
  const joins = [1, 2, 3, 4]
    .map(
      (i) =>
        `LEFT JOIN long_context t${i} ON t${i}.model_key = m.k${i} AND m.day >= t${i}.from_day AND m.day < t${i}.until_day`,
    )
    .join('\n');
  return [
    cte('long_context', table),
    cte(
      'model_keys',
      `SELECT model, day, k1, k2, ${undated('k1')} AS k3, ${undated('k2')} AS k4\nFROM (\n  SELECT model, day, k1, ${bare('k1')} AS k2\n  FROM (SELECT model, day, ${norm} AS k1 FROM (SELECT DISTINCT model, day FROM kept) k) d\n) n`,
    ),
    cte(
      'tiers',
      `SELECT m.model, m.day,\n  NULLIF(COALESCE(t1.long_after, t2.long_after, t3.long_after, t4.long_after), 0) AS long_after\nFROM model_keys m\n${joins}`,
    ),
  ];
}

/** The calls with what became of each (DuckDB's checked rows): `status` kept, duplicate, rejected or skipped. */
export function statusCtes(options: UsageSqlOptions): string[] {
  const keep = SOURCE_SQL[options.source].keep.join(', ');
  return [
    ...callsCtes(options),
    cte(
      'ranked',
      `SELECT calls.*,\n  CASE\n    WHEN problem IS NOT NULL THEN 'rejected'\n    WHEN skip_reason IS NOT NULL THEN 'skipped'\n    WHEN dedup_key IS NULL OR ROW_NUMBER() OVER (PARTITION BY problem IS NULL AND skip_reason IS NULL, dedup_key ORDER BY ${keep}) = 1 THEN 'kept'\n    ELSE 'duplicate'\n  END AS status\nFROM calls`,
    ),
  ];
}

/** Every CTE up to `tiered`: the kept calls, each with its tier. */
function tieredCtes(options: UsageSqlOptions): string[] {
  const ops = DIALECT_OPS[options.dialect];
  const source = SOURCE_SQL[options.source];
  const keep = source.keep.join(', ');
  const tier = (from: string) =>
    cte(
      'tiered',
      `SELECT ${from}.*,\n  CASE WHEN tiers.long_after IS NOT NULL AND ${PROMPT} > tiers.long_after THEN 'long' ELSE 'base' END AS tier\nFROM ${from}\nLEFT JOIN tiers ON tiers.model = ${from}.model AND tiers.day = ${from}.day`,
    );
  const filters = [
    'skip_reason IS NULL',
    ...(options.since ? [`day >= ${text(options.since)}`] : []),
    ...(options.until ? [`day <= ${text(options.until)}`] : []),
  ];
  return [
    ...callsCtes(options),
    cte(
      'ranked',
      `SELECT calls.*,\n  CASE WHEN dedup_key IS NULL THEN 1 ELSE ROW_NUMBER() OVER (PARTITION BY dedup_key ORDER BY ${keep}) END AS copy_rank\nFROM calls\nWHERE ${filters.join('\n  AND ')}`,
    ),
    cte('kept', 'SELECT * FROM ranked WHERE copy_rank = 1'),
    ...tierCtes(options, ops),
    tier('kept'),
  ];
}

/** The final SELECT's grouped columns and sums, over `tiered`. */
export function aggregateColumns(options: UsageSqlOptions): {groups: Column[]; sums: Column[]} {
  const ops = DIALECT_OPS[options.dialect];
  const source = SOURCE_SQL[options.source];
  return {
    groups: [
      ['day', 'day'],
      ['model', 'model'],
      ['provider', 'provider'],
      ['tier', 'tier'],
      ...groupColumns(source, ops),
    ],
    sums: sums(source),
  };
}

function header(options: UsageSqlOptions, ops: DialectOps): string {
  const source = SOURCE_SQL[options.source];
  const {keys, stepped} = options.longContext;
  const lines = [
    `vibe-cost aggregated usage: ${options.source} calls, ${ops.name} SQL.`,
    'One row per UTC day, model, provider and long-context tier, with the requests and every token bucket',
    'summed. Run it where the data lives, save the result as CSV, then: vibe-cost import RESULT.csv',
    '(read as the vibe-cost.aggregated source).',
    `Optional columns filled: ${source.optional.join(', ')}.`,
    '',
    `Input (${options.table ?? source.defaultTable(ops)}):`,
    ...source.input.map((l) => `  ${l}`),
    '',
    ...source.notes,
    '',
    'Tier: a request is long when its prompt (uncached input + cache reads + cache writes) passes its',
    "model's long-context threshold, decided per request before summing, so each row holds requests of",
    'one tier and prices exactly. The thresholds (long_context below) were generated from the price book',
    `(${options.pricesFrom}): ${keys.filter((k) => k.after > 0).length} model names with a threshold, ${keys.filter((k) => k.after === 0).length} without one that a`,
    'shorter name would otherwise match. A model is found as vibe-cost finds it (lower case, spaces, _ and .',
    'as -, then without a vendor/ prefix, then without a date suffix); a name the table does not hold is base.',
    'Run vibe-cost sql again after the prices change.',
    ...(stepped.length
      ? [
          `Models priced in more than two prompt-size steps (${stepped.join(', ')}): long means past the first step.`,
        ]
      : []),
  ];
  return lines.map((l) => (l ? `-- ${l}` : '--')).join('\n');
}

/** The whole aggregation query, for the user's warehouse (or DuckDB). */
export function usageSql(options: UsageSqlOptions): string {
  const ops = DIALECT_OPS[options.dialect];
  const {groups, sums} = aggregateColumns(options);
  const order = groups.map(([, expr]) => expr).join(', ');
  // Snowflake writes unquoted names in upper case: the importer reads the lower-case ones.
  const named = [...groups, ...sums].map(([name, expr]): Column => [
    ops.name === 'snowflake' && !name.startsWith('"') ? `"${name}"` : name,
    expr,
  ]);
  return `${header(options, ops)}
WITH
${tieredCtes(options).join(',\n')}
SELECT
  ${select(named)}
FROM tiered
GROUP BY ${order}
ORDER BY ${order};
`;
}
