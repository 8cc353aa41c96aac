import {makeStyle, type Style} from '../output/style.js';

/** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
export function terminalStyle(stream: NodeJS.WriteStream = process.stdout): Style {
  const env = process.env;
  const forced = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0';
  const colour = !env['NO_COLOR'] && (forced || (Boolean(stream.isTTY) && env['FORCE_COLOR'] !== '0' && env['TERM'] !== 'dumb'));
  return makeStyle(colour);
}

export function terminalWidth(): number {
  return process.stdout.columns && process.stdout.isTTY ? process.stdout.columns : Number(process.env['COLUMNS']) || 100;
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** A one-line warning on stderr: something the user should know that did not stop the command. */
export function warn(message: string): void {
  process.stderr.write(`vibe-cost: warning: ${message}\n`);
}

export function printJson(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}
