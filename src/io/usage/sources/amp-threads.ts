import {isObj, type Obj} from '../json.js';
import {countFromJson, RowProblem, usdFromJson, utcInstant} from '../numbers.js';
import {SeenKeys} from '../seen-keys.js';
import type {FileSink} from '../sink.js';
import type {JsonSource} from './source.js';

const ID = 'amp.thread';

/** The assistant messages of a thread by messageId (the first of an id, as a search from the start finds it). */
function assistantMessages(messages: unknown): Map<number, Obj> {
  const byId = new Map<number, Obj>();
  if (!Array.isArray(messages)) return byId;
  for (const m of messages) {
    if (
      isObj(m) &&
      m['role'] === 'assistant' &&
      typeof m['messageId'] === 'number' &&
      !byId.has(m['messageId'])
    )
      byId.set(m['messageId'], m);
  }
  return byId;
}

/** The cache counts of the assistant message an event paid for (the ledger event itself has none). */
function cacheOf(messages: Map<number, Obj>, messageId: unknown): {read: number; write: number} {
  if (typeof messageId !== 'number') return {read: 0, write: 0};
  const message = messages.get(messageId);
  const usage = message && isObj(message['usage']) ? message['usage'] : {};
  return {
    read: countFromJson(usage['cacheReadInputTokens'], 'usage.cacheReadInputTokens') ?? 0,
    write: countFromJson(usage['cacheCreationInputTokens'], 'usage.cacheCreationInputTokens') ?? 0,
  };
}

/**
 * Amp threads, `~/.local/share/amp/threads/T-*.json` (read as ryoppippi/ccusage apps/amp/src/data-loader.ts
 * reads them). Each `usageLedger.events[]` entry is one charged call: its `tokens.input` is the
 * uncached input, the cache counts are on the assistant message it names (`toMessageId`), and its
 * `credits` are what Amp billed, in dollars: the reported amount. An event id is counted once.
 */
function readThread(root: unknown, where: WeakMap<object, number>, sink: FileSink, seen: SeenKeys): void {
  if (!isObj(root) || !isObj(root['usageLedger']) || !Array.isArray(root['usageLedger']['events'])) return;
  const thread = typeof root['id'] === 'string' ? root['id'] : undefined;
  // Looked up once per thread: a search of the messages for each event grew with the square of its length.
  const messages = assistantMessages(root['messages']);
  const ledger = root['usageLedger'];
  for (const event of ledger['events'] as unknown[]) {
    const line = (isObj(event) ? where.get(event) : undefined) ?? where.get(ledger) ?? 0;
    sink.row();
    sink.settle(line, () => {
      if (!isObj(event)) throw new RowProblem('a ledger event is not an object');
      const tokens = isObj(event['tokens']) ? event['tokens'] : undefined;
      if (tokens === undefined || (tokens['input'] === undefined && tokens['output'] === undefined))
        return sink.skip();
      const id = typeof event['id'] === 'string' ? event['id'] : undefined;
      if (id !== undefined && seen.has(id)) return sink.duplicate();
      if (typeof event['timestamp'] !== 'string') throw new RowProblem('timestamp is missing');
      const input = countFromJson(tokens['input'], 'tokens.input');
      const output = countFromJson(tokens['output'], 'tokens.output');
      // One count without the other is not zero tokens on that side: it is unknown.
      if (input === undefined || output === undefined)
        throw new RowProblem(
          `tokens.${input === undefined ? 'input' : 'output'} is missing beside the other count`,
        );
      const cache = cacheOf(messages, event['toMessageId']);
      const usd = usdFromJson(event['credits'], 'credits');
      sink.emit({
        source: ID,
        file: sink.file,
        line,
        granularity: 'request',
        start: utcInstant(event['timestamp'], 'timestamp'),
        modelRaw: typeof event['model'] === 'string' ? event['model'] : '',
        requests: 1,
        tokens: {
          input,
          cacheRead: cache.read,
          cacheWrite5m: cache.write,
          cacheWrite1h: 0,
          output,
        },
        tokensKnown: 'all',
        ...(usd === undefined ? {} : {reportedUsd: usd, reportedKind: 'billed' as const}),
        ...(thread === undefined ? {} : {taskId: thread}),
      });
      if (id !== undefined) seen.add(id);
    });
  }
}

export const ampThreads: JsonSource<typeof ID> = {
  id: ID,
  container: 'json',
  // The ledger is written after the messages, often past the 64 KiB detection reads: the thread's head says it.
  markers: [
    ['a thread id "T-…"', /(?<!\\)"id"\s*:\s*"T-/],
    ['created', /(?<!\\)"created"\s*:\s*\d/],
    ['created', /(?<!\\)"created"\s*:\s*\d/],
    ['messages', /(?<!\\)"messages"\s*:\s*\[/],
  ],
  reader: () => {
    const seen = new SeenKeys();
    return (root, where, sink) => readThread(root, where, sink, seen);
  },
};
