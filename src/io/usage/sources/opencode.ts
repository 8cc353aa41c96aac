import type {UsageRecord} from '../../../core/history/usage-record.js';
import {isObj, lineOf, type Obj} from '../json.js';
import {countFromJson, msInstant, RowProblem, usdFromJson} from '../numbers.js';
import {SeenKeys} from '../seen-keys.js';
import type {FileSink} from '../sink.js';
import type {JsonSource} from './source.js';

const ID = 'opencode.message';

/**
 * opencode messages (sst/opencode packages/opencode/src/session; read as ryoppippi/ccusage
 * apps/opencode/src/data-loader.ts reads them): one JSON file per message under
 * `storage/message/<session>/`, or the rows of `sqlite3 -json opencode.db "select id, session_id,
 * data from message"` (newer opencode keeps messages in SQLite only; Node 20 has no built-in SQLite
 * reader, so the database is read through that export). `tokens.input` is the uncached input
 * already. `cost` is what opencode computed or the provider reported: the reported amount.
 * A forked session copies its parent's messages with their ids: one id is one request, counted once.
 */
function toRecord(
  message: Obj,
  file: string,
  line: number,
  session: string | undefined,
): UsageRecord | 'empty' {
  const tokens = message['tokens'];
  if (!isObj(tokens)) throw new RowProblem('an assistant message without tokens');
  const cache = isObj(tokens['cache']) ? tokens['cache'] : {};
  const n = (v: unknown, field: string) => countFromJson(v, field) ?? 0;
  const input = n(tokens['input'], 'tokens.input');
  const output = n(tokens['output'], 'tokens.output');
  const reasoning = n(tokens['reasoning'], 'tokens.reasoning');
  const read = n(cache['read'], 'tokens.cache.read');
  const write = n(cache['write'], 'tokens.cache.write');
  // A turn aborted before the provider answered: opencode writes the message with zero tokens.
  if (input + output + reasoning + read + write === 0) return 'empty';
  // Older opencode left reasoning inside output (its total says so); newer writes them apart.
  const total = countFromJson(tokens['total'], 'tokens.total');
  const inside = total !== undefined && total === input + output + read + write && reasoning > 0;
  const start = msInstant(isObj(message['time']) ? message['time']['created'] : undefined, 'time.created');
  const usd = usdFromJson(message['cost'], 'cost');
  const provider = typeof message['providerID'] === 'string' ? message['providerID'] : undefined;
  const model = typeof message['modelID'] === 'string' ? message['modelID'] : '';
  return {
    source: ID,
    file,
    line,
    granularity: 'request',
    start,
    // The provider prefix picks the right sheet where a model is sold by several (openrouter/…).
    modelRaw: provider !== undefined && model !== '' && !model.includes('/') ? `${provider}/${model}` : model,
    requests: 1,
    tokens: {
      input,
      cacheRead: read,
      cacheWrite5m: write,
      cacheWrite1h: 0,
      output: output + (inside ? 0 : reasoning),
    },
    tokensKnown: 'all',
    // opencode writes 0 where it had no price for the model: that is no amount, not a free request.
    ...(usd === undefined || Number(usd) === 0 ? {} : {reportedUsd: usd, reportedKind: 'estimate' as const}),
    ...(session === undefined ? {} : {taskId: session}),
  };
}

/** A message file, or one row of the database export (its `data` column holds the message as JSON text). */
function messageOf(item: Obj, line: number): Obj {
  if (typeof item['data'] !== 'string') return item;
  let data: unknown;
  try {
    data = JSON.parse(item['data']);
  } catch (error) {
    throw new RowProblem(`data is not valid JSON (${(error as Error).message})`);
  }
  if (!isObj(data)) throw new RowProblem(`data is not a message object (line ${line})`);
  return {...data, id: item['id'] ?? data['id'], sessionID: item['session_id'] ?? data['sessionID']};
}

function readOpencode(root: unknown, where: WeakMap<object, number>, sink: FileSink, seen: SeenKeys): void {
  const items = Array.isArray(root) ? root : [root];
  for (const item of items) {
    const line = lineOf(where, item);
    // User messages carry no usage: not rows. A database row is one until its data says otherwise.
    if (isObj(item) && typeof item['data'] !== 'string' && item['role'] !== 'assistant') continue;
    sink.row();
    sink.settle(line, () => {
      if (!isObj(item)) throw new RowProblem('a message is not an object');
      const message = messageOf(item, line);
      if (message['role'] !== 'assistant') return sink.skip();
      const id = typeof message['id'] === 'string' ? message['id'] : undefined;
      const session = typeof message['sessionID'] === 'string' ? message['sessionID'] : undefined;
      const record = toRecord(message, sink.file, line, session);
      if (record === 'empty') return sink.skip();
      if (id !== undefined && seen.has(id)) return sink.duplicate();
      sink.emit(record);
      if (id !== undefined) seen.add(id);
    });
  }
}

export const opencode: JsonSource<typeof ID> = {
  id: ID,
  container: 'json',
  // `\\?"` also finds the keys inside the export's JSON-text data column.
  markers: [
    ['sessionID|session_id', /"(sessionID|session_id)\\?"\s*:/],
    ['time.created', /"time\\?"\s*:\s*\{\s*\\?"created\\?"/],
    ['role', /"role\\?"\s*:/],
  ],
  reader: () => {
    const seen = new SeenKeys();
    return (root, where, sink) => readOpencode(root, where, sink, seen);
  },
};
