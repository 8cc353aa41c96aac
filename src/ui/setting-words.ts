import {phraseText, type Phrase, type Setting} from '../core/settings.js';

/**
 * How the dashboard names a setting a reason refers to: by its field where it has one, in words
 * where it does not (key worth and risk are set when it opens, not in it).
 */
const WORDS: Record<Setting, string> = {
  model: 'model field',
  noKey: 'no-key field',
  keyWorth: 'key-worth setting',
  risk: 'risk setting',
  per: 'per-solved ranking of vibe-cost recommend',
  solveRates: 'solve-rates file, set when it opens',
};

/** A phrase as the dashboard writes it. */
export const dashboardText = (p: Phrase): string => phraseText(p, (id) => WORDS[id]);
