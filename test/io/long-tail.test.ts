import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {PriceBook} from '../../src/core/pricing/price-book.js';
import {loadPriceBook, loadSheet} from '../../src/io/load-data.js';
import {corpusFile, hasCorpus} from '../corpus.js';
import {scratchDir} from '../scratch.js';

const ROOT = join(import.meta.dirname, '..', '..');
const LONG_TAIL = join(ROOT, 'data', 'long-tail', 'litellm.json');

describe('the long-tail sheet', () => {
  const tail = loadSheet(LONG_TAIL, 'long-tail');
  const curated = loadPriceBook([], {cache: false});

  it('carries LiteLLM’s MIT attribution and the snapshot date, on the sheet and on every model', () => {
    const sheet = JSON.parse(readFileSync(LONG_TAIL, 'utf8'));
    expect(sheet.asOf).toBe('2026-08-01');
    expect(sheet.source).toContain('MIT License, Copyright (c) 2023 Berri AI');
    expect(
      tail.models.every((m) => m.asOf === '2026-08-01' && m.source.includes('(snapshot 2026-08-01)')),
    ).toBe(true);
  });

  it('holds no model a curated sheet prices, and curated prices win the names they share', () => {
    for (const m of tail.models)
      expect(
        curated.models.map((c) => c.id),
        m.id,
      ).not.toContain(m.id);
    expect(curated.find('claude-3-haiku-20240307')?.origin).toBe('bundled:anthropic.json');
    expect(curated.find('gpt-5-2025-08-07')?.origin).toBe('bundled:openai.json');
    expect(curated.find('gpt-4o')?.origin).toBe('bundled:long-tail/litellm.json');
  });

  it('is read only when a name misses every other sheet', () => {
    let reads = 0;
    const book = new PriceBook([], () => (reads++, [tail]));
    const withCurated = new PriceBook(
      [loadSheet(join(ROOT, 'data', 'prices', 'openai.json'), 'openai')],
      () => (reads++, [tail]),
    );
    withCurated.find('gpt-5');
    withCurated.find('gpt-5-2025-08-07');
    expect(reads).toBe(0);
    expect(withCurated.sheets.map((s) => s.origin)).toEqual(['openai']);
    expect(withCurated.find('gpt-4o')?.id).toBe('gpt-4o');
    expect(withCurated.sheets.map((s) => s.origin)).toEqual(['openai', 'long-tail']);
    book.find('o1');
    book.find('o3-mini');
    expect(reads).toBe(2);
  });

  it.skipIf(!hasCorpus)(
    'is what the conversion script makes of the LiteLLM snapshot in the shared corpus, byte for byte',
    () => {
      const out = join(scratchDir('long-tail-'), 'litellm.json');
      const r = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/make-long-tail-sheet.ts',
          corpusFile('prices', 'litellm-model-prices.2026-08-01.json'),
          '--out',
          out,
        ],
        {cwd: ROOT, encoding: 'utf8'},
      );
      expect(r.stderr).toBe('');
      expect(readFileSync(out, 'utf8')).toBe(readFileSync(LONG_TAIL, 'utf8'));
    },
  );
});
