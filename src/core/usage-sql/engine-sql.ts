import {aggregateColumns, callsCtes, tieredCtes, type UsageSqlOptions} from './usage-sql.js';

/** The most rejected rows listed by file and line; the rest are counted. */
export const REJECTS_LISTED = 100_000;

type Checked = Omit<UsageSqlOptions, 'dialect' | 'checked'>;

const withCtes = (ctes: string[]) => `WITH\n${ctes.join(',\n')}\n`;

/**
 * The queries `import --engine duckdb` runs over one relation (a FROM item with file, line_number,
 * relation_problem and the source's own columns). Every row is checked instead of failing the query.
 * `aggregate` reads the input once: rows with per_file true count each file's rows by status
 * (kept, duplicate, rejected, skipped); the others, of status kept, are the aggregated rows.
 */
export function engineSql(options: Checked): {rejects: string; aggregate: string} {
  const checked: UsageSqlOptions = {...options, dialect: 'duckdb', checked: true};
  const {groups, sums} = aggregateColumns(checked);
  return {
    rejects: `${withCtes(callsCtes(checked))}SELECT file, line_number, problem
FROM calls
WHERE problem IS NOT NULL
ORDER BY file, line_number
LIMIT ${REJECTS_LISTED}`,
    aggregate: `${withCtes(tieredCtes(checked))}SELECT GROUPING(file) = 0 AS per_file, file, status,
  ${[...groups, ...sums].map(([name, expr]) => (name === expr ? name : `${expr} AS ${name}`)).join(',\n  ')}
FROM tiered
GROUP BY GROUPING SETS ((file, status), (status, ${groups.map(([, expr]) => expr).join(', ')}))
ORDER BY per_file, file, status, ${groups.map(([, expr]) => expr).join(', ')}`,
  };
}
