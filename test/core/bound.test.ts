import {describe, expect, it} from 'vitest';
import {lessThan, reaches, Unpriced} from '../../src/core/bound.js';
import {Money} from '../../src/core/money.js';

const w = (lo: number | null, hi: number | null = lo) => ({
  lo: lo === null ? null : new Money(lo),
  hi: hi === null ? null : new Money(hi),
});
const cost = (key: string, tokens: number) => Unpriced.of(key, tokens, w(1));

describe('bounds from prices nobody listed', () => {
  it('a cost is a lower bound, a margin that pays it an upper one, and revenue less cost is not known', () => {
    const revenue = cost('sonnet/cacheRead', 100);
    const provider = cost('sonnet/output', 100);
    expect(provider.bound).toBe('at-least');
    expect(Unpriced.NONE.minus(provider).bound).toBe('at-most');
    expect(revenue.minus(provider).bound).toBe('not-known');
    expect(Unpriced.NONE.bound).toBe('exact');
  });

  it('the same unpriced rate on both sides nets out by its weights', () => {
    // A 20% markup on 100 tokens against their cost: the margin's unknown part is 0.2 times it, ≥.
    const charged = Unpriced.of('sonnet/cacheRead', 100, w(1.2));
    const paid = cost('sonnet/cacheRead', 100);
    expect(charged.minus(paid).bound).toBe('at-least');
    // At no markup it cancels exactly, and a user counted twice changes no sign.
    expect(Unpriced.of('sonnet/cacheRead', 100, w(1)).minus(paid.times(1)).bound).toBe('exact');
    expect(charged.minus(paid).times(2.5).bound).toBe('at-least');
    // A fee somewhere between 0 and 5% on the other side: 1.2 − [1, 1.05] stays ≥ 0.
    expect(charged.minus(Unpriced.of('sonnet/cacheRead', 100, w(1, 1.05))).bound).toBe('at-least');
    // An unlimited weight leaves the sign open.
    expect(charged.minus(Unpriced.of('sonnet/cacheRead', 100, w(0, null))).bound).toBe('not-known');
    expect(Unpriced.ANY.plus(charged).bound).toBe('not-known');
  });

  it('a threshold is known reached only where the bound leans the right way', () => {
    const ten = new Money(10);
    const atLeast = cost('k', 1);
    const atMost = Unpriced.NONE.minus(atLeast);
    expect(reaches(new Money(12), Unpriced.NONE, ten)).toBe(true);
    expect(reaches(new Money(8), Unpriced.NONE, ten)).toBe(false);
    expect(reaches(new Money(12), atLeast, ten)).toBe(true);
    expect(reaches(new Money(8), atLeast, ten)).toBeUndefined();
    expect(reaches(new Money(8), atMost, ten)).toBe(false);
    expect(reaches(new Money(12), atMost, ten)).toBeUndefined();
    expect(reaches(new Money(12), Unpriced.ANY, ten)).toBeUndefined();
  });
});

describe('lessThan', () => {
  const bill = (usd: string, complete: boolean) => ({usd: new Money(usd), complete});
  it('tells only where lower bounds settle it', () => {
    expect(lessThan(bill('1', true), bill('2', true))).toBe(true);
    expect(lessThan(bill('2', true), bill('1', true))).toBe(false);
    // An exact bill under the other's priced part is under the true figure too.
    expect(lessThan(bill('1', true), bill('2', false))).toBe(true);
    // At or over an exact bill, a lower bound stays over it.
    expect(lessThan(bill('2', false), bill('1', true))).toBe(false);
    expect(lessThan(bill('1', false), bill('2', true))).toBeUndefined();
    expect(lessThan(bill('2', true), bill('1', false))).toBeUndefined();
    expect(lessThan(bill('1', false), bill('2', false))).toBeUndefined();
  });
});
