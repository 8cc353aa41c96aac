import type {TokenBuckets} from '../../../core/tokens.js';
import {lines, type Input, type Progress} from '../input.js';
import {countFromJson, minus, RowProblem, utcInstant} from '../numbers.js';
import {isObj, type Obj} from '../json.js';
import type {FileSink} from '../sink.js';
import type {JsonlSource} from './source.js';

const ID = 'codex.rollout';

/** Cumulative totals already imported, by file order: a fork or subagent replays its parent's. */
class CodexSeen {
  readonly totals = new Set<string>();
}

interface Totals {
  input: number;
  cached: number;
  write: number;
  output: number;
  reasoning: number;
}

const ZERO: Totals = {input: 0, cached: 0, write: 0, output: 0, reasoning: 0};

function readTotals(u: Obj, at: string): Totals {
  const n = (field: string) => countFromJson(u[field], `${at}.${field}`) ?? 0;
  return {
    input: n('input_tokens'),
    cached: n('cached_input_tokens'),
    write: n('cache_write_input_tokens'),
    output: n('output_tokens'),
    reasoning: n('reasoning_output_tokens'),
  };
}

const keyOf = (t: Totals) => `${t.input}/${t.cached}/${t.write}/${t.output}/${t.reasoning}`;

/**
 * Codex CLI rollouts (§5). token_count events carry the session's running total: each imported
 * record is the step from the previous event. Re-emits (no step) are duplicates; `info: null` is a
 * rate-limit notice (skipped). Forked sessions start by replaying the parent's events: those before
 * the fork's own start time, or whose totals an earlier file already imported, only move the baseline.
 * input_tokens includes the cached tokens (taken out once); output_tokens includes reasoning.
 */
async function readCodex(input: Input, sink: FileSink, seen: CodexSeen, progress: Progress): Promise<void> {
  let session: string | undefined;
  let started: string | undefined;
  let forked = false;
  let model: string | undefined;
  let previous = ZERO;
  let ownEvents = 0;
  const imported: string[] = [];
  for await (const batch of lines(input, progress))
    for (const [text, n] of batch) {
      const kind = text.includes('"token_count"')
        ? 'count'
        : text.includes('"session_meta"')
          ? 'meta'
          : text.includes('"turn_context"')
            ? 'turn'
            : undefined;
      if (kind === undefined) continue;
      let entry: unknown;
      try {
        entry = JSON.parse(text);
      } catch (error) {
        if (kind !== 'count') continue;
        sink.row();
        sink.reject(n, `not valid JSON (${(error as Error).message})`);
        continue;
      }
      if (!isObj(entry) || !isObj(entry['payload'])) continue;
      const payload = entry['payload'];
      if (entry['type'] === 'session_meta') {
        const id = typeof payload['id'] === 'string' ? payload['id'] : undefined;
        if (session === undefined) {
          session = id;
          started =
            typeof payload['timestamp'] === 'string'
              ? payload['timestamp']
              : typeof entry['timestamp'] === 'string'
                ? entry['timestamp']
                : undefined;
          forked = ['forked_from_id', 'forked_from', 'parent_id', 'parent_session_id'].some(
            (f) => payload[f] !== undefined && payload[f] !== null,
          );
        } else if (id !== undefined && id !== session) {
          forked = true; // the parent's session_meta, copied in with its history
        }
        continue;
      }
      if (entry['type'] === 'turn_context') {
        if (typeof payload['model'] === 'string') model = payload['model'];
        continue;
      }
      if (entry['type'] !== 'event_msg' || payload['type'] !== 'token_count') continue;
      sink.row();
      const info = payload['info'];
      if (info === null || info === undefined) {
        sink.skip();
        continue;
      }
      sink.settle(n, () => {
        if (!isObj(info)) throw new RowProblem('payload.info is not an object');
        const time = typeof entry['timestamp'] === 'string' ? entry['timestamp'] : undefined;
        if (time === undefined) throw new RowProblem('timestamp is missing');
        const total = isObj(info['total_token_usage'])
          ? readTotals(info['total_token_usage'], 'info.total_token_usage')
          : undefined;
        let step: Totals;
        if (total === undefined) {
          // Without a running total, last_token_usage is the call itself.
          if (!isObj(info['last_token_usage']))
            throw new RowProblem('info has neither total_token_usage nor last_token_usage');
          step = readTotals(info['last_token_usage'], 'info.last_token_usage');
        } else {
          const key = keyOf(total);
          const replay =
            ownEvents === 0 && ((forked && started !== undefined && time < started) || seen.totals.has(key));
          if (replay || key === keyOf(previous)) {
            previous = total;
            return sink.duplicate();
          }
          const before = previous;
          previous = total;
          step = difference(total, before);
          imported.push(key);
        }
        ownEvents++;
        const infoModel = typeof info['model'] === 'string' ? info['model'] : undefined;
        sink.emit({
          source: ID,
          file: sink.file,
          line: n,
          granularity: 'request',
          start: utcInstant(time, 'timestamp'),
          modelRaw: infoModel ?? model ?? '',
          requests: 1,
          tokens: toBuckets(step),
          tokensKnown: 'all',
          ...(session === undefined ? {} : {taskId: session}),
        });
      });
    }
  for (const key of imported) seen.totals.add(key);
}

function difference(now: Totals, before: Totals): Totals {
  const d = {
    input: now.input - before.input,
    cached: now.cached - before.cached,
    write: now.write - before.write,
    output: now.output - before.output,
    reasoning: now.reasoning - before.reasoning,
  };
  if (Object.values(d).some((v) => v < 0))
    throw new RowProblem(`total_token_usage went down (${keyOf(before)} → ${keyOf(now)})`);
  return d;
}

function toBuckets(t: Totals): TokenBuckets {
  // Reasoning is inside output already. Cache writes follow §8.2 (not taken out of input).
  return {
    input: minus(t.input, t.cached, 'input_tokens', 'cached_input_tokens'),
    cacheRead: t.cached,
    cacheWrite5m: t.write,
    cacheWrite1h: 0,
    output: t.output,
  };
}

export const codexRollout: JsonlSource<typeof ID> = {
  id: ID,
  container: 'jsonl',
  markers: [
    [
      'type session_meta|turn_context|event_msg|response_item',
      /"type"\s*:\s*"(session_meta|turn_context|event_msg|response_item)"/,
    ],
    ['payload', /"payload"\s*:/],
  ],
  reader: () => {
    const seen = new CodexSeen();
    return (input, sink, progress) => readCodex(input, sink, seen, progress);
  },
};
