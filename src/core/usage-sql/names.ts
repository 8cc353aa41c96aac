/** The names the CLI offers, apart from the SQL itself, so a start that prints none loads none of it. */
export const SQL_SOURCES = ['otel', 'litellm', 'claude-code'] as const;
export type SqlSource = (typeof SQL_SOURCES)[number];

export const DIALECTS = ['duckdb', 'bigquery', 'snowflake', 'postgres'] as const;
export type Dialect = (typeof DIALECTS)[number];
