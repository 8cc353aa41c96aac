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
};

/** A phrase as the dashboard writes it. */
export const dashboardText = (p: Phrase): string => phraseText(p, (id) => WORDS[id]);
