import {Money, ZERO} from '../core/money.js';
import {formatUsd} from './format.js';
import {usd as usdText} from './json.js';
import type {Bound} from '../core/bound.js';

/** A re-priced figure: exact, a lower bound (≥), or unknown when none of its tokens had a price. */
export function figure(usd: Money | undefined, complete: boolean): string {
  if (complete) return formatUsd(usd ?? ZERO);
  return !usd || usd.isZero() ? 'unknown' : `≥${formatUsd(usd)}`;
}

/** A quantile of simulated bills (a statistic the sketch keeps as a number), ≥ where the bills are lower bounds. */
export const quantileFigure = (value: number, complete: boolean): string =>
  `${complete ? '' : '≥'}${formatUsd(new Money(value.toFixed(2)))}`;

/** The same figure in JSON: the amount known so far, and whether it is all of it. */
export const figureJson = (usd: Money | undefined, complete: boolean) => ({
  usd: usd ? usdText(usd) : null,
  complete,
});

/** A figure with its bound: exact, ≥ a lower bound, ≤ an upper bound, or no number where it may lie either way. */
export function boundFigure(usd: Money, bound: Bound): string {
  if (bound === 'not-known') return 'not known';
  return `${bound === 'at-least' ? '≥' : bound === 'at-most' ? '≤' : ''}${formatUsd(usd)}`;
}
