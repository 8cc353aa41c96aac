import {makeStyle, type Style} from '../output/style.js';
import {outputPending, stdoutColumns, stdoutIsTerminal, writeErr, writeOut} from './stdio.js';

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function terminalStyle(terminal: boolean = stdoutIsTerminal()): Style {
  const env = process.env;
  const forced = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0';
  const colour =
    !env['NO_COLOR'] && (forced || (terminal && env['FORCE_COLOR'] !== '0' && env['TERM'] !== 'dumb'));
  return makeStyle(colour);
}

/** The terminal's width; when piped, $COLUMNS or 80, so a table pasted into a terminal or a mail fits. */
export function terminalWidth(): number {
  return stdoutColumns() || Number(process.env['COLUMNS']) || 80;
}

/** Columns a table may take: the terminal's, or no limit with --wide. */
export function tableWidth(args: {wide?: boolean | undefined}): number {
  return args.wide ? Infinity : terminalWidth();
}

/**
 * Ends the process once a command has written everything. yargs spends ~25 ms after every handler
 * building help text it will not show; there is nothing left to do by then. Where a stream still
 * holds output (pipes on some systems are asynchronous), the process ends on its own instead.
 */
export function endWhenWritten(): void {
  if (!outputPending()) process.exit(process.exitCode ?? 0);
}

export function print(text: string): void {
  writeOut(text.endsWith('\n') ? text : `${text}\n`);
}

/** A one-line warning on stderr: something the user should know that did not stop the command. */
export function warn(message: string): void {
  writeErr(`vibe-cost: warning: ${message}\n`);
}

/** What a progress line counts: bytes by default, or the caller's unit (months). */
export interface ProgressUnit {
  amount: (done: number, total: number | undefined) => string;
  rate: (perSecond: number) => string;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
const BYTES: ProgressUnit = {
  amount: (done, total) => (total ? `${mb(done)} of ${mb(total)} MB` : `${mb(done)} MB`),
  rate: (perSecond) => `${mb(perSecond)} MB/s`,
};

/**
 * A progress line on stderr for work that passes 2 s: share done, amount, files, rate and time left,
 * redrawn at most ten times a second. Callers make one only when stderr is a terminal: piped runs stay silent.
 */
export function progressBar(
  unit: ProgressUnit = BYTES,
  clock: () => number = Date.now,
  write: (text: string) => void = writeErr,
): {
  update: (done: number, total: number | undefined, file?: {at: number; of: number}) => void;
  done: () => void;
} {
  const start = clock();
  let last = 0;
  let drawn = false;
  return {
    update: (done, total, file) => {
      const now = clock();
      if (now - start < 2000 || now - last < 100) return;
      last = now;
      drawn = true;
      const perSecond = (done / (now - start)) * 1000;
      const parts = [unit.amount(done, total)];
      if (file && file.of > 1)
        parts.push(`file ${file.at.toLocaleString('en-US')} of ${file.of.toLocaleString('en-US')}`);
      parts.push(unit.rate(perSecond));
      if (total && perSecond > 0) parts.push(`${clockTime((total - done) / perSecond)} left`);
      const share = total ? Math.min(1, done / total) : undefined;
      const width = 30;
      const bar =
        share === undefined
          ? 'reading…'
          : `[${'#'.repeat(Math.round(share * width)).padEnd(width)}] ${(share * 100).toFixed(0).padStart(3)}%`;
      write(`\r\u001B[2K${bar} ${parts.join(' · ')}`);
    },
    done: () => {
      if (drawn) write('\r\u001B[2K');
    },
  };
}

/** Seconds as m:ss, or h:mm:ss past an hour. */
function clockTime(seconds: number): string {
  const s = Math.ceil(seconds);
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

export function printJson(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}
