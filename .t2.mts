import {engineSql} from './src/core/usage-sql/engine-sql.ts';
import {longContextTable} from './src/core/usage-sql/long-context-keys.ts';
import {loadPriceBook} from './src/io/load-data.ts';
import {openDuckDb} from './src/io/usage/duckdb/open-duckdb.ts';
const f = process.argv[2]!;
const table = `(SELECT filename AS file, file_row_number + 1 AS line_number, start_time, name, trace_id, span_id, CAST(attributes AS VARCHAR) AS attributes, CAST(NULL AS VARCHAR) AS relation_problem FROM read_parquet(['${f}'], filename = true, file_row_number = true)) AS spans`;
const sql = engineSql({source: 'otel', table, longContext: longContextTable(loadPriceBook().keyed()), pricesFrom: 'x'});
const db = await openDuckDb();
const variants: Record<string,string> = {
  aggregate: sql.aggregate,
  //nowindow: sql.aggregate.replace(/CASE WHEN dedup_key IS NULL THEN 1 ELSE ROW_NUMBER\(\) OVER \(PARTITION BY dedup_key ORDER BY [^)]*\) END/, '1'),
  //nogrouping: sql.aggregate.replace(/GROUP BY GROUPING SETS \(\(file\), \((.*)\)\)/, 'GROUP BY $1').replace('GROUPING(file) = 0 AS per_file, file,', ''),
};
for (const [k, q] of Object.entries(variants)) {
  const t = Date.now(); await db.connection.runAndReadAll(q); console.log(k, (Date.now() - t) / 1000);
}
await db.connection.run("PRAGMA enable_profiling='json'; PRAGMA profiling_output='/tmp/prof.json'"); await db.connection.runAndReadAll(sql.aggregate); const r = {getRowObjects: () => []};
console.log(r.getRowObjects().map(x=>x['explain_value']).join('\n').slice(0, 6000));
db.close();
