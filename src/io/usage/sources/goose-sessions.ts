import {isObj, lineOf, type Obj} from '../json.js';
import {countFromJson, RowProblem, usdFromJson, utcInstant} from '../numbers.js';
import {SeenKeys} from '../seen-keys.js';
import type {FileSink} from '../sink.js';
import type {JsonSource} from './source.js';

const ID = 'goose.sessions';

/** `model_config_json` is JSON text inside the row: `{"model_name": …}`. */
function modelOf(row: Obj): string {
  const config = row['model_config_json'] ?? row['model_config'];
  if (typeof config === 'string') {
    try {
      const parsed: unknown = JSON.parse(config);
      if (isObj(parsed) && typeof parsed['model_name'] === 'string') return parsed['model_name'];
    } catch {
      // Not JSON: the model is then unknown, like a row without the column.
    }
  }
  return typeof row['model'] === 'string' ? row['model'] : '';
}

/**
 * Goose sessions: `~/.local/share/goose/sessions/sessions.db` (SQLite; block/goose
 * crates/goose/src/session), read through `sqlite3 -json sessions.db "select * from sessions"`, as
 * Node 20 has no built-in SQLite. Goose keeps only each session's running totals
 * (`accumulated_input_tokens`, `accumulated_output_tokens`), so a row is an aggregate of the whole
 * session, dated when it started, with no cache split (every figure it feeds is flagged not exact). A
 * session id is counted once.
 */
function readSessions(root: unknown, where: WeakMap<object, number>, sink: FileSink, seen: SeenKeys): void {
  const rows = Array.isArray(root) ? root : [root];
  for (const row of rows) {
    const line = lineOf(where, row);
    sink.row();
    sink.settle(line, () => {
      if (!isObj(row)) throw new RowProblem('a session is not an object');
      const count = (field: string) => countFromJson(row[field], field);
      const input = count('accumulated_input_tokens') ?? count('input_tokens');
      const output = count('accumulated_output_tokens') ?? count('output_tokens');
      // A session opened and left before any model call.
      if ((input ?? 0) + (output ?? 0) === 0) return sink.skip();
      // One total without the other is not a session of zero tokens on that side: it is unknown.
      if (input === undefined || output === undefined)
        throw new RowProblem(
          `accumulated_${input === undefined ? 'input' : 'output'}_tokens is missing beside the other total`,
        );
      const id = typeof row['id'] === 'string' ? row['id'] : undefined;
      if (id !== undefined && seen.has(id)) return sink.duplicate();
      const usd = usdFromJson(row['accumulated_cost'], 'accumulated_cost');
      sink.emit({
        source: ID,
        file: sink.file,
        line,
        granularity: 'bucket',
        // SQLite's CURRENT_TIMESTAMP: 'YYYY-MM-DD HH:MM:SS' in UTC.
        start: utcInstant(
          typeof row['created_at'] === 'string' ? row['created_at'] : undefined,
          'created_at',
        ),
        modelRaw: modelOf(row),
        requests: null,
        tokens: {input, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output},
        tokensKnown: 'no-cache-split',
        ...(usd === undefined || Number(usd) === 0
          ? {}
          : {reportedUsd: usd, reportedKind: 'estimate' as const}),
        ...(id === undefined ? {} : {taskId: id}),
      });
      if (id !== undefined) seen.add(id);
    });
  }
}

export const gooseSessions: JsonSource<typeof ID> = {
  id: ID,
  container: 'json',
  markers: [
    ['accumulated_input_tokens', /(?<!\\)"accumulated_(input|output|total)_tokens"\s*:/],
    ['working_dir', /(?<!\\)"working_dir"\s*:/],
  ],
  reader: () => {
    const seen = new SeenKeys();
    return (root, where, sink) => readSessions(root, where, sink, seen);
  },
};
