import {describe, expect, it} from 'vitest';
import {taskListCost} from '../../src/core/pricing/context-tiers.js';
import type {ModelPrice, Rates} from '../../src/core/pricing/model-price.js';
import {Random} from '../../src/core/simulation/random.js';
import {BUCKETS, promptTokens, type TokenBuckets} from '../../src/core/tokens.js';
import {loadPriceBook} from '../../src/io/load-data.js';

/**
 * An independent check of the money arithmetic: the same costs in integer pico-dollars with BigInt.
 * A price in USD per million tokens with up to 6 decimals is a whole number of micro-dollars per
 * million tokens, i.e. of pico-dollars per token.
 */
function picoPerToken(rate: Rates[keyof Rates]): bigint {
  const [whole, fraction = ''] = (rate as NonNullable<typeof rate>).toFixed().split('.');
  if (fraction.length > 6) throw new Error(`a price with more than 6 decimals: ${rate?.toFixed()}`);
  return BigInt(whole as string) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
}

function bigintCost(model: ModelPrice, tokens: TokenBuckets, requests: number): bigint | undefined {
  const tier =
    model.longContext &&
    promptTokens(tokens) > model.longContext.thresholdTokens * requests &&
    model.longContext.wholeRequest
      ? model.longContext.rates
      : model.rates;
  let total = 0n;
  for (const bucket of BUCKETS) {
    if (tokens[bucket] === 0) continue;
    const rate = tier[bucket];
    if (!rate) return undefined;
    total += BigInt(tokens[bucket]) * picoPerToken(rate);
  }
  return total;
}

describe('exact money', () => {
  it('100,000 random usages on every bundled model: decimal.js and integer pico-dollars agree to the last digit', () => {
    const models = loadPriceBook([], {cache: false}).models.filter(
      (m) => !m.longContext || m.longContext.wholeRequest,
    );
    const random = new Random(2026);
    const count = (max: number) => Math.floor(random.uniform() * max);
    let compared = 0;
    for (let i = 0; i < 100_000; i++) {
      const model = models[i % models.length] as ModelPrice;
      const tokens = {
        input: count(3e6),
        cacheRead: count(5e7),
        cacheWrite5m: count(2e6),
        cacheWrite1h: model.rates.cacheWrite1h ? count(1e6) : 0,
        output: count(3e5),
      };
      const requests = 1 + count(60);
      const exact = bigintCost(model, tokens, requests);
      const decimal = taskListCost(model, tokens, requests);
      if (exact === undefined) {
        expect(decimal.missing.length).toBeGreaterThan(0);
        continue;
      }
      compared++;
      expect(decimal.usd.mul(1e12).toFixed()).toBe(exact.toString());
    }
    expect(compared).toBeGreaterThan(75_000);
  });
});
