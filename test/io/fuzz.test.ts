import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {UserError} from '../../src/errors.js';
import {asUserError} from '../../src/commands/refusals.js';
import {parseConfig} from '../../src/core/routing/user-config.js';
import {parseExactJson, JsonSyntaxError} from '../../src/core/exact-json.js';
import {parsePlan} from '../../src/core/billing/plan.js';
import {parsePriceSheet} from '../../src/core/pricing/parse-sheet.js';
import {parseProfile} from '../../src/core/simulation/profile.js';
import type {UsageRecord} from '../../src/core/history/usage-record.js';
import {SOURCE_IDS, type SourceId} from '../../src/io/usage/sources/source-ids.js';
import {importUsage} from '../../src/io/usage/import.js';

/** Fuzz runs per target: 500 (five times fast-check's default) in the suite, FUZZ_RUNS=20000 for a longer hunt. */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 500);

/** Only what the CLI says as a UserError (exit 2 or 65, one clear line) may escape; anything else is a crash. */
function expectNoCrash(error: unknown): void {
  const said = asUserError(error);
  if (!(said instanceof UserError)) throw error;
  expect(said.message).not.toMatch(/\n/);
}

const cell = fc.oneof(
  fc.integer({min: -1000, max: 10_000_000}).map(String),
  fc.double({noNaN: false}).map(String),
  fc.constantFrom(
    '',
    ' ',
    'NaN',
    '1e5',
    '1,234',
    '"',
    '""',
    '=1+1',
    '-',
    '--',
    '0.0',
    '10.0',
    'gpt-5',
    'claude-sonnet-4-5',
    '2026-03-01',
    '2026-03-01T12:00:00Z',
    '1740787200',
    'usd',
    'eur',
    '\u0000',
    '\ufeff',
    'é',
    '\r',
    '\n',
  ),
  fc.string({maxLength: 12}),
);

const HEADERS: Record<string, string[]> = {
  generic: [
    'timestamp',
    'model',
    'input_tokens',
    'output_tokens',
    'cache_read_tokens',
    'cache_write_tokens',
    'cost_usd',
    'task_id',
  ],
  anthropicTokens: [
    'usage_date_utc',
    'model_version',
    'api_key',
    'workspace',
    'usage_type',
    'context_window',
    'usage_input_tokens_no_cache',
    'usage_input_tokens_cache_write_5m',
    'usage_input_tokens_cache_write_1h',
    'usage_input_tokens_cache_read',
    'usage_output_tokens',
  ],
  anthropicCost: [
    'usage_date_utc',
    'model',
    'workspace',
    'api_key',
    'usage_type',
    'context_window',
    'token_type',
    'cost_usd',
    'cost_type',
  ],
  openaiUsage: [
    'start_time',
    'end_time',
    'start_time_iso',
    'end_time_iso',
    'input_tokens',
    'output_tokens',
    'input_cached_tokens',
    'num_model_requests',
    'model',
  ],
  openaiCost: [
    'start_time',
    'end_time',
    'start_time_iso',
    'end_time_iso',
    'amount_value',
    'amount_currency',
    'line_item',
    'project_id',
  ],
  openrouterGenerations: [
    'generation_id',
    'created_at',
    'cost_total',
    'model_permaslug',
    'tokens_prompt',
    'tokens_completion',
    'tokens_cached',
    'tokens_reasoning',
  ],
  openrouterActivity: ['Date', 'Model', 'Slug', 'Usage', 'Prompt Tokens', 'Completion Tokens', 'Requests'],
};

const delimited = fc
  .record({
    header: fc.constantFrom(...Object.values(HEADERS)),
    rows: fc.array(fc.array(cell, {minLength: 0, maxLength: 12}), {maxLength: 8}),
    delimiter: fc.constantFrom(',', ';', '\t'),
    newline: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
  })
  .map(({header, rows, delimiter, newline, bom}) => {
    const quote = (c: string) => (/[",;\t\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    return `${bom ? '\ufeff' : ''}${[header, ...rows].map((r) => r.map(quote).join(delimiter)).join(newline)}${newline}`;
  });

const usageObject = fc.record(
  {
    input_tokens: fc.oneof(fc.integer({min: -5, max: 1e7}), fc.double(), fc.string()),
    output_tokens: fc.oneof(fc.integer({min: -5, max: 1e7}), fc.constant(null)),
    cache_read_input_tokens: fc.integer({min: 0, max: 1e7}),
    cache_creation_input_tokens: fc.integer({min: 0, max: 1e7}),
  },
  {requiredKeys: []},
);
const claudeLine = fc.record({
  type: fc.constantFrom('assistant', 'user'),
  sessionId: fc.constantFrom('s1', 's2'),
  requestId: fc.constantFrom('r1', 'r2', 'r3'),
  timestamp: fc.constantFrom('2026-01-01T00:00:00Z', 'bad', '2026-02-30T99:00:00Z'),
  message: fc.record(
    {
      id: fc.constantFrom('m1', 'm2'),
      model: fc.constantFrom('claude-sonnet-4-5', '<synthetic>', 'x'),
      usage: usageObject,
    },
    {requiredKeys: []},
  ),
});
const codexLine = fc.oneof(
  fc.record({
    timestamp: fc.constant('2026-01-01T00:00:00Z'),
    type: fc.constant('session_meta'),
    payload: fc.record({id: fc.constantFrom('a', 'b')}),
  }),
  fc.record({
    timestamp: fc.constant('2026-01-01T00:00:00Z'),
    type: fc.constant('turn_context'),
    payload: fc.record({model: fc.constantFrom('gpt-5', 'x')}),
  }),
  fc.record({
    timestamp: fc.constantFrom('2026-01-01T00:00:01Z', '2026-01-01T00:00:02Z'),
    type: fc.constant('event_msg'),
    payload: fc.record({
      type: fc.constant('token_count'),
      info: fc.oneof(
        fc.constant(null),
        fc.record({
          total_token_usage: fc.record(
            {
              input_tokens: fc.integer({min: -1, max: 1e6}),
              cached_input_tokens: fc.integer({min: 0, max: 1e6}),
              output_tokens: fc.integer({min: 0, max: 1e5}),
              total_tokens: fc.integer({min: 0, max: 2e6}),
            },
            {requiredKeys: []},
          ),
        }),
      ),
    }),
  }),
);
const jsonl = fc
  .oneof(
    fc.array(claudeLine, {minLength: 1, maxLength: 8}),
    fc.array(codexLine, {minLength: 1, maxLength: 8}),
  )
  .chain((lines) =>
    fc
      .tuple(fc.constant(lines.map((l) => JSON.stringify(l))), fc.integer({min: 0, max: 40}))
      .map(([texts, cut]) => {
        const text = texts.join('\n');
        return cut === 0 ? text.slice(0, Math.max(1, text.length - 7)) : text;
      }),
  );
const ccusage = fc
  .record({
    daily: fc.array(
      fc.record(
        {
          date: fc.constantFrom('2026-01-01', 'x'),
          inputTokens: fc.oneof(fc.integer({min: -1, max: 1e6}), fc.string()),
          outputTokens: fc.integer({min: 0, max: 1e5}),
          cacheCreationTokens: fc.nat(),
          cacheReadTokens: fc.nat(),
          totalCost: fc.double(),
          modelsUsed: fc.array(fc.constantFrom('claude-sonnet-4-5', 'gpt-5')),
        },
        {requiredKeys: []},
      ),
      {maxLength: 5},
    ),
  })
  .map((o) => JSON.stringify(o));

const anyText = fc.oneof(
  fc.string({maxLength: 200}),
  fc.uint8Array({maxLength: 200}).map((b) => Buffer.from(b).toString('latin1')),
);

async function importText(text: string, format?: SourceId) {
  const records: UsageRecord[] = [];
  try {
    const outcome = await importUsage(['-'], (r) => records.push(r), {
      stdin: async () => text,
      ...(format ? {format} : {}),
    });
    for (const a of outcome.accounts) {
      expect(a.read).toBe(a.imported + a.duplicates + a.rejected + a.skipped);
      expect(a.imported).toBe(records.length);
    }
    for (const r of records) {
      for (const n of Object.values(r.tokens ?? {})) expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
    }
  } catch (error) {
    expectNoCrash(error);
  }
}

describe(`fuzzing the importers (${RUNS} inputs each)`, () => {
  it('delimited exports of every shape', async () => {
    await fc.assert(
      fc.asyncProperty(delimited, (text) => importText(text)),
      {numRuns: RUNS},
    );
  });
  it('Claude Code and Codex JSONL, truncated too', async () => {
    await fc.assert(
      fc.asyncProperty(jsonl, (text) => importText(text)),
      {numRuns: RUNS},
    );
  });
  it('ccusage JSON', async () => {
    await fc.assert(
      fc.asyncProperty(ccusage, (text) => importText(text)),
      {numRuns: RUNS},
    );
  });
  it('any text, with every source forced', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, fc.constantFrom(...SOURCE_IDS), (text, source) => importText(text, source)),
      {numRuns: RUNS},
    );
  });
});

const jsonValue = fc.jsonValue({maxDepth: 4});
const validSheet = {
  schemaVersion: 1,
  provider: 'acme',
  asOf: '2026-08-01',
  source: 's',
  models: [{id: 'a', capability: 'mid', usdPerMTok: {input: '1', output: '2'}}],
};
/** A valid document with one field replaced by anything at all. */
const mutated = (base: object) =>
  fc.tuple(fc.constantFrom(...allPaths(base)), jsonValue).map(([path, value]) => {
    const copy = structuredClone(base) as Record<string, unknown>;
    let at: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
    at[path.at(-1) as string] = value;
    return copy;
  });

function allPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => allPaths(v, [...prefix, k]))].filter(
    (p) => p.length > 0,
  );
}

const validPlan = {
  id: 'p',
  name: 'p',
  description: 'd',
  asOf: '2026-01-01',
  source: 's',
  byok: {allowed: true, feePct: '0'},
  platform: {
    providers: ['*'],
    markupPct: '10',
    subscription: {monthlyFeeUsd: '20', includedCredits: '20', creditUnit: 'usd', overage: {kind: 'payg'}},
  },
  free: {pool: ['x'], capability: 'open', dailyCap: {unit: 'tasks', count: 3}},
};
const validProfile = {
  id: 'p',
  name: 'p',
  description: 'd',
  source: 's',
  tasksPerDay: 3,
  workingDaysPerMonth: 20,
  model: 'm',
  classes: [
    {
      name: 'c',
      share: 1,
      needs: 'open',
      requestsPerTask: 2,
      tokensPerTask: {input: 1, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 1},
    },
  ],
};
const validConfig = {
  profile: 'x',
  plan: 'y',
  keys: ['anthropic'],
  keysFromEnv: false,
  apps: [{name: 'a', keys: [], platformProviders: ['*'], freeTier: true, onFreeLimit: 'wait'}],
};

describe(`fuzzing the loaders (${RUNS * 3} inputs each)`, () => {
  const loaders: [string, (text: string) => unknown, object][] = [
    ['price sheets', (t) => parsePriceSheet(t, 'fuzz.json'), validSheet],
    ['plans', (t) => parsePlan(JSON.parse(t), 'fuzz.json'), validPlan],
    ['profiles', (t) => parseProfile(JSON.parse(t), 'fuzz.json'), validProfile],
    ['settings', (t) => parseConfig(JSON.parse(t), 'fuzz.json'), validConfig],
  ];
  it.each(loaders)(
    '%s: a bad document is a UserError naming the file, never a crash',
    (_name, load, valid) => {
      fc.assert(
        fc.property(
          fc.oneof(
            mutated(valid).map((v) => JSON.stringify(v)),
            jsonValue.map((v) => JSON.stringify(v)),
          ),
          (text) => {
            try {
              load(text);
            } catch (error) {
              expectNoCrash(error);
              expect((error as Error).message).toMatch(/^fuzz\.json/);
            }
          },
        ),
        {numRuns: RUNS * 3},
      );
    },
  );

  it('the exact JSON parser agrees with JSON.parse on every valid document and rejects the rest cleanly', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          jsonValue.map((v) => JSON.stringify(v)),
          fc.string({maxLength: 60}),
        ),
        (text) => {
          let native: unknown;
          try {
            native = JSON.parse(text);
          } catch {
            expect(() => parseExactJson(text)).toThrow(JsonSyntaxError);
            return;
          }
          const exact = JSON.stringify(parseExactJson(text), (_k, v: unknown) =>
            v && typeof v === 'object' && 'text' in v && Object.keys(v).length === 1
              ? Number((v as {text: string}).text)
              : v,
          );
          expect(exact).toBe(JSON.stringify(native));
        },
      ),
      {numRuns: RUNS * 3},
    );
  });
});
