import {countFromJson, minus, required} from '../numbers.js';
import {eachResult} from '../openai-buckets.js';
import type {JsonSource} from './source.js';

const ID = 'openai.api.usage';

/**
 * OpenAI Usage API JSON (§2c): input_tokens includes input_cached_tokens. Without group_by=model
 * the model is null: modelRaw is then ''.
 */
export const openaiApiUsage: JsonSource<typeof ID> = {
  id: ID,
  provider: 'openai',
  family: 'openai usage',
  container: 'json',
  markers: [
    [
      'object "organization.usage.*.result" or a bucket with results',
      /"organization\.usage\.[a-z_]+\.result"|"object"\s*:\s*"bucket"[^]*"results"\s*:/,
    ],
  ],
  reader: () => (root, lines, sink) =>
    eachResult(root, lines, sink, (result, start, line) => {
      const input = required(countFromJson(result['input_tokens'], 'input_tokens'), 'input_tokens');
      const cached = countFromJson(result['input_cached_tokens'], 'input_cached_tokens') ?? 0;
      const tier =
        result['batch'] === true
          ? 'batch'
          : typeof result['service_tier'] === 'string'
            ? result['service_tier']
            : undefined;
      sink.emit({
        source: ID,
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
    }),
};
