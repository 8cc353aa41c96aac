import {isObj} from '../json.js';
import {usdFromJson, usdOnly} from '../numbers.js';
import {eachResult} from '../openai-buckets.js';
import type {JsonSource} from './source.js';

const ID = 'openai.api.cost';

/** OpenAI Costs API JSON (§2c): amounts in dollars, by line item. */
export const openaiApiCost: JsonSource<typeof ID> = {
  id: ID,
  provider: 'openai',
  family: 'openai cost',
  container: 'json',
  // A costs page is made of buckets with results too: this source is tried before openai.api.usage.
  markers: [['object "organization.costs.result"', /"organization\.costs\.result"/]],
  reader: () => (root, lines, sink) =>
    eachResult(root, lines, sink, (result, start, line) => {
      const amount = isObj(result['amount']) ? result['amount'] : {};
      const currency = typeof amount['currency'] === 'string' ? amount['currency'] : '';
      usdOnly(currency, 'amount.currency');
      const usd = usdFromJson(amount['value'], 'amount.value');
      if (usd === undefined) return sink.skip();
      sink.emit({
        source: ID,
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
    }),
};
