import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {parse} from 'csv-parse/sync';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {CSV_PARSE_OPTIONS, csvRows} from '../../../src/io/usage/csv.js';
import {Progress, type Input} from '../../../src/io/usage/input.js';
import {headerColumns, normaliseColumn} from '../../../src/io/usage/sniff.js';
import {scratchDir} from '../../scratch.js';

const COLUMNS = ['model', 'input_tokens', 'output_tokens'];

/** What csvRows yields, as [line, cells] (the header as line 0), or the message it stopped with. */
async function split(input: Input, head: string): Promise<{rows: [number, string[]][]; error?: string}> {
  const rows: [number, string[]][] = [];
  try {
    for await (const r of csvRows(input, head, new Progress(undefined, undefined)))
      rows.push('header' in r ? [0, r.header] : [r.line, COLUMNS.map((c) => r.get(c) ?? '')]);
  } catch (error) {
    return {rows, error: (error as Error).message};
  }
  return {rows};
}

/**
 * The same text read by csv-parse alone, with the options and the delimiter (sniffed from the head)
 * csvRows gives it, lines counted from each record's raw text.
 */
function reference(text: string): {rows: [number, string[]][]; error?: string} {
  const {delimiter} = headerColumns(text);
  const rows: [number, string[]][] = [];
  let records: {record: string[]; raw: string}[];
  try {
    records = parse(text, {...CSV_PARSE_OPTIONS, delimiter}) as unknown as {record: string[]; raw: string}[];
  } catch (error) {
    return {rows, error: (error as Error).message};
  }
  let line = 1;
  let header: string[] | undefined;
  for (const {record, raw} of records) {
    const at = line;
    line += raw.match(/\r\n|\r|\n/g)?.length ?? 0;
    if (!header) {
      header = record.map(normaliseColumn);
      rows.push([0, header]);
      continue;
    }
    if (record.every((c) => c.trim() === '')) continue;
    rows.push([at, COLUMNS.map((c) => record[(header as string[]).indexOf(c)] ?? '')]);
  }
  return {rows};
}

const cell = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    'claude-sonnet-4-5',
    '1200',
    '0',
    'a b',
    'x;y',
    'x,y',
    '"',
    '""',
    '"q"',
    'é',
    '\r',
    '\n',
    '\r\n',
  ),
  fc.string({unit: fc.constantFrom('a', '1', ',', ';', '"', ' ', '\n', '\r', '\t'), maxLength: 6}),
);
const quoted = (c: string) => `"${c.replaceAll('"', '""')}"`;

describe('the plain-line splitter reads as csv-parse reads', () => {
  it('random rows of quotes, delimiters and line breaks: same rows, same lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(',', ';', '\t'),
        fc.array(fc.array(fc.tuple(cell, fc.boolean()), {minLength: 1, maxLength: 4}), {maxLength: 8}),
        fc.constantFrom('\n', '\r\n', '\r'),
        async (delimiter, body, eol) => {
          const text =
            COLUMNS.join(delimiter) +
            eol +
            body.map((r) => r.map(([c, q]) => (q ? quoted(c) : c)).join(delimiter)).join(eol);
          // A ;-separated file's numbers are rewritten from the locale that writes 1.234,56 (tested apart).
          fc.pre(!(headerColumns(text).delimiter === ';' && /\d[,.]\d/.test(text)));
          const ours = await split({name: 'x.csv', text, size: text.length}, text);
          const theirs = reference(text);
          if (theirs.error) expect(ours.error).toBeDefined();
          else expect(ours).toEqual(theirs);
        },
      ),
      {numRuns: 400},
    );
  });

  it('a line break split across two reads, and a quoted field across lines after plain ones', async () => {
    const dir = scratchDir('csv-');
    // Past the reader's 1 MiB chunk: the \r\n and an é's two bytes sit across the boundary.
    const plain = 'claude-sonnet-4-5,1200,300';
    const lines = [COLUMNS.join(',')];
    let size = lines[0]!.length + 2;
    while (size < (1 << 20) - 40) {
      lines.push(plain);
      size += plain.length + 2;
    }
    lines.push(`modèl-${'x'.repeat((1 << 20) - size - 12)},1,2`, '"a\r\nb",3,4', plain);
    const text = lines.join('\r\n');
    const file = join(dir, 'big.csv');
    writeFileSync(file, text);
    const ours = await split(
      {name: 'big.csv', path: file, size: Buffer.byteLength(text)},
      text.slice(0, 4096),
    );
    expect(ours).toEqual(reference(text));
    expect(ours.rows.at(-2)).toEqual([lines.length - 1, ['a\r\nb', '3', '4']]);
  });
});
