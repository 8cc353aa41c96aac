import type {UsageRecord} from '../../core/history/usage-record.js';
import type {CsvRow} from './csv.js';
import {
  countFromText,
  minus,
  required,
  RowProblem,
  searches,
  unixInstant,
  usdFromText,
  utcInstant,
} from './numbers.js';
import type {FileSink} from './sink.js';

/** Maps one data row of a CSV export; the row is already counted as read. */
export type CsvMapper = (row: CsvRow) => void;

const opt = <K extends string, V>(key: K, value: V | undefined): {[k in K]?: V} =>
  (value === undefined || value === '' ? {} : {[key]: value}) as {[k in K]?: V};

const cell = (row: CsvRow, column: string): string | undefined => {
  const value = row.get(column)?.trim();
  return value === '' || value === '--' ? undefined : value;
};

/**
 * Anthropic's context_window: `≤ 200k` or `> 200k` in the Console export, `0-200k` or `200k-1M` in
 * the Admin API. A row is all of one tier, since the long-context tier is billed as its own row.
 */
export function contextTier(text: string | undefined): 'base' | 'long' | undefined {
  const t = text?.replace(/\s+/g, '').toLowerCase();
  if (!t) return undefined;
  if (/^(≤|<=|<|0-)/.test(t)) return 'base';
  if (/^(>|≥|>=)|^[1-9]\d*k-/.test(t)) return 'long';
  return undefined;
}

/** Anthropic Console token export (§1a): disjoint token columns; the layout is told apart by which columns exist. */
export function anthropicTokens(header: ReadonlySet<string>, sink: FileSink): CsvMapper {
  const split =
    header.has('usage_input_tokens_cache_write_5m') || header.has('usage_input_tokens_cache_write_1h');
  const legacy = header.has('usage_input_tokens_cache_write');
  // Without the cache columns the export says nothing about caching: a lower bound, not zeros.
  const known = header.has('usage_input_tokens_cache_read') && (split || legacy) ? 'all' : 'no-cache-split';
  return (row) => {
    const n = (column: string) => countFromText(row.get(column), column) ?? 0;
    const record: UsageRecord = {
      source: 'anthropic.console.tokens',
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
      ...(cell(row, 'speed')?.toLowerCase() === 'fast' ? {speed: 'fast' as const} : {}),
    };
    sink.emit(record);
  };
}

/**
 * Anthropic Console cost export (§1b): what was paid, in dollars rounded to cents, no tokens.
 * Rows sharing date, model and token type are separate charges to be summed, so none is dropped;
 * `--` rows (web search, code execution) are charges too and keep their model as written.
 */
export function anthropicCost(_header: ReadonlySet<string>, sink: FileSink): CsvMapper {
  return (row) => {
    const usd = usdFromText(row.get('cost_usd'), 'cost_usd');
    if (usd === undefined) throw new RowProblem('cost_usd is empty');
    const costType = cell(row, 'cost_type');
    const model = cell(row, 'model');
    sink.emit({
      source: 'anthropic.console.cost',
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
      ...(cell(row, 'speed')?.toLowerCase() === 'fast' ? {speed: 'fast' as const} : {}),
    });
  };
}

const TIME_COLUMNS = ['start_time', 'end_time', 'start_time_iso', 'end_time_iso'];

function openaiStart(row: CsvRow): string {
  const unix = row.get('start_time');
  return unix !== undefined && unix.trim() !== ''
    ? unixInstant(unix, 'start_time')
    : utcInstant(row.get('start_time_iso'), 'start_time_iso');
}

/** OpenAI dashboard usage export (§2a): input_tokens includes the cached tokens, taken out here once. */
export function openaiUsage(header: ReadonlySet<string>, sink: FileSink): CsvMapper {
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
      source: 'openai.dashboard.usage',
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
}

/** OpenAI dashboard cost export (§2b): dollars with many decimals, kept as a decimal string. */
export function openaiCost(_header: ReadonlySet<string>, sink: FileSink): CsvMapper {
  return (row) => {
    const usd = usdFromText(row.get('amount_value'), 'amount_value');
    if (usd === undefined) return sink.skip();
    const currency = row.get('amount_currency')?.trim() ?? '';
    if (currency.toLowerCase() !== 'usd')
      throw new RowProblem(`amount_currency is "${currency}": only usd amounts can be compared`);
    sink.emit({
      source: 'openai.dashboard.cost',
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
  };
}
