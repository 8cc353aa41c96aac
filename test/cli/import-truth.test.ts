import {describe, expect, it} from 'vitest';
import {run} from './run.js';

const T = 'test/fixtures/usage/truth';
const json = (args: string[]) => {
  const r = run(['import', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};
const strategy = (doc: {strategies: {strategy: {id: string}}[]}, id: string) => doc.strategies.find((s) => s.strategy.id === id) as unknown as Record<string, never>;

describe('unknown is never $0 (OpenAI usage export with a fine-tuned model no sheet prices)', () => {
  const file = `${T}/openai-usage-finetuned.csv`;

  it('JSON: complete false on the strategy and on each day the unpriced tokens fall on', () => {
    const doc = json([file]);
    const byok = strategy(doc, 'all-byok');
    expect(byok['complete']).toBe(false);
    // gpt-4.1: 1M input at $2 + 100k output at $8 = $2.80, known; the fine-tuned rows are not in it.
    expect(byok['byDay']).toEqual({'2026-03-05': {usd: '2.8', complete: false}, '2026-03-06': {usd: '0', complete: false}});
    expect(byok['byModel']).toEqual({'gpt-4.1': {usd: '2.8', complete: true}});
    // The free tier never pays, whatever the model: its $0 stays exact.
    expect(strategy(doc, 'all-free')['complete']).toBe(true);
    expect(doc.models).toContainEqual({model: 'ft:gpt-4o-mini-2024-07-18:acme-shop::9kQ2xYzA', priced: false, records: 2, tokens: {input: 550_000, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 35_000}});
  });

  it('table: ≥ on the totals, "unknown" for the day with no price and for the model, never $0.00', () => {
    const r = run(['import', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/BYOK: your own keys at list price +≥\$2\.80 /);
    expect(r.stdout).toMatch(/2026-03-06 +unknown +unknown +\$0\.00 +unknown +- +all-byok, all-platform, free-then-platform/);
    expect(r.stdout).toMatch(/ft:gpt-4o-mini-2024-07-18:acme-shop::9kQ2xYzA \(unknown model\) +2 +550k +0 +0 +35k +unknown +unknown +-/);
    expect(r.stdout).not.toMatch(/2026-03-06 +\$0\.00 /);
  });

  it('CSV has a complete column; Markdown a lower-bound column', () => {
    const csv = run(['import', file, '--format', 'csv']).stdout.trim().split(/\r?\n/);
    expect(csv[0]).toBe('day,strategy,repriced_usd,complete,reported_usd');
    expect(csv).toContain('2026-03-06,all-byok,0,false,');
    expect(csv).toContain('2026-03-06,all-free,0,true,');
    const md = run(['import', file, '--format', 'markdown']).stdout;
    expect(md).toMatch(/\| Day +\| all-byok .*\| Lower bound on +\|/);
    expect(md).toMatch(/\| 2026-03-06 +\| +unknown \|.*\| all-byok, all-platform, free-then-platform +\|/);
  });
});

describe("Anthropic's context_window column decides the tier of an aggregated row", () => {
  it('≤ 200k at base, > 200k at the long-context rates, and no lower bound', () => {
    const doc = json([`${T}/anthropic-tokens-long-context.csv`]);
    expect(doc.lowerBound.tierUnknownRecords).toBe(0);
    const byok = strategy(doc, 'all-byok');
    expect(byok['complete']).toBe(true);
    // ≤ 200k: 1M input at $3 + 2M reads at $0.30 + 100k output at $15 = $5.10
    // > 200k: 500k input at $6 + 100k 5-minute writes at $7.50 + 1M reads at $0.60 + 50k output at $22.50 = $5.475
    expect(byok['totalUsd']).toBe('10.575');
  });

  it("matches the same day's cost export to the cent rounding: $10.575 re-priced against $10.58 billed", () => {
    const doc = json([`${T}/anthropic-tokens-long-context.csv`, `${T}/anthropic-cost-long-context.csv`]);
    expect(strategy(doc, 'all-byok')['comparedWithReported']).toEqual({days: 1, repricedUsd: '10.575', reportedUsd: '10.58', differenceUsd: '-0.005'});
    expect(doc.models).toEqual([expect.objectContaining({model: 'claude-sonnet-4-5', priced: true, records: 9, reportedUsd: '10.58'})]);
  });
});

describe('reported against re-priced: only days where both are complete', () => {
  it('leaves out a day whose rows carry a cost only in part, and a day with an unpriced model; says so', () => {
    const file = `${T}/claude-code-partial-cost.jsonl`;
    const doc = json([file]);
    expect(doc.reported.comparableDays).toEqual(['2026-03-20']);
    expect(doc.reported.leftOut).toEqual({reportedPartial: ['2026-03-21'], repricedLowerBound: ['2026-03-22']});
    // Two Sonnet 4.5 requests of 1,000 in and 1,000 out at $3 / $15: $0.036 against $0.04 reported.
    expect(strategy(doc, 'all-byok')['comparedWithReported']).toEqual({days: 1, repricedUsd: '0.036', reportedUsd: '0.04', differenceUsd: '-0.004'});
    const haiku = doc.models.find((m: {model: string}) => m.model === 'claude-haiku-4-5');
    expect(haiku).not.toHaveProperty('reportedUsd');
    const table = run(['import', file]).stdout;
    expect(table).toContain(
      "* Compared on the 1 days whose token records and reported amount are both complete ($0.58 reported in all); left out: 1 where the reported amount covers only some of the day's rows, 1 where the re-price is a lower bound.",
    );
  });
});
