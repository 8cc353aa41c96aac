import type {Recommendation} from '../core/recommend.js';
import {formatUsd} from './format.js';
import type {Style} from './style.js';

export function describeRecommendation(rec: Recommendation, style: Style): string[] {
  return [
    `${rec.closest ? 'Closest (no option meets every constraint)' : 'Recommended'}: ${style.good(style.bold(rec.strategy.label))} — ${formatUsd(rec.monthlyUsd)} a month${rec.overBudget ? ' (over your budget)' : ''}.`,
    ...rec.reasons.map((r) => `  - ${r}`),
  ];
}
