import {BadDocument, UnknownModel, type Trouble} from '../core/domain-errors.js';
import {DataError, UsageError} from '../errors.js';
import {flagOf} from '../output/setting-flags.js';

/** The CLI's advice for each thing a document can get wrong. */
const DOCUMENT_HINTS: Record<Trouble, string | undefined> = {
  'not-an-object': undefined,
  'bad-field': 'see "Data files" in the README',
  'sheet-not-json': "a price sheet is JSON: this project's format or LiteLLM's",
  'not-a-sheet': 'see "Price sheets" in the README',
  'bad-sheet-field': 'fix the sheet, or check it with `vibe-cost prices validate FILE`',
  'unpriced-pool-model': 'every free-pool model needs a price sheet entry (at $0)',
  'unrated-ladder-model':
    'add its benchmark rate with --solve-rates FILE (the format of data/solve-rates.json)',
};

/**
 * A refusal from core as the command line says it, a UserError: one line, a hint, and exit 2 for a
 * model name the user typed, 65 for a file that is wrong. Anything else is returned as it came.
 */
export function asUserError(error: unknown): unknown {
  if (error instanceof UnknownModel) {
    const where = typeof error.where === 'string' ? error.where : flagOf(error.where.setting);
    return new UsageError(
      error.said(where),
      'run `vibe-cost prices list` for every model, or add a sheet with --prices FILE',
    );
  }
  if (error instanceof BadDocument) return new DataError(error.message, DOCUMENT_HINTS[error.detail.trouble]);
  return error;
}
