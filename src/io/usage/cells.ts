import type {CsvRow} from './csv.js';

/** A cell's text, trimmed; undefined when empty or `--` (how exports write "none"). */
export const cell = (row: CsvRow, column: string): string | undefined => {
  const value = row.get(column)?.trim();
  return value === '' || value === '--' ? undefined : value;
};

/** A cell's text, trimmed; undefined when empty. */
export const text = (value: string | undefined): string | undefined => {
  const v = value?.trim();
  return v === undefined || v === '' ? undefined : v;
};

/** An optional record field, left out when the file gives no value. */
export const opt = <K extends string, V>(key: K, value: V | undefined): {[k in K]?: V} =>
  (value === undefined || value === '' ? {} : {[key]: value}) as {[k in K]?: V};

/** A row's speed column: Anthropic bills fast mode apart; any other speed is the standard one. */
export const fastSpeed = (row: CsvRow): {speed?: 'fast'} =>
  cell(row, 'speed')?.toLowerCase() === 'fast' ? {speed: 'fast'} : {};
