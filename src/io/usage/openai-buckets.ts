import {isObj, type Obj} from './json.js';
import {RowProblem, unixInstant} from './numbers.js';
import type {FileSink} from './sink.js';

/** Buckets from a page ({data: [...]}), a list of pages, or a bare list of buckets (as the cookbook prints them). */
function buckets(root: unknown): Obj[] {
  if (Array.isArray(root))
    return root.flatMap((item) =>
      isObj(item) && Array.isArray(item['data']) ? buckets(item['data']) : isObj(item) ? [item] : [],
    );
  if (isObj(root) && Array.isArray(root['data'])) return buckets(root['data']);
  return [];
}

/**
 * Walks the results of OpenAI Usage API and Costs API pages (§2c), each one row: `map` is given the
 * result, its bucket's start and its line. An empty bucket counts as one skipped row.
 */
export function eachResult(
  root: unknown,
  lines: WeakMap<object, number>,
  sink: FileSink,
  map: (result: Obj, start: string, line: number) => void,
): void {
  for (const bucket of buckets(root)) {
    const results = Array.isArray(bucket['results']) ? bucket['results'] : [];
    if (results.length === 0) {
      sink.row();
      sink.skip();
      continue;
    }
    for (const result of results) {
      sink.row();
      const line = (isObj(result) ? lines.get(result) : undefined) ?? lines.get(bucket) ?? 0;
      sink.settle(line, () => {
        if (!isObj(result)) throw new RowProblem('a result is not an object');
        map(result, unixInstant(bucket['start_time'] as number | string | undefined, 'start_time'), line);
      });
    }
  }
}
