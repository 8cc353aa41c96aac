import {copyFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {account, collect, fixture, totals, usd} from './collect.js';
import {scratchDir} from '../../scratch.js';

/** A copy under a name that points at the wrong format: detection must not care. */
function misnamed(name: string, as: string): string {
  const path = join(scratchDir('vibe-usage-'), as);
  copyFileSync(fixture(name), path);
  return path;
}

describe('Anthropic Console token export', () => {
  it('reads the 14-column daily layout with a BOM and CRLF, 5m/1h split, unknown model kept', async () => {
    const file = misnamed('anthropic-tokens-daily.csv', 'completions_usage_2026-03-01_2026-03-31.csv');
    const {records, outcome} = await collect([file]);
    expect(account(outcome, file)).toEqual({
      source: 'anthropic.console.tokens',
      read: 3,
      imported: 3,
      duplicates: 0,
      rejected: 0,
      skipped: 0,
    });
    expect(totals(records)).toEqual({
      input: 3050,
      cacheRead: 13000,
      cacheWrite5m: 200,
      cacheWrite1h: 1000,
      output: 1325,
    });
    expect(records.map((r) => r.modelRaw)).toEqual([
      'claude-sonnet-4-5-20250929',
      'claude-opus-4-6',
      'claude-mystery-9-20300101',
    ]);
    expect(records[0]).toMatchObject({
      granularity: 'bucket',
      start: '2026-03-02T00:00:00.000Z',
      line: 2,
      tokensKnown: 'all',
      requests: null,
    });
    expect(records[1]?.speed).toBe('fast');
    expect(records[2]?.serviceTier).toBe('batch');
  });

  it('reads hourly rows as UTC hours', async () => {
    const {records} = await collect([fixture('anthropic-tokens-hourly.csv')]);
    expect(records.map((r) => r.start)).toEqual(['2026-04-02T04:00:00.000Z', '2026-04-02T05:00:00.000Z']);
    expect(totals(records)).toEqual({
      input: 200,
      cacheRead: 400,
      cacheWrite5m: 10,
      cacheWrite1h: 20,
      output: 100,
    });
  });

  it('prices the legacy single cache_write column as 5-minute writes', async () => {
    const {records} = await collect([fixture('anthropic-tokens-legacy.csv')]);
    expect(records[0]?.tokens).toEqual({
      input: 500,
      cacheRead: 1000,
      cacheWrite5m: 250,
      cacheWrite1h: 0,
      output: 75,
    });
    expect(records[0]?.tokensKnown).toBe('all');
  });

  it("marks a cut without cache columns 'no-cache-split'", async () => {
    const {records} = await collect([fixture('anthropic-tokens-nocache.csv')]);
    expect(records[0]).toMatchObject({
      tokensKnown: 'no-cache-split',
      tokens: {input: 9000, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 300},
    });
  });
});

describe('Anthropic Console cost export', () => {
  it('imports every row as a billed cost, sums repeated keys, keeps the `--` web-search row', async () => {
    const file = misnamed('anthropic-cost.csv', 'claude_api_tokens_2026_03.csv');
    const {records, outcome} = await collect([file]);
    expect(account(outcome, file)).toEqual({
      source: 'anthropic.console.cost',
      read: 5,
      imported: 5,
      duplicates: 0,
      rejected: 0,
      skipped: 0,
    });
    expect(usd(records)).toBe('0.9');
    expect(
      records.every((r) => r.tokens === null && r.tokensKnown === 'none' && r.reportedKind === 'billed'),
    ).toBe(true);
    expect(records[0]).toMatchObject({modelRaw: '', toolCharge: 'web_search', reportedUsd: '0.05'});
    expect(records.filter((r) => r.modelRaw === 'Claude Sonnet 4.5').map((r) => r.reportedUsd)).toEqual([
      '0.12',
      '0.4',
      '0.33',
      '0',
    ]);
  });
});

describe('OpenAI dashboard usage export', () => {
  it('takes cached tokens out of input once, reads 10.0 floats, skips the empty bucket', async () => {
    const file = misnamed('openai-usage.csv', 'claude_api_cost_2026_03.csv');
    const {records, outcome} = await collect([file]);
    expect(account(outcome, file)).toEqual({
      source: 'openai.dashboard.usage',
      read: 4,
      imported: 3,
      duplicates: 0,
      rejected: 0,
      skipped: 1,
    });
    // 59200 − 5760, 1000 − 0, 300 − 100
    expect(totals(records)).toEqual({
      input: 54640,
      cacheRead: 5860,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 10776,
    });
    expect(records[0]).toMatchObject({
      start: '2026-03-05T00:00:00.000Z',
      requests: 10,
      modelRaw: 'gpt-4o-2024-08-06',
      serviceTier: 'default',
    });
    expect(records[1]?.modelRaw).toBe('gpt-unknown-model');
    expect(records[2]?.serviceTier).toBe('batch');
  });

  it('reads a spreadsheet round-trip: TSV, CRLF, FALSE, "1,234" and 59,200 cells', async () => {
    const {records, outcome} = await collect([fixture('openai-usage-spreadsheet.tsv')]);
    expect(account(outcome, 'openai-usage-spreadsheet.tsv').imported).toBe(2);
    expect(totals(records)).toEqual({
      input: 54674,
      cacheRead: 5760,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 10656,
    });
  });
});

describe('OpenAI dashboard cost export', () => {
  it('keeps every decimal of amount_value, skips blank days, rejects non-usd rows', async () => {
    const {records, outcome} = await collect([fixture('openai-cost.csv')]);
    expect(account(outcome, 'openai-cost.csv')).toEqual({
      source: 'openai.dashboard.cost',
      read: 4,
      imported: 2,
      duplicates: 0,
      rejected: 1,
      skipped: 1,
    });
    expect(records.map((r) => r.reportedUsd)).toEqual(['0.895874', '0.00383598']);
    expect(records[1]?.modelRaw).toBe('gpt-4o');
    expect(outcome.rejects).toEqual([
      {
        file: fixture('openai-cost.csv'),
        line: 5,
        reason: 'amount_currency is "eur": only usd amounts can be compared',
      },
    ]);
  });
});

describe('OpenRouter exports', () => {
  it('per-generation CSV: prompt includes cached, a repeated generation_id is a duplicate', async () => {
    const file = misnamed('openrouter-generations.csv', 'openrouter-activity.csv');
    const {records, outcome} = await collect([file]);
    expect(account(outcome, file)).toEqual({
      source: 'openrouter.generations',
      read: 3,
      imported: 2,
      duplicates: 1,
      rejected: 0,
      skipped: 0,
    });
    expect(totals(records)).toEqual({
      input: 1800,
      cacheRead: 500,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 380,
    });
    expect(records[0]).toMatchObject({
      start: '2026-03-06T18:54:30.040Z',
      granularity: 'request',
      requests: 1,
      reportedUsd: '0.0123',
      reportedKind: 'billed',
    });
    expect(records[1]?.modelRaw).toBe('someone/unknown-model-1');
  });

  it("aggregated activity CSV: quoted cells, 'Prompt Tokens' headers, no cache split", async () => {
    const {records, outcome} = await collect([fixture('openrouter-activity.csv')]);
    expect(account(outcome, 'openrouter-activity.csv').source).toBe('openrouter.activity');
    expect(totals(records)).toEqual({
      input: 800000,
      cacheRead: 0,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 35000,
    });
    expect(records.every((r) => r.tokensKnown === 'no-cache-split')).toBe(true);
    expect(records.map((r) => [r.start, r.requests, r.reportedUsd])).toEqual([
      ['2026-05-12T00:00:00.000Z', 40, '12.5'],
      ['2026-05-13T00:00:00.000Z', 10, '1.25'],
    ]);
  });
});

describe('vibe-cost generic CSV', () => {
  it('reads ISO times and bare dates, optional columns absent meaning 0', async () => {
    const {records, outcome} = await collect([fixture('generic.csv')]);
    expect(account(outcome, 'generic.csv')).toEqual({
      source: 'vibe-cost.generic',
      read: 2,
      imported: 2,
      duplicates: 0,
      rejected: 0,
      skipped: 0,
    });
    expect(records[0]).toMatchObject({
      granularity: 'request',
      start: '2026-03-01T12:00:00.000Z',
      taskId: 't-1',
      reportedUsd: '0.0015',
      line: 2,
    });
    expect(records[1]).toMatchObject({
      granularity: 'day',
      start: '2026-03-01',
      modelRaw: 'some-unknown-model-x',
      tokensKnown: 'all',
      line: 3,
    });
    expect(totals(records)).toEqual({
      input: 300,
      cacheRead: 30,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 60,
    });
  });

  it('reads semicolons, a quoted "1,234", 10.0 and a zone offset', async () => {
    const {records} = await collect([fixture('generic-semicolon.csv')]);
    expect(records.map((r) => [r.start, r.tokens?.input, r.tokens?.output])).toEqual([
      ['2026-03-02T08:00:00.000Z', 1234, 10],
      ['2026-03-02T07:30:00.000Z', 66, 0],
    ]);
  });

  it('rejects negative, fractional, NaN and exponent counts, naming column and value', async () => {
    const {records, outcome} = await collect([fixture('generic-bad.csv')]);
    expect(account(outcome, 'generic-bad.csv')).toEqual({
      source: 'vibe-cost.generic',
      read: 5,
      imported: 1,
      duplicates: 0,
      rejected: 4,
      skipped: 0,
    });
    expect(records).toHaveLength(1);
    expect(outcome.rejects.map((r) => `${r.line}: ${r.reason}`)).toEqual([
      '2: input_tokens is not a whole number of tokens ≥ 0: "-5"',
      '3: input_tokens is not a whole number of tokens ≥ 0: "1.5"',
      '4: input_tokens is not a whole number of tokens ≥ 0: "NaN"',
      '5: input_tokens is not a whole number of tokens ≥ 0: "1e3"',
    ]);
  });

  it('keeps line numbers right across a quoted CRLF newline', async () => {
    const {records, outcome} = await collect([fixture('generic-quoted-newline.csv')]);
    expect(records[0]).toMatchObject({line: 2, taskId: 'task with\r\ntwo lines'});
    expect(outcome.rejects[0]).toMatchObject({line: 4});
  });
});
