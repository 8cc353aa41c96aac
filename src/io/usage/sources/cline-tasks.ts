import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {isObj, type Obj} from '../json.js';
import {countFromJson, msInstant, RowProblem, usdFromJson} from '../numbers.js';
import {SeenKeys} from '../seen-keys.js';
import type {FileSink} from '../sink.js';
import type {JsonSource} from './source.js';

const ID = 'cline.ui-messages';

/** One assistant turn of the task's conversation: the model that answered, and when. */
interface Answer {
  ts: number | undefined;
  model: string;
}

/**
 * The models of a task, from the `api_conversation_history.json` beside its `ui_messages.json`
 * (Cline writes `modelInfo.modelId` on each assistant message). None when the file is missing or
 * holds no model (Roo Code and Kilo Code do not write one): the rows are then of an unknown model.
 */
function answersBeside(file: string): Answer[] {
  let history: unknown;
  try {
    history = JSON.parse(readFileSync(join(dirname(file), 'api_conversation_history.json'), 'utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(history)) return [];
  return history.flatMap((m): Answer[] => {
    if (!isObj(m) || m['role'] !== 'assistant' || !isObj(m['modelInfo'])) return [];
    const model = m['modelInfo']['modelId'];
    if (typeof model !== 'string' || model === '') return [];
    return [{ts: typeof m['ts'] === 'number' ? m['ts'] : undefined, model}];
  });
}

/** The answer to a request sent at `ts`: the first one after it, else the last one known. */
function modelAt(answers: Answer[], ts: number): string {
  return answers.find((a) => a.ts !== undefined && a.ts >= ts)?.model ?? answers.at(-1)?.model ?? '';
}

/**
 * Cline, Roo Code and Kilo Code task logs: `<editor globalStorage>/<extension id>/tasks/<task>/ui_messages.json`
 * (cline/cline src/shared/getApiMetrics.ts sums the same fields). Each `say: "api_req_started"`
 * message holds one request as JSON text: `tokensIn` (uncached input), `tokensOut`, `cacheWrites`,
 * `cacheReads`, and `cost`, the extension's own figure (the provider's bill where it reports one): the
 * reported amount. A request cancelled before any usage came back has no counts: skipped.
 */
function readTask(root: unknown, where: WeakMap<object, number>, sink: FileSink, seen: SeenKeys): void {
  if (!Array.isArray(root)) return;
  let answers: Answer[] | undefined;
  for (const message of root) {
    if (!isObj(message) || message['say'] !== 'api_req_started') continue;
    const line = where.get(message) ?? 0;
    sink.row();
    sink.settle(line, () => {
      const start = msInstant(message['ts'], 'ts');
      const ts = message['ts'] as number;
      const request = requestOf(message);
      if (request['tokensIn'] === undefined && request['tokensOut'] === undefined) return sink.skip();
      const n = (field: string) => countFromJson(request[field], field) ?? 0;
      const tokens = {
        input: n('tokensIn'),
        cacheRead: n('cacheReads'),
        cacheWrite5m: n('cacheWrites'),
        cacheWrite1h: 0,
        output: n('tokensOut'),
      };
      const key = `${ts}/${Object.values(tokens).join('/')}`;
      if (seen.has(key)) return sink.duplicate();
      const usd = usdFromJson(request['cost'], 'cost');
      answers ??= answersBeside(sink.file);
      const model = typeof request['model'] === 'string' ? request['model'] : modelAt(answers, ts);
      sink.emit({
        source: ID,
        file: sink.file,
        line,
        granularity: 'request',
        start,
        modelRaw: model,
        requests: 1,
        tokens,
        tokensKnown: 'all',
        ...(usd === undefined || Number(usd) === 0
          ? {}
          : {reportedUsd: usd, reportedKind: 'estimate' as const}),
        taskId: dirname(sink.file),
      });
      seen.add(key);
    });
  }
}

function requestOf(message: Obj): Obj {
  if (typeof message['text'] !== 'string') throw new RowProblem('api_req_started has no text');
  let request: unknown;
  try {
    request = JSON.parse(message['text']);
  } catch (error) {
    throw new RowProblem(`api_req_started text is not valid JSON (${(error as Error).message})`);
  }
  if (!isObj(request)) throw new RowProblem('api_req_started text is not an object');
  return request;
}

export const clineTasks: JsonSource<typeof ID> = {
  id: ID,
  container: 'json',
  markers: [
    ['say "api_req_started"', /(?<!\\)"say"\s*:\s*"api_req_started"/],
    ['ts', /(?<!\\)"ts"\s*:\s*\d/],
  ],
  reader: () => {
    const seen = new SeenKeys();
    return (root, where, sink) => readTask(root, where, sink, seen);
  },
};
