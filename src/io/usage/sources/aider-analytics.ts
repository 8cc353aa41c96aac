import {linesWith, type Input, type Progress} from '../input.js';
import {isObj} from '../json.js';
import {countFromJson, required, RowProblem, unixInstant, usdFromJson} from '../numbers.js';
import {SeenKeys} from '../seen-keys.js';
import type {FileSink} from '../sink.js';
import type {JsonlSource} from './source.js';

const ID = 'aider.analytics';

/**
 * Aider's analytics log, written where `--analytics-log FILE` says (opt-in; Aider-AI/aider
 * aider/analytics.py writes `{event, properties, user_id, time}` lines, aider/coders/base_coder.py
 * sends `message_send` after each model call). `prompt_tokens` includes any cached tokens, which
 * the log does not split out: the rows are imported without a cache split. `cost` is that call's
 * cost as Aider computed it (the reported amount); `total_cost` is the session's running sum and is
 * not added. Aider writes a model it does not know as `…/REDACTED`: listed as unknown. The same line
 * twice (a log copied into another) counts once. `.aider.chat.history.md` is not read: its
 * "Tokens: 2.3k sent" are rounded.
 */
async function readAider(input: Input, sink: FileSink, seen: SeenKeys, progress: Progress): Promise<void> {
  for await (const lines of linesWith(input, progress, '"message_send"'))
    for (const [text, n] of lines) {
      let entry: unknown;
      try {
        entry = JSON.parse(text);
      } catch (error) {
        sink.row();
        sink.reject(n, `not valid JSON (${(error as Error).message})`);
        continue;
      }
      if (!isObj(entry) || entry['event'] !== 'message_send') continue;
      const event = entry;
      sink.row();
      sink.settle(n, () => {
        const p = isObj(event['properties']) ? event['properties'] : undefined;
        if (p === undefined) throw new RowProblem('message_send has no properties');
        if (p['prompt_tokens'] === undefined && p['completion_tokens'] === undefined) return sink.skip();
        const key = text.trim();
        if (seen.has(key)) return sink.duplicate();
        const time = event['time'];
        if (typeof time !== 'number' && typeof time !== 'string') throw new RowProblem('time is missing');
        const usd = usdFromJson(p['cost'], 'properties.cost');
        sink.emit({
          source: ID,
          file: sink.file,
          line: n,
          granularity: 'request',
          start: unixInstant(time, 'time'),
          modelRaw: typeof p['main_model'] === 'string' ? p['main_model'] : '',
          requests: 1,
          // Aider sends both counts with every call: one alone is a damaged line, not a call of zero tokens.
          tokens: {
            input: required(
              countFromJson(p['prompt_tokens'], 'properties.prompt_tokens'),
              'properties.prompt_tokens',
            ),
            cacheRead: 0,
            cacheWrite5m: 0,
            cacheWrite1h: 0,
            output: required(
              countFromJson(p['completion_tokens'], 'properties.completion_tokens'),
              'properties.completion_tokens',
            ),
          },
          tokensKnown: 'no-cache-split',
          ...(usd === undefined || Number(usd) === 0
            ? {}
            : {reportedUsd: usd, reportedKind: 'estimate' as const}),
        });
        seen.add(key);
      });
    }
}

export const aiderAnalytics: JsonlSource<typeof ID> = {
  id: ID,
  container: 'jsonl',
  markers: [
    ['event', /(?<!\\)"event"\s*:\s*"/],
    ['properties', /(?<!\\)"properties"\s*:\s*\{/],
    ['user_id', /(?<!\\)"user_id"\s*:/],
  ],
  reader: () => {
    const seen = new SeenKeys();
    return (input, sink, progress) => readAider(input, sink, seen, progress);
  },
};
