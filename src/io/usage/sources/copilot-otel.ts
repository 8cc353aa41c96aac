import type {Input, Progress} from '../input.js';
import {isObj, jsonLinesWith, type Obj} from '../json.js';
import {countFromJson, minus, msInstant, RowProblem, utcInstant} from '../numbers.js';
import {SeenKeys} from '../seen-keys.js';
import type {FileSink} from '../sink.js';
import type {JsonlSource} from './source.js';

const ID = 'copilot.otel';

const USAGE = 'gen_ai.usage.';

/**
 * GitHub Copilot CLI's OpenTelemetry file export (`~/.copilot/otel/*.jsonl`; the attributes are the
 * OTel GenAI semantic conventions, as microsoft/vscode-copilot-chat docs/monitoring/agent_monitoring.md
 * lists them). Usage is written on the `chat` span of each model call and summed again on the
 * `invoke_agent` span above it: only `chat` spans are imported, the others are skipped, and a span
 * written twice (same trace and span id) is a duplicate. `input_tokens` includes the cache reads
 * and writes (taken out once).
 */
async function readOtel(input: Input, sink: FileSink, seen: SeenKeys, progress: Progress): Promise<void> {
  for await (const batch of jsonLinesWith(input, progress, '"gen_ai.usage.', sink))
    for (const [entry, n] of batch) {
      if (!isObj(entry) || !isObj(entry['attributes'])) continue;
      const span: Obj = entry;
      const attributes: Obj = entry['attributes'];
      if (
        attributes[`${USAGE}input_tokens`] === undefined &&
        attributes[`${USAGE}output_tokens`] === undefined
      )
        continue;
      sink.row();
      sink.settle(n, () => {
        const operation = attributes['gen_ai.operation.name'] ?? String(span['name'] ?? '').split(' ')[0];
        if (operation !== 'chat') return sink.skip();
        const trace = idOf(span, 'traceId', 'trace_id');
        const id = idOf(span, 'spanId', 'span_id');
        const key = trace !== undefined && id !== undefined ? `${trace}/${id}` : undefined;
        if (key !== undefined && seen.has(key)) return sink.duplicate();
        const count = (name: string) => countFromJson(attributes[`${USAGE}${name}`], `${USAGE}${name}`) ?? 0;
        const input = count('input_tokens');
        const read = count('cache_read.input_tokens');
        const write = count('cache_creation.input_tokens');
        const model = attributes['gen_ai.response.model'] ?? attributes['gen_ai.request.model'];
        sink.emit({
          source: ID,
          file: sink.file,
          line: n,
          granularity: 'request',
          start: startOf(span),
          modelRaw: typeof model === 'string' ? model : '',
          requests: 1,
          tokens: {
            input: minus(
              minus(input, read, `${USAGE}input_tokens`, `${USAGE}cache_read.input_tokens`),
              write,
              `${USAGE}input_tokens less cache reads`,
              `${USAGE}cache_creation.input_tokens`,
            ),
            cacheRead: read,
            cacheWrite5m: write,
            cacheWrite1h: 0,
            output: count('output_tokens'),
          },
          tokensKnown: 'all',
          ...(typeof attributes['gen_ai.conversation.id'] === 'string'
            ? {taskId: attributes['gen_ai.conversation.id']}
            : trace === undefined
              ? {}
              : {taskId: trace}),
        });
        if (key !== undefined) seen.add(key);
      });
    }
}

function idOf(span: Obj, ...names: string[]): string | undefined {
  for (const name of names) if (typeof span[name] === 'string' && span[name] !== '') return span[name];
  const context = span['spanContext'] ?? span['context'];
  if (isObj(context)) for (const name of names) if (typeof context[name] === 'string') return context[name];
  return undefined;
}

/** OTel writes times as [seconds, nanoseconds] (HrTime), as nanoseconds since the epoch, or as ISO text. */
function startOf(span: Obj): string {
  const time = span['startTime'] ?? span['start_time'] ?? span['startTimeUnixNano'];
  if (Array.isArray(time) && typeof time[0] === 'number' && typeof time[1] === 'number')
    return msInstant(time[0] * 1000 + Math.floor(time[1] / 1e6), 'startTime');
  if (typeof time === 'string' && /^\d{16,}$/.test(time))
    return msInstant(Number(BigInt(time) / 1_000_000n), 'startTime');
  if (typeof time === 'number' && time > 1e17) return msInstant(Math.floor(time / 1e6), 'startTime');
  if (typeof time === 'string') return utcInstant(time, 'startTime');
  throw new RowProblem(`startTime is not a time: ${JSON.stringify(time) ?? 'missing'}`);
}

export const copilotOtel: JsonlSource<typeof ID> = {
  id: ID,
  container: 'jsonl',
  markers: [
    ['gen_ai.usage attributes', /(?<!\\)"gen_ai\.usage\.(input|output)_tokens"\s*:/],
    ['traceId|spanId', /(?<!\\)"(traceId|spanId|trace_id|span_id)"\s*:/],
  ],
  reader: () => {
    const seen = new SeenKeys();
    return (input, sink, progress) => readOtel(input, sink, seen, progress);
  },
};
