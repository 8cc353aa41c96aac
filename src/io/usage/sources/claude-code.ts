import type {UsageRecord} from '../../../core/history/usage-record.js';
import type {Input, Progress} from '../input.js';
import {countFromJson, RowProblem, usdFromJson, utcInstant} from '../numbers.js';
import {isObj, jsonLinesWith, type Obj} from '../json.js';
import {SeenKeys} from '../seen-keys.js';
import type {FileSink} from '../sink.js';
import type {LinePool} from '../line-pool.js';
import type {JsonlSource} from './source.js';

const ID = 'claude-code.jsonl';
// Every line with a "usage" key holds this; without the opening quote the search over the whole
// tree runs a third faster (Node's search is slowed by a needle that starts with so common a byte).
const MARKER = 'usage"';
/** Every field readClaudeCode and toRecord read: a worker hands on these alone (line-pool.ts). */
const FIELDS = {
  timestamp: true,
  sessionId: true,
  cwd: true,
  requestId: true,
  isSidechain: true,
  costUSD: true,
  message: {model: true, id: true, usage: true},
} as const;

interface Kept {
  record: UsageRecord;
  total: number;
  sidechain: boolean;
}

/**
 * Claude Code session logs (§4a), a file or a whole ~/.claude/projects tree. One API response is written once per content block, the early
 * copies with partial output, so copies are grouped by message.id + requestId and the fullest kept
 * (ties: the later line). A sidechain copy never replaces a main-line one. Only lines mentioning
 * "usage" are decoded and parsed: the rest (prompts, tool output, hooks) are most of the bytes.
 */
async function readClaudeCode(
  input: Input,
  sink: FileSink,
  seen: SeenKeys,
  progress: Progress,
  pool: LinePool | undefined,
): Promise<void> {
  const kept = new Map<string, Kept>();
  for await (const batch of jsonLinesWith(input, progress, MARKER, sink, pool, FIELDS))
    for (const [entry, n] of batch) {
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
  // The folder Claude Code ran in is the project, as `vibe-cost sql --source claude-code` groups it.
  const project = typeof line['cwd'] === 'string' && line['cwd'] !== '' ? line['cwd'] : undefined;
  const tier =
    typeof usage['service_tier'] === 'string' && usage['service_tier'] !== ''
      ? usage['service_tier']
      : undefined;
  const tools = isObj(usage['server_tool_use']) ? usage['server_tool_use'] : undefined;
  const record: {-readonly [K in keyof UsageRecord]: UsageRecord[K]} = {
    source: ID,
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
  };
  // Set, not spread in: a line is one record, and a tree has millions.
  if (usd !== undefined) {
    record.reportedUsd = usd;
    record.reportedKind = 'estimate';
  }
  if (session !== undefined) record.taskId = session;
  if (project !== undefined) record.dimensions = {project};
  if (usage['speed'] === 'fast') record.speed = 'fast';
  if (tier !== undefined) record.serviceTier = tier;
  const web =
    tools && countFromJson(tools['web_search_requests'], 'message.usage.server_tool_use.web_search_requests');
  if (web) record.webSearches = web;
  return record;
}

export const claudeCode: JsonlSource<typeof ID> = {
  id: ID,
  container: 'jsonl',
  markers: [
    ['sessionId, or a summary line', /"sessionId"\s*:|"type"\s*:\s*"(summary|file-history-snapshot)"/],
    ['parentUuid|requestId|isSidechain', /"(parentUuid|requestId|isSidechain|leafUuid)"\s*:/],
  ],
  lines: {marker: MARKER, fields: FIELDS},
  reader: (context) => {
    const seen = new SeenKeys();
    return (input, sink, progress) => readClaudeCode(input, sink, seen, progress, context.lines);
  },
};
