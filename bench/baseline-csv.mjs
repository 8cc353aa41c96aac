// Baseline for the CSV import figure: a bare streaming csv-parse pass over the same file.
import {createReadStream} from 'node:fs';
import {parse} from 'csv-parse';

let rows = 0;
for await (const record of createReadStream(process.argv[2]).pipe(parse({columns: true, bom: true}))) {
  if (record) rows++;
}
console.log(rows);
