import {phraseText, type Phrase, type Setting} from '../core/settings.js';

/** The flag that sets each setting core's words refer to: the CLI's name for it. */
const FLAGS: Record<Setting, string> = {
  model: '--model',
  noKey: '--no-key',
  keyWorth: '--key-worth',
  risk: '--risk',
  per: '--per solved',
  solveRates: '--solve-rates FILE',
};

export const flagOf = (id: Setting): string => FLAGS[id];

/** A phrase as the command line writes it: each setting by its flag. */
export const cliText = (p: Phrase): string => phraseText(p, flagOf);
