import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {plainNanos} from '../../../src/core/history/reported.js';
import {plainCount, plainUsd} from '../../../src/io/usage/numbers.js';

/** Amounts as exports write them, and near misses: signs, spaces, commas, several points, long runs. */
const amount = fc.oneof(
  fc.stringMatching(/^[0-9]{1,8}(\.[0-9]{1,11})?$/),
  fc.string({unit: fc.constantFrom('0', '0', '1', '9', '.', '-', ' ', ',', 'e', '$'), maxLength: 34}),
);

describe('plain amounts read by hand', () => {
  // The regular expressions they replace, kept here as the definition.
  const usdByRegex = (text: string): string | undefined => {
    if (text.length >= 32 || !/^\d+(\.\d+)?$/.test(text)) return undefined;
    const [whole = '', fraction = ''] = text.split('.');
    const kept = fraction.replace(/0+$/, '');
    const int = whole.replace(/^0+(?=\d)/, '');
    return kept === '' ? int : `${int}.${kept}`;
  };
  const nanosByRegex = (text: string): number | undefined => {
    const m = /^(\d{1,6})(?:\.(\d{1,9}))?$/.exec(text);
    return m === null ? undefined : Number(m[1]) * 1e9 + Number((m[2] ?? '').padEnd(9, '0'));
  };

  it('write a dollar amount back as the pattern did', () => {
    for (const [text, want] of [
      ['0.0010', '0.001'],
      ['007', '7'],
      ['000', '0'],
      ['0.000', '0'],
      ['12.50', '12.5'],
      ['1.', undefined],
      ['.5', undefined],
      ['1.2.3', undefined],
    ] as const)
      expect(plainUsd(text)).toBe(want);
    fc.assert(
      fc.property(amount, (text) => plainUsd(text) === usdByRegex(text)),
      {numRuns: 5000},
    );
  });

  it('read whole nanodollars as the pattern did', () => {
    expect(plainNanos('999999.999999999')).toBe(999_999_999_999_999);
    expect(plainNanos('1000000')).toBeUndefined();
    expect(plainNanos('0.0000000001')).toBeUndefined();
    fc.assert(
      fc.property(amount, (text) => plainNanos(text) === nanosByRegex(text)),
      {numRuns: 5000},
    );
  });

  it('read a count of plain digits as the pattern did', () => {
    const countByRegex = (text: string) =>
      text.length > 0 && text.length < 16 && /^\d+$/.test(text) ? Number(text) : undefined;
    expect(plainCount('007')).toBe(7);
    expect(plainCount('999999999999999')).toBe(999_999_999_999_999);
    expect(plainCount('1000000000000000')).toBeUndefined();
    fc.assert(
      fc.property(amount, (text) => plainCount(text) === countByRegex(text)),
      {numRuns: 5000},
    );
  });
});
