import {ZERO, type Money} from '../core/money.js';
import {formatUsd} from './format.js';
import {usd as usdText} from './json.js';

/** A re-priced figure: exact, a lower bound (≥), or unknown when none of its tokens had a price. */
export function figure(usd: Money | undefined, complete: boolean): string {
  if (complete) return formatUsd(usd ?? ZERO);
  return !usd || usd.isZero() ? 'unknown' : `≥${formatUsd(usd)}`;
}

/** The same figure in JSON: the amount known so far, and whether it is all of it. */
export const figureJson = (usd: Money | undefined, complete: boolean) => ({
  usd: usd ? usdText(usd) : null,
  complete,
});
