// Writes test/fixtures/bad/: inputs people's tools, spreadsheets and disks really produce, each
// with the command to run it through and what a user must see. Run again after editing a case.
import {mkdirSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';

const dir = join(import.meta.dirname, '..', 'test', 'fixtures', 'bad');
rmSync(dir, {recursive: true, force: true});
mkdirSync(dir, {recursive: true});

const GENERIC = 'timestamp,model,input_tokens,output_tokens';
const SHEET = (models) =>
  JSON.stringify({schemaVersion: 1, provider: 'acme', asOf: '2026-08-01', source: 'test', models});
const MODEL = {id: 'acme-1', capability: 'mid', usdPerMTok: {input: '1', output: '2'}};
const PROFILE = (o) =>
  JSON.stringify({
    schemaVersion: 1,
    id: 'p',
    name: 'p',
    description: 'd',
    source: 's',
    tasksPerDay: 3,
    workingDaysPerMonth: 20,
    model: 'claude-sonnet-4-5',
    classes: [
      {
        name: 'c',
        share: 1,
        needs: 'open',
        requestsPerTask: 2,
        tokensPerTask: {input: 1, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 1},
      },
    ],
    ...o,
  });
const PLAN = (o) =>
  JSON.stringify({
    id: 'x',
    name: 'x',
    description: 'd',
    asOf: '2026-01-01',
    source: 's',
    platform: {markupPct: '10'},
    ...o,
  });
const cases = [];
const add = (name, content, command, exit, stderr) => {
  if (content !== null) writeFileSync(join(dir, name), content);
  cases.push({name, command, exit, stderr});
};
const imp = (name, content, exit, stderr) =>
  add(name, content, ['import', `test/fixtures/bad/${name}`, '--strict'], exit, stderr);

// Usage files, imported with --strict: the first bad row stops the import.
imp('empty.csv', '', 65, 'empty.csv: file is empty');
imp('only-whitespace.jsonl', '\n\n   \n', 65, 'file is empty');
imp(
  'binary.csv',
  Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0xff, 0xfe, 0x00, 0x41]),
  65,
  'binary data',
);
imp('truncated.json', '{"daily": [{"date": "2026-01-01", "inputTokens": 1', 65, 'truncated.json:1');
imp('truncated-array.json', '[{"object": "bucket", "results": [', 65, 'truncated-array.json:1');
imp(
  'garbled.jsonl',
  '{"type":"assistant","message":{"usage":{"input_tokens":1}}\n@@@garbage@@@\n',
  65,
  'garbled.jsonl:',
);
imp(
  'unknown-columns.csv',
  'date,amount,thing\n2026-01-01,1,2\n',
  65,
  'not a usage file vibe-cost knows; closest:',
);
imp('unknown-json.json', '{"hello": "world"}', 65, 'not a usage file vibe-cost knows');
imp('negative-tokens.csv', `${GENERIC}\n2026-01-01,gpt-5,-5,1\n`, 65, 'negative-tokens.csv:2: ');
imp('fractional-tokens.csv', `${GENERIC}\n2026-01-01,gpt-5,1.5,1\n`, 65, 'fractional-tokens.csv:2: ');
imp('nan-tokens.csv', `${GENERIC}\n2026-01-01,gpt-5,NaN,1\n`, 65, 'nan-tokens.csv:2: ');
imp('exponent-tokens.csv', `${GENERIC}\n2026-01-01,gpt-5,1e400,1\n`, 65, 'exponent-tokens.csv:2: ');
imp('text-tokens.csv', `${GENERIC}\n2026-01-01,gpt-5,lots,1\n`, 65, 'text-tokens.csv:2: ');
imp('empty-tokens.csv', `${GENERIC}\n2026-01-01,gpt-5,,1\n`, 65, 'empty-tokens.csv:2: ');
imp('bad-timestamp.csv', `${GENERIC}\nyesterday,gpt-5,1,1\n`, 65, 'bad-timestamp.csv:2: ');
imp('huge-number.csv', `${GENERIC}\n2026-01-01,gpt-5,99999999999999999999999,1\n`, 65, 'huge-number.csv:2: ');
imp('short-row.csv', `${GENERIC}\n2026-01-01,gpt-5,1\n`, 65, 'short-row.csv:2');
imp('long-row.csv', `${GENERIC}\n2026-01-01,gpt-5,1,1,9,9,9,9,9\n`, 65, 'long-row.csv:2');
imp('unclosed-quote.csv', `${GENERIC}\n2026-01-01,"gpt-5,1,1\n`, 65, 'unclosed-quote.csv:');
imp('bom-bad-row.csv', `\ufeff${GENERIC}\r\n2026-01-01,gpt-5,-1,1\r\n`, 65, 'bom-bad-row.csv:2: ');
imp(
  'crlf-bad-row.csv',
  `${GENERIC}\r\n2026-01-01,gpt-5,1,1\r\n2026-01-01,gpt-5,x,1\r\n`,
  65,
  'crlf-bad-row.csv:3: ',
);
imp(
  'semicolon-bad.csv',
  `timestamp;model;input_tokens;output_tokens\n2026-01-01;gpt-5;1;-2\n`,
  65,
  'semicolon-bad.csv:2: ',
);
imp(
  'quoted-newline-bad.csv',
  `${GENERIC},task_id\n2026-01-01,"gpt-5",1,1,"a\nb"\n2026-01-02,gpt-5,1,x,c\n`,
  65,
  'quoted-newline-bad.csv:4: ',
);
imp(
  'openai-negative.csv',
  'start_time,end_time,start_time_iso,end_time_iso,input_tokens,output_tokens,input_cached_tokens,num_model_requests,model\n1740787200,1740873600,2025-03-01T00:00:00+00:00,2025-03-02T00:00:00+00:00,10,5,-1,1,gpt-5\n',
  65,
  'openai-negative.csv:2: ',
);
imp(
  'openai-cached-over-input.csv',
  'start_time,end_time,start_time_iso,end_time_iso,input_tokens,output_tokens,input_cached_tokens,num_model_requests,model\n1740787200,1740873600,2025-03-01T00:00:00+00:00,2025-03-02T00:00:00+00:00,10,5,20,1,gpt-5\n',
  65,
  'openai-cached-over-input.csv:2: ',
);
imp(
  'anthropic-bad-tokens.csv',
  'usage_date_utc,model_version,api_key,workspace,usage_type,context_window,usage_input_tokens_no_cache,usage_input_tokens_cache_write_5m,usage_input_tokens_cache_write_1h,usage_input_tokens_cache_read,usage_output_tokens\n2026-03-02,claude-sonnet-4-5,k,w,standard,x,ten,0,0,0,1\n',
  65,
  'anthropic-bad-tokens.csv:2: ',
);
imp(
  'openai-cost-eur.csv',
  'start_time,end_time,start_time_iso,end_time_iso,amount_value,amount_currency,line_item,project_id\n1740787200,1740873600,2025-03-01T00:00:00+00:00,2025-03-02T00:00:00+00:00,1.5,eur,x,p\n',
  65,
  'openai-cost-eur.csv:2: ',
);
imp(
  'claude-bad-usage.jsonl',
  '{"type":"assistant","sessionId":"s","requestId":"r","timestamp":"2026-01-01T00:00:00Z","message":{"id":"m","model":"claude-sonnet-4-5","usage":{"input_tokens":-4,"output_tokens":1}}}\n',
  65,
  'claude-bad-usage.jsonl:1: ',
);
imp(
  'claude-truncated.jsonl',
  '{"type":"assistant","sessionId":"s","requestId":"r","timestamp":"2026-01-01T00:00:00Z","message":{"id":"m","model":"claude-sonnet-4-5","usage":{"input_tokens":4,"output_tokens":1}}}\n{"type":"assistant","sessionId":"s","requestId":"r2","message":{"usage":{"input_',
  65,
  'claude-truncated.jsonl:2: ',
);
imp(
  'ccusage-bad.json',
  '{"daily":[{"date":"2026-01-01","inputTokens":"many","outputTokens":1,"cacheCreationTokens":0,"cacheReadTokens":0,"totalCost":0.1,"modelsUsed":["claude-sonnet-4-5"]}],"totals":{}}',
  65,
  'ccusage-bad.json:',
);

// A usage file with rows that can only be rejected: without --strict they are counted, never lost.
add(
  'all-rows-bad.csv',
  `${GENERIC}\n2026-01-01,gpt-5,-1,1\n2026-01-01,gpt-5,x,1\n`,
  ['import', 'test/fixtures/bad/all-rows-bad.csv', '--rejects', '/dev/null/x.csv'],
  2,
  '--rejects',
);

// Price sheets.
const sheet = (name, content, stderr) =>
  add(name, content, ['prices', 'validate', `test/fixtures/bad/${name}`], 65, stderr);
sheet(
  'sheet-missing-price.json',
  SHEET([{...MODEL, usdPerMTok: {input: '1'}}]),
  'model "acme-1": field usdPerMTok.output',
);
sheet(
  'sheet-negative-price.json',
  SHEET([{...MODEL, usdPerMTok: {input: '-1', output: '2'}}]),
  'model "acme-1": field usdPerMTok.input: a price cannot be negative',
);
sheet(
  'sheet-text-price.json',
  SHEET([{...MODEL, usdPerMTok: {input: 'free', output: '2'}}]),
  'field usdPerMTok.input: expected a decimal price',
);
sheet(
  'sheet-nan-price.json',
  SHEET([{...MODEL, usdPerMTok: {input: 'NaN', output: '2'}}]),
  'field usdPerMTok.input',
);
sheet(
  'sheet-unknown-field.json',
  SHEET([{...MODEL, usdPerMTok: {input: '1', output: '2', cached: '1'}}]),
  'field usdPerMTok.cached: unknown price field',
);
sheet('sheet-bad-capability.json', SHEET([{...MODEL, capability: 'genius'}]), 'field capability');
sheet('sheet-duplicate-model.json', SHEET([MODEL, MODEL]), 'appears twice');
sheet('sheet-no-id.json', SHEET([{...MODEL, id: ''}]), 'field id');
sheet('sheet-bad-date.json', SHEET([{...MODEL, asOf: 'last tuesday'}]), 'field asOf');
sheet(
  'sheet-bad-threshold.json',
  SHEET([{...MODEL, longContext: {thresholdTokens: 1.5, wholeRequest: true, usdPerMTok: {}}}]),
  'field longContext.thresholdTokens',
);
sheet(
  'sheet-changes-out-of-order.json',
  SHEET([
    {
      ...MODEL,
      changes: [
        {effective: '2026-09-01', usdPerMTok: {input: '1', output: '1'}},
        {effective: '2026-08-01', usdPerMTok: {input: '1', output: '1'}},
      ],
    },
  ]),
  'changes must be in date order',
);
sheet(
  'sheet-wrong-version.json',
  JSON.stringify({schemaVersion: 2, provider: 'a', asOf: '2026-01-01', source: 's', models: [MODEL]}),
  'field schemaVersion: expected 1',
);
sheet('sheet-truncated.json', SHEET([MODEL]).slice(0, 60), 'sheet-truncated.json:1: not valid JSON');
sheet('sheet-not-a-sheet.json', '{"models": 3}', 'not a price sheet');
sheet('sheet-empty.json', '', 'not valid JSON');

// Profiles and plans, through simulate.
const sim = (name, content, flag, stderr) =>
  add(name, content, ['simulate', flag, `test/fixtures/bad/${name}`], 65, stderr);
sim(
  'profile-shares.json',
  PROFILE({
    classes: [
      {
        name: 'a',
        share: 0.5,
        needs: 'open',
        requestsPerTask: 1,
        tokensPerTask: {input: 1, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 1},
      },
    ],
  }),
  '--profile',
  'shares must add up to 1',
);
sim('profile-negative-pace.json', PROFILE({tasksPerDay: -3}), '--profile', 'field tasksPerDay');
sim(
  'profile-too-many-days.json',
  PROFILE({workingDaysPerMonth: 40}),
  '--profile',
  'field workingDaysPerMonth',
);
sim(
  'profile-fractional-tokens.json',
  PROFILE({
    classes: [
      {
        name: 'c',
        share: 1,
        needs: 'open',
        requestsPerTask: 1,
        tokensPerTask: {input: 1.5, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 1},
      },
    ],
  }),
  '--profile',
  'field classes[0].tokensPerTask.input',
);
sim(
  'profile-zero-requests.json',
  PROFILE({
    classes: [
      {
        name: 'c',
        share: 1,
        needs: 'open',
        requestsPerTask: 0,
        tokensPerTask: {input: 1, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 1},
      },
    ],
  }),
  '--profile',
  'field classes[0].requestsPerTask',
);
sim(
  'profile-bad-needs.json',
  PROFILE({
    classes: [
      {
        name: 'c',
        share: 1,
        needs: 'godlike',
        requestsPerTask: 1,
        tokensPerTask: {input: 1, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 1},
      },
    ],
  }),
  '--profile',
  'field classes[0].needs',
);
sim(
  'profile-bad-quantiles.json',
  PROFILE({
    classes: [
      {
        name: 'c',
        share: 1,
        needs: 'open',
        requestsPerTask: 1,
        sizeQuantiles: [3, 1, 2],
        tokensPerTask: {input: 1, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 1},
      },
    ],
  }),
  '--profile',
  'field classes[0].sizeQuantiles',
);
sim('profile-not-json.json', 'tasksPerDay: 3', '--profile', 'profile-not-json.json:1: not valid JSON');
sim(
  'plan-negative-markup.json',
  PLAN({platform: {markupPct: '-5'}}),
  '--plan',
  'field platform.markupPct: cannot be negative',
);
sim(
  'plan-float-markup.json',
  PLAN({platform: {markupPct: 5}}),
  '--plan',
  'field platform.markupPct: expected an amount written as a decimal string',
);
sim(
  'plan-bad-overage.json',
  PLAN({
    platform: {
      subscription: {monthlyFeeUsd: '1', includedCredits: '1', creditUnit: 'usd', overage: {kind: 'maybe'}},
    },
  }),
  '--plan',
  'field platform.subscription.overage.kind',
);
sim(
  'plan-bad-cap.json',
  PLAN({free: {pool: ['openrouter/free'], dailyCap: {unit: 'requests', count: -1}}}),
  '--plan',
  'field free.dailyCap.count',
);
sim(
  'plan-unknown-pool-model.json',
  PLAN({free: {pool: ['no-such-free-model'], dailyCap: {unit: 'requests', count: 5}}}),
  '--plan',
  'field free.pool: unknown model "no-such-free-model"',
);

// Contradictory or impossible flags: usage errors, exit 2.
const flags = (name, command, stderr) => add(name, null, command, 2, stderr);
flags(
  'flags-tasks-and-runs',
  ['simulate', '--tasks', '5', '--runs', '5'],
  '--tasks and --runs do not go together',
);
flags('flags-negative-tasks', ['simulate', '--tasks', '-1'], '--tasks: expected a whole number');
flags('flags-fraction-tasks', ['simulate', '--tasks', '2.5'], '--tasks: expected a whole number');
flags('flags-zero-pace', ['simulate', '--tasks-per-day', '0'], '--tasks-per-day: expected a number above 0');
flags(
  'flags-negative-tokens',
  ['simulate', '--input-tokens', '-3'],
  '--input-tokens: expected a whole number',
);
flags('flags-bad-markup', ['simulate', '--markup', 'ten'], '--markup: expected a non-negative amount');
flags('flags-bad-date', ['simulate', '--as-of', '2026-13-45'], '--as-of: expected a date');
flags(
  'flags-bad-format',
  ['simulate', '--format', 'xml'],
  '--format: "xml" is not one of table, json, csv, markdown',
);
flags('flags-unknown-flag', ['simulate', '--taks', '3'], 'unknown flag --taks; did you mean --tasks?');
flags('flags-unknown-plan', ['simulate', '--plan', 'vibkit'], 'unknown plan "vibkit"; nearest: vibekit');
flags(
  'flags-unknown-profile',
  ['simulate', '--profile', 'hobyist'],
  'unknown profile "hobyist"; nearest: hobbyist',
);
flags('flags-unknown-model', ['simulate', '--model', 'gpt-55'], 'unknown model "gpt-55"');
flags('flags-missing-file', ['import', 'test/fixtures/bad/no-such-file.csv'], 'no-such-file.csv');
flags(
  'flags-bad-gap',
  ['import', 'test/fixtures/usage/generic.csv', '--task-gap', 'soon'],
  '--task-gap: expected a duration',
);
flags('flags-budget-text', ['recommend', '--budget', 'cheap'], '--budget: expected a non-negative amount');
flags('flags-no-command', [], 'name a command');

writeFileSync(join(dir, 'cases.json'), `${JSON.stringify(cases, null, 1)}\n`);
console.log(`${cases.length} cases in ${dir}`);
