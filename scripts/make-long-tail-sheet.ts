/**
 * Writes data/long-tail/litellm.json: the models real histories hold that our curated sheets do not
 * (gpt-4o, o1, Claude 3 Opus, Claude 3.5 Sonnet, Claude Instant, Gemini 2.0 ...), converted from a
 * dated snapshot of LiteLLM's model_prices_and_context_window.json. Reproducible:
 *
 *   npx tsx scripts/make-long-tail-sheet.ts ../shared/corpus/prices/litellm-model-prices.2026-08-01.json --as-of 2026-08-01
 *
 * The snapshot's date comes from --as-of, else from a YYYY-MM-DD in the file name. Only first-party
 * providers are kept (a history names a model as its maker's API does); curated models are left out,
 * and the loader consults this sheet only for names the curated ones miss, so curated prices win.
 */
import {readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {basename, join} from 'node:path';
import {normalizeModelName} from '../src/core/pricing/model-names.js';
import {PriceBook} from '../src/core/pricing/price-book.js';
import {priceSheetDocument} from '../src/core/pricing/write-sheet.js';
import {parsePriceSheet} from '../src/core/pricing/parse-sheet.js';
import type {ModelPrice} from '../src/core/pricing/model-price.js';

const ROOT = join(import.meta.dirname, '..');
const FIRST_PARTY = new Set([
  'openai',
  'text-completion-openai',
  'anthropic',
  'google',
  'deepseek',
  'mistral',
  'xai',
  'alibaba',
  'moonshot',
  'zai',
  'cohere_chat',
]);
const LICENCE =
  'MIT License, Copyright (c) 2023 Berri AI (https://github.com/BerriAI/litellm/blob/main/LICENSE)';

const args = process.argv.slice(2);
const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const input = args.find((a, i) => !a.startsWith('--') && !['--as-of', '--out'].includes(args[i - 1] ?? ''));
if (!input) throw new Error('usage: make-long-tail-sheet.ts LITELLM_JSON [--as-of YYYY-MM-DD] [--out FILE]');
const asOf = flag('--as-of') ?? /\d{4}-\d{2}-\d{2}/.exec(basename(input))?.[0];
const out = flag('--out') ?? join(ROOT, 'data', 'long-tail', 'litellm.json');
if (!asOf || !/^\d{4}-\d{2}-\d{2}$/.test(asOf))
  throw new Error('the snapshot date: give --as-of YYYY-MM-DD, or a file name holding it');

const curated = new PriceBook(
  readdirSync(join(ROOT, 'data', 'prices'))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parsePriceSheet(readFileSync(join(ROOT, 'data', 'prices', f), 'utf8'), f)),
);
const litellm = parsePriceSheet(readFileSync(input, 'utf8'), basename(input)).models;

/**
 * Anthropic models retired from Anthropic's API that LiteLLM keeps only as Bedrock entries: Bedrock's
 * on-demand price is Anthropic's list price for them. Bedrock's long-context tier is its own offer.
 */
const RETIRED_ANTHROPIC: Record<string, string> = {
  'anthropic.claude-3-5-sonnet-20240620-v1:0': 'claude-3-5-sonnet-20240620',
  'anthropic.claude-3-5-sonnet-20241022-v2:0': 'claude-3-5-sonnet-20241022',
  'anthropic.claude-3-sonnet-20240229-v1:0': 'claude-3-sonnet-20240229',
  'anthropic.claude-instant-v1': 'claude-instant-1.2',
  'anthropic.claude-v2:1': 'claude-2.1',
};
function fromBedrock(m: ModelPrice): ModelPrice | undefined {
  const id = m.provider === 'bedrock' ? RETIRED_ANTHROPIC[m.id] : undefined;
  if (!id) return undefined;
  const {longContext: _bedrockOnly, ...rest} = m;
  return {
    ...rest,
    id,
    provider: 'anthropic',
    byokable: true,
    aliases: [m.id],
    source: `${m.source}: Bedrock's on-demand price, equal to Anthropic's list price`,
  };
}

/**
 * LiteLLM gives some Anthropic models a 1-hour cache write below the 5-minute one ($6 for Claude 3
 * Haiku and Opus): never a real price (1-hour writes cost 2x input). Left out, so it is unknown.
 */
function withoutImpossibleWrite(m: ModelPrice): ModelPrice {
  const {cacheWrite1h, cacheWrite5m} = m.rates;
  if (!cacheWrite1h || !cacheWrite5m || cacheWrite1h.gte(cacheWrite5m)) return m;
  const {cacheWrite1h: _wrong, ...rates} = m.rates;
  return {...m, rates};
}

/** "claude-3-5-sonnet-20241022" → "Claude 3.5 Sonnet": the name Anthropic's cost export writes. */
function anthropicDisplayName(id: string): string | undefined {
  const m = /^claude-(\d+(?:-\d)?)-(opus|sonnet|haiku)(?:-\d{8})?$/.exec(id);
  if (m?.[1] && m[2]) return `Claude ${m[1].replace('-', '.')} ${m[2][0]?.toUpperCase()}${m[2].slice(1)}`;
  if (id === 'claude-2.1') return 'Claude 2.1';
  return id.startsWith('claude-instant') ? 'Claude Instant' : undefined;
}

/** Curated knows the name, or answers to it (a snapshot of its model) at the same price. */
function coveredByCurated(m: ModelPrice): boolean {
  const known = curated.find(m.id);
  if (!known) return false;
  if (known.id === m.id || known.aliases.includes(m.id)) return true;
  return Boolean(known.rates.input?.eq(m.rates.input ?? -1) && known.rates.output?.eq(m.rates.output ?? -1));
}

/** Providers with no cache-write charge of their own: written tokens bill as ordinary input, as in the curated sheets. */
const WRITE_AS_INPUT = new Set([
  'openai',
  'text-completion-openai',
  'google',
  'xai',
  'deepseek',
  'moonshot',
  'zai',
  'mistral',
]);
function withWriteAsInput(m: ModelPrice): ModelPrice {
  if (!WRITE_AS_INPUT.has(m.provider) || m.rates.cacheWrite5m || !m.rates.input) return m;
  return {
    ...m,
    rates: {...m.rates, cacheWrite5m: m.rates.input},
    source: `${m.source}; DERIVED: cacheWrite5m set equal to input (no separate cache-write charge)`,
  };
}

const DATED = /-(\d{4})(\d{2})(\d{2})$/;
const kept: ModelPrice[] = [];
const ids = new Set<string>();
// First-party entries first: a Bedrock copy only fills in what the maker's own API no longer lists.
for (const m of [
  ...litellm.filter((x) => FIRST_PARTY.has(x.provider)),
  ...litellm.map(fromBedrock).filter((x) => x !== undefined),
]
  .map(withoutImpossibleWrite)
  .map(withWriteAsInput)) {
  if (ids.has(m.id) || coveredByCurated(m)) continue;
  ids.add(m.id);
  const displayName = m.provider === 'anthropic' ? anthropicDisplayName(m.id) : undefined;
  const date = DATED.exec(m.id);
  // The cost export names a snapshot "Claude 3.5 Sonnet 2024-10-22".
  const datedName = displayName && date ? [`${displayName} ${date[1]}-${date[2]}-${date[3]}`] : [];
  kept.push({
    ...m,
    ...(displayName ? {displayName} : {}),
    aliases: [...m.aliases, ...datedName],
    asOf,
    source: m.source.replace(/key "[^"]*"/, (key) => `${key} (snapshot ${asOf})`),
  });
}

// A dated snapshot whose undated name no entry holds answers to it: the latest snapshot wins.
const undated = new Map<string, ModelPrice>();
for (const m of [...kept].sort((a, b) => a.id.localeCompare(b.id))) {
  const base = m.id.replace(DATED, '');
  if (base !== m.id && !ids.has(base) && !curated.find(base)) undated.set(base, m);
}
for (const [base, m] of undated) (m.aliases as string[]).push(base);
// A display name two snapshots share goes to the latest; the other keeps its dated name.
const named = new Map<string, ModelPrice>();
for (const m of [...kept].sort((a, b) => a.id.localeCompare(b.id)))
  if (m.displayName) named.set(normalizeModelName(m.displayName), m);
const models = kept.map((m) => {
  if (!m.displayName || named.get(normalizeModelName(m.displayName)) === m) return m;
  const {displayName: _shared, ...rest} = m;
  return rest;
});

const text = priceSheetDocument(models, {
  asOf,
  source: `LiteLLM model_prices_and_context_window.json (BerriAI/litellm), snapshot ${asOf}, first-party providers, models the curated sheets lack; ${LICENCE}`,
});
writeFileSync(out, text);
console.log(`${out}: ${models.length} models from ${basename(input)} (${asOf}), ${text.length} bytes`);
