import {readFileSync} from 'node:fs';
import {DataError, UsageError} from '../errors.js';
import {JsonSyntaxError, parseExactJson} from '../core/exact-json.js';

export function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`${path}: no such file`);
    if (code === 'EISDIR') throw new UsageError(`${path}: is a folder, expected a file`);
    throw new DataError(`${path}: cannot read (${code ?? (error as Error).message})`);
  }
}

/** The line of a JSON syntax error: from the position JSON.parse names, else from our own parser. */
function jsonErrorLine(text: string, error: Error): number {
  const position = /position (\d+)/.exec(error.message)?.[1];
  if (position !== undefined) return text.slice(0, Number(position)).split('\n').length;
  try {
    parseExactJson(text.replace(/^\uFEFF/, ''));
  } catch (exact) {
    if (exact instanceof JsonSyntaxError) return exact.line;
  }
  return 1;
}

/** JSON.parse with the error placed at file:line. */
export function readJson(path: string): unknown {
  const text = readText(path);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new DataError(
      `${path}:${jsonErrorLine(text, error as Error)}: not valid JSON (${(error as Error).message})`,
    );
  }
}
