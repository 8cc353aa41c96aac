import {describe, expect, it} from 'vitest';
import {BadDocument, UnknownModel} from '../../src/core/domain-errors.js';
import {parsePriceSheet} from '../../src/core/pricing/parse-sheet.js';
import {loadPriceBook} from '../../src/io/load-data.js';

const sheet = (model: object, top: object = {}) =>
  JSON.stringify({
    schemaVersion: 1,
    provider: 'acme',
    asOf: '2026-08-01',
    source: 'test',
    models: [model],
    ...top,
  });
const good = {id: 'acme-1', capability: 'mid', usdPerMTok: {input: '1', output: '2'}};

describe('price sheet validation', () => {
  it.each([
    [
      {...good, usdPerMTok: {input: '-1', output: '2'}},
      'acme.json: model "acme-1": field usdPerMTok.input: a price cannot be negative, got -1',
    ],
    [{...good, usdPerMTok: {input: '1'}}, 'acme.json: model "acme-1": field usdPerMTok.output: missing'],
    [
      {...good, usdPerMTok: {input: 'cheap', output: '2'}},
      'field usdPerMTok.input: expected a decimal price such as "3.75", got "cheap"',
    ],
    [
      {...good, usdPerMTok: {input: '1', output: '2', cache: '1'}},
      'field usdPerMTok.cache: unknown price field',
    ],
    [
      {...good, capability: 'genius'},
      'model "acme-1": field capability: expected frontier, mid, small or open, got "genius"',
    ],
    [
      {...good, longContext: {thresholdTokens: -5, wholeRequest: true, usdPerMTok: {}}},
      'field longContext.thresholdTokens: expected a whole number of tokens, got -5',
    ],
  ])('%#: rejects a bad model, naming file, model and field', (model, message) => {
    expect(() => parsePriceSheet(sheet(model), 'acme.json')).toThrow(BadDocument);
    expect(() => parsePriceSheet(sheet(model), 'acme.json')).toThrow(message);
  });

  it('rejects text that is not JSON with its line', () => {
    expect(() => parsePriceSheet('{\n  "models": [\n    {oops}\n', 'bad.json')).toThrow(
      /^bad.json:3: not valid JSON/,
    );
  });

  it('accepts a bare JSON number as a price, read from its text', () => {
    const parsed = parsePriceSheet(sheet({...good, usdPerMTok: {input: 0.1, output: 2}}), 'acme.json');
    expect(parsed.models[0]?.rates.input?.toFixed()).toBe('0.1');
  });

  it('loads every bundled sheet, each model with a source and an as-of date', () => {
    const book = loadPriceBook();
    expect(book.models.length).toBeGreaterThan(90);
    for (const model of book.models) {
      expect(model.source, model.id).not.toBe('');
      expect(model.asOf, model.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    for (const provider of ['anthropic', 'openai', 'google', 'deepseek', 'alibaba', 'moonshot', 'zai']) {
      expect(
        book.models.some((m) => m.provider === provider),
        provider,
      ).toBe(true);
    }
  });
});

describe('model names', () => {
  const book = loadPriceBook();
  it.each([
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['Claude Sonnet 4.5', 'claude-sonnet-4-5'],
    ['anthropic/claude-sonnet-4.5', 'claude-sonnet-4-5'],
    ['gpt-5-2025-08-07', 'gpt-5'],
    ['openai/gpt-5', 'gpt-5'],
  ])('%s is %s', (query, id) => {
    expect(book.resolve(query).id).toBe(id);
  });

  it('an unknown model is an error naming the nearest, and the setting it was asked for by its id', () => {
    expect(() => book.resolve('claude-sonet-4-5')).toThrow(UnknownModel);
    expect(() => book.resolve('claude-sonet-4-5')).toThrow(
      /^model: unknown model "claude-sonet-4-5"; nearest: claude-sonnet-4-5/,
    );
  });
});

describe('priceSheetDocument', () => {
  it('writes any sheet in this project format, read back unchanged but for its origin', async () => {
    const {priceSheetDocument} = await import('../../src/core/pricing/write-sheet.js');
    const {readFileSync} = await import('node:fs');
    const bundled = loadPriceBook([], {cache: false}).models;
    const litellm = parsePriceSheet(readFileSync('test/fixtures/litellm-update.json', 'utf8'), 'l').models;
    for (const models of [bundled, litellm]) {
      const again = parsePriceSheet(
        priceSheetDocument(models, {asOf: '2026-11-27', source: 'test'}),
        'again',
      );
      expect(again.models.map((m) => ({...m, origin: ''}))).toEqual(
        models.map((m) => ({...m, origin: '', asOf: m.asOf || '2026-11-27'})),
      );
    }
  });
});
