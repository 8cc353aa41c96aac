import type {SourceId} from '../../core/history/usage-record.js';
import {isObj, type Obj} from './json.js';
import {countFromJson, minus, required, RowProblem, unixInstant, usdFromJson} from './numbers.js';
import type {FileSink} from './sink.js';

/** Buckets from a page ({data: [...]}), a list of pages, or a bare list of buckets (as the cookbook prints them). */
function buckets(root: unknown): Obj[] {
  if (Array.isArray(root))
    return root.flatMap((item) =>
      isObj(item) && Array.isArray(item['data']) ? buckets(item['data']) : isObj(item) ? [item] : [],
    );
  if (isObj(root) && Array.isArray(root['data'])) return buckets(root['data']);
  return [];
}

/**
 * OpenAI Usage API and Costs API JSON (§2c). Usage: input_tokens includes input_cached_tokens.
 * Without group_by=model the model is null: modelRaw is then ''. An empty bucket counts as one skipped row.
 */
export function readOpenaiApi(
  root: unknown,
  lines: WeakMap<object, number>,
  source: SourceId,
  sink: FileSink,
): void {
  for (const bucket of buckets(root)) {
    const results = Array.isArray(bucket['results']) ? bucket['results'] : [];
    if (results.length === 0) {
      sink.row();
      sink.skip();
      continue;
    }
    for (const result of results) {
      sink.row();
      const line = (isObj(result) ? lines.get(result) : undefined) ?? lines.get(bucket) ?? 0;
      sink.settle(line, () => {
        if (!isObj(result)) throw new RowProblem('a result is not an object');
        const start = unixInstant(bucket['start_time'] as number | string | undefined, 'start_time');
        if (source === 'openai.api.cost') return cost(result, start, line, sink);
        const input = required(countFromJson(result['input_tokens'], 'input_tokens'), 'input_tokens');
        const cached = countFromJson(result['input_cached_tokens'], 'input_cached_tokens') ?? 0;
        const tier =
          result['batch'] === true
            ? 'batch'
            : typeof result['service_tier'] === 'string'
              ? result['service_tier']
              : undefined;
        sink.emit({
          source: 'openai.api.usage',
          file: sink.file,
          line,
          granularity: 'bucket',
          start,
          modelRaw: typeof result['model'] === 'string' ? result['model'] : '',
          requests: countFromJson(result['num_model_requests'], 'num_model_requests') ?? null,
          tokens: {
            input: minus(input, cached, 'input_tokens', 'input_cached_tokens'),
            cacheRead: cached,
            cacheWrite5m: 0,
            cacheWrite1h: 0,
            output: required(countFromJson(result['output_tokens'], 'output_tokens'), 'output_tokens'),
          },
          tokensKnown: 'all',
          ...(tier === undefined ? {} : {serviceTier: tier}),
        });
      });
    }
  }
}

function cost(result: Obj, start: string, line: number, sink: FileSink): void {
  const amount = isObj(result['amount']) ? result['amount'] : {};
  const currency = typeof amount['currency'] === 'string' ? amount['currency'] : '';
  if (currency.toLowerCase() !== 'usd')
    throw new RowProblem(`amount.currency is "${currency}": only usd amounts can be compared`);
  const usd = usdFromJson(amount['value'], 'amount.value');
  if (usd === undefined) return sink.skip();
  sink.emit({
    source: 'openai.api.cost',
    file: sink.file,
    line,
    granularity: 'bucket',
    start,
    modelRaw: typeof result['line_item'] === 'string' ? result['line_item'] : '',
    requests: null,
    tokens: null,
    tokensKnown: 'none',
    reportedUsd: usd,
    reportedKind: 'billed',
  });
}
