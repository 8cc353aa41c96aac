/**
 * OpenTelemetry GenAI spans for the org-scale benchmark, written to Parquet by DuckDB itself
 * (COPY … FROM range(N)): N chat spans in conversations of 40, each conversation one user (of 50)
 * and one model (of four), over about N/345,600 days; a tenth of the spans past 200,000 prompt
 * tokens, with cache reads and writes inside input_tokens as OTel counts them.
 */
import {renameSync} from 'node:fs';

export async function writeOtelSpans(path: string, rows: number): Promise<{seconds: number}> {
  const {DuckDBInstance} = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  const start = Date.now();
  const partial = `${path}.partial`;
  await connection.run(`COPY (
    SELECT TIMESTAMP '2026-01-01' + to_seconds(i // 4) AS start_time,
      'chat ' || m AS name, 'trace-' || (i // 4) AS trace_id, 'span-' || (i % 4) AS span_id,
      '{"gen_ai.operation.name":"chat","gen_ai.provider.name":"' || p || '","gen_ai.request.model":"' || m ||
      '","gen_ai.usage.input_tokens":' || (fresh + reads + writes) ||
      ',"gen_ai.usage.cache_read.input_tokens":' || reads ||
      ',"gen_ai.usage.cache_creation.input_tokens":' || writes ||
      ',"gen_ai.usage.output_tokens":' || (50 + (i * 13) % 3000) ||
      ',"gen_ai.conversation.id":"conv-' || c || '","user.id":"user-' || (c % 50) || '"}' AS attributes
    FROM (
      SELECT i, c, ['claude-sonnet-4-5', 'gpt-5.4', 'gemini-2.5-pro', 'deepseek-v3.2'][1 + c % 4] AS m,
        ['anthropic', 'openai', 'google', 'deepseek'][1 + c % 4] AS p,
        (i * 7919) % 20000 AS fresh,
        CASE WHEN i % 10 = 0 THEN 250000 ELSE (i * 104729) % 150000 END AS reads,
        CASE WHEN i % 3 = 0 THEN (i * 31) % 5000 ELSE 0 END AS writes
      FROM (SELECT i, i // 40 AS c FROM range(${rows}) t(i))
    )
  ) TO '${partial}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)`);
  connection.closeSync();
  db.closeSync();
  renameSync(partial, path);
  return {seconds: (Date.now() - start) / 1000};
}
