import {cell, fastSpeed, opt} from '../cells.js';
import {countFromText, required, searches, utcInstant} from '../numbers.js';
import type {CsvSource} from './source.js';

const ID = 'anthropic.console.tokens';

/**
 * Anthropic's context_window: `≤ 200k` or `> 200k` in the Console export, `0-200k` or `200k-1M` in
 * the Admin API. A row is all of one tier, since the long-context tier is billed as its own row.
 */
function contextTier(text: string | undefined): 'base' | 'long' | undefined {
  const t = text?.replace(/\s+/g, '').toLowerCase();
  if (!t) return undefined;
  if (/^(\u2264|<=|<|0-)/.test(t)) return 'base';
  if (/^(>|\u2265|>=)|^[1-9]\d*k-/.test(t)) return 'long';
  return undefined;
}

/** Anthropic Console token export (§1a): disjoint token columns; the layout is told apart by which columns exist. */
export const anthropicConsoleTokens: CsvSource<typeof ID> = {
  id: ID,
  provider: 'anthropic',
  family: 'anthropic tokens',
  container: 'text',
  signatures: [
    {required: ['usage_date_utc', 'model_version', 'usage_input_tokens_no_cache', 'usage_output_tokens']},
  ],
  mapper: (header, sink) => {
    const split =
      header.has('usage_input_tokens_cache_write_5m') || header.has('usage_input_tokens_cache_write_1h');
    const legacy = header.has('usage_input_tokens_cache_write');
    // Without the cache columns the export says nothing about caching: a lower bound, not zeros.
    const known = header.has('usage_input_tokens_cache_read') && (split || legacy) ? 'all' : 'no-cache-split';
    return (row) => {
      const n = (column: string) => countFromText(row.get(column), column) ?? 0;
      sink.emit({
        source: ID,
        file: sink.file,
        line: row.line,
        granularity: 'bucket',
        start: utcInstant(row.get('usage_date_utc'), 'usage_date_utc'),
        modelRaw: row.get('model_version')?.trim() ?? '',
        requests: null,
        tokens: {
          input: required(
            countFromText(row.get('usage_input_tokens_no_cache'), 'usage_input_tokens_no_cache'),
            'usage_input_tokens_no_cache',
          ),
          cacheRead: n('usage_input_tokens_cache_read'),
          // The single pre-split column is priced as 5-minute writes, the cheaper TTL (§1a).
          cacheWrite5m: split ? n('usage_input_tokens_cache_write_5m') : n('usage_input_tokens_cache_write'),
          cacheWrite1h: n('usage_input_tokens_cache_write_1h'),
          output: required(
            countFromText(row.get('usage_output_tokens'), 'usage_output_tokens'),
            'usage_output_tokens',
          ),
        },
        tokensKnown: known,
        ...opt('contextTier', contextTier(cell(row, 'context_window'))),
        ...searches(countFromText(row.get('web_search_count'), 'web_search_count')),
        ...opt('serviceTier', cell(row, 'usage_type')),
        ...fastSpeed(row),
      });
    };
  },
};
