import {DIALECT_OPS} from './dialects.js';
import {SOURCE_SQL} from './sources.js';
import {
  aggregateColumns,
  callsCtes,
  cte,
  PROMPT,
  statusCtes,
  tierCtes,
  type UsageSqlOptions,
} from './usage-sql.js';

/** The most rejected rows listed by file and line; the rest are counted. */
export const REJECTS_LISTED = 100_000;

type Checked = Omit<UsageSqlOptions, 'dialect' | 'checked'>;

const withCtes = (ctes: string[]) => `WITH\n${ctes.join(',\n')}\n`;

/** A bucket of the first pass, and how the second sums the buckets of one row. */
const PARTIALS: readonly (readonly [partial: string, final: string])[] = [
  ['COUNT(*) AS n', 'SUM(n) AS requests'],
  ['SUM(input_tokens) AS input_tokens', 'SUM(input_tokens) AS input_tokens'],
  [
    'SUM(cache_read_tokens) AS cache_read_tokens, COUNT(cache_read_tokens) AS n_read',
    'CASE WHEN SUM(n_read) = SUM(n) THEN SUM(cache_read_tokens) END AS cache_read_tokens',
  ],
  [
    'SUM(cache_write_5m_tokens) AS cache_write_5m_tokens, COUNT(cache_write_5m_tokens) AS n_w5',
    'CASE WHEN SUM(n_w5) = SUM(n) THEN SUM(cache_write_5m_tokens) END AS cache_write_5m_tokens',
  ],
  [
    'SUM(cache_write_1h_tokens) AS cache_write_1h_tokens, COUNT(cache_write_1h_tokens) AS n_w1',
    'CASE WHEN SUM(n_w1) = SUM(n) THEN SUM(cache_write_1h_tokens) WHEN SUM(cache_write_5m_tokens) = 0 THEN 0 END AS cache_write_1h_tokens',
  ],
  ['SUM(output_tokens) AS output_tokens', 'SUM(output_tokens) AS output_tokens'],
];
const OPTIONAL_PARTIALS: Readonly<Record<string, readonly [string, string]>> = {
  sessions: [
    'COUNT(session) AS n_session',
    'CASE WHEN SUM(n_session) = SUM(n) THEN COUNT(DISTINCT session) END AS sessions',
  ],
  cost_usd: [
    'SUM(cost_usd) AS cost_usd, COUNT(cost_usd) AS n_cost',
    'CASE WHEN SUM(n_cost) = SUM(n) THEN SUM(cost_usd) END AS cost_usd',
  ],
  web_searches: ['SUM(web_searches) AS web_searches', 'SUM(web_searches) AS web_searches'],
};

/**
 * The queries `import --engine duckdb` runs over one relation (a FROM item with file, line_number,
 * relation_problem and the source's own columns), every row checked instead of failing the query.
 * `aggregate` sums the same rows as the printed query, reading the input once and holding none of
 * it: a first pass groups the calls by day, model, dimensions, session and how many of the price
 * book's thresholds their prompt passes (the tier needs no more), and counts each file's rows by
 * status (kept, duplicate, rejected, skipped: per_file rows); a second pass over those groups gives
 * each its model's tier and sums them into the aggregated rows.
 */
export function engineSql(options: Checked): {rejects: string; aggregate: string} {
  const checked: UsageSqlOptions = {...options, dialect: 'duckdb', checked: true};
  const source = SOURCE_SQL[options.source];
  const {groups} = aggregateColumns(checked);
  const dims = groups.filter(([name]) => name !== 'tier').map(([, expr]) => expr);
  const thresholds = [...new Set(options.longContext.keys.map((k) => k.after).filter((t) => t > 0))].sort(
    (a, b) => a - b,
  );
  const past = thresholds.length
    ? `CASE\n${thresholds
        .map((t, i) => [t, i + 1] as const)
        .reverse()
        .map(([t, i]) => `    WHEN ${PROMPT} > ${t} THEN ${i}\n`)
        .join('')}    ELSE 0\n  END`
    : '0';
  const step = thresholds.length
    ? `CASE tiers.long_after ${thresholds.map((t, i) => `WHEN ${t} THEN ${i + 1}`).join(' ')} END`
    : 'NULL';
  const optional = Object.entries(OPTIONAL_PARTIALS).filter(([name]) => source.optional.includes(name));
  const parts = [...PARTIALS, ...optional.map(([, p]) => p)];
  const output = groups.map(([name, expr]) => (name === expr ? name : `${expr} AS ${name}`));
  return {
    rejects: `${withCtes(callsCtes(checked))}SELECT file, line_number, problem
FROM calls
WHERE problem IS NOT NULL
ORDER BY file, line_number
LIMIT ${REJECTS_LISTED}`,
    aggregate: `${withCtes([
      ...statusCtes(checked),
      cte(
        'partial',
        `SELECT GROUPING(file) = 0 AS per_file, file, status, ${[...dims, 'session', 'past'].join(', ')},\n  ${parts.map(([p]) => p).join(',\n  ')}\nFROM (SELECT ranked.*, ${past} AS past FROM ranked) r\nGROUP BY GROUPING SETS ((file, status), (status, ${[...dims, 'session', 'past'].join(', ')}))`,
      ),
      cte('kept', "SELECT * FROM partial WHERE NOT per_file AND status = 'kept'"),
      ...tierCtes(checked, DIALECT_OPS.duckdb),
      cte(
        'tiered',
        `SELECT kept.*,\n  CASE WHEN tiers.long_after IS NOT NULL AND kept.past >= ${step} THEN 'long' ELSE 'base' END AS tier\nFROM kept\nLEFT JOIN tiers ON tiers.model = kept.model AND tiers.day = kept.day`,
      ),
    ])}SELECT true AS per_file, file, status, n AS requests
FROM partial
WHERE per_file
UNION ALL BY NAME
SELECT false AS per_file, 'kept' AS status,
  ${[...output, ...parts.map(([, f]) => f)].join(',\n  ')}
FROM tiered
GROUP BY ${groups.map(([, expr]) => expr).join(', ')}
ORDER BY per_file DESC, file, status, ${groups.map(([name]) => name.replace(/"/g, '')).join(', ')}`,
  };
}
