import {describe, expect, it} from 'vitest';
import {Money} from '../../src/core/money.js';
import type {ModelPrice} from '../../src/core/pricing/model-price.js';
import {longContextTable} from '../../src/core/usage-sql/long-context-keys.js';

const model = (id: string, extra: Partial<ModelPrice> = {}): ModelPrice => ({
  id,
  provider: 'p',
  aliases: [],
  capability: 'frontier',
  byokable: true,
  rates: {input: new Money(1)},
  asOf: '2026-01-01',
  source: 'test',
  origin: 'test',
  ...extra,
});
const tier = (thresholdTokens: number) => ({
  thresholdTokens,
  wholeRequest: true,
  rates: {input: new Money(2)},
});

describe('the long-context table the SQL embeds', () => {
  it('holds every name of a model with a long tier, and the dated name of one without that would fall through to it', () => {
    const long = model('big', {longContext: tier(200_000)});
    const dated = model('big-20250101');
    const plain = model('small');
    const table = longContextTable([
      ['big', long],
      ['vendor/big', long],
      ['big-20250101', dated],
      ['small', plain],
    ]);
    expect(table.keys.map((k) => [k.key, k.after])).toEqual([
      ['big', 200_000],
      ['big-20250101', 0],
      ['vendor/big', 200_000],
    ]);
  });

  it('follows a threshold that a price change moves, from the day it takes effect', () => {
    const moving = model('m', {
      longContext: tier(128_000),
      changes: [
        {effective: '2026-03-01', rates: {input: new Money(1)}},
        {effective: '2026-06-01', rates: {input: new Money(1)}, longContext: tier(200_000)},
        {effective: '2026-09-01', rates: {input: new Money(1)}, longContext: null},
      ],
    });
    expect(longContextTable([['m', moving]]).keys).toEqual([
      {key: 'm', after: 128_000, from: '0000-01-01', until: '2026-06-01'},
      {key: 'm', after: 200_000, from: '2026-06-01', until: '2026-09-01'},
      {key: 'm', after: 0, from: '2026-09-01', until: '9999-12-31'},
    ]);
  });

  it('names the models priced in more than two steps', () => {
    const stepped = model('q', {longContext: {...tier(32_000), next: tier(128_000)}});
    expect(longContextTable([['q', stepped]]).stepped).toEqual(['q']);
  });
});
