// Baseline for the log-tree import figure: a plain Node streaming reader that walks the tree,
// reads every line and parses those that carry usage. No dedup, no pricing.
import {createReadStream, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {createInterface} from 'node:readline';

function* files(dir) {
  for (const entry of readdirSync(dir, {withFileTypes: true})) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.name.endsWith('.jsonl')) yield path;
  }
}

let output = 0;
for (const file of files(process.argv[2])) {
  for await (const line of createInterface({input: createReadStream(file), crlfDelay: Infinity})) {
    if (!line.includes('"usage"')) continue;
    output += JSON.parse(line).message?.usage?.output_tokens ?? 0;
  }
}
console.log(output);
