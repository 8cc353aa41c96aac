import type {Dialect} from './names.js';

export type {Dialect} from './names.js';

/**
 * What differs between the engines. The query keeps to what they share (WITH, GROUP BY, SUM, CASE,
 * ROW_NUMBER, joins); the few functions they spell differently are here, and nothing else is.
 */
export interface DialectOps {
  readonly name: Dialect;
  /** A quoted identifier (a column or table name that keeps its case). */
  ident(name: string): string;
  /** The text at a path of keys in a JSON value (a JSON text column, a VARIANT, a json column). */
  json(column: string, path: readonly string[]): string;
  /** Any value to text. */
  str(value: string): string;
  /** Text to a 64-bit integer. */
  int(text: string): string;
  /** Text to an exact decimal (dollars). */
  decimal(text: string): string;
  /** A timestamp column holding UTC to its day, 'YYYY-MM-DD'. */
  dayOfTimestamp(column: string): string;
  /** ISO 8601 text with an offset ('…Z') to its UTC day, 'YYYY-MM-DD'. */
  dayOfIso(text: string): string;
  /** Every match of a pattern (POSIX classes only: every engine reads those alike) replaced. */
  replaceAll(text: string, pattern: string, by: string): string;
  /** The first space-separated word. */
  firstWord(text: string): string;
  /** A table of literal rows with these column names. */
  rows(columns: readonly string[], rows: readonly (readonly (string | number)[])[]): string;
}

const literal = (value: string | number) =>
  typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`;
const plainKey = (key: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(key);
export const jsonPath = (path: readonly string[]) =>
  `$${path.map((k) => (plainKey(k) ? `.${k}` : `."${k}"`)).join('')}`;
const valuesTable = (columns: readonly string[], rows: readonly (readonly (string | number)[])[]) =>
  `(VALUES\n${rows.map((r) => `    (${r.map(literal).join(', ')})`).join(',\n')}\n  ) AS t(${columns.join(', ')})`;

const duckdb: DialectOps = {
  name: 'duckdb',
  str: (value) => `CAST(${value} AS VARCHAR)`,
  ident: (name) => `"${name}"`,
  json: (column, path) => `json_extract_string(${column}, '${jsonPath(path)}')`,
  int: (text) => `CAST(${text} AS BIGINT)`,
  decimal: (text) => `CAST(${text} AS DECIMAL(38, 12))`,
  dayOfTimestamp: (column) => `CAST(CAST(${column} AS DATE) AS VARCHAR)`,
  dayOfIso: (text) => `CAST(CAST(CAST(${text} AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS DATE) AS VARCHAR)`,
  replaceAll: (text, pattern, by) => `regexp_replace(${text}, '${pattern}', '${by}', 'g')`,
  firstWord: (text) => `split_part(${text}, ' ', 1)`,
  rows: (columns, rows) => `SELECT * FROM ${valuesTable(columns, rows)}`,
};

// Postgres json operators, written so that DuckDB reads them too: the tests run this dialect there.
const postgres: DialectOps = {
  name: 'postgres',
  str: (value) => `CAST(${value} AS text)`,
  ident: (name) => `"${name}"`,
  json: (column, path) =>
    `(CAST(${column} AS json)${path.map((k, i) => `${i === path.length - 1 ? ' ->> ' : ' -> '}${literal(k)}`).join('')})`,
  int: (text) => `CAST(${text} AS bigint)`,
  decimal: (text) => `CAST(${text} AS numeric(38, 12))`,
  dayOfTimestamp: (column) => `CAST(CAST(${column} AS date) AS text)`,
  dayOfIso: (text) => `CAST(CAST(CAST(${text} AS timestamptz) AT TIME ZONE 'UTC' AS date) AS text)`,
  replaceAll: (text, pattern, by) => `regexp_replace(${text}, '${pattern}', '${by}', 'g')`,
  firstWord: (text) => `split_part(${text}, ' ', 1)`,
  rows: (columns, rows) => `SELECT * FROM ${valuesTable(columns, rows)}`,
};

const bigquery: DialectOps = {
  name: 'bigquery',
  str: (value) => `CAST(${value} AS STRING)`,
  ident: (name) => `\`${name}\``,
  json: (column, path) => `JSON_VALUE(${column}, '${jsonPath(path)}')`,
  int: (text) => `CAST(${text} AS INT64)`,
  decimal: (text) => `CAST(${text} AS BIGNUMERIC)`,
  dayOfTimestamp: (column) => `CAST(DATE(${column}) AS STRING)`,
  dayOfIso: (text) => `CAST(DATE(TIMESTAMP(${text})) AS STRING)`,
  replaceAll: (text, pattern, by) => `REGEXP_REPLACE(${text}, '${pattern}', '${by}')`,
  firstWord: (text) => `SPLIT(${text}, ' ')[SAFE_OFFSET(0)]`,
  rows: (columns, rows) =>
    `SELECT * FROM UNNEST([\n${rows
      .map(
        (r, i) =>
          `    STRUCT(${r.map((v, j) => (i === 0 ? `${literal(v)} AS ${columns[j]}` : literal(v))).join(', ')})`,
      )
      .join(',\n')}\n  ])`,
};

const snowflake: DialectOps = {
  name: 'snowflake',
  str: (value) => `CAST(${value} AS VARCHAR)`,
  ident: (name) => `"${name}"`,
  json: (column, path) => `${column}:${path.map((k) => `"${k}"`).join('.')}::STRING`,
  int: (text) => `CAST(${text} AS BIGINT)`,
  decimal: (text) => `CAST(${text} AS NUMBER(38, 12))`,
  dayOfTimestamp: (column) => `TO_VARCHAR(CAST(${column} AS DATE), 'YYYY-MM-DD')`,
  dayOfIso: (text) =>
    `TO_VARCHAR(CAST(CONVERT_TIMEZONE('UTC', TO_TIMESTAMP_TZ(${text})) AS DATE), 'YYYY-MM-DD')`,
  replaceAll: (text, pattern, by) => `REGEXP_REPLACE(${text}, '${pattern}', '${by}')`,
  firstWord: (text) => `SPLIT_PART(${text}, ' ', 1)`,
  rows: (columns, rows) => `SELECT * FROM ${valuesTable(columns, rows)}`,
};

export const DIALECT_OPS: Readonly<Record<Dialect, DialectOps>> = {duckdb, postgres, bigquery, snowflake};
