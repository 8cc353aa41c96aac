import type {Recommendation} from '../core/advice/recommend.js';
import {formatUsd} from './format.js';
import {cliText} from './setting-flags.js';
import type {Style} from './style.js';

/** The pick's monthly cost, marked ≥ where it is a lower bound. */
export function recommendedUsd(rec: Recommendation): string {
  return `${rec.complete ? '' : '≥'}${formatUsd(rec.monthlyUsd)}`;
}

/** What the pick is called: "Recommended", or the closest when nothing meets every constraint. */
function pickName(rec: Recommendation): string {
  return rec.closest ? 'Closest (no option meets every constraint)' : 'Recommended';
}

export function describeRecommendation(rec: Recommendation, style: Style): string[] {
  return [
    `${pickName(rec)}: ${style.good(style.bold(rec.strategy.label))} — ${recommendedUsd(rec)} a month${rec.overBudget ? ' (over your budget)' : ''}.`,
    ...rec.reasons.map((r) => `  - ${cliText(r)}`),
  ];
}
