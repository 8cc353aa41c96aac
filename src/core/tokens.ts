/** Disjoint token buckets: a token is counted in exactly one of them. Integers. */
export interface TokenBuckets {
  /** Uncached input tokens. */
  readonly input: number;
  readonly cacheRead: number;
  readonly cacheWrite5m: number;
  readonly cacheWrite1h: number;
  /** Output tokens, reasoning included. */
  readonly output: number;
}

export const BUCKETS = ['input', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h', 'output'] as const;
export type Bucket = (typeof BUCKETS)[number];

export const NO_TOKENS: TokenBuckets = {input: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0};

export function addTokens(a: TokenBuckets, b: TokenBuckets, times = 1): TokenBuckets {
  return {
    input: a.input + b.input * times,
    cacheRead: a.cacheRead + b.cacheRead * times,
    cacheWrite5m: a.cacheWrite5m + b.cacheWrite5m * times,
    cacheWrite1h: a.cacheWrite1h + b.cacheWrite1h * times,
    output: a.output + b.output * times,
  };
}

/** Tokens the model reads as its prompt: what long-context thresholds are measured against. */
export function promptTokens(t: TokenBuckets): number {
  return t.input + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h;
}

export function totalTokens(t: TokenBuckets): number {
  return promptTokens(t) + t.output;
}
