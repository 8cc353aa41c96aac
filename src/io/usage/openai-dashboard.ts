import type {CsvRow} from './csv.js';
import {unixInstant, utcInstant} from './numbers.js';

/** The time columns every OpenAI dashboard export starts with. */
export const TIME_COLUMNS = ['start_time', 'end_time', 'start_time_iso', 'end_time_iso'];

/** A dashboard row's bucket start: the unix start_time, or the ISO one where a spreadsheet dropped it. */
export function openaiStart(row: CsvRow): string {
  const unix = row.get('start_time');
  return unix !== undefined && unix.trim() !== ''
    ? unixInstant(unix, 'start_time')
    : utcInstant(row.get('start_time_iso'), 'start_time_iso');
}
