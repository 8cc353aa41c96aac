import {guessCapability} from './capability-guess.js';
import {isObject, type ExactJson} from '../exact-json.js';
import {parseMoney, perTokenToPerMTok, type Money} from '../money.js';
import type {ModelPrice, PriceSheet, Rates} from './model-price.js';

/** OpenRouter's `GET /api/v1/models`: {data: [{id, pricing: {prompt, completion, ...}}]}. */
export function looksLikeOpenRouter(json: ExactJson): json is {[key: string]: ExactJson} {
  if (!isObject(json) || !Array.isArray(json['data'])) return false;
  const first = json['data'][0];
  return isObject(first) && typeof first['id'] === 'string' && isObject(first['pricing']);
}

/**
 * Converts OpenRouter's model list: USD per token as decimal strings, so exact as they stand.
 * Its `:free` variants are the free tier's pool of the day; a price of -1 ("varies", as for its
 * auto router) is no price, so such a model is left out rather than costed.
 */
export function convertOpenRouter(json: {[key: string]: ExactJson}, origin: string): PriceSheet {
  const models: ModelPrice[] = [];
  for (const entry of json['data'] as ExactJson[]) {
    if (!isObject(entry) || typeof entry['id'] !== 'string' || !isObject(entry['pricing'])) continue;
    const pricing = entry['pricing'];
    const price = (field: string): Money | undefined => {
      const value = pricing[field];
      const parsed = typeof value === 'string' ? parseMoney(value) : undefined;
      return parsed && !parsed.isNegative() ? perTokenToPerMTok(parsed) : undefined;
    };
    const input = price('prompt');
    const output = price('completion');
    if (!input || !output) continue;
    const rates: {-readonly [K in keyof Rates]: Money} = {input, output};
    const read = price('input_cache_read');
    const write = price('input_cache_write');
    if (read) rates.cacheRead = read;
    if (write) rates.cacheWrite5m = write;
    const id = entry['id'];
    const free = id.endsWith(':free');
    const search = typeof pricing['web_search'] === 'string' ? parseMoney(pricing['web_search']) : undefined;
    models.push({
      id,
      provider: 'openrouter',
      ...(typeof entry['name'] === 'string' ? {displayName: `${entry['name']} (OpenRouter)`} : {}),
      aliases:
        typeof entry['canonical_slug'] === 'string' && entry['canonical_slug'] !== id
          ? [entry['canonical_slug']]
          : [],
      capability: guessCapability(id, rates),
      capabilityGuessed: true,
      // An OpenRouter key reaches its paid routes; its free variants are the platform's pool, no key's.
      byokable: !free,
      rates,
      // web_search is USD per search already, not per token.
      ...(search && search.isPositive() ? {perCall: {webSearch: search}} : {}),
      asOf: '',
      source: `OpenRouter /api/v1/models entry "${id}"`,
      origin,
    });
  }
  return {summary: {origin, format: 'openrouter', asOf: '', models: models.length}, models};
}
