import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {beforeAll, describe, expect, it} from 'vitest';
import {PriceBook} from '../../src/core/pricing/price-book.js';
import {parsePriceSheet} from '../../src/core/pricing/parse-sheet.js';
import {taskListCost} from '../../src/core/pricing/context-tiers.js';
import type {ModelPrice} from '../../src/core/pricing/model-price.js';
import {BUCKETS, type Bucket, type TokenBuckets} from '../../src/core/tokens.js';
import {loadPriceBook} from '../../src/io/load-data.js';
import {corpusFile, hasCorpus} from '../corpus.js';

/**
 * Where our sheets and LiteLLM's 2026-08-01 file disagree on purpose. Each entry: the model (or
 * '*' for a rule), the field, and why.
 */
const KNOWN: {model: string | RegExp; field: string; why: string}[] = [
  {
    model: 'claude-3-haiku',
    field: 'cacheWrite1h',
    why: "LiteLLM has 6 (a data bug); Anthropic's rule of 2× input gives 0.5, as @pydantic/genai-prices has",
  },
  {
    model: /^(gemini-2\.5-pro|gemini-3-pro-preview|gemini-3\.1-pro-preview)$/,
    field: 'long.cacheWrite5m',
    why: "Gemini bills no cache write; LiteLLM's 0.25 above 200k is not a per-token write price. Ours bills written tokens as input (2× past 200k)",
  },
  {
    model: '*',
    field: 'cacheWrite5m:missing',
    why: 'providers with no separate cache-write charge (OpenAI, Google, DeepSeek, Z.ai, Moonshot): LiteLLM gives no price, ours bills written tokens as input',
  },
  {model: '*', field: 'long.cacheWrite5m:missing', why: 'the same, above the long-context threshold'},
  {
    model: '*',
    field: 'cacheWrite1h:missing',
    why: 'LiteLLM lists no 1-hour write for some Anthropic models; ours applies the 2× input rule',
  },
  {model: '*', field: 'long.cacheWrite1h:missing', why: 'the same, above the long-context threshold'},
];

function explained(model: string, field: string): boolean {
  return KNOWN.some(
    (k) =>
      k.field === field &&
      (k.model === '*' || (typeof k.model === 'string' ? k.model === model : k.model.test(model))),
  );
}

/** The fields on which two prices of one model disagree, "long." for the long-context tier, ":missing" where LiteLLM has none. */
function disagreements(ours: ModelPrice, theirs: ModelPrice): string[] {
  const fields: string[] = [];
  const compare = (prefix: string, a: ModelPrice['rates'], b: ModelPrice['rates']) => {
    for (const bucket of BUCKETS) {
      const x = a[bucket];
      const y = b[bucket];
      if (x && !y) fields.push(`${prefix}${bucket}:missing`);
      else if (!x && y) fields.push(`${prefix}${bucket}:extra`);
      else if (x && y && !x.eq(y)) fields.push(`${prefix}${bucket}`);
    }
  };
  compare('', ours.rates, theirs.rates);
  if (ours.longContext || theirs.longContext)
    compare('long.', ours.longContext?.rates ?? {}, theirs.longContext?.rates ?? {});
  if (ours.longContext?.thresholdTokens !== theirs.longContext?.thresholdTokens)
    fields.push('long.threshold');
  return fields;
}

const usage = fc.record(
  Object.fromEntries(BUCKETS.map((b) => [b, fc.integer({min: 0, max: 2_000_000})])) as Record<
    Bucket,
    fc.Arbitrary<number>
  >,
) as fc.Arbitrary<TokenBuckets>;

/** Models both our sheets and LiteLLM's file know. Read lazily: the corpus may be absent. */
function knownPairs() {
  const ours = loadPriceBook([], {cache: false});
  const litellm = parsePriceSheet(
    readFileSync(corpusFile('prices', 'litellm-model-prices.2026-08-01.json'), 'utf8'),
    'litellm',
  );
  const lookup = new PriceBook([
    {summary: {origin: 'ours', format: 'vibe-cost', asOf: '', models: 0}, models: ours.models},
  ]);
  return litellm.models.flatMap((theirs) => {
    const mine = lookup.counterpart(theirs);
    return mine ? [{mine, theirs}] : [];
  });
}

describe.skipIf(!hasCorpus)("our sheets against LiteLLM's 2026-08-01 file", () => {
  let pairs: ReturnType<typeof knownPairs> = [];
  beforeAll(() => {
    pairs = knownPairs();
  });

  it('knows most of our models', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(80);
  });

  it('agrees on every price of every model both know, but for the listed, explained differences', () => {
    const unexplained = pairs.flatMap(({mine, theirs}) =>
      disagreements(mine, theirs)
        .filter((f) => !explained(mine.id, f))
        .map((f) => `${mine.id} ${f}`),
    );
    expect(unexplained).toEqual([]);
  });

  it('prices thousands of generated usages the same, wherever both have the prices it needs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...pairs),
        usage,
        fc.integer({min: 1, max: 50}),
        ({mine, theirs}, tokens, requests) => {
          const a = taskListCost(mine, tokens, requests);
          const b = taskListCost(theirs, tokens, requests);
          const differs = disagreements(mine, theirs);
          if (b.missing.length === 0 && differs.length === 0) expect(a.usd.toFixed()).toBe(b.usd.toFixed());
          if (!a.usd.eq(b.usd) && b.missing.length === 0)
            expect(differs.every((f) => explained(mine.id, f))).toBe(true);
        },
      ),
      {numRuns: 5000},
    );
  });
});

describe.skipIf(!hasCorpus)("our OpenRouter sheet against OpenRouter's 2026-08-01 model list", () => {
  it('prices every route and :free variant we ship exactly as the feed does', () => {
    const feed = parsePriceSheet(
      readFileSync(corpusFile('prices', 'openrouter-models.2026-08-01.json'), 'utf8'),
      'openrouter',
    );
    expect(feed.summary.format).toBe('openrouter');
    const byId = new Map(feed.models.map((m) => [m.id, m]));
    const ours = loadPriceBook([], {cache: false}).models.filter((m) => m.provider === 'openrouter');
    expect(ours.length).toBeGreaterThan(30);
    const unexplained = ours.flatMap((mine) => {
      const theirs = byId.get(mine.id);
      if (!theirs) return [`${mine.id} not in the feed`];
      // The feed gives no cache-write price for most routes; ours bills written tokens as input.
      return disagreements(mine, theirs)
        .filter((f) => f !== 'cacheWrite5m:missing')
        .map((f) => `${mine.id} ${f}`);
    });
    expect(unexplained).toEqual([]);
  });
});
