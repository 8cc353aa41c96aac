import type {UsageRecord} from '../../../core/history/usage-record.js';
import {geminiRecord, type GeminiFields} from '../gemini-tokens.js';
import {lines, type Input, type Progress} from '../input.js';
import {isObj, type Obj} from '../json.js';
import {RowProblem} from '../numbers.js';
import {SeenKeys} from '../seen-keys.js';
import type {FileSink} from '../sink.js';
import type {JsonlSource, JsonSource} from './source.js';

const JSONL = 'gemini-cli.jsonl';
const JSON_ID = 'gemini-cli.json';
const FIELDS: GeminiFields = {
  prompt: 'input',
  candidates: 'output',
  cached: 'cached',
  thoughts: 'thoughts',
  tool: 'tool',
  total: 'total',
};

/**
 * Gemini CLI chat recordings (usage-formats §7a; google-gemini/gemini-cli
 * packages/core/src/services/chatRecordingService.ts). A model message is re-appended each time it
 * changes (more tool calls, final tokens): the last copy of an id is kept, the earlier ones are
 * duplicates. A `$rewindTo` hides messages from the conversation, not from the bill: they stay.
 */
function toRecord(source: string, message: Obj, file: string, line: number, session?: string): UsageRecord {
  const tokens = message['tokens'];
  if (!isObj(tokens)) throw new RowProblem('a gemini message without tokens');
  return geminiRecord(
    {source, file, line},
    message,
    {counts: tokens, object: 'tokens', fields: FIELDS},
    session,
  );
}

/** Keeps the last copy of each message id of one file, then emits them in file order. */
class LastCopy {
  private readonly kept = new Map<string, UsageRecord>();
  private readonly sink: FileSink;
  private readonly seen: SeenKeys;
  constructor(sink: FileSink, seen: SeenKeys) {
    this.sink = sink;
    this.seen = seen;
  }

  offer(message: Obj, line: number, map: () => UsageRecord): void {
    this.sink.row();
    this.sink.settle(line, () => {
      // A model turn that errored or was cancelled before any usage came back: nothing was billed.
      if (message['tokens'] === undefined || message['tokens'] === null) return this.sink.skip();
      const record = map();
      const key = typeof message['id'] === 'string' ? message['id'] : `#${line}`;
      if (this.seen.has(key)) return this.sink.duplicate();
      if (this.kept.has(key)) this.sink.duplicate();
      this.kept.delete(key);
      this.kept.set(key, record);
    });
  }

  flush(): void {
    const records = [...this.kept.entries()].sort((a, b) => a[1].line - b[1].line);
    for (const [key, record] of records) {
      this.sink.emit(record);
      this.seen.add(key);
    }
  }
}

async function readJsonl(input: Input, sink: FileSink, seen: SeenKeys, progress: Progress): Promise<void> {
  const kept = new LastCopy(sink, seen);
  let session: string | undefined;
  for await (const batch of lines(input, progress))
    for (const [text, n] of batch) {
      const gemini = /"type"\s*:\s*"gemini"/.test(text);
      if (!gemini && (session !== undefined || !text.includes('"sessionId"'))) continue;
      let entry: unknown;
      try {
        entry = JSON.parse(text);
      } catch (error) {
        if (!gemini) continue;
        sink.row();
        sink.reject(n, `not valid JSON (${(error as Error).message})`);
        continue;
      }
      if (!isObj(entry)) continue;
      if (session === undefined && typeof entry['sessionId'] === 'string') session = entry['sessionId'];
      if (entry['type'] !== 'gemini') continue;
      const message: Obj = entry;
      kept.offer(message, n, () => toRecord(JSONL, message, sink.file, n, session));
    }
  kept.flush();
}

function readLegacy(root: unknown, where: WeakMap<object, number>, sink: FileSink, seen: SeenKeys): void {
  if (!isObj(root) || !Array.isArray(root['messages'])) return;
  const session = typeof root['sessionId'] === 'string' ? root['sessionId'] : undefined;
  const kept = new LastCopy(sink, seen);
  for (const message of root['messages']) {
    if (!isObj(message) || message['type'] !== 'gemini') continue;
    const line = where.get(message) ?? 0;
    kept.offer(message, line, () => toRecord(JSON_ID, message, sink.file, line, session));
  }
  kept.flush();
}

const MARKERS = [
  ['sessionId', /(?<!\\)"sessionId"\s*:/],
  ['projectHash', /(?<!\\)"projectHash"\s*:/],
] as const;

/** A resumed legacy session is rewritten as JSONL with the same message ids: both files share one memory. */
const shared = new WeakMap<object, SeenKeys>();
const seenOf = (context: object) => {
  const seen = shared.get(context) ?? new SeenKeys();
  shared.set(context, seen);
  return seen;
};

export const geminiCliJsonl: JsonlSource<typeof JSONL> = {
  id: JSONL,
  container: 'jsonl',
  markers: MARKERS,
  reader: (context) => {
    const seen = seenOf(context);
    return (input, sink, progress) => readJsonl(input, sink, seen, progress);
  },
};

export const geminiCliJson: JsonSource<typeof JSON_ID> = {
  id: JSON_ID,
  container: 'json',
  markers: [...MARKERS, ['messages', /(?<!\\)"messages"\s*:\s*\[/]],
  reader: (context) => {
    const seen = seenOf(context);
    return (root, where, sink) => readLegacy(root, where, sink, seen);
  },
};
