import {text} from '../cells.js';
import {countFromText, minus, required, usdFromText, utcInstant} from '../numbers.js';
import type {CsvSource} from './source.js';

const ID = 'openrouter.generations';

/**
 * OpenRouter per-generation export (§3a): tokens_prompt includes tokens_cached; one row per
 * generation, so a repeated generation_id is a duplicate. Exports without tokens_cached lose the split.
 */
export const openrouterGenerations: CsvSource<typeof ID> = {
  id: ID,
  container: 'text',
  signatures: [
    {required: ['generation_id', 'created_at', 'cost_total', 'tokens_prompt', 'tokens_completion']},
  ],
  mapper: (header, sink) => {
    const seen = new Set<string>();
    const hasCached = header.has('tokens_cached');
    return (row) => {
      const id = text(row.get('generation_id'));
      if (id !== undefined) {
        if (seen.has(id)) return sink.duplicate();
        seen.add(id);
      }
      const prompt = required(countFromText(row.get('tokens_prompt'), 'tokens_prompt'), 'tokens_prompt');
      const cached = countFromText(row.get('tokens_cached'), 'tokens_cached') ?? 0;
      const usd = usdFromText(row.get('cost_total'), 'cost_total');
      sink.emit({
        source: ID,
        file: sink.file,
        line: row.line,
        granularity: 'request',
        // created_at carries no zone; OpenRouter's other timestamps are UTC, so UTC is assumed.
        start: utcInstant(row.get('created_at'), 'created_at'),
        modelRaw: text(row.get('model_permaslug')) ?? text(row.get('model')) ?? '',
        requests: 1,
        tokens: {
          input: minus(prompt, cached, 'tokens_prompt', 'tokens_cached'),
          cacheRead: cached,
          cacheWrite5m: 0,
          cacheWrite1h: 0,
          output: required(
            countFromText(row.get('tokens_completion'), 'tokens_completion'),
            'tokens_completion',
          ),
        },
        tokensKnown: hasCached ? 'all' : 'no-cache-split',
        ...(usd === undefined ? {} : {reportedUsd: usd, reportedKind: 'billed' as const}),
      });
    };
  },
};
