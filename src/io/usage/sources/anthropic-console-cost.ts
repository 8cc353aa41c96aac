import {cell, fastSpeed, opt} from '../cells.js';
import {RowProblem, usdFromText, utcInstant} from '../numbers.js';
import type {CsvSource} from './source.js';

const ID = 'anthropic.console.cost';

/**
 * Anthropic Console cost export (§1b): what was paid, in dollars rounded to cents, no tokens.
 * Rows sharing date, model and token type are separate charges to be summed, so none is dropped;
 * `--` rows (web search, code execution) are charges too and keep their model as written.
 */
export const anthropicConsoleCost: CsvSource<typeof ID> = {
  id: ID,
  provider: 'anthropic',
  family: 'anthropic cost',
  container: 'text',
  signatures: [{required: ['usage_date_utc', 'model', 'token_type', 'cost_usd']}],
  mapper: (_header, sink) => (row) => {
    const usd = usdFromText(row.get('cost_usd'), 'cost_usd');
    if (usd === undefined) throw new RowProblem('cost_usd is empty');
    const costType = cell(row, 'cost_type');
    const model = cell(row, 'model');
    sink.emit({
      source: ID,
      file: sink.file,
      line: row.line,
      granularity: 'bucket',
      start: utcInstant(row.get('usage_date_utc'), 'usage_date_utc'),
      modelRaw: model ?? '',
      requests: null,
      tokens: null,
      tokensKnown: 'none',
      reportedUsd: usd,
      reportedKind: 'billed',
      // A charge of a tool (web_search, code_execution) with no model named is the tool's, not an unknown model's.
      ...(costType && costType !== 'token' && model === undefined ? {toolCharge: costType} : {}),
      ...opt('serviceTier', cell(row, 'usage_type')),
      ...fastSpeed(row),
    });
  },
};
