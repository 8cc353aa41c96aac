import {aggregateColumns, callsCtes, tieredCtes, type UsageSqlOptions} from './usage-sql.js';

/** The most rejected rows listed by file and line; the rest are counted. */
export const REJECTS_LISTED = 100_000;

type Checked = Omit<UsageSqlOptions, 'dialect' | 'checked'>;

const withCtes = (ctes: string[]) => `WITH\n${ctes.join(',\n')}\n`;

/**
 * The queries `import --engine duckdb` runs over one relation (a FROM item with file, line_number,
 * relation_problem and the source's own columns). Every row is checked instead of failing the query.
 */
export function engineSql(options: Checked): {accounts: string; rejects: string; aggregate: string} {
  const checked: UsageSqlOptions = {...options, dialect: 'duckdb', checked: true};
  const {groups, sums} = aggregateColumns(checked);
  return {
    // Per file: rows read, rejected, skipped by design, and the valid calls, which are kept or duplicates.
    accounts: `${withCtes(callsCtes(checked))}SELECT file,
  COUNT(*) AS read,
  COUNT(problem) AS rejected,
  COUNT(*) FILTER (WHERE problem IS NULL AND skip_reason IS NOT NULL) AS skipped,
  COUNT(*) FILTER (WHERE problem IS NULL AND skip_reason IS NULL) AS valid
FROM calls
GROUP BY file`,
    rejects: `${withCtes(callsCtes(checked))}SELECT file, line_number, problem
FROM calls
WHERE problem IS NOT NULL
ORDER BY file, line_number
LIMIT ${REJECTS_LISTED}`,
    // One pass gives both the aggregated rows and the calls kept from each file (GROUPING(file) = 0).
    aggregate: `${withCtes(tieredCtes(checked))}SELECT GROUPING(file) = 0 AS per_file, file,
  ${[...groups, ...sums].map(([name, expr]) => (name === expr ? name : `${expr} AS ${name}`)).join(',\n  ')}
FROM tiered
GROUP BY GROUPING SETS ((file), (${groups.map(([, expr]) => expr).join(', ')}))`,
  };
}
