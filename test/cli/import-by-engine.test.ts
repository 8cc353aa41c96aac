import {join} from 'node:path';
import {Decimal} from 'decimal.js';
import {describe, expect, it} from 'vitest';
import {cli} from './in-process.js';
import {scratchDir} from '../scratch.js';

interface Doc {
  strategies: {strategy: {id: string}; totalUsd: string}[];
  groups: {
    groups: {name: string; rows: number; strategies: {id: string; totalUsd: string}[]}[];
    org: {rows: number; strategies: {id: string; totalUsd: string}[]};
  };
}

describe('import --engine duckdb --by user: spans to per-user answers', () => {
  it("groups the engine's aggregated rows by the spans' user.id, the rows without one named, and sums them to the import", async () => {
    const dir = scratchDir('otel-by-');
    const {DuckDBInstance} = await import('@duckdb/node-api');
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const span = (user: string | undefined, input: number, output: number) =>
      `'{"gen_ai.operation.name":"chat","gen_ai.request.model":"claude-sonnet-4-5","gen_ai.usage.input_tokens":${input},"gen_ai.usage.output_tokens":${output}${user ? `,"user.id":"${user}"` : ''}}'`;
    await db.run(`COPY (SELECT * FROM (VALUES
        (TIMESTAMP '2026-03-01 10:00:00', 'chat', 't1', 's1', ${span('ana', 12000, 800)}),
        (TIMESTAMP '2026-03-01 11:00:00', 'chat', 't2', 's2', ${span('ana', 3000, 200)}),
        (TIMESTAMP '2026-03-01 12:00:00', 'chat', 't3', 's3', ${span('ben', 250000, 1000)}),
        (TIMESTAMP '2026-03-02 09:00:00', 'chat', 't4', 's4', ${span(undefined, 5000, 500)})
      ) AS t(start_time, name, trace_id, span_id, attributes)) TO '${join(dir, 'spans.parquet')}' (FORMAT parquet)`);
    db.closeSync();
    const r = await cli([
      'import',
      dir,
      '--engine',
      'duckdb',
      '--source',
      'otel',
      '--by',
      'user',
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.groups.groups.map((g) => [g.name, g.rows])).toEqual([
      ['ana', 1],
      // 250,000 tokens of prompt: a long-context row of its own.
      ['ben', 1],
      ['(no user)', 1],
    ]);
    // Keys and platform bill linearly, and no free tier takes Claude's work: the sum is the import.
    for (const s of doc.strategies) {
      const sum = doc.groups.groups.reduce(
        (a, g) => a.add(g.strategies.find((x) => x.id === s.strategy.id)?.totalUsd ?? 'NaN'),
        new Decimal(0),
      );
      expect(sum.eq(s.totalUsd), s.strategy.id).toBe(true);
    }
    // ben's one request at Sonnet 4.5's long-context rates: 250,000 × $6 + 1,000 × $22.50 per million.
    const ben = doc.groups.groups.find((g) => g.name === 'ben');
    expect(ben?.strategies.find((s) => s.id === 'all-byok')?.totalUsd).toBe('1.5225');
  });

  it('groups Claude Code logs by the folder they ran in, streamed or summed by the engine alike', async () => {
    const tree = 'test/fixtures/usage/claude-projects';
    const groups = async (engine: string[]) => {
      const r = await cli(['import', tree, ...engine, '--by', 'project', '--format', 'json']);
      expect(r.code).toBe(0);
      // Rows differ (the engine sums a day's requests): the figures may not.
      return (JSON.parse(r.stdout) as Doc).groups.groups.map((g) => [
        g.name,
        g.strategies.map((s) => [s.id, s.totalUsd]),
      ]);
    };
    const streamed = await groups([]);
    expect(streamed.map(([name]) => name)).toEqual(['/home/dev/shop']);
    expect(await groups(['--engine', 'duckdb', '--source', 'claude-code.jsonl'])).toEqual(streamed);
  });
});
