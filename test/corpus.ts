import {existsSync} from 'node:fs';
import {join} from 'node:path';

/** The shared corpus of real files sits beside the project; a user's fresh clone may not have it. */
export const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpus');
export const hasCorpus = existsSync(CORPUS);
export const corpusFile = (...parts: string[]) => join(CORPUS, ...parts);
if (!hasCorpus) console.warn(`note: ${CORPUS} is absent: tests on real corpus files are skipped`);
