import {costOfTokens, ZERO, type Money} from '../money.js';
import type {LongContextTier, ModelPrice, Rates} from './model-price.js';
import {BUCKETS, NO_TOKENS, promptTokens, type Bucket, type TokenBuckets} from '../tokens.js';

export type Tier = 'base' | 'long';

/** Tiers in rising order as one chain, each pointing to the next step up. */
export function chainTiers(steps: readonly LongContextTier[]): LongContextTier | undefined {
  return steps.reduceRight<LongContextTier | undefined>(
    (next, step) => ({...step, ...(next ? {next} : {})}),
    undefined,
  );
}

/** A long-context tier and the steps above it, lowest first. */
export function tierSteps(tier: LongContextTier | undefined): LongContextTier[] {
  const all: LongContextTier[] = [];
  for (let t = tier; t; t = t.next) all.push(t);
  return all;
}

/** The model with its `step`-th long-context step (0: the first) as its long tier. */
export function stepAt(model: ModelPrice, step: number): ModelPrice {
  let tier = model.longContext;
  for (let i = 0; i < step && tier?.next; i++) tier = tier.next;
  return step === 0 || !tier ? model : {...model, longContext: tier};
}

/**
 * For prices in several prompt-size steps: the step a request of `prompt` tokens falls in, as the
 * index stepAt takes. The highest step whose threshold the prompt passes; 0 when it passes none
 * above the first.
 */
export function stepFor(model: ModelPrice, prompt: number): number {
  let step = 0;
  for (let tier = model.longContext?.next, i = 1; tier; tier = tier.next, i++)
    if (prompt > tier.thresholdTokens) step = i;
  return step;
}

export interface TierSplit {
  readonly base: TokenBuckets;
  readonly long: TokenBuckets;
}

/**
 * Splits a task's tokens between the base and long-context tiers. Thresholds apply per request,
 * so the task's prompt is spread evenly over its requests. A whole-request tier re-prices every
 * token of a request past the threshold; otherwise only the prompt tokens past it are dearer
 * (taken from uncached input first, then cache writes, then cache reads).
 */
export function splitByTier(model: ModelPrice, tokens: TokenBuckets, requests: number): TierSplit {
  const tier = model.longContext;
  const prompt = promptTokens(tokens);
  if (!tier || prompt <= tier.thresholdTokens * requests) return {base: tokens, long: NO_TOKENS};
  if (tier.wholeRequest) return {base: NO_TOKENS, long: tokens};
  let excess = prompt - tier.thresholdTokens * requests;
  const base = {...tokens};
  const long = {...NO_TOKENS};
  for (const bucket of ['input', 'cacheWrite5m', 'cacheWrite1h', 'cacheRead'] as const) {
    const moved = Math.min(excess, base[bucket]);
    base[bucket] -= moved;
    long[bucket] = moved;
    excess -= moved;
  }
  return {base, long};
}

/**
 * The largest prompt one request of the model can carry. A sheet that prices a long-context tier
 * starting at or past its maxInputTokens (LiteLLM's 200,000 for Claude Sonnet 4.5, whose 1M window
 * bills above 200k) states the standard window, not the limit: no limit is known then.
 */
export function inputLimit(model: ModelPrice): number {
  const max = model.maxInputTokens;
  if (max === undefined || (model.longContext && model.longContext.thresholdTokens >= max)) return Infinity;
  return max;
}

export interface Priced {
  readonly usd: Money;
  /** Buckets that had tokens but no price: the amount is then a lower bound. */
  readonly missing: readonly Bucket[];
}

export function ratesFor(model: ModelPrice, tier: Tier): Rates {
  return tier === 'long' && model.longContext ? model.longContext.rates : model.rates;
}

/** List-price cost of tokens at one tier. Exact; an unpriced bucket is reported, not costed at $0. */
export function listCost(model: ModelPrice, tier: Tier, tokens: TokenBuckets): Priced {
  const rates = ratesFor(model, tier);
  let usd = ZERO;
  const missing: Bucket[] = [];
  for (const bucket of BUCKETS) {
    const count = tokens[bucket];
    if (count === 0) continue;
    const rate = rates[bucket];
    if (rate) usd = usd.add(costOfTokens(rate, count));
    else missing.push(bucket);
  }
  return {usd, missing};
}

/** List-price cost of one task, both tiers. */
export function taskListCost(model: ModelPrice, tokens: TokenBuckets, requests: number): Priced {
  const split = splitByTier(model, tokens, requests);
  const base = listCost(model, 'base', split.base);
  const long = listCost(model, 'long', split.long);
  return {usd: base.usd.add(long.usd), missing: [...new Set([...base.missing, ...long.missing])]};
}
