import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {PriceBook} from '../../src/core/pricing/price-book.js';
import {parsePriceSheet} from '../../src/core/pricing/parse-sheet.js';
import {corpusFile, hasCorpus} from '../corpus.js';

const SMALL = `{
  "sample_spec": {"input_cost_per_token": 0.0, "litellm_provider": "one of ..."},
  "claude-sonnet-4-5": {
    "cache_creation_input_token_cost": 3.75e-06, "cache_creation_input_token_cost_above_1hr": 6e-06,
    "cache_creation_input_token_cost_above_1hr_above_200k_tokens": 1.2e-05,
    "cache_read_input_token_cost": 3e-07, "input_cost_per_token": 3e-06,
    "input_cost_per_token_above_200k_tokens": 6e-06, "output_cost_per_token_above_200k_tokens": 2.25e-05,
    "cache_creation_input_token_cost_above_200k_tokens": 7.5e-06, "cache_read_input_token_cost_above_200k_tokens": 6e-07,
    "litellm_provider": "anthropic", "mode": "chat", "output_cost_per_token": 1.5e-05
  },
  "deepseek/deepseek-v4-pro": {"cache_read_input_token_cost": 3.625e-09, "input_cost_per_token": 4.35e-07,
    "litellm_provider": "deepseek", "mode": "chat", "output_cost_per_token": 8.7e-07},
  "amazon.nova-pro-v1:0": {"input_cost_per_token": 8e-07, "output_cost_per_token": 0.0000032, "litellm_provider": "bedrock", "mode": "chat"},
  "text-embedding-3-small": {"input_cost_per_token": 2e-08, "output_cost_per_token": 0.0, "litellm_provider": "openai", "mode": "embedding"},
  "v0/v0-1.5-md": {"input_cost_per_token": 3e-06, "output_cost_per_token": 1.5e-05, "litellm_provider": "v0", "mode": "chat"}
}`;

describe("LiteLLM's price JSON", () => {
  const sheet = parsePriceSheet(SMALL, 'litellm.json');
  const byId = new Map(sheet.models.map((m) => [m.id, m]));

  it('is detected by content and converted from per-token to per-million exactly', () => {
    expect(sheet.summary.format).toBe('litellm');
    const sonnet = byId.get('claude-sonnet-4-5')!;
    expect(sonnet.rates.input?.toFixed()).toBe('3');
    expect(sonnet.rates.output?.toFixed()).toBe('15');
    expect(sonnet.rates.cacheWrite5m?.toFixed()).toBe('3.75');
    expect(sonnet.rates.cacheWrite1h?.toFixed()).toBe('6');
    expect(sonnet.rates.cacheRead?.toFixed()).toBe('0.3');
    expect(byId.get('deepseek/deepseek-v4-pro')!.rates.cacheRead?.toFixed()).toBe('0.003625');
    // As floats, 8e-07 * 1e6 is 0.7999999999999999 and 0.0000032 * 1e6 is 3.1999999999999997.
    expect(byId.get('amazon.nova-pro-v1:0')!.rates.input?.toFixed()).toBe('0.8');
    expect(byId.get('amazon.nova-pro-v1:0')!.rates.output?.toFixed()).toBe('3.2');
  });

  it('reads the long-context tier, whole request, 1-hour write included', () => {
    const tier = byId.get('claude-sonnet-4-5')!.longContext!;
    expect(tier.thresholdTokens).toBe(200_000);
    expect(tier.wholeRequest).toBe(true);
    expect(Object.fromEntries(Object.entries(tier.rates).map(([k, v]) => [k, v.toFixed()]))).toEqual({
      input: '6',
      output: '22.5',
      cacheRead: '0.6',
      cacheWrite5m: '7.5',
      cacheWrite1h: '12',
    });
  });

  it('keeps chat models only, maps providers, and knows v0 has no key to bring', () => {
    expect(byId.has('text-embedding-3-small')).toBe(false);
    expect(byId.has('sample_spec')).toBe(false);
    expect(byId.get('v0/v0-1.5-md')).toMatchObject({provider: 'vercel-v0', byokable: false});
  });

  it('inherits capability and aliases from a bundled model it replaces (later wins)', () => {
    const ours = parsePriceSheet(
      JSON.stringify({
        schemaVersion: 1,
        provider: 'anthropic',
        asOf: '2026-08-01',
        source: 's',
        models: [
          {
            id: 'claude-sonnet-4-5',
            displayName: 'Claude Sonnet 4.5',
            aliases: ['claude-sonnet-4-5-20250929'],
            capability: 'frontier',
            usdPerMTok: {input: '9', output: '99'},
          },
        ],
      }),
      'ours.json',
    );
    const book = new PriceBook([ours, sheet]);
    const model = book.resolve('Claude Sonnet 4.5');
    expect(model.rates.input?.toFixed()).toBe('3');
    expect(model.capability).toBe('frontier');
    expect(book.resolve('claude-sonnet-4-5-20250929').origin).toBe('litellm.json');
  });
});

describe.skipIf(!hasCorpus)("LiteLLM's real file (../shared/corpus)", () => {
  it('loads every chat model with exact prices', () => {
    const sheet = parsePriceSheet(
      readFileSync(corpusFile('prices', 'litellm-model-prices.2026-08-01.json'), 'utf8'),
      'corpus',
    );
    expect(sheet.models.length).toBeGreaterThan(1500);
    const byId = new Map(sheet.models.map((m) => [m.id, m]));
    expect(byId.get('claude-sonnet-4-5')?.rates.input?.toFixed()).toBe('3');
    expect(byId.get('claude-sonnet-4-5')?.longContext?.thresholdTokens).toBe(200_000);
    expect(byId.get('gpt-5.4')?.longContext?.thresholdTokens).toBe(272_000);
    expect(byId.get('gpt-5.4')?.longContext?.rates.output?.toFixed()).toBe('22.5');
    expect(byId.get('gemini/gemini-2.5-pro')?.provider).toBe('google');
    for (const model of sheet.models) {
      for (const rate of Object.values(model.rates)) expect(rate.isNegative()).toBe(false);
    }
  });
});

describe("OpenRouter's model list", () => {
  const sheet = parsePriceSheet(
    readFileSync('test/fixtures/openrouter-small.json', 'utf8'),
    'openrouter.json',
  );
  const byId = new Map(sheet.models.map((m) => [m.id, m]));

  it('is a price sheet too: per-token strings to per-million, exactly', () => {
    expect(sheet.summary.format).toBe('openrouter');
    expect(byId.get('qwen/qwen3-coder')?.rates.input?.toFixed()).toBe('0.3');
    expect(byId.get('qwen/qwen3-coder')?.rates.cacheRead?.toFixed()).toBe('0.1');
    expect(byId.get('qwen/qwen3-coder')?.aliases).toEqual(['qwen/qwen3-coder-480b-a35b-07-25']);
  });

  it('its :free variants are the open pool, no key reaches them; a varying price is no price', () => {
    expect(byId.get('cohere/north-mini-code:free')).toMatchObject({capability: 'open', byokable: false});
    expect(byId.has('openrouter/auto')).toBe(false);
  });
});
