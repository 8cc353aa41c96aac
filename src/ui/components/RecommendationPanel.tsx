import type {Recommendation} from '../../core/advice/recommend.js';
import {recommendedUsd} from '../../output/recommendation-sentences.js';
import {dashboardText} from '../setting-words.js';
import {fit, wrap} from '../text.js';
import {Lines, type Line} from './Lines.js';

interface Props {
  readonly recommendation: Recommendation;
  /** Keys the recommended setup uses that the user does not hold. */
  readonly keysToAdd: readonly string[];
  readonly usesKeys: boolean;
  readonly held: readonly string[];
  readonly width: number;
  readonly height: number;
  readonly colour: boolean;
}

/** recommend()'s pick, the keys it needs, and its reasons in its own words. */
export function RecommendationPanel({
  recommendation: rec,
  keysToAdd,
  usesKeys,
  held,
  width,
  height,
  colour,
}: Props) {
  const keys = !usesKeys
    ? 'needs no provider key'
    : keysToAdd.length
      ? `add a key for ${keysToAdd.join(', ')}${held.length ? ` (you hold ${held.join(', ')})` : ''}`
      : `uses the key you hold (${held.join(', ')})`;
  const lines: Line[] = [
    {
      text: fit(
        `${rec.closest ? 'Closest' : 'Recommended'}: ${rec.strategy.label} — ${recommendedUsd(rec)}/mo${rec.overBudget ? ' (over budget)' : ''}`,
        width,
      ),
      bold: true,
      color: 'green',
    },
    {text: fit(`Keys: ${keys}`, width)},
  ];
  const room = Math.max(0, height - lines.length);
  const reasons = rec.reasons.flatMap((r) => wrap(`- ${dashboardText(r)}`, width));
  const shown =
    reasons.length > room
      ? [...reasons.slice(0, Math.max(0, room - 1)), fit(`  … r: the reasons in full`, width)]
      : reasons;
  lines.push(...shown.slice(0, room).map((text) => ({text, dim: true})));
  return <Lines lines={lines} width={width} colour={colour} />;
}
