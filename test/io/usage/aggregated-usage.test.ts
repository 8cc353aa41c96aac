import {describe, expect, it} from 'vitest';
import {detectSource} from '../../../src/io/usage/import.js';
import {account, collect, fixture, totals} from './collect.js';
import {readFileSync} from 'node:fs';
import type {UsageRecord} from '../../../src/core/history/usage-record.js';

describe('vibe-cost aggregated usage', () => {
  it('is detected before the generic CSV, and every row becomes one bucket record of its UTC day and tier', async () => {
    expect(detectSource(readFileSync(fixture('aggregated.csv'), 'utf8'))).toEqual({
      source: 'vibe-cost.aggregated',
    });
    const {records, outcome} = await collect([fixture('aggregated.csv')]);
    expect(account(outcome, 'aggregated.csv')).toEqual({
      source: 'vibe-cost.aggregated',
      read: 7,
      imported: 7,
      duplicates: 0,
      rejected: 0,
      skipped: 0,
    });
    expect(records[1]).toEqual({
      source: 'vibe-cost.aggregated',
      file: fixture('aggregated.csv'),
      line: 3,
      granularity: 'bucket',
      start: '2026-03-02T00:00:00.000Z',
      modelRaw: 'claude-sonnet-4-5',
      requests: 6,
      tokens: {input: 30000, cacheRead: 1150000, cacheWrite5m: 40000, cacheWrite1h: 12000, output: 21000},
      tokensKnown: 'all',
      contextTier: 'long',
      provider: 'anthropic',
      tasks: 2,
      sessions: 2,
      dimensions: {user: 'ana', team: 'platform', project: 'checkout'},
      reportedUsd: '1.73',
      reportedKind: 'billed',
    });
    // A row that names no one has no dimensions at all, not empty ones.
    expect(records[6]).toMatchObject({dimensions: {project: 'ci'}});
    expect(records[6]?.dimensions).not.toHaveProperty('team');
    expect(totals(records).cacheWrite1h).toBe(95000 + 12000 + 300000);
  });

  it('reads an empty cache cell as a split the source does not give: a lower bound, not zero', async () => {
    const {records} = await collect(['-'], {
      stdin: async () =>
        'day,model,tier,requests,input_tokens,cache_read_tokens,cache_write_5m_tokens,cache_write_1h_tokens,output_tokens\n' +
        '2026-03-02,gpt-5,base,4,900,,,,70\n2026-03-02,gpt-5,base,4,900,0,0,0,70\n',
    });
    expect(records.map((r) => [r.tokensKnown, r.tokens?.cacheRead])).toEqual([
      ['no-cache-split', 0],
      ['all', 0],
    ]);
  });

  it('rejects each bad row with its line, the field and the value', async () => {
    const {records, outcome} = await collect([fixture('aggregated-bad.csv')]);
    expect(account(outcome, 'aggregated-bad.csv')).toMatchObject({read: 10, imported: 1, rejected: 9});
    expect(records).toHaveLength(1);
    expect(outcome.rejects.map((r) => `${r.line}: ${r.reason}`)).toEqual([
      '3: day is not a UTC date YYYY-MM-DD: "2026-03-02T10:00:00Z"',
      '4: tier is not base or long: "medium"',
      '5: requests is 0: a row sums at least one request',
      '6: input_tokens is empty',
      '7: output_tokens is not a whole number of tokens ≥ 0: "-50"',
      "8: tasks is 4, not between 1 and the row's 3 requests (leave it empty when not counted)",
      '9: model is empty',
      '10: cost_usd is not an amount of money: "about $3"',
      '11: day is not a valid date: "2026-02-30"',
    ]);
  });

  it('reads the same rows as JSON lines, with the same rules', async () => {
    expect(detectSource(readFileSync(fixture('aggregated.jsonl'), 'utf8'))).toEqual({
      source: 'vibe-cost.aggregated-jsonl',
    });
    const csv = await collect([fixture('aggregated.csv')]);
    const {records, outcome} = await collect([fixture('aggregated.jsonl')]);
    expect(account(outcome, 'aggregated.jsonl')).toMatchObject({read: 10, imported: 7, rejected: 3});
    // The JSON lines have no header line: each row is a line earlier than in the CSV.
    const strip = ({source: _s, file: _f, line: _l, ...rest}: UsageRecord) => rest;
    expect(records.map((r) => r.line)).toEqual(csv.records.map((r) => r.line - 1));
    expect(records.map(strip)).toEqual(csv.records.map(strip));
    expect(outcome.rejects.map((r) => `${r.line}: ${r.reason}`)).toEqual([
      '8: output_tokens is not a number or text: {"n":5}',
      '9: requests is not a whole number: "2.5"',
      expect.stringMatching(/^10: not valid JSON/),
    ]);
  });
});
