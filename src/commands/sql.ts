import type {Arguments, Argv} from 'yargs';
import {UsageError} from '../errors.js';
import {DIALECTS, SQL_SOURCES, type Dialect, type SqlSource} from '../core/usage-sql/names.js';
import type {PriceBook} from '../core/pricing/price-book.js';
import {loadPriceBook} from '../io/load-data.js';
import {print} from './output.js';

interface SqlArgs {
  source: SqlSource;
  dialect: Dialect;
  table?: string;
  since?: string;
  until?: string;
  prices?: string[];
}

function day(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new UsageError(`--${flag}: expected a UTC day YYYY-MM-DD, got "${value}"`);
  return value;
}

/** What the thresholds were read from, for the query's header. */
export function pricesFrom(book: PriceBook): string {
  const dates = [...new Set(book.sheets.map((s) => s.asOf))].sort();
  const extra = book.sheets.filter((s) => !s.origin.startsWith('bundled:')).map((s) => s.origin);
  const asOf = dates.length === 1 ? `as of ${dates[0]}` : `as of ${dates[0]} to ${dates[dates.length - 1]}`;
  return `${extra.length ? `bundled sheets and ${extra.join(', ')}` : 'bundled sheets'}, ${asOf}`;
}

export const sqlCommand = {
  command: 'sql',
  describe: "print the query that sums per-call usage logs into aggregated usage, for your warehouse's SQL",
  builder: (yargs: Argv) =>
    yargs
      .option('source', {
        choices: SQL_SOURCES,
        demandOption: true,
        requiresArg: true,
        describe: 'the per-call logs: OpenTelemetry GenAI spans, LiteLLM_SpendLogs, Claude Code log lines',
      })
      .option('dialect', {
        choices: DIALECTS,
        default: 'duckdb' as Dialect,
        requiresArg: true,
        describe: 'the SQL to write',
      })
      .option('table', {
        type: 'string',
        requiresArg: true,
        describe: "the table to read, as your warehouse names it (DuckDB: also read_parquet('…'))",
      })
      .option('since', {
        type: 'string',
        requiresArg: true,
        describe: 'calls from this UTC day on (YYYY-MM-DD)',
      })
      .option('until', {type: 'string', requiresArg: true, describe: 'calls up to this UTC day, included'})
      .option('prices', {
        type: 'string',
        requiresArg: true,
        array: true,
        describe: 'extra price sheet for the long-context thresholds; repeatable, later wins',
      })
      .example(
        '$0 sql --source litellm --dialect postgres > spend.sql',
        "LiteLLM's spend logs, summed in Postgres",
      )
      .example(
        '$0 sql --source otel --dialect bigquery --table proj.telemetry.spans',
        'OpenTelemetry GenAI spans in BigQuery',
      ),
  handler: async (argv: Arguments) => {
    const args = argv as unknown as SqlArgs;
    const since = day('since', args.since);
    const until = day('until', args.until);
    if (since && until && since > until) throw new UsageError(`--since ${since} is after --until ${until}`);
    const book = loadPriceBook(args.prices ?? []);
    // The generator and its SQL text load only for this command.
    const {usageSql} = await import('../core/usage-sql/usage-sql.js');
    const {longContextTable} = await import('../core/usage-sql/long-context-keys.js');
    print(
      usageSql({
        source: args.source,
        dialect: args.dialect,
        ...(args.table ? {table: args.table} : {}),
        ...(since ? {since} : {}),
        ...(until ? {until} : {}),
        longContext: longContextTable(book.keyed()),
        pricesFrom: pricesFrom(book),
      }),
    );
  },
};
