import type {TokenBuckets} from '../../core/tokens.js';
import {minus} from './numbers.js';

/** One Gemini-API usage report, by the names Gemini CLI's TokensSummary gives its fields. */
export interface GeminiCounts {
  prompt: number;
  candidates: number;
  cached: number;
  thoughts: number;
  tool: number;
  total: number | undefined;
}

/**
 * Gemini-API usage to disjoint buckets (usage-formats §7a, §8.2). The prompt count includes the cached
 * tokens (taken out once); tool-use prompt tokens are billed as input. Thoughts are billed as output:
 * Gemini reports them beside the candidates, but OpenAI-compatible backends (Qwen Code's) put them
 * inside; the total says which, and when it says neither they are taken as separate. No cache writes
 * are reported.
 */
/** `names`: how the file calls the prompt and cached fields, for the message of a broken row. */
export function geminiBuckets(c: GeminiCounts, names: {prompt: string; cached: string}): TokenBuckets {
  const inside = c.thoughts > 0 && c.total !== undefined && c.total === c.prompt + c.candidates + c.tool;
  return {
    input: minus(c.prompt, c.cached, names.prompt, names.cached) + c.tool,
    cacheRead: c.cached,
    cacheWrite5m: 0,
    cacheWrite1h: 0,
    output: c.candidates + (inside ? 0 : c.thoughts),
  };
}
