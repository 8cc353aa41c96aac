import {cell, opt} from '../cells.js';
import {countFromText, minus, required} from '../numbers.js';
import {openaiStart, TIME_COLUMNS} from '../openai-dashboard.js';
import type {CsvSource} from './source.js';

const ID = 'openai.dashboard.usage';

/** OpenAI dashboard usage export (§2a): input_tokens includes the cached tokens, taken out here once. */
export const openaiDashboardUsage: CsvSource<typeof ID> = {
  id: ID,
  provider: 'openai',
  family: 'openai usage',
  container: 'text',
  signatures: [
    {required: ['start_time', 'end_time', 'start_time_iso', 'input_tokens', 'output_tokens']},
    // A dashboard export of a period with no usage is the header of time columns alone.
    {required: TIME_COLUMNS, exact: true},
  ],
  mapper: (header, sink) => {
    const data = [...header].filter((c) => !TIME_COLUMNS.includes(c));
    return (row) => {
      // Buckets without usage are written with the time columns alone.
      if (row.blank(data)) return sink.skip();
      const input = required(countFromText(row.get('input_tokens'), 'input_tokens'), 'input_tokens');
      const uncached = countFromText(row.get('input_uncached_tokens'), 'input_uncached_tokens');
      const cached =
        countFromText(row.get('input_cached_tokens'), 'input_cached_tokens') ??
        (uncached === undefined ? 0 : minus(input, uncached, 'input_tokens', 'input_uncached_tokens'));
      // Spreadsheets in other locales re-save TRUE in their language.
      const batch = /^(true|wahr|vrai|verdadero|vero)$/i.test(row.get('batch')?.trim() ?? '');
      sink.emit({
        source: ID,
        file: sink.file,
        line: row.line,
        granularity: 'bucket',
        start: openaiStart(row),
        modelRaw: row.get('model')?.trim() ?? '',
        requests: countFromText(row.get('num_model_requests'), 'num_model_requests') ?? null,
        tokens: {
          input: minus(input, cached, 'input_tokens', 'input_cached_tokens'),
          cacheRead: cached,
          cacheWrite5m: 0,
          cacheWrite1h: 0,
          output: required(countFromText(row.get('output_tokens'), 'output_tokens'), 'output_tokens'),
        },
        tokensKnown: 'all',
        ...opt('serviceTier', batch ? 'batch' : cell(row, 'service_tier')),
      });
    };
  },
};
