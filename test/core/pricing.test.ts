import {describe, expect, it} from 'vitest';
import {listCost, splitByTier, taskListCost} from '../../src/core/pricing/context-tiers.js';
import {SONNET, tokens} from '../helpers.js';

describe('list price of a task, by hand', () => {
  it('prices each bucket at its own rate', () => {
    // 10k×3 + 270k×0.3 + 20k×3.75 + 8k×15, per million: 0.03 + 0.081 + 0.075 + 0.12
    const cost = taskListCost(
      SONNET,
      tokens({input: 10_000, cacheRead: 270_000, cacheWrite5m: 20_000, output: 8_000}),
      12,
    );
    expect(cost.usd.toFixed()).toBe('0.306');
    expect(cost.missing).toEqual([]);
  });

  it('prices a 1-hour cache write at its own price, not the 5-minute one', () => {
    expect(taskListCost(SONNET, tokens({cacheWrite5m: 100_000}), 1).usd.toFixed()).toBe('0.375');
    expect(taskListCost(SONNET, tokens({cacheWrite1h: 100_000}), 1).usd.toFixed()).toBe('0.6');
  });

  it('re-prices the whole request once its prompt passes 200k', () => {
    const at = tokens({input: 200_000, output: 1_000});
    expect(taskListCost(SONNET, at, 1).usd.toFixed()).toBe('0.615'); // 0.6 + 0.015: at the threshold, base
    const past = tokens({input: 200_001, output: 1_000});
    // 200,001 × 6 / 1e6 + 1,000 × 22.5 / 1e6
    expect(taskListCost(SONNET, past, 1).usd.toFixed()).toBe('1.222506');
  });

  it('applies the threshold per request, not per task', () => {
    // 1.5M prompt tokens over 10 requests is 150k a request: every request stays on the base tier.
    const task = tokens({cacheRead: 1_400_000, input: 100_000, output: 20_000});
    expect(splitByTier(SONNET, task, 10).long).toEqual(tokens({}));
    expect(splitByTier(SONNET, task, 5).base).toEqual(tokens({}));
  });

  it('prices only the excess when the tier is not whole-request', () => {
    const partial = {...SONNET, longContext: {...SONNET.longContext!, wholeRequest: false}};
    const split = splitByTier(partial, tokens({input: 50_000, cacheRead: 200_000, output: 10}), 1);
    expect(split.long).toEqual(tokens({input: 50_000}));
    expect(split.base).toEqual(tokens({cacheRead: 200_000, output: 10}));
  });

  it('reports an unpriced bucket instead of costing it at $0', () => {
    const noCache = {...SONNET, rates: {input: SONNET.rates.input!, output: SONNET.rates.output!}};
    const cost = listCost(noCache, 'base', tokens({input: 1_000_000, cacheRead: 5}));
    expect(cost.usd.toFixed()).toBe('3');
    expect(cost.missing).toEqual(['cacheRead']);
  });
});
