import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {displayUsd, Money, shownGap} from '../../src/core/money.js';
import {cents} from '../helpers.js';

describe('a gap between two amounts as shown', () => {
  it('is the difference of the two amounts as displayUsd prints them', () => {
    const amount = fc
      .tuple(fc.integer({min: -10_000_000, max: 10_000_000}), fc.integer({min: 0, max: 9999}))
      .map(([whole, frac]) => new Money(`${whole}.${String(frac).padStart(4, '0')}`));
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        expect(cents(displayUsd(shownGap(a, b)))).toBe(cents(displayUsd(a)) - cents(displayUsd(b)));
      }),
    );
  });

  it('differs from the exact gap where the reader would see it not add up', () => {
    expect(displayUsd(new Money('15.1254').sub('8.883'))).toBe('$6.24');
    expect(displayUsd(shownGap(new Money('15.1254'), new Money('8.883')))).toBe('$6.25');
  });
});
