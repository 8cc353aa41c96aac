import {readFileSync} from 'node:fs';
import {DataError, UsageError} from '../errors.js';

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

/** JSON.parse with the error placed at file:line. */
export function readJson(path: string): unknown {
  const text = readText(path);
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const line = position === undefined ? '' : `:${text.slice(0, Number(position)).split('\n').length}`;
    throw new DataError(`${path}${line}: not valid JSON (${(error as Error).message})`);
  }
}
