import {parseMoney} from '../../core/money.js';

/** A cell or field that could not become what the record needs; the message names the column and the value. */
export class RowProblem extends Error {}

const PLAIN = /^\d+(\.0*)?$/;
// Spreadsheets re-save counts with thousands separators ("1,234" inside quotes).
const GROUPED = /^\d{1,3}(,\d{3})+(\.0*)?$/;

/**
 * A token count written as text: "1234", "10.0" (OpenAI floats), "1,234" (spreadsheet).
 * Anything else (fractions, signs, exponents, NaN) is a row problem, never a guess.
 */
export function countFromText(text: string | undefined, column: string): number | undefined {
  const digits = text === undefined ? undefined : plainCount(text);
  if (digits !== undefined) return digits;
  const cell = (text ?? '').trim();
  if (cell === '') return undefined;
  const plain = GROUPED.test(cell) ? cell.replaceAll(',', '') : cell;
  if (!PLAIN.test(plain)) throw new RowProblem(`${column} is not a whole number of tokens ≥ 0: "${cell}"`);
  return safe(Number(plain.split('.')[0]), column, cell);
}

/**
 * The common case, 1 to 15 plain digits (exact in a double), read by hand without the regular
 * expressions: this runs for every count cell of every row. Anything else: undefined.
 */
export function plainCount(text: string): number | undefined {
  const n = text.length;
  if (n === 0 || n >= 16) return undefined;
  let value = 0;
  for (let i = 0; i < n; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

/** A count from JSON: a number that is a non-negative integer (10.0 parses as 10 already). */
export function countFromJson(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return countFromText(value, field);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new RowProblem(
      `${field} is not a whole number of tokens ≥ 0: ${JSON.stringify(value) ?? String(value)}`,
    );
  }
  return safe(value, field, String(value));
}

function safe(n: number, column: string, cell: string): number {
  if (!Number.isSafeInteger(n)) throw new RowProblem(`${column} is too large to be a token count: "${cell}"`);
  return n;
}

/** A record's web searches, left out when there were none. */
export const searches = (n: number | undefined): {webSearches?: number} => (n ? {webSearches: n} : {});

export function required(n: number | undefined, column: string): number {
  if (n === undefined) throw new RowProblem(`${column} is empty`);
  return n;
}

/** Dollars as a plain decimal string, every digit kept ("0.8958740000000000" → "0.895874"). */
export function usdFromText(text: string | undefined, column: string): string | undefined {
  const written = text === undefined ? undefined : plainUsd(text);
  if (written !== undefined) return written;
  const cell = (text ?? '').trim();
  if (cell === '') return undefined;
  const plain = GROUPED.test(cell.replace(/\..*$/, '')) ? cell.replaceAll(',', '') : cell;
  const value = parseMoney(plain.replace(/^\$/, ''));
  if (value === undefined) throw new RowProblem(`${column} is not an amount of money: "${cell}"`);
  return value.toFixed();
}

/**
 * Plain digits (`\d+(\.\d+)?`, under 32 characters) need no decimal: written back with no leading
 * or trailing zeros, as toFixed() writes them; anything else, undefined. Scanned by hand: a split and
 * two regular expressions per row were a twentieth of a million-row import.
 */
export function plainUsd(text: string): string | undefined {
  const n = text.length;
  if (n === 0 || n >= 32) return undefined;
  let point = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && point === -1 && i > 0 && i < n - 1) point = i;
    else if (c < 48 || c > 57) return undefined;
  }
  const wholeEnd = point === -1 ? n : point;
  let start = 0;
  while (start < wholeEnd - 1 && text.charCodeAt(start) === 48) start++;
  if (point === -1) return start === 0 ? text : text.slice(start);
  let end = n;
  while (end > point + 1 && text.charCodeAt(end - 1) === 48) end--;
  if (end === point + 1) return text.slice(start, point);
  return start === 0 && end === n ? text : text.slice(start, end);
}

export function usdFromJson(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RowProblem(`${field} is not an amount of money: ${value}`);
    return usdFromText(String(value), field);
  }
  if (typeof value === 'string') return usdFromText(value, field);
  throw new RowProblem(`${field} is not an amount of money: ${JSON.stringify(value)}`);
}

/** Amounts are compared in dollars: an amount in another currency is a row problem, never converted. */
export function usdOnly(currency: string, field: string): void {
  if (currency.toLowerCase() !== 'usd')
    throw new RowProblem(`${field} is "${currency}": only usd amounts can be compared`);
}

/** `a − b` for sources that count b inside a; b larger than a is a broken row, not a negative count. */
export function minus(a: number, b: number, aName: string, bName: string): number {
  if (b > a) throw new RowProblem(`${bName} (${b}) is larger than ${aName} (${a}), which includes it`);
  return a - b;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MINUTE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?$/;

/**
 * A UTC instant from the forms exports use: 'YYYY-MM-DD', 'YYYY-MM-DD HH:MM[:SS[.mmm]]' (no zone: UTC),
 * or ISO 8601 with a zone. Returns the ISO string ('…T…Z').
 */
export function utcInstant(text: string | undefined, column: string): string {
  if (text !== undefined && isCanonical(text)) return text;
  const cell = (text ?? '').trim();
  if (DAY.test(cell)) return checked(`${cell}T00:00:00.000Z`, column, cell);
  const m = MINUTE.exec(cell);
  if (m)
    return checked(
      `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}${(m[5] ?? '.000').slice(0, 4).padEnd(4, '0')}Z`,
      column,
      cell,
    );
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(cell))
    return checked(cell, column, cell);
  throw new RowProblem(`${column} is not a date or time vibe-cost reads: "${cell}"`);
}

export function unixInstant(text: string | number | undefined, column: string): string {
  const n = typeof text === 'number' ? text : Number((text ?? '').trim().replaceAll(',', ''));
  // Past year 9999 a Date cannot print: such a "time" is a corrupted cell, not a date.
  if (
    !Number.isFinite(n) ||
    n < 0 ||
    n > 253_402_300_799 ||
    (typeof text === 'string' && text.trim() === '')
  ) {
    throw new RowProblem(`${column} is not a unix time in seconds: "${String(text)}"`);
  }
  return new Date(Math.round(n * 1000)).toISOString();
}

/** A UTC instant from milliseconds since the epoch (agents' JSON logs), range-checked like the rest. */
export function msInstant(ms: unknown, field: string): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms <= 0 || ms > 253_402_300_799_000)
    throw new RowProblem(`${field} is not a time in milliseconds: ${JSON.stringify(ms) ?? String(ms)}`);
  return new Date(Math.floor(ms)).toISOString();
}

/** Days already looked at, by 'YYYY-MM-DD': whether their month has them. */
const realDays = new Map<string, boolean>();

/**
 * True for 'YYYY-MM-DDTHH:MM:SS.mmmZ' as toISOString writes it, from 1970 on, with a day its month has
 * and a time of day under 24:00: what `checked` would return for it is the text itself. Most logs
 * and exports write their times so; this skips the expressions and two dates per row.
 */
function isCanonical(s: string): boolean {
  if (s.length !== 24 || s.charCodeAt(23) !== 90 || s.charCodeAt(10) !== 84) return false;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58) return false;
  if (s.charCodeAt(16) !== 58 || s.charCodeAt(19) !== 46) return false;
  for (let k = 0; k < DIGIT_AT.length; k++) {
    const c = s.charCodeAt(DIGIT_AT[k] as number);
    if (c < 48 || c > 57) return false;
  }
  if (two(s, 11) > 23 || two(s, 14) > 59 || two(s, 17) > 59 || s < '1970') return false;
  // Rows come day by day: the last day looked at is most often this one.
  if (s.startsWith(lastRealDay)) return true;
  const day = s.slice(0, 10);
  let real = realDays.get(day);
  if (real === undefined) {
    const [y, m, d] = [Number(s.slice(0, 4)), two(s, 5), two(s, 8)];
    real = m >= 1 && m <= 12 && d >= 1 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
    realDays.set(day, real);
  }
  if (real) lastRealDay = day;
  return real;
}
const DIGIT_AT = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];
/** The last day found real: never empty, so startsWith cannot match every text. */
let lastRealDay = 'no day yet';
const two = (s: string, i: number) => (s.charCodeAt(i) - 48) * 10 + s.charCodeAt(i + 1) - 48;

function checked(iso: string, column: string, cell: string): string {
  const t = Date.parse(iso);
  // Date.parse rolls a day past the month's end over (2026-02-30 is read as 2026-03-02): not a date.
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  if (new Date(Date.UTC(y, m - 1, d)).getUTCDate() !== d)
    throw new RowProblem(`${column} is not a valid date: "${cell}"`);
  if (Number.isNaN(t) || t < 0 || t > 253_402_300_799_000)
    throw new RowProblem(`${column} is not a valid date: "${cell}"`);
  return new Date(t).toISOString();
}

export function isDay(text: string): boolean {
  return DAY.test(text);
}

/** The calendar date of an instant in this machine's zone: the zone ccusage most likely grouped by. */
export function localDay(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
