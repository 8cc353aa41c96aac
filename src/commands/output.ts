import {makeStyle, type Style} from '../output/style.js';

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function terminalStyle(stream: NodeJS.WriteStream = process.stdout): Style {
  const env = process.env;
  const forced = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0';
  const colour =
    !env['NO_COLOR'] &&
    (forced || (Boolean(stream.isTTY) && env['FORCE_COLOR'] !== '0' && env['TERM'] !== 'dumb'));
  return makeStyle(colour);
}

/** The terminal's width; when piped, $COLUMNS or 80, so a table pasted into a terminal or a mail fits. */
export function terminalWidth(): number {
  return process.stdout.columns && process.stdout.isTTY
    ? process.stdout.columns
    : Number(process.env['COLUMNS']) || 80;
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
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0)
    process.exit(process.exitCode ?? 0);
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A one-line warning on stderr: something the user should know that did not stop the command. */
export function warn(message: string): void {
  process.stderr.write(`vibe-cost: warning: ${message}\n`);
}

/** A progress bar on stderr, redrawn at most ten times a second; only used on a terminal. */
export function progressBar(amount: (read: number) => string = (read) => `${(read / 1e6).toFixed(0)} MB`): {
  update: (read: number, total: number | undefined) => void;
  done: () => void;
} {
  let last = 0;
  let drawn = false;
  return {
    update: (read, total) => {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      drawn = true;
      const mb = amount(read);
      if (!total) return void process.stderr.write(`\rreading… ${mb}`);
      const share = Math.min(1, read / total);
      const width = 30;
      process.stderr.write(
        `\r[${'#'.repeat(Math.round(share * width)).padEnd(width)}] ${(share * 100).toFixed(0).padStart(3)}% ${mb}`,
      );
    },
    done: () => {
      if (drawn) process.stderr.write('\r\u001B[2K');
    },
  };
}

export function printJson(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}
