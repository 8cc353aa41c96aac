import {parse} from 'csv-parse';
import {DataError} from '../../errors.js';
import {headerColumns, normaliseColumn} from './sniff.js';
import {byteStream, type Input, type Progress} from './input.js';

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
 * Streams a delimited file row by row through csv-parse. Line numbers are counted from each record's
 * raw text because csv-parse's own `info.lines` drifts after a quoted CRLF.
 */
export async function* csvRows(
  input: Input,
  head: string,
  progress: Progress,
): AsyncGenerator<CsvRow | {header: string[]}> {
  const {delimiter} = headerColumns(head);
  const decimalComma = delimiter === ';';
  const parser = byteStream(input, progress).pipe(
    parse({
      bom: true,
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      trim: false,
      // `raw` gives each record's text, from which lines are counted; `info` is not needed and
      // would cost two-thirds as much again as the parse itself.
      raw: true,
    }),
  );
  let index = new Map<string, number>();
  let nextLine = 1;
  let first = true;
  try {
    for await (const item of parser as AsyncIterable<{record: string[]; raw: string}>) {
      const line = nextLine;
      nextLine += item.raw.match(LINE_BREAKS)?.length ?? 0;
      const cells = item.record;
      if (first) {
        first = false;
        const header = cells.map(normaliseColumn);
        index = new Map(header.map((name, i) => [name, i]));
        yield {header};
        continue;
      }
      if (cells.every((c) => c.trim() === '')) continue;
      yield {
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
    }
  } catch (error) {
    const e = error as Error & {lines?: number};
    if (e instanceof DataError) throw e;
    throw new DataError(
      `${input.name}:${e.lines ?? nextLine}: not readable as delimited text (${e.message})`,
    );
  }
}
