import {describe, expect, it} from 'vitest';
import {Money} from '../../src/core/money.js';
import {comparedWith} from '../../src/output/subscription-render.js';

const bill = (usd: string, complete = true) => ({usd: new Money(usd), complete});
const say = (a: ReturnType<typeof bill>, b: ReturnType<typeof bill>) =>
  comparedWith(a, b, 'your key', ' a month');

describe('a setup against the base, in words', () => {
  it('states the difference when both bills are whole', () => {
    expect(say(bill('80'), bill('100'))).toBe('$20.00 a month less than your key');
    expect(say(bill('120'), bill('100'))).toBe('$20.00 a month more than your key');
  });

  it('states the difference of the bills as shown, which adds up for the reader', () => {
    // $8.883 and $15.1254 show as $8.88 and $15.13: $6.25 apart, not the $6.24 of their exact gap.
    expect(say(bill('8.883'), bill('15.1254'))).toBe('$6.25 a month less than your key');
  });

  it('says "at least" only the way a lower bound still bounds it', () => {
    // ≥$120 against $100 is at least $20 more; $80 against ≥$100 at least $20 less.
    expect(say(bill('120', false), bill('100'))).toBe('at least $20.00 a month more than your key');
    expect(say(bill('80'), bill('100', false))).toBe('at least $20.00 a month less than your key');
  });

  it('claims no direction a lower bound could overturn', () => {
    for (const [a, b] of [
      [bill('80', false), bill('100')],
      [bill('120'), bill('100', false)],
      [bill('100', false), bill('100')],
      [bill('120', false), bill('100', false)],
      [bill('80', false), bill('100', false)],
    ] as const)
      expect(say(a, b)).toMatch(/^not known to cost more or less than your key: a price is missing/);
  });
});
