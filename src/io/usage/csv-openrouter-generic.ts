import type {SourceId} from '../../core/history/usage-record.js';
import {csvRows} from './csv.js';
import {
  anthropicCost,
  anthropicTokens,
  type CsvMapper,
  openaiCost,
  openaiUsage,
} from './csv-anthropic-openai.js';
import type {Input, Progress} from './input.js';
import {countFromText, isDay, minus, required, RowProblem, usdFromText, utcInstant} from './numbers.js';
import type {FileSink} from './sink.js';

const text = (value: string | undefined): string | undefined => {
  const v = value?.trim();
  return v === undefined || v === '' ? undefined : v;
};

/**
 * OpenRouter per-generation export (§3a): tokens_prompt includes tokens_cached; one row per
 * generation, so a repeated generation_id is a duplicate. Exports without tokens_cached lose the split.
 */
export function openrouterGenerations(header: ReadonlySet<string>, sink: FileSink): CsvMapper {
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
      source: 'openrouter.generations',
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
}

/** OpenRouter aggregated activity CSV (§3b): no cached column, so the cache split is unknown. BYOK Usage is not read. */
export function openrouterActivity(_header: ReadonlySet<string>, sink: FileSink): CsvMapper {
  return (row) => {
    const usd = usdFromText(row.get('usage'), 'usage');
    sink.emit({
      source: 'openrouter.activity',
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
  };
}

/**
 * vibe-cost's own CSV: timestamp,model,input_tokens,output_tokens[,cache_read_tokens][,cache_write_tokens][,cost_usd][,task_id].
 * input_tokens is uncached input. The cache columns are optional because many tools never cache:
 * an absent column means 0 and the record still counts as fully known ('all'). cache_write_tokens
 * are priced as 5-minute writes. cost_usd is taken as what was billed. A date without a time is a
 * calendar day in an unknown zone; a time without a zone is UTC.
 */
export function generic(_header: ReadonlySet<string>, sink: FileSink): CsvMapper {
  return (row) => {
    const when = text(row.get('timestamp')) ?? text(row.get('date'));
    if (when === undefined) throw new RowProblem('timestamp is empty');
    const day = isDay(when);
    if (day) utcInstant(when, 'timestamp');
    const usd = usdFromText(row.get('cost_usd'), 'cost_usd');
    const task = text(row.get('task_id'));
    const model = text(row.get('model'));
    if (model === undefined) throw new RowProblem('model is empty');
    sink.emit({
      source: 'vibe-cost.generic',
      file: sink.file,
      line: row.line,
      granularity: day ? 'day' : 'request',
      start: day ? when : utcInstant(when, 'timestamp'),
      modelRaw: model,
      requests: day ? null : 1,
      tokens: {
        input: required(countFromText(row.get('input_tokens'), 'input_tokens'), 'input_tokens'),
        cacheRead: countFromText(row.get('cache_read_tokens'), 'cache_read_tokens') ?? 0,
        cacheWrite5m: countFromText(row.get('cache_write_tokens'), 'cache_write_tokens') ?? 0,
        cacheWrite1h: 0,
        output: required(countFromText(row.get('output_tokens'), 'output_tokens'), 'output_tokens'),
      },
      tokensKnown: 'all',
      ...(usd === undefined ? {} : {reportedUsd: usd, reportedKind: 'billed' as const}),
      ...(task === undefined ? {} : {taskId: task}),
    });
  };
}

const MAPPERS: Partial<Record<SourceId, (header: ReadonlySet<string>, sink: FileSink) => CsvMapper>> = {
  'anthropic.console.tokens': anthropicTokens,
  'anthropic.console.cost': anthropicCost,
  'openai.dashboard.usage': openaiUsage,
  'openai.dashboard.cost': openaiCost,
  'openrouter.generations': openrouterGenerations,
  'openrouter.activity': openrouterActivity,
  'vibe-cost.generic': generic,
};

export function isCsvSource(source: SourceId): boolean {
  return MAPPERS[source] !== undefined;
}

export async function readCsv(
  input: Input,
  head: string,
  source: SourceId,
  sink: FileSink,
  progress: Progress,
): Promise<void> {
  const make = MAPPERS[source];
  if (!make) throw new Error(`no CSV reader for ${source}`);
  let map: CsvMapper | undefined;
  for await (const row of csvRows(input, head, progress)) {
    if ('header' in row) {
      map = make(new Set(row.header), sink);
      continue;
    }
    sink.row();
    const m = map;
    if (!m) continue;
    sink.settle(row.line, () => {
      if (row.overflow > 0)
        throw new RowProblem(
          `row has ${row.overflow} more non-empty field${row.overflow === 1 ? '' : 's'} than the header has columns (a shifted row, or the wrong delimiter)`,
        );
      m(row);
    });
  }
}
