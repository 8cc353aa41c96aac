import {parse, type Options} from 'csv-parse';
import {DataError} from '../../errors.js';
import {headerColumns, normaliseColumn} from './sniff.js';
import {byteStream, Progress, type Input} from './input.js';
import {StringDecoder} from 'node:string_decoder';

/** One data row: cells by normalised column name, and the line the row starts on. */
export interface CsvRow {
  readonly line: number;
  get(column: string): string | undefined;
  /** True when every cell of the named columns is empty. */
  blank(columns: readonly string[]): boolean;
  /** Non-empty cells past the header's last column: a shifted or mangled row. Trailing empty cells (spreadsheets add them) are fine. */
  readonly overflow: number;
}

const LINE_BREAKS = /\r\n|\r|\n/g;

/**
 * How csv-parse reads what the splitter cannot (the delimiter is the file's own). The splitter must
 * read plain lines as these options do: its test holds it to csv-parse with this same object.
 */
export const CSV_PARSE_OPTIONS = {
  bom: true,
  record_delimiter: ['\r\n', '\n', '\r'],
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: false,
  trim: false,
  // `raw` gives each record's text, from which lines are counted; `info` is not needed and
  // would cost two-thirds as much again as the parse itself.
  raw: true,
} as const satisfies Options;
const DOT_GROUPED = /^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/;
const DECIMAL_COMMA = /^\d+,\d+$/;
const COMMA_GROUPED = /^[1-9]\d{0,2}(,\d{3})+$/;

/**
 * `;`-separated files come from spreadsheets in locales that write 1.234,56: their numbers are
 * rewritten as 1234.56. "1,234" stays as written (a count with a thousands comma, as in English
 * files); "0,05" and "12,50" are decimals.
 */
function localeNumber(cell: string): string {
  const t = cell.trim();
  if (DOT_GROUPED.test(t)) return t.replaceAll('.', '').replace(',', '.');
  if (DECIMAL_COMMA.test(t) && !COMMA_GROUPED.test(t)) return t.replace(',', '.');
  return cell;
}

/**
 * Streams a delimited file row by row. Lines in plain RFC 4180 form (no quotes, or whole fields
 * quoted with "" for a quote, on one line) are split here: csv-parse reads them alike, and on a
 * million-row export cost three times as long. From the first line that is anything else (a quoted
 * field across lines, a stray quote) csv-parse reads the rest. Line numbers are counted from each
 * record's raw text because csv-parse's own `info.lines` drifts after a quoted CRLF.
 */
export async function* csvRows(
  input: Input,
  head: string,
  progress: Progress,
): AsyncGenerator<CsvRow | {header: string[]}> {
  const {delimiter} = headerColumns(head);
  const decimalComma = delimiter === ';';
  let index = new Map<string, number>();
  let first = true;
  const row = (cells: string[], line: number): CsvRow | {header: string[]} | undefined => {
    if (first) {
      first = false;
      const header = cells.map(normaliseColumn);
      index = new Map(header.map((name, i) => [name, i]));
      return {header};
    }
    if (cells.every((c) => c.trim() === '')) return undefined;
    return {
      line,
      overflow: cells.slice(index.size).filter((c) => c.trim() !== '').length,
      get: (column) => {
        const i = index.get(column);
        const cell = i === undefined ? undefined : cells[i];
        return cell !== undefined && decimalComma ? localeNumber(cell) : cell;
      },
      blank: (columns) =>
        columns.every((c) => {
          const i = index.get(c);
          return i === undefined || (cells[i] ?? '').trim() === '';
        }),
    };
  };

  const chunks = byteStream(input, progress)[Symbol.asyncIterator]();
  const decoder = new StringDecoder('utf8');
  let text = '';
  let line = 0;
  let ended = false;
  let fallback = false;
  let bomChecked = false;
  let seen = 0;
  read: while (!ended) {
    const next = await chunks.next().catch((error: unknown) => {
      throw unreadable(input, error, line + 1);
    });
    if (next.done) {
      text += decoder.end();
      ended = true;
    } else {
      seen += (next.value as Buffer).length;
      text += decoder.write(next.value as Buffer);
    }
    if (!bomChecked && (text.length > 0 || ended)) {
      bomChecked = true;
      if (text.startsWith('\uFEFF')) text = text.slice(1);
    }
    let from = 0;
    const ends = new LineEnds(text);
    for (;;) {
      const end = ends.after(from);
      // A line ends at \n, \r\n or \r; a \r last in the text may be the first half of a \r\n.
      if (end === -1 || (!ended && end === text.length - 1 && text.charCodeAt(end) === 13)) {
        if (ended && from < text.length) {
          const cells = splitLine(text.slice(from), delimiter);
          if (cells === undefined) fallback = true;
          else {
            const r = row(cells, ++line);
            if (r) yield r;
          }
          from = text.length;
        }
        break;
      }
      const cells = splitLine(text.slice(from, end), delimiter);
      if (cells === undefined) {
        fallback = true;
        break read;
      }
      const r = row(cells, ++line);
      if (r) yield r;
      from = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
    }
    text = text.slice(from);
  }
  if (!fallback) return;

  // csv-parse reads the file again from its start (so its messages number lines as before) and hands on
  // the records from the line the splitter could not take. The bytes it reads twice are not counted twice.
  await chunks.return?.();
  const parser = byteStream(input, new Progress(undefined, undefined)).pipe(
    parse({...CSV_PARSE_OPTIONS, delimiter, from_line: line + 1}),
  );
  progress.add(input.size - seen);
  let nextLine = line + 1;
  try {
    for await (const item of parser as AsyncIterable<{record: string[]; raw: string}>) {
      const at = nextLine;
      nextLine += item.raw.match(LINE_BREAKS)?.length ?? 0;
      const r = row(item.record, at);
      if (r) yield r;
    }
  } catch (error) {
    throw unreadable(input, error, nextLine);
  }
}

function unreadable(input: Input, error: unknown, line: number): DataError {
  const e = error as Error & {lines?: number};
  if (e instanceof DataError) return e;
  return new DataError(`${input.name}:${e.lines ?? line}: not readable as delimited text (${e.message})`);
}

/** Where each line of a text ends (its \n or \r), each kind searched for again only once passed: a file without \r costs one search. */
class LineEnds {
  private readonly text: string;
  private n = -2;
  private r = -2;
  constructor(text: string) {
    this.text = text;
  }
  /** The end of the line starting at `from`, or -1 when the text holds no end yet. */
  after(from: number): number {
    if (this.n !== -1 && this.n < from) this.n = this.text.indexOf('\n', from);
    if (this.r !== -1 && this.r < from) this.r = this.text.indexOf('\r', from);
    return this.r === -1 ? this.n : this.n === -1 ? this.r : Math.min(this.n, this.r);
  }
}

/**
 * The fields of one line in plain form: unquoted fields holding no quote, or fields wholly quoted
 * ("" inside for a quote) and ended by the delimiter or the line. Undefined for anything else.
 */
function splitLine(line: string, delimiter: string): string[] | undefined {
  if (!line.includes('"')) return line.split(delimiter);
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    if (line.charCodeAt(i) === 34) {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q === -1) return undefined;
        value += line.slice(j, q);
        if (line.charCodeAt(q + 1) === 34) {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      cells.push(value);
      if (i === line.length) return cells;
      if (!line.startsWith(delimiter, i)) return undefined;
      i += delimiter.length;
      continue;
    }
    const d = line.indexOf(delimiter, i);
    const field = line.slice(i, d === -1 ? line.length : d);
    if (field.includes('"')) return undefined;
    cells.push(field);
    if (d === -1) return cells;
    i = d + delimiter.length;
  }
}
