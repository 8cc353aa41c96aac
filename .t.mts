import {engineSql} from './src/core/usage-sql/engine-sql.ts';
import {longContextTable} from './src/core/usage-sql/long-context-keys.ts';
import {loadPriceBook} from './src/io/load-data.ts';
import {openDuckDb} from './src/io/usage/duckdb/open-duckdb.ts';
const f = process.argv[2]!;
const table = `(SELECT filename AS file, file_row_number + 1 AS line_number, start_time, name, trace_id, span_id, CAST(attributes AS VARCHAR) AS attributes, CAST(NULL AS VARCHAR) AS relation_problem FROM read_parquet(['${f}'], filename = true, file_row_number = true)) AS spans`;
const sql = engineSql({source: 'otel', table, longContext: longContextTable(loadPriceBook().keyed()), pricesFrom: 'x'});
const db = await openDuckDb();
for (const [k, q] of Object.entries({aggregate: sql.aggregate})) {
  if (k === 'rejects') continue;
  const t = Date.now(); await db.connection.runAndReadAll(q); console.log(k, (Date.now() - t) / 1000);
}
db.close();
