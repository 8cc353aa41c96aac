import {DataError} from '../../errors.js';
import {README_IMPORT} from './hints.js';
import {cleanHead} from './sniff.js';
import {linesWith, type Input, type Progress} from './input.js';
import type {FileSink} from './sink.js';
import {PoolReadFailed, type LinePool, type Row} from './line-pool.js';
import type {Fields} from './line-fields.js';
import {parseFields} from './skim-fields.js';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses a whole-JSON input; a syntax error becomes one DataError at file:line. */
export function parseWhole(text: string, file: string): {root: unknown; lines: WeakMap<object, number>} {
  const body = cleanHead(text);
  const offset = text.length - body.length;
  try {
    const root: unknown = JSON.parse(body);
    return {root, lines: objectLines(body, root, text.slice(0, offset).split('\n').length)};
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const at = position === undefined ? body.length : Number(position);
    const line = text.slice(0, offset + at).split('\n').length;
    throw new DataError(
      `${file}:${line}: not valid JSON (${message})`,
      `is the file complete? Re-export it, or ${README_IMPORT}`,
    );
  }
}

/** The line `value` of a parsed document starts on: the map knows objects only, and anything else is placed at line 1. */
export const lineOf = (lines: WeakMap<object, number>, value: unknown): number =>
  (isObj(value) ? lines.get(value) : undefined) ?? 1;

/**
 * The line each object of a parsed document starts on: the k-th `{` outside strings is the k-th
 * object met in document order, which is the order JSON.parse builds and a pre-order walk visits.
 */
function objectLines(text: string, root: unknown, firstLine = 1): WeakMap<object, number> {
  const starts: number[] = [];
  let line = firstLine;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123) starts.push(line);
  }
  const lines = new WeakMap<object, number>();
  let k = 0;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) walk(item);
    else if (isObj(value)) {
      lines.set(value, starts[k++] ?? 0);
      for (const child of Object.values(value)) walk(child);
    }
  };
  walk(root);
  return lines;
}

/**
 * The lines of a JSONL file that mention `marker`, parsed (with `fields`, only those: skim-fields.ts),
 * a batch at a time (linesWith); a line that mentions it but is not JSON is a rejected row, with the
 * parser's words, settled after the lines before it. The rest are never decoded.
 */
export async function* jsonLinesWith(
  input: Input,
  progress: Progress,
  marker: string,
  sink: FileSink,
  pool?: LinePool,
  fields?: Fields,
): AsyncGenerator<readonly (readonly [unknown, number])[]> {
  for await (const rows of markerRows(input, progress, marker, pool, fields)) {
    let batch: [unknown, number][] = [];
    for (const [n, entry, problem] of rows) {
      if (problem === undefined) {
        batch.push([entry, n]);
        continue;
      }
      // The lines before it go to the reader first: rows are settled in line order.
      if (batch.length > 0) yield batch;
      batch = [];
      sink.row();
      sink.reject(n, `not valid JSON (${problem})`);
    }
    if (batch.length > 0) yield batch;
  }
}

/** The marker lines as rows (number, value, or the parser's words): read ahead by the pool where it reads the file, else here. */
async function* markerRows(
  input: Input,
  progress: Progress,
  marker: string,
  pool: LinePool | undefined,
  fields: Fields | undefined,
): AsyncGenerator<readonly Row[]> {
  const pooled = input.path === undefined ? undefined : pool?.lines(input.path, progress);
  if (pooled) {
    try {
      yield* pooled;
      return;
    } catch (error) {
      // Failed before handing on a line: the file is read here instead.
      if (!(error instanceof PoolReadFailed)) throw error;
    }
  }
  for await (const lines of linesWith(input, progress, marker))
    yield lines.map(([text, n]): Row => {
      try {
        return [n, fields === undefined ? JSON.parse(text) : parseFields(text, fields)];
      } catch (error) {
        return [n, undefined, (error as Error).message];
      }
    });
}
