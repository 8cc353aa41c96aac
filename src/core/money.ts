import {Decimal} from 'decimal.js';

/**
 * Every amount of money in vibe-cost is a Money (a decimal.js clone), never a JS number.
 * Its own clone keeps a stray global `Decimal.set` elsewhere from changing our arithmetic.
 */
export const Money = Decimal.clone({
  precision: 50,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Money = Decimal;

export const ZERO: Money = new Money(0);
const MILLION = new Money(1_000_000);

/** Parses money written as text ("3", "0.3", "3e-06"); rejects anything that is not a finite number. */
export function parseMoney(text: string): Money | undefined {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim())) return undefined;
  const value = new Money(text.trim());
  return value.isFinite() ? value : undefined;
}

/** Cost in USD of `tokens` at a price in USD per million tokens. Exact: no rounding happens here. */
export function costOfTokens(usdPerMTok: Money, tokens: number): Money {
  if (tokens === 0 || usdPerMTok.isZero()) return ZERO;
  return usdPerMTok.mul(tokens).div(MILLION);
}

/** USD per token (LiteLLM's unit) to USD per million tokens, exactly. */
export function perTokenToPerMTok(usdPerToken: Money): Money {
  return usdPerToken.mul(MILLION);
}

const GROUPED = /\B(?=(\d{3})+(?!\d))/g;

/** An amount as displayUsd shows it. */
function shownUsd(value: Money, decimals = 2): Money {
  return value.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
}

/**
 * How much `a` is above `b` (below it: negative), for text that shows both: the difference of the
 * amounts shown, so it adds up for the reader. $15.13 and $8.88 are $6.25 apart, though the bills
 * themselves ($15.1254 and $8.883) are $6.2424 apart, which would show as $6.24. JSON, which keeps
 * every digit, takes the exact difference.
 */
export function shownGap(a: Money, b: Money): Money {
  return shownUsd(a).sub(shownUsd(b));
}

/**
 * $1,234.57: amounts shown to people round half up, as invoices do. JSON keeps every digit.
 * Lives here because the recommendation's reasons, written in core, quote amounts too.
 */
export function displayUsd(value: Money, decimals = 2): string {
  const rounded = shownUsd(value, decimals);
  const [whole, fraction] = rounded.abs().toFixed(decimals).split('.');
  const text = `$${(whole ?? '0').replace(GROUPED, ',')}${fraction ? `.${fraction}` : ''}`;
  return rounded.isNegative() && !rounded.isZero() ? `-${text}` : text;
}

/** Factors by the percentage they come from (a plan's, held for the run): a month's bill asks each month. */
const markupFactors = new WeakMap<Money, Money>();

/** A percentage such as "20" as the factor 1.20. */
export function markupFactor(pct: Money): Money {
  let factor = markupFactors.get(pct);
  if (!factor) {
    factor = pct.div(100).add(1);
    markupFactors.set(pct, factor);
  }
  return factor;
}
