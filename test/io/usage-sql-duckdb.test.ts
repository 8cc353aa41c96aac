import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {DuckDBConnection} from '@duckdb/node-api';
import {
  ALWAYS_FROM,
  ALWAYS_UNTIL,
  type LongContextTable,
} from '../../src/core/usage-sql/long-context-keys.js';
import type {Dialect} from '../../src/core/usage-sql/dialects.js';
import type {SqlSource} from '../../src/core/usage-sql/sources.js';
import {usageSql} from '../../src/core/usage-sql/usage-sql.js';

// The printed queries, run on DuckDB over tiny tables made here; the expected rows are worked out by
// hand from the table rows (dedup, cache taken out of input, tiers). Postgres' query runs too: its
// json operators and casts are ones DuckDB also reads.

const always = {from: ALWAYS_FROM, until: ALWAYS_UNTIL};
const LONG: LongContextTable = {
  keys: [
    {key: 'claude-sonnet-4-5', after: 200_000, ...always},
    {key: 'gpt-5-4', after: 272_000, ...always},
    // A dated name of a model without a long tier stops the lookup before its undated name.
    {key: 'gpt-5-4-2026-01-01', after: 0, ...always},
  ],
  stepped: [],
};

let db: DuckDBConnection;

beforeAll(async () => {
  const {DuckDBInstance} = await import('@duckdb/node-api');
  db = await (await DuckDBInstance.create(':memory:')).connect();
  const attrs = (a: Record<string, string | number>) => `'${JSON.stringify(a)}'`;
  const span = (at: string, name: string, trace: string, id: string, a: Record<string, string | number>) =>
    `(TIMESTAMP '${at}', '${name}', '${trace}', '${id}', ${attrs(a)})`;
  const sonnet = {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'anthropic',
    'gen_ai.response.model': 'claude-sonnet-4-5-20250929',
    'user.id': 'u1',
  };
  await db.run(`CREATE TABLE otel_spans (start_time TIMESTAMP, name VARCHAR, trace_id VARCHAR, span_id VARCHAR, attributes VARCHAR);
    INSERT INTO otel_spans VALUES
    ${[
      // input 1000 holds 600 cache reads and 100 writes: 300 uncached.
      span('2026-03-01 10:00:00', 'chat x', 't1', 's1', {
        ...sonnet,
        'gen_ai.conversation.id': 'c1',
        'gen_ai.usage.input_tokens': 1000,
        'gen_ai.usage.cache_read.input_tokens': 600,
        'gen_ai.usage.cache_creation.input_tokens': 100,
        'gen_ai.usage.output_tokens': 50,
      }),
      // The same span exported twice.
      span('2026-03-01 10:00:00', 'chat x', 't1', 's1', {
        ...sonnet,
        'gen_ai.conversation.id': 'c1',
        'gen_ai.usage.input_tokens': 1000,
        'gen_ai.usage.cache_read.input_tokens': 600,
        'gen_ai.usage.cache_creation.input_tokens': 100,
        'gen_ai.usage.output_tokens': 50,
      }),
      // The agent span sums the calls under it.
      span('2026-03-01 10:00:00', 'invoke_agent x', 't1', 's0', {
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.usage.input_tokens': 999_999,
        'gen_ai.usage.output_tokens': 999,
      }),
      // 250,000 prompt tokens, past 200,000: long, under its request model's own name.
      span('2026-03-01 11:00:00', 'chat y', 't1', 's2', {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'anthropic',
        'gen_ai.request.model': 'anthropic/claude-sonnet-4.5',
        'gen_ai.conversation.id': 'c1',
        'user.id': 'u1',
        'gen_ai.usage.input_tokens': 250_000,
        'gen_ai.usage.cache_read.input_tokens': 200_000,
        'gen_ai.usage.output_tokens': 10,
      }),
      // Exactly at the threshold: base.
      span('2026-03-01 23:59:59', 'chat z', 't2', 's1', {
        ...sonnet,
        'gen_ai.conversation.id': 'c2',
        'gen_ai.usage.input_tokens': 200_000,
        'gen_ai.usage.output_tokens': 5,
      }),
      // The operation from the span name; no conversation id; past 272,000 but a dated name with no long tier.
      span('2026-03-02 00:00:01', 'chat gpt', 't3', 's1', {
        'gen_ai.system': 'openai',
        'gen_ai.request.model': 'gpt-5.4-2026-01-01',
        'gen_ai.usage.input_tokens': 300_000,
        'gen_ai.usage.cache_read.input_tokens': 100,
        'gen_ai.usage.output_tokens': 20,
      }),
    ].join(',\n')};`);

  const usage = (read: number, write: number, prompt = 0) =>
    `'${JSON.stringify({usage_object: {prompt_tokens: prompt, cache_read_input_tokens: read, cache_creation_input_tokens: write}})}'`;
  const log = (
    id: string,
    callType: string,
    model: string,
    provider: string,
    prompt: number,
    completion: number,
    spend: string,
    at: string,
    session: string | null,
    status: string,
    metadata: string,
  ) =>
    `('${id}', '${callType}', '${model}', '${provider}', ${prompt}, ${completion}, ${spend}, TIMESTAMP '${at}', 'alice', 'core', ${session === null ? 'NULL' : `'${session}'`}, '${status}', ${metadata})`;
  await db.run(`CREATE TABLE "LiteLLM_SpendLogs" (request_id VARCHAR, call_type VARCHAR, model VARCHAR, custom_llm_provider VARCHAR,
      prompt_tokens INTEGER, completion_tokens INTEGER, spend DOUBLE, "startTime" TIMESTAMP, "user" VARCHAR, team_id VARCHAR,
      session_id VARCHAR, status VARCHAR, metadata JSON);
    INSERT INTO "LiteLLM_SpendLogs" VALUES
    ${[
      // prompt_tokens 98805 = 10 uncached + 66360 read + 32435 written (litellm#11364).
      log(
        'r1',
        'acompletion',
        'claude-sonnet-4-5',
        'anthropic',
        98_805,
        100,
        '0.5',
        '2026-03-01 09:00:00',
        's1',
        'success',
        usage(66_360, 32_435, 98_805),
      ),
      log(
        'r1',
        'acompletion',
        'claude-sonnet-4-5',
        'anthropic',
        98_805,
        100,
        '0.5',
        '2026-03-01 09:00:00',
        's1',
        'success',
        usage(66_360, 32_435, 98_805),
      ),
      // No usage_object: the cache split is not known.
      log(
        'r2',
        'acompletion',
        'gpt-5.4',
        'openai',
        300_000,
        10,
        '1.0',
        '2026-03-01 10:00:00',
        's2',
        'success',
        'NULL',
      ),
      log(
        'r3',
        'acompletion',
        'gpt-5.4',
        'openai',
        0,
        0,
        '0',
        '2026-03-01 10:00:00',
        's2',
        'failure',
        'NULL',
      ),
      // anthropic_messages since litellm#23342: prompt_tokens leaves the cache out.
      log(
        'r4',
        'anthropic_messages',
        'claude-sonnet-4-5',
        'anthropic',
        10,
        7,
        '0.25',
        '2026-03-01 12:00:00',
        null,
        'success',
        usage(500, 0, 10),
      ),
    ].join(',\n')};`);
  await db.run(`CREATE TABLE claude_code_lines AS
    WITH f AS (SELECT filename AS file, string_split(content, chr(10)) AS lines
               FROM read_text('test/fixtures/usage/claude-projects/**/*.jsonl'))
    SELECT file, unnest(generate_series(1, len(lines))) AS line_number, unnest(lines) AS line FROM f;
    DELETE FROM claude_code_lines WHERE line = '' OR NOT json_valid(line);
    INSERT INTO claude_code_lines VALUES ('long.jsonl', 1, '${JSON.stringify({
      timestamp: '2026-03-13T23:30:00-02:00',
      sessionId: 's9',
      cwd: '/w',
      requestId: 'rq',
      message: {
        id: 'm9',
        model: 'claude-sonnet-4-5-20250929',
        usage: {
          input_tokens: 10,
          cache_read_input_tokens: 199_990,
          cache_creation_input_tokens: 1,
          cache_creation: {ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 1},
          output_tokens: 3,
        },
      },
    })}');`);
});

afterAll(() => db?.closeSync());

async function rows(source: SqlSource, dialect: Dialect): Promise<Record<string, unknown>[]> {
  const sql = usageSql({source, dialect, longContext: LONG, pricesFrom: 'test thresholds'});
  return (await db.runAndReadAll(sql)).getRowObjectsJson();
}

const TOKENS = [
  'requests',
  'input_tokens',
  'cache_read_tokens',
  'cache_write_5m_tokens',
  'cache_write_1h_tokens',
  'output_tokens',
];
/** A row as [day, model, provider, tier, ...dimensions, requests, input, read, 5m, 1h, output, ...]; counts as text, as DuckDB gives BIGINT. */
const pick = (row: Record<string, unknown>, extra: string[]) =>
  ['day', 'model', 'provider', 'tier', ...extra.slice(0, -1), ...TOKENS, ...extra.slice(-1)].map((k) =>
    row[k] === null || row[k] === undefined ? null : String(row[k]),
  );

describe.each(['duckdb', 'postgres'] as const)('the %s query, run on DuckDB', (dialect) => {
  it('OpenTelemetry spans: one copy of a span, chat calls only, cache taken out of input, a tier per request', async () => {
    const got = (await rows('otel', dialect)).map((r) => pick(r, ['user', 'sessions']));
    expect(got).toEqual([
      // prettier-ignore
      ['2026-03-01', 'anthropic/claude-sonnet-4.5', 'anthropic', 'long', 'u1', '1', '50000', '200000', '0', '0', '10', '1'],
      // 300 + 200,000 uncached; 100 writes whose TTL OTel does not give: 1h unknown.
      // prettier-ignore
      ['2026-03-01', 'claude-sonnet-4-5-20250929', 'anthropic', 'base', 'u1', '2', '200300', '600', '100', null, '55', '2'],
      // prettier-ignore
      ['2026-03-02', 'gpt-5.4-2026-01-01', 'openai', 'base', null, '1', '299900', '100', '0', '0', '20', null],
    ]);
  });

  it('LiteLLM spend logs: one row a request_id, failures left out, the cache split where usage_object has it', async () => {
    const got = (await rows('litellm', dialect)).map((r) => [
      ...pick(r, ['user', 'team', 'sessions']),
      Number(r['cost_usd']),
    ]);
    expect(got).toEqual([
      // r1 (10 uncached) + r4 (10, its prompt_tokens without the cache); r4 has no session: sessions unknown.
      // prettier-ignore
      ['2026-03-01', 'claude-sonnet-4-5', 'anthropic', 'base', 'alice', 'core', '2', '20', '66860', '32435', null, '107', null, 0.75],
      // No usage_object: every cache column unknown, prompt_tokens as input; 300,000 > 272,000: long.
      // prettier-ignore
      ['2026-03-01', 'gpt-5.4', 'openai', 'long', 'alice', 'core', '1', '300000', null, null, null, '10', '1', 1],
    ]);
  });

  it('Claude Code lines: the fullest copy of each response, main line first, <synthetic> left out', async () => {
    const got = (await rows('claude-code', dialect)).map((r) => [
      ...pick(r, ['project', 'speed', 'sessions']),
      r['cost_usd'] === null ? null : Number(r['cost_usd']),
    ]);
    expect(got).toEqual([
      // prettier-ignore
      ['2026-03-10', 'claude-haiku-4-5-20251001', null, 'base', '/home/dev/shop', null, '1', '4', '50', '200', '0', '16', '1', null],
      // msg_B is in two files (a resumed session): counted once. Its fast speed stays on the row.
      // prettier-ignore
      ['2026-03-10', 'claude-opus-4-6', null, 'base', '/home/dev/shop', 'fast', '1', '3', '100', '500', '0', '20', '1', 0.0123],
      // msg_A's fullest copy (output 90) and msg_C's main-line copy (output 9, not the sidechain's 11).
      // prettier-ignore
      ['2026-03-10', 'claude-sonnet-4-5-20250929', null, 'base', '/home/dev/shop', null, '2', '17', '2000', '300', '1000', '99', '1', null],
      // prettier-ignore
      ['2026-03-11', 'glm-4.6-unknown', null, 'base', '/home/dev/shop', null, '1', '1', '0', '0', '0', '2', '1', null],
      // prettier-ignore
      ['2026-03-12', 'claude-sonnet-4-5-20250929', null, 'base', '/home/dev/shop', null, '1', '5', '0', '0', '0', '5', '1', null],
      // 23:30 at -02:00 is the next UTC day; 10 + 199,990 + 1 = 200,001 prompt tokens: long.
      // prettier-ignore
      ['2026-03-14', 'claude-sonnet-4-5-20250929', null, 'long', '/w', null, '1', '10', '199990', '0', '1', '3', '1', null],
    ]);
  });
});

describe('--since and --until', () => {
  it('keep the calls of those UTC days, both included', async () => {
    const sql = usageSql({
      source: 'claude-code',
      dialect: 'duckdb',
      since: '2026-03-11',
      until: '2026-03-12',
      longContext: LONG,
      pricesFrom: 'test thresholds',
    });
    const days = (await db.runAndReadAll(sql)).getRowObjectsJson().map((r) => r['day']);
    expect(days).toEqual(['2026-03-11', '2026-03-12']);
  });
});

describe('the query vibe-cost sql prints, thresholds from the price book', () => {
  it.each(
    (['otel', 'litellm', 'claude-code'] as const).flatMap((source) =>
      (['duckdb', 'postgres'] as const).map((dialect) => [source, dialect] as const),
    ),
  )('%s in %s SQL runs on DuckDB and keeps every request', async (source, dialect) => {
    const {cli} = await import('../cli/in-process.js');
    const r = await cli(['sql', '--source', source, '--dialect', dialect]);
    expect(r.code).toBe(0);
    const printed = (await db.runAndReadAll(r.stdout)).getRowObjectsJson();
    const requests = (list: Record<string, unknown>[]) =>
      list.reduce((n, row) => n + Number(row['requests']), 0);
    expect(requests(printed)).toBe(requests(await rows(source, dialect)));
    expect(printed.length).toBeGreaterThan(0);
  });
});
