import {describe, expect, it} from 'vitest';
import {parsePriceSheet} from '../../src/core/pricing/parse-sheet.js';
import {priceSheetDocument} from '../../src/core/pricing/write-sheet.js';
import {stepAt, stepFor, tierSteps} from '../../src/core/pricing/context-tiers.js';

// LiteLLM's shape for DashScope's Qwen3-Coder-Flash: no top-level price, only tiered_pricing.
const LITELLM = `{
  "dashscope/qwen3-coder-flash": {
    "litellm_provider": "dashscope",
    "max_input_tokens": 997952,
    "mode": "chat",
    "supports_function_calling": true,
    "tiered_pricing": [
      {"cache_read_input_token_cost": 8e-8, "input_cost_per_token": 3e-7, "output_cost_per_token": 0.0000015, "range": [0, 32000]},
      {"cache_read_input_token_cost": 1.2e-7, "input_cost_per_token": 5e-7, "output_cost_per_token": 0.0000025, "range": [32000, 128000]},
      {"cache_read_input_token_cost": 2e-7, "input_cost_per_token": 8e-7, "output_cost_per_token": 0.000004, "range": [128000, 256000]},
      {"cache_read_input_token_cost": 4e-7, "input_cost_per_token": 0.0000016, "output_cost_per_token": 0.0000096, "range": [256000, 1000000]}
    ]
  }
}`;

describe('LiteLLM tiered_pricing', () => {
  it('an entry with only tiered_pricing is converted: the 0 range is the base, each other range a step priced whole', () => {
    const [model] = parsePriceSheet(LITELLM, 'litellm.json').models;
    expect(model?.rates).toMatchObject({input: expect.anything(), output: expect.anything()});
    expect(model?.rates.input?.toFixed()).toBe('0.3');
    expect(
      tierSteps(model?.longContext).map((t) => [
        t.thresholdTokens,
        t.wholeRequest,
        t.rates.input?.toFixed(),
        t.rates.output?.toFixed(),
        t.rates.cacheRead?.toFixed(),
      ]),
    ).toEqual([
      [32_000, true, '0.5', '2.5', '0.12'],
      [128_000, true, '0.8', '4', '0.2'],
      [256_000, true, '1.6', '9.6', '0.4'],
    ]);
    expect(model?.maxInputTokens).toBe(997_952);
  });

  it('a request takes the highest step its prompt passes; the steps survive a round trip through our format', () => {
    const [model] = parsePriceSheet(LITELLM, 'litellm.json').models;
    const m = model!;
    expect([20_000, 32_000, 32_001, 200_000, 300_000].map((p) => stepFor(m, p))).toEqual([0, 0, 0, 1, 2]);
    expect(stepAt(m, 2).longContext?.thresholdTokens).toBe(256_000);
    const [again] = parsePriceSheet(
      priceSheetDocument([m], {asOf: '2026-08-01', source: 'test'}),
      'ours.json',
    ).models;
    expect(tierSteps(again?.longContext).map((t) => t.thresholdTokens)).toEqual([32_000, 128_000, 256_000]);
  });
});
