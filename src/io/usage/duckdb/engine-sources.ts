/** The sources `import --engine duckdb` reads, by the id `--source` takes, and the SQL source each is. */
export const ENGINE_SOURCES = {'claude-code.jsonl': 'claude-code', otel: 'otel'} as const;
export type EngineSource = keyof typeof ENGINE_SOURCES;
