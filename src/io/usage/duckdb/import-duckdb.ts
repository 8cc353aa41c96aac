import {stat} from 'node:fs/promises';
import type {FileAccount, ImportOutcome, UsageRecord} from '../../../core/history/usage-record.js';
import {engineSql, REJECTS_LISTED} from '../../../core/usage-sql/engine-sql.js';
import type {LongContextTable} from '../../../core/usage-sql/long-context-keys.js';
import type {SqlSource} from '../../../core/usage-sql/sources.js';
import {DataError, UsageError} from '../../../errors.js';
import type {CsvRow} from '../csv.js';
import {expandInputs} from '../files.js';
import {FileSink, RejectLog} from '../sink.js';
import {aggregatedUsage} from '../sources/aggregated-usage.js';
import {ENGINE_SOURCES, type EngineSource} from './engine-sources.js';
import {openDuckDb, type DuckDbSettings} from './open-duckdb.js';

/** What each source's files are named: the rest of a walked folder is passed over, and said. */
const EXTENSIONS: Record<SqlSource, readonly string[]> = {
  'claude-code': ['.jsonl'],
  otel: ['.parquet', '.jsonl', '.ndjson'],
  litellm: [],
};

export interface DuckDbImportOptions extends DuckDbSettings {
  readonly source: EngineSource;
  readonly longContext: LongContextTable;
  readonly pricesFrom: string;
  readonly strict?: boolean;
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const list = (files: readonly string[]) => `[${files.map(quote).join(', ')}]`;

/**
 * JSON lines as a table of (file, line_number, line, relation_problem): every line with the
 * marker is a row (a line that is no JSON is rejected where it is parsed). Blank lines and lines
 * without the marker carry no usage and are not rows, as in the streaming readers.
 */
function jsonLines(files: readonly string[], marker: string): string {
  return `(
  SELECT file, line_number, text AS line, CAST(NULL AS VARCHAR) AS relation_problem
  FROM (
    SELECT filename AS file, unnest(generate_series(1, len(lines))) AS line_number, unnest(lines) AS text
    FROM (SELECT filename, string_split(content, chr(10)) AS lines FROM read_text(${list(files)}))
  )
  WHERE strpos(text, ${quote(marker)}) > 0
) AS input_lines`;
}

/** OTel spans, from Parquet (the export's own columns) or JSON lines holding them. */
function otelRelation(files: readonly string[]): string {
  const parquet = files.filter((f) => f.endsWith('.parquet'));
  const lines = files.filter((f) => !f.endsWith('.parquet'));
  const parts: string[] = [];
  if (parquet.length)
    parts.push(`SELECT filename AS file, file_row_number + 1 AS line_number, start_time, name, trace_id, span_id,
    CAST(attributes AS VARCHAR) AS attributes, CAST(NULL AS VARCHAR) AS relation_problem
  FROM read_parquet(${list(parquet)}, filename = true, file_row_number = true)`);
  if (lines.length)
    parts.push(`SELECT file, line_number,
    TRY_CAST(json_extract_string(valid, '$.start_time') AS TIMESTAMP) AS start_time,
    json_extract_string(valid, '$.name') AS name, json_extract_string(valid, '$.trace_id') AS trace_id,
    json_extract_string(valid, '$.span_id') AS span_id, json_extract(valid, '$.attributes') AS attributes,
    CASE WHEN valid IS NULL THEN 'not valid JSON' END AS relation_problem
  FROM (SELECT *, CASE WHEN json_valid(line) THEN line END AS valid FROM ${jsonLines(lines, '"gen_ai.usage.')})`);
  return `(\n  ${parts.join('\n  UNION ALL\n  ')}\n) AS spans`;
}

/** A row of the aggregate as the aggregated source's mapper reads a CSV row. */
function asCsvRow(row: Record<string, unknown>, line: number): CsvRow {
  return {
    line,
    get: (column) => {
      const value = row[column];
      return value === null || value === undefined ? undefined : String(value);
    },
    blank: (columns) => columns.every((c) => row[c] === null || row[c] === undefined),
    overflow: 0,
  };
}

/**
 * Imports per-call logs with DuckDB: it reads the files in parallel and sums the calls into
 * aggregated rows (the query `vibe-cost sql --dialect duckdb` prints, with every row checked),
 * which go through the vibe-cost.aggregated source's mapper to the same replay as any import.
 * Each file's rows are accounted for: read = imported + duplicates + rejected + skipped.
 */
export async function importWithDuckDb(
  inputs: readonly string[],
  onRecord: (record: UsageRecord) => void,
  options: DuckDbImportOptions,
): Promise<ImportOutcome> {
  if (inputs.includes('-'))
    throw new UsageError('--engine duckdb reads files, not standard input', 'give the files or folders');
  const source = ENGINE_SOURCES[options.source];
  const {found, passedOver} = await expandInputs(inputs, undefined);
  const ignored = [...passedOver];
  const files: string[] = [];
  for (const f of found) {
    const wanted = EXTENSIONS[source].some((e) => f.name.endsWith(e));
    if (wanted && (await stat(f.name)).size > 0) files.push(f.name);
    else if (f.walked || wanted)
      ignored.push({file: f.name, reason: wanted ? 'empty file' : `not ${EXTENSIONS[source].join(' or ')}`});
    else
      throw new UsageError(
        `${f.name}: --engine duckdb reads ${options.source} from ${EXTENSIONS[source].join(' or ')} files`,
        'give files of that kind, or leave out --engine duckdb',
      );
  }
  if (files.length === 0)
    throw new DataError(
      `nothing to import from ${inputs.join(', ')}: no ${EXTENSIONS[source].join(' or ')} file`,
      'give the folder the logs are in',
    );
  const table = source === 'claude-code' ? jsonLines(files, '"usage"') : otelRelation(files);
  const sql = engineSql({source, table, longContext: options.longContext, pricesFrom: options.pricesFrom});
  const db = await openDuckDb(options);
  try {
    const read = async (query: string) => {
      try {
        return (await db.connection.runAndReadAll(query)).getRowObjectsJson();
      } catch (error) {
        // A file DuckDB cannot read (a truncated Parquet file, a missing column), a full disk.
        throw new DataError(
          `--engine duckdb: ${(error as Error).message.split('\n')[0]}`,
          'check the file it names, or import without --engine duckdb',
        );
      }
    };
    const accounts = new Map<string, FileAccount>(
      files.map((file) => [
        file,
        {file, source: options.source, read: 0, imported: 0, duplicates: 0, rejected: 0, skipped: 0},
      ]),
    );
    const status = {
      kept: 'imported',
      duplicate: 'duplicates',
      rejected: 'rejected',
      skipped: 'skipped',
    } as const;
    const rows = await read(sql.aggregate);
    for (const row of rows.filter((r) => r['per_file'] === true)) {
      const account = accounts.get(String(row['file']))!;
      const n = Number(row['requests']);
      account[status[row['status'] as keyof typeof status]] += n;
      account.read += n;
    }
    const rejects = new RejectLog(options.strict ?? false);
    const rejected = [...accounts.values()].reduce((n, a) => n + a.rejected, 0);
    if (rejected > 0) {
      for (const row of await read(sql.rejects))
        rejects.add({
          file: String(row['file']),
          line: Number(row['line_number'] ?? 0),
          reason: String(row['problem']),
        });
      rejects.notKept = Math.max(0, rejected - REJECTS_LISTED);
    }
    // The aggregated rows are ours: one the mapper refused would be a bug here, not bad input.
    const sink = new FileSink(
      `${inputs.join(', ')} (summed by DuckDB)`,
      aggregatedUsage.id,
      onRecord,
      new RejectLog(true),
    );
    const map = aggregatedUsage.mapper(new Set(), sink);
    let line = 0;
    for (const row of rows)
      if (row['per_file'] !== true && row['status'] === 'kept')
        sink.settle(++line, () => map(asCsvRow(row, line)));
    return {
      accounts: [...accounts.values()],
      rejects: rejects.list(),
      repeatedFiles: [],
      ignored,
      overlaps: [],
      sameUsage: [],
      differentTotals: [],
    };
  } finally {
    db.close();
  }
}
