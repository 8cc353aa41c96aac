import {text} from '../cells.js';
import {countFromText, required, usdFromText, utcInstant} from '../numbers.js';
import type {CsvSource} from './source.js';

const ID = 'openrouter.activity';

/** OpenRouter aggregated activity CSV (§3b): no cached column, so the cache split is unknown. BYOK Usage is not read. */
export const openrouterActivity: CsvSource<typeof ID> = {
  id: ID,
  family: 'openrouter activity',
  container: 'text',
  signatures: [{required: ['date', 'slug', 'usage', 'prompt_tokens', 'completion_tokens']}],
  mapper: (_header, sink) => (row) => {
    const usd = usdFromText(row.get('usage'), 'usage');
    sink.emit({
      source: ID,
      file: sink.file,
      line: row.line,
      granularity: 'bucket',
      start: utcInstant(row.get('date'), 'date'),
      modelRaw: text(row.get('slug')) ?? '',
      requests: countFromText(row.get('requests'), 'requests') ?? null,
      tokens: {
        input: required(countFromText(row.get('prompt_tokens'), 'prompt_tokens'), 'prompt_tokens'),
        cacheRead: 0,
        cacheWrite5m: 0,
        cacheWrite1h: 0,
        output: required(
          countFromText(row.get('completion_tokens'), 'completion_tokens'),
          'completion_tokens',
        ),
      },
      tokensKnown: 'no-cache-split',
      ...(usd === undefined ? {} : {reportedUsd: usd, reportedKind: 'billed' as const}),
    });
  },
};
