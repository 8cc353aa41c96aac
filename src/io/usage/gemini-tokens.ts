import type {UsageRecord} from '../../core/history/usage-record.js';
import type {TokenBuckets} from '../../core/tokens.js';
import type {Obj} from './json.js';
import {countFromJson, minus, RowProblem, utcInstant} from './numbers.js';

/** How a file names the fields of one Gemini-API usage report (Gemini CLI's TokensSummary, the API's usageMetadata). */
export interface GeminiFields {
  prompt: string;
  candidates: string;
  cached: string;
  thoughts: string;
  tool: string;
  total: string;
}

/**
 * Gemini-API usage to disjoint buckets (usage-formats §7a, §8.2). The prompt count includes the cached
 * tokens (taken out once); tool-use prompt tokens are billed as input. Thoughts are billed as output:
 * Gemini reports them beside the candidates, but OpenAI-compatible backends (Qwen Code's) put them
 * inside; the total says which, and when it says neither they are taken as separate. No cache writes
 * are reported. A count left out is zero: the API omits zero fields. `object` names `usage` in the
 * message of a broken row.
 */
export function geminiBuckets(usage: Obj, object: string, fields: GeminiFields): TokenBuckets {
  const count = (field: string) => countFromJson(usage[field], `${object}.${field}`);
  const prompt = count(fields.prompt) ?? 0;
  const candidates = count(fields.candidates) ?? 0;
  const cached = count(fields.cached) ?? 0;
  const thoughts = count(fields.thoughts) ?? 0;
  const tool = count(fields.tool) ?? 0;
  const total = count(fields.total);
  const inside = thoughts > 0 && total !== undefined && total === prompt + candidates + tool;
  return {
    input: minus(prompt, cached, `${object}.${fields.prompt}`, `${object}.${fields.cached}`) + tool,
    cacheRead: cached,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    output: candidates + (inside ? 0 : thoughts),
  };
}

/**
 * One Gemini-API response as a usage record (Gemini CLI's messages, and Qwen Code's, a fork of it):
 * the message's timestamp and model, `usage`'s buckets, and the session as the task.
 */
export function geminiRecord(
  at: {readonly source: string; readonly file: string; readonly line: number},
  message: Obj,
  usage: {readonly counts: Obj; readonly object: string; readonly fields: GeminiFields},
  session: string | undefined,
): UsageRecord {
  if (typeof message['timestamp'] !== 'string') throw new RowProblem('timestamp is missing');
  const record: {-readonly [K in keyof UsageRecord]: UsageRecord[K]} = {
    source: at.source,
    file: at.file,
    line: at.line,
    granularity: 'request',
    start: utcInstant(message['timestamp'], 'timestamp'),
    modelRaw: typeof message['model'] === 'string' ? message['model'] : '',
    requests: 1,
    tokens: geminiBuckets(usage.counts, usage.object, usage.fields),
    tokensKnown: 'all',
  };
  if (session !== undefined) record.taskId = session;
  return record;
}
