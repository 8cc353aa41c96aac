import {guessCapability} from './capability-guess.js';
import {ExactNumber, isObject, type ExactJson} from '../exact-json.js';
import {parseMoney, perTokenToPerMTok, type Money} from '../money.js';
import type {LongContextTier, ModelPrice, Multipliers, PriceSheet, Rates} from './model-price.js';
import {chainTiers} from './context-tiers.js';

/** LiteLLM's provider names, where ours differ. */
const PROVIDERS: Record<string, string> = {
  gemini: 'google',
  'vertex_ai-language-models': 'google',
  dashscope: 'alibaba',
  zai: 'zai',
  v0: 'vercel-v0',
};
/** Providers that sell no key a user could bring: their models are platform-paid by definition. */
const NOT_BYOKABLE = new Set(['vercel-v0', 'github_copilot', 'chatgpt']);
const CHAT_MODES = new Set(['chat', 'completion', 'responses']);

export function looksLikeLiteLlm(json: ExactJson): json is {[key: string]: ExactJson} {
  if (!isObject(json)) return false;
  return Object.values(json).some(
    (entry) => isObject(entry) && typeof entry['litellm_provider'] === 'string',
  );
}

/**
 * Converts LiteLLM's model_prices_and_context_window.json. Its prices are USD per token, written as
 * JSON numbers (3e-06); each is read from its text and multiplied by 10^6 in decimal, so 3e-06
 * becomes exactly 3. Entries that are not chat models or carry no token prices are left out.
 */
export function convertLiteLlm(json: {[key: string]: ExactJson}, origin: string): PriceSheet {
  const models: ModelPrice[] = [];
  for (const [key, entry] of Object.entries(json)) {
    if (key === 'sample_spec' || !isObject(entry)) continue;
    const mode = typeof entry['mode'] === 'string' ? entry['mode'] : 'chat';
    if (!CHAT_MODES.has(mode)) continue;
    const tiered = tieredOf(entry);
    const rates = tiered?.base ?? ratesOf(entry, '');
    if (!rates.input || !rates.output) continue;
    const litellmProvider =
      typeof entry['litellm_provider'] === 'string' ? entry['litellm_provider'] : 'unknown';
    const provider = PROVIDERS[litellmProvider] ?? litellmProvider;
    const longContext = tiered ? tiered.steps : longContextOf(entry);
    const multipliers = multipliersOf(entry, rates);
    const guess = guessCapability(key, rates);
    const maxInput =
      entry['max_input_tokens'] instanceof ExactNumber ? Number(entry['max_input_tokens'].text) : undefined;
    models.push({
      id: key,
      provider,
      aliases: [],
      capability: guess,
      capabilityGuessed: true,
      byokable: !NOT_BYOKABLE.has(provider),
      rates,
      ...(longContext ? {longContext} : {}),
      ...(multipliers ? {multipliers} : {}),
      ...(maxInput && Number.isSafeInteger(maxInput) && maxInput > 0 ? {maxInputTokens: maxInput} : {}),
      asOf: '',
      source: `LiteLLM model_prices_and_context_window.json key "${key}"`,
      origin,
    });
  }
  return {summary: {origin, format: 'litellm', asOf: '', models: models.length}, models};
}

function price(entry: {[key: string]: ExactJson}, field: string): Money | undefined {
  const value = entry[field];
  if (!(value instanceof ExactNumber)) return undefined;
  const perToken = parseMoney(value.text);
  return perToken && !perToken.isNegative() ? perTokenToPerMTok(perToken) : undefined;
}

function ratesOf(entry: {[key: string]: ExactJson}, suffix: string): Rates {
  const rates: {-readonly [K in keyof Rates]: Money} = {};
  const set = (bucket: keyof Rates, field: string) => {
    const value = price(entry, field);
    if (value) rates[bucket] = value;
  };
  set('input', `input_cost_per_token${suffix}`);
  set('output', `output_cost_per_token${suffix}`);
  set('cacheRead', `cache_read_input_token_cost${suffix}`);
  // LiteLLM writes a 0 cache-write price for providers with no separate write charge (DeepSeek,
  // Z.ai): written tokens bill as input there, so 0 means "not a price of its own", not "free".
  const write = price(entry, `cache_creation_input_token_cost${suffix}`);
  if (write && !(write.isZero() && rates.input && !rates.input.isZero())) rates.cacheWrite5m = write;
  set('cacheWrite1h', `cache_creation_input_token_cost_above_1hr${suffix}`);
  return rates;
}

/**
 * LiteLLM gives batch and priority prices in full (input_cost_per_token_batches); where input and
 * output carry the same factor over the standard price, that factor is the multiplier.
 */
function multipliersOf(entry: {[key: string]: ExactJson}, rates: Rates): Multipliers | undefined {
  const result: {-readonly [K in keyof Multipliers]: Money} = {};
  for (const [suffix, name] of [
    ['_batches', 'batch'],
    ['_priority', 'priority'],
  ] as const) {
    const input = price(entry, `input_cost_per_token${suffix}`);
    const output = price(entry, `output_cost_per_token${suffix}`);
    if (!input || !output || !rates.input || !rates.output || rates.input.isZero() || rates.output.isZero())
      continue;
    const factor = input.div(rates.input);
    if (factor.eq(output.div(rates.output)) && factor.decimalPlaces() <= 4) result[name] = factor;
  }
  return Object.keys(result).length ? result : undefined;
}

/**
 * LiteLLM's `tiered_pricing`: [{input_cost_per_token, output_cost_per_token, ..., range: [from, to]}]
 * by prompt size (DashScope's Qwen3-Coder: four). The range from 0 is the base price; each other
 * range is a step priced whole from its start, as DashScope bills a request by its prompt's tier.
 */
function tieredOf(entry: {
  [key: string]: ExactJson;
}): {base: Rates; steps: LongContextTier | undefined} | undefined {
  const list = entry['tiered_pricing'];
  if (!Array.isArray(list)) return undefined;
  const tiers = list
    .filter(isObject)
    .map((t) => ({
      from:
        Array.isArray(t['range']) && t['range'][0] instanceof ExactNumber ? Number(t['range'][0].text) : NaN,
      rates: ratesOf(t, ''),
    }))
    .filter((t) => Number.isSafeInteger(t.from) && t.from >= 0 && t.rates.input && t.rates.output)
    .sort((a, b) => a.from - b.from);
  const base = tiers[0];
  if (!base || base.from !== 0) return undefined;
  return {
    base: base.rates,
    steps: chainTiers(
      tiers.slice(1).map((t) => ({thresholdTokens: t.from, wholeRequest: true, rates: t.rates})),
    ),
  };
}

/** LiteLLM names a long-context tier by its threshold: input_cost_per_token_above_200k_tokens. */
function longContextOf(entry: {[key: string]: ExactJson}): LongContextTier | undefined {
  const thresholds = Object.keys(entry)
    .map((field) => /^input_cost_per_token_above_(\d+)k_tokens$/.exec(field)?.[1])
    .filter((k): k is string => k !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const k = thresholds[0];
  if (k === undefined) return undefined;
  // LiteLLM bills the whole request at the higher tier once the prompt passes the threshold.
  return {thresholdTokens: k * 1000, wholeRequest: true, rates: ratesOf(entry, `_above_${k}k_tokens`)};
}
