import {usdFromText, usdOnly} from '../numbers.js';
import {openaiStart} from '../openai-dashboard.js';
import type {CsvSource} from './source.js';

const ID = 'openai.dashboard.cost';

/** OpenAI dashboard cost export (§2b): dollars with many decimals, kept as a decimal string. */
export const openaiDashboardCost: CsvSource<typeof ID> = {
  id: ID,
  provider: 'openai',
  family: 'openai cost',
  container: 'text',
  signatures: [{required: ['start_time', 'start_time_iso', 'amount_value', 'amount_currency']}],
  mapper: (_header, sink) => (row) => {
    const usd = usdFromText(row.get('amount_value'), 'amount_value');
    if (usd === undefined) return sink.skip();
    const currency = row.get('amount_currency')?.trim() ?? '';
    usdOnly(currency, 'amount_currency');
    sink.emit({
      source: ID,
      file: sink.file,
      line: row.line,
      granularity: 'bucket',
      start: openaiStart(row),
      // A cost line names its model only inside line_item ("gpt-4o-2024-08-06, input"): the part before the bucket.
      modelRaw:
        row
          .get('line_item')
          ?.trim()
          .replace(/,[^,]*$/, '')
          .trim() ?? '',
      requests: null,
      tokens: null,
      tokensKnown: 'none',
      reportedUsd: usd,
      reportedKind: 'billed',
    });
  },
};
