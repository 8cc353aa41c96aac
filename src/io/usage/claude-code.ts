import type {UsageRecord} from '../../core/history/usage-record.js';
import {lines, type Input, type Progress} from './input.js';
import {countFromJson, RowProblem, searches, usdFromJson, utcInstant} from './numbers.js';
import {isObj, type Obj} from './json.js';
import type {FileSink} from './sink.js';

/**
 * Request keys already imported from earlier files: a resumed session repeats its parent's lines.
 * Kept as 53-bit hashes, not strings: a tree of a million requests holds 8 MB here, not 100.
 */
export class ClaudeSeen {
  private readonly keys = new Set<number>();

  has(key: string): boolean {
    return this.keys.has(hash53(key));
  }

  add(key: string): void {
    this.keys.add(hash53(key));
  }
}

/** cyrb53: a fast 53-bit string hash; a collision among a million keys has odds near 1 in 10^4 billion. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

interface Kept {
  record: UsageRecord;
  total: number;
  sidechain: boolean;
}

/**
 * Claude Code session logs (§4a). One API response is written once per content block, the early
 * copies with partial output, so copies are grouped by message.id + requestId and the fullest kept
 * (ties: the later line). A sidechain copy never replaces a main-line one. Only lines mentioning
 * "usage" are parsed: the rest (prompts, tool output, hooks) are most of the bytes.
 */
export async function readClaudeCode(
  input: Input,
  sink: FileSink,
  seen: ClaudeSeen,
  progress: Progress,
): Promise<void> {
  const kept = new Map<string, Kept>();
  for await (const [text, n] of lines(input, progress)) {
    if (!text.includes('"usage"')) continue;
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch (error) {
      sink.row();
      sink.reject(n, `not valid JSON (${(error as Error).message})`);
      continue;
    }
    if (!isObj(entry) || !isObj(entry['message']) || !isObj(entry['message']['usage'])) continue;
    const line: Obj = entry;
    const message: Obj = entry['message'];
    const usage: Obj = entry['message']['usage'];
    sink.row();
    sink.settle(n, () => {
      const model = typeof message['model'] === 'string' ? message['model'] : '';
      // Claude Code's own placeholder turns (errors, interruptions): zeros by design.
      if (model === '<synthetic>') return sink.skip();
      const record = toRecord(line, usage, model, sink.file, n);
      const tokens = record.tokens!;
      const total =
        tokens.input + tokens.output + tokens.cacheRead + tokens.cacheWrite5m + tokens.cacheWrite1h;
      const id = typeof message['id'] === 'string' ? message['id'] : undefined;
      const request = typeof line['requestId'] === 'string' ? line['requestId'] : undefined;
      // Compatible backends write no requestId: message.id alone is then the key. No id: no grouping.
      const key = id === undefined ? `#${n}` : request === undefined ? id : `${id}\u0000${request}`;
      if (seen.has(key)) return sink.duplicate();
      const sidechain = line['isSidechain'] === true;
      const before = kept.get(key);
      if (before !== undefined) {
        sink.duplicate();
        const better =
          before.sidechain && !sidechain
            ? true
            : !before.sidechain && sidechain
              ? false
              : total >= before.total;
        if (!better) return;
      }
      kept.set(key, {record, total, sidechain});
    });
  }
  // Emitted in the order of the kept lines, once the whole file has been seen.
  const records = [...kept.entries()].sort((a, b) => a[1].record.line - b[1].record.line);
  for (const [key, {record}] of records) {
    sink.emit(record);
    seen.add(key);
  }
}

function toRecord(line: Obj, usage: Obj, model: string, file: string, n: number): UsageRecord {
  const count = (field: string) => countFromJson(usage[field], `message.usage.${field}`) ?? 0;
  const split = isObj(usage['cache_creation']) ? usage['cache_creation'] : undefined;
  const writes = count('cache_creation_input_tokens');
  // Older logs have no TTL split: all writes are priced as 5-minute writes, the cheaper TTL.
  const w5 = split
    ? (countFromJson(
        split['ephemeral_5m_input_tokens'],
        'message.usage.cache_creation.ephemeral_5m_input_tokens',
      ) ?? 0)
    : writes;
  const w1 = split
    ? (countFromJson(
        split['ephemeral_1h_input_tokens'],
        'message.usage.cache_creation.ephemeral_1h_input_tokens',
      ) ?? 0)
    : 0;
  if (typeof line['timestamp'] !== 'string') throw new RowProblem('timestamp is missing');
  const usd = usdFromJson(line['costUSD'], 'costUSD');
  const session = typeof line['sessionId'] === 'string' ? line['sessionId'] : undefined;
  const tier =
    typeof usage['service_tier'] === 'string' && usage['service_tier'] !== ''
      ? usage['service_tier']
      : undefined;
  const tools = isObj(usage['server_tool_use']) ? usage['server_tool_use'] : undefined;
  return {
    source: 'claude-code.jsonl',
    file,
    line: n,
    granularity: 'request',
    start: utcInstant(line['timestamp'], 'timestamp'),
    modelRaw: model,
    requests: 1,
    tokens: {
      input: count('input_tokens'),
      cacheRead: count('cache_read_input_tokens'),
      cacheWrite5m: w5,
      cacheWrite1h: w1,
      output: count('output_tokens'),
    },
    tokensKnown: 'all',
    ...(usd === undefined ? {} : {reportedUsd: usd, reportedKind: 'estimate' as const}),
    ...(session === undefined ? {} : {taskId: session}),
    ...(usage['speed'] === 'fast' ? {speed: 'fast' as const} : {}),
    ...(tier === undefined ? {} : {serviceTier: tier}),
    ...searches(
      tools &&
        countFromJson(tools['web_search_requests'], 'message.usage.server_tool_use.web_search_requests'),
    ),
  };
}
