import {phraseText, type Phrase, type Setting} from '../core/settings.js';

/**
 * How the dashboard names a setting a reason refers to: by its field where it has one, in words
 * where it does not (key worth and ranking are set when it opens; risk needs the simulated months of vibe-cost recommend).
 */
const WORDS: Record<Setting, string> = {
  model: 'model field',
  noKey: 'no-key field',
  keyWorth: 'key-worth setting, set when it opens',
  risk: 'risk setting of vibe-cost recommend',
  per: 'per-solved setting, set when it opens',
  solveRates: 'solve-rates file, set when it opens',
};

/** A phrase as the dashboard writes it. */
export const dashboardText = (p: Phrase): string => phraseText(p, (id) => WORDS[id]);
