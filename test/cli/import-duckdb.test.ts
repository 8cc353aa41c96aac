import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cli} from './in-process.js';
import {scratchDir} from '../scratch.js';

interface ImportJson {
  files: {
    file: string;
    read: number;
    imported: number;
    duplicates: number;
    rejected: number;
    skipped: number;
  }[];
  strategies: {
    strategy: {id: string};
    totalUsd: string;
    complete: boolean;
    byModel: Record<string, unknown>;
  }[];
  models: {model: string; tokens: Record<string, number>}[];
  missingPrices: string[];
  lowerBound: Record<string, number>;
}

const json = async (args: string[]) => {
  const r = await cli(['import', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ImportJson;
};

describe('import --engine duckdb', () => {
  it('re-prices the Claude Code fixture tree to the same totals as the streaming reader, every line accounted for alike', async () => {
    const tree = 'test/fixtures/usage/claude-projects';
    const streamed = await json([tree]);
    const summed = await json([tree, '--engine', 'duckdb', '--source', 'claude-code.jsonl']);
    const totals = (j: ImportJson) =>
      j.strategies.map((s) => [s.strategy.id, s.totalUsd, s.complete, s.byModel]);
    expect(totals(summed)).toEqual(totals(streamed));
    expect(summed.models).toEqual(
      streamed.models.map((m) => ({...m, records: expect.any(Number) as unknown})),
    );
    expect(summed.files).toEqual(streamed.files);
    expect(summed.missingPrices).toEqual(streamed.missingPrices);
  });

  it('reads OpenTelemetry spans from Parquet: chat spans once each, a bad count rejected with its file and row', async () => {
    const dir = scratchDir('otel-');
    const {DuckDBInstance} = await import('@duckdb/node-api');
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const attrs = (input: string, output: number, op = 'chat') =>
      `'{"gen_ai.operation.name":"${op}","gen_ai.request.model":"claude-sonnet-4-5","gen_ai.usage.input_tokens":${input},"gen_ai.usage.cache_read.input_tokens":100,"gen_ai.usage.output_tokens":${output}}'`;
    await db.run(`COPY (SELECT * FROM (VALUES
        (TIMESTAMP '2026-03-01 10:00:00', 'chat', 't', 's1', ${attrs('1100', 10)}),
        (TIMESTAMP '2026-03-01 10:00:00', 'chat', 't', 's1', ${attrs('1100', 10)}),
        (TIMESTAMP '2026-03-01 10:00:01', 'invoke_agent', 't', 's0', ${attrs('9999', 99, 'invoke_agent')}),
        (TIMESTAMP '2026-03-01 10:00:02', 'chat', 't', 's2', ${attrs('"lots"', 1)}),
        (TIMESTAMP '2026-03-02 10:00:00', 'chat', 'u', 's1', ${attrs('300100', 5)})
      ) AS t(start_time, name, trace_id, span_id, attributes)) TO '${join(dir, 'spans.parquet')}' (FORMAT parquet)`);
    db.closeSync();
    writeFileSync(join(dir, 'notes.txt'), 'not spans');
    const r = await cli(['import', dir, '--engine', 'duckdb', '--source', 'otel', '--format', 'json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as ImportJson & {rejects: number; ignoredFiles: {file: string}[]};
    expect(out.files).toEqual([
      {
        file: join(dir, 'spans.parquet'),
        source: 'otel',
        read: 5,
        imported: 2,
        duplicates: 1,
        rejected: 1,
        skipped: 1,
      },
    ]);
    expect(out.ignoredFiles.map((f) => f.file)).toEqual([join(dir, 'notes.txt')]);
    // 1,000 + 300,000 uncached; OTel gives no write TTL, but these spans write nothing: all known.
    expect(out.models).toEqual([
      {
        model: 'claude-sonnet-4-5',
        priced: true,
        records: 2,
        tokens: {input: 301_000, cacheRead: 200, cacheWrite5m: 0, cacheWrite1h: 0, output: 15},
      },
    ]);
    expect(out.lowerBound['noCacheSplitRecords']).toBe(0);
    const rejected = await cli(['import', dir, '--engine', 'duckdb', '--source', 'otel']);
    expect(rejected.stdout).toContain('spans.parquet:4: gen_ai.usage.input_tokens is not a count: lots');

    // The printed query over the good spans, saved as CSV and imported, re-prices to the same figures.
    const good = join(dir, 'good.parquet');
    const copy = await (await DuckDBInstance.create(':memory:')).connect();
    await copy.run(
      `COPY (SELECT * FROM read_parquet('${join(dir, 'spans.parquet')}') WHERE attributes NOT LIKE '%lots%') TO '${good}' (FORMAT parquet)`,
    );
    const printed = await cli(['sql', '--source', 'otel', '--table', `read_parquet('${good}')`]);
    const csv = join(dir, 'aggregated.csv');
    await copy.run(`COPY (${printed.stdout.trim().replace(/;$/, '')}) TO '${csv}' (HEADER)`);
    copy.closeSync();
    const viaCsv = await json([csv]);
    const totals = (j: ImportJson) => j.strategies.map((s) => [s.strategy.id, s.totalUsd]);
    expect(totals(out)).toEqual(totals(viaCsv));
    // 300,100 prompt tokens on 2026-03-02 pass Claude Sonnet 4.5's 200,000: that row is priced long.
    expect(readFileSync(csv, 'utf8')).toMatch(/2026-03-02,claude-sonnet-4-5,,long,/);
  });

  it('rejects a span whose attributes are no JSON, with its file and row, and imports the rest', async () => {
    const dir = scratchDir('otel-json-');
    const {DuckDBInstance} = await import('@duckdb/node-api');
    const db = await (await DuckDBInstance.create(':memory:')).connect();
    const good = `'{"gen_ai.operation.name":"chat","gen_ai.request.model":"gpt-5","gen_ai.usage.input_tokens":10,"gen_ai.usage.output_tokens":2}'`;
    await db.run(`COPY (SELECT * FROM (VALUES
        (TIMESTAMP '2026-03-01 10:00:00', 'chat', 't', 's1', ${good}),
        (TIMESTAMP '2026-03-01 10:00:01', 'chat', 't', 's2', '{"gen_ai.usage.input_tokens": 1')
      ) AS t(start_time, name, trace_id, span_id, attributes)) TO '${join(dir, 'spans.parquet')}' (FORMAT parquet)`);
    db.closeSync();
    const r = await cli(['import', dir, '--engine', 'duckdb', '--source', 'otel']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/read 2 = 1 imported \+ 0 duplicates collapsed \+ 1 rejected \+ 0 skipped/);
    expect(r.stdout).toContain('spans.parquet:2: not valid JSON');
  });

  it('names a file DuckDB cannot read, exit 65', async () => {
    const dir = scratchDir('bad-parquet-');
    writeFileSync(join(dir, 'spans.parquet'), 'not parquet');
    const r = await cli(['import', dir, '--engine', 'duckdb', '--source', 'otel']);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(
      `--engine duckdb: Invalid Input Error: File '${join(dir, 'spans.parquet')}' too small to be a Parquet file`,
    );
  });

  it('needs a source it reads, and the flags that go with it', async () => {
    const tree = 'test/fixtures/usage/claude-projects';
    const none = await cli(['import', tree, '--engine', 'duckdb']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--engine duckdb: name the source with --source claude-code.jsonl or otel');
    const otel = await cli(['import', tree, '--source', 'otel']);
    expect(otel.code).toBe(2);
    expect(otel.stderr).toContain('--source otel is read with --engine duckdb');
    const size = await cli([
      'import',
      tree,
      '--engine',
      'duckdb',
      '--source',
      'otel',
      '--memory-limit',
      'lots',
    ]);
    expect(size.code).toBe(2);
    expect(size.stderr).toContain('--memory-limit: expected a size such as 2GB, got "lots"');
  });
});
