import type {DialectOps} from './dialects.js';

import type {SqlSource} from './names.js';

export type {SqlSource} from './names.js';

/** How text becomes a count or a day: a plain cast on a warehouse (a bad value fails the query there), TRY_CAST where rows are checked. */
export interface Casts {
  count(text: string): string;
  dayOfIso(text: string): string;
}

/** A column of a CTE: its name and the expression that computes it. */
export type Column = readonly [name: string, expression: string];

/**
 * How one kind of per-call log becomes calls with disjoint token buckets. `extracted` reads the
 * source's own fields as text; `calls` computes from them the columns every source gives:
 * day, model, provider, dedup_key, the five buckets (cache_write_1h_tokens null where the source
 * cannot split writes by TTL; every cache bucket null where it has no cache counts at all), output,
 * session, user_name, team, project, cost_usd, and, for Claude Code, speed, service_tier and
 * web_searches.
 */
export interface SourceSql {
  /** What the input table must hold, for the query's header. */
  readonly input: readonly string[];
  readonly defaultTable: (ops: DialectOps) => string;
  /** Where a row carries usage at all; rows without are not calls (not read). */
  readonly usageRow: (ops: DialectOps) => string;
  readonly extracted: (ops: DialectOps) => readonly Column[];
  readonly calls: (ops: DialectOps, cast: Casts) => readonly Column[];
  /** Calls priced by design at nothing (placeholders, agent spans that sum their model calls): [condition, reason]. */
  readonly skips: readonly (readonly [string, string])[];
  /** Which copy of a call written several times is kept: the first in this order. */
  readonly keep: readonly string[];
  /** Fields whose text must be a count, for the rows DuckDB checks: [extracted column, field name]. */
  readonly counts: readonly (readonly [string, string])[];
  /** The field the day comes from, and when (over source_rows, DuckDB) it holds no time. */
  readonly timeField: string;
  readonly noTime: string;
  /** Extra checks on a call over source_rows (DuckDB), [condition, reason]: rows failing one are rejected. */
  readonly problems: readonly (readonly [string, string])[];
  /** The optional output columns this source fills, beyond day…output_tokens. */
  readonly optional: readonly string[];
  readonly notes: readonly string[];
}

const USAGE = 'gen_ai.usage.';
const MODEL_CALLS = ['chat', 'generate_content', 'text_completion'];

const otel: SourceSql = {
  input: [
    'start_time  TIMESTAMP, UTC: when the span started',
    'name        text: the span name ("chat claude-sonnet-4-5")',
    'trace_id, span_id  text: the span ids (a span exported twice is counted once)',
    'attributes  JSON (BigQuery JSON, Snowflake VARIANT, Postgres json/jsonb): the span attributes',
  ],
  defaultTable: () => 'otel_spans',
  usageRow: (ops) =>
    `${ops.json('attributes', [`${USAGE}input_tokens`])} IS NOT NULL OR ${ops.json('attributes', [`${USAGE}output_tokens`])} IS NOT NULL`,
  extracted: (ops) => {
    const a = (key: string) => ops.json('attributes', [key]);
    return [
      ['start_time', 'start_time'],
      ['dedup_key', `trace_id || '/' || span_id`],
      ['operation', `COALESCE(${a('gen_ai.operation.name')}, ${ops.firstWord('name')})`],
      ['model', `COALESCE(${a('gen_ai.response.model')}, ${a('gen_ai.request.model')})`],
      ['provider', `COALESCE(${a('gen_ai.provider.name')}, ${a('gen_ai.system')})`],
      ['input_text', a(`${USAGE}input_tokens`)],
      ['cache_read_text', a(`${USAGE}cache_read.input_tokens`)],
      ['cache_creation_text', a(`${USAGE}cache_creation.input_tokens`)],
      ['output_text', a(`${USAGE}output_tokens`)],
      ['session', a('gen_ai.conversation.id')],
      ['user_name', a('user.id')],
    ];
  },
  calls: (ops, cast) => {
    const n = (column: string) => cast.count(`COALESCE(${column}, '0')`);
    return [
      ['day', ops.dayOfTimestamp('start_time')],
      ['model', 'model'],
      ['provider', 'provider'],
      ['dedup_key', 'dedup_key'],
      ['input_tokens', `${n('input_text')} - ${n('cache_read_text')} - ${n('cache_creation_text')}`],
      ['cache_read_tokens', n('cache_read_text')],
      ['cache_write_5m_tokens', n('cache_creation_text')],
      ['cache_write_1h_tokens', ops.int('NULL')],
      ['output_tokens', n('output_text')],
      ['session', 'session'],
      ['user_name', 'user_name'],
    ];
  },
  skips: [
    [
      `operation IS NULL OR operation NOT IN (${MODEL_CALLS.map((o) => `'${o}'`).join(', ')})`,
      'not a model call (an agent or tool span sums the calls under it)',
    ],
  ],
  keep: ['output_tokens DESC'],
  counts: [
    ['input_text', `${USAGE}input_tokens`],
    ['cache_read_text', `${USAGE}cache_read.input_tokens`],
    ['cache_creation_text', `${USAGE}cache_creation.input_tokens`],
    ['output_text', `${USAGE}output_tokens`],
  ],
  timeField: 'start_time',
  noTime: 'start_time IS NULL',
  problems: [
    [
      `TRY_CAST(input_text AS BIGINT) < COALESCE(TRY_CAST(cache_read_text AS BIGINT), 0) + COALESCE(TRY_CAST(cache_creation_text AS BIGINT), 0)`,
      `${USAGE}input_tokens is less than its cache reads and writes`,
    ],
  ],
  optional: ['sessions', 'user'],
  notes: [
    `Calls: spans whose gen_ai.operation.name (else the span name's first word) is ${MODEL_CALLS.join(', ')};`,
    'other spans with usage (invoke_agent) sum the calls under them and are left out.',
    'Model: gen_ai.response.model, else gen_ai.request.model. Provider: gen_ai.provider.name, else gen_ai.system.',
    `Cache: ${USAGE}cache_read.input_tokens and ${USAGE}cache_creation.input_tokens are inside`,
    `${USAGE}input_tokens and are taken out of it once. OTel does not say a write's cache TTL: writes are`,
    'in cache_write_5m_tokens and cache_write_1h_tokens is empty where a row has any (priced as 5-minute',
    'writes, the cheaper TTL, and vibe-cost marks those totals as lower bounds).',
    'sessions: distinct gen_ai.conversation.id (empty where a call has none). user: the user.id attribute.',
  ],
};

const litellm: SourceSql = {
  input: [
    'LiteLLM_SpendLogs, as the LiteLLM proxy writes it (BerriAI/litellm schema.prisma): request_id,',
    'call_type, model, custom_llm_provider, prompt_tokens, completion_tokens, spend, "startTime" (UTC),',
    '"user", team_id, session_id, status, metadata (JSON)',
  ],
  defaultTable: (ops) => ops.ident('LiteLLM_SpendLogs'),
  usageRow: () => 'prompt_tokens IS NOT NULL OR completion_tokens IS NOT NULL',
  extracted: (ops) => {
    const usage = (...path: string[]) => ops.json('metadata', ['usage_object', ...path]);
    return [
      ['start_time', ops.ident('startTime')],
      ['dedup_key', 'request_id'],
      ['model', 'model'],
      ['provider', 'custom_llm_provider'],
      ['status', 'status'],
      ['prompt_text', ops.str('prompt_tokens')],
      ['output_text', ops.str('completion_tokens')],
      ['usage_logged', usage('prompt_tokens')],
      [
        'cache_read_text',
        `COALESCE(${usage('cache_read_input_tokens')}, ${usage('prompt_tokens_details', 'cached_tokens')})`,
      ],
      [
        'cache_creation_text',
        `COALESCE(${usage('cache_creation_input_tokens')}, ${usage('prompt_tokens_details', 'cache_creation_tokens')})`,
      ],
      ['spend', 'spend'],
      ['session', 'session_id'],
      ['user_name', ops.ident('user')],
      ['team', 'team_id'],
    ];
  },
  calls: (ops, cast) => {
    const count = cast.count;
    const prompt = count(`COALESCE(prompt_text, '0')`);
    const read = count(`COALESCE(cache_read_text, '0')`);
    const write = count(`COALESCE(cache_creation_text, '0')`);
    return [
      ['day', ops.dayOfTimestamp('start_time')],
      ['model', 'model'],
      ['provider', 'provider'],
      ['dedup_key', 'dedup_key'],
      [
        'input_tokens',
        `CASE WHEN usage_logged IS NOT NULL AND ${prompt} >= ${read} + ${write} THEN ${prompt} - ${read} - ${write} ELSE ${prompt} END`,
      ],
      ['cache_read_tokens', `CASE WHEN usage_logged IS NOT NULL THEN ${read} END`],
      ['cache_write_5m_tokens', `CASE WHEN usage_logged IS NOT NULL THEN ${write} END`],
      ['cache_write_1h_tokens', ops.int('NULL')],
      ['output_tokens', count(`COALESCE(output_text, '0')`)],
      ['cost_usd', 'spend'],
      ['session', 'session'],
      ['user_name', 'user_name'],
      ['team', 'team'],
    ];
  },
  skips: [[`status = 'failure'`, 'a failed call (LiteLLM status failure)']],
  keep: ['output_tokens DESC'],
  counts: [
    ['cache_read_text', 'metadata.usage_object.cache_read_input_tokens'],
    ['cache_creation_text', 'metadata.usage_object.cache_creation_input_tokens'],
  ],
  timeField: 'startTime',
  noTime: 'start_time IS NULL',
  problems: [],
  optional: ['sessions', 'user', 'team', 'cost_usd'],
  notes: [
    'A request_id logged twice is counted once. Failed calls (status failure) are left out.',
    'Cache: LiteLLM logs cache tokens only in metadata.usage_object (cache_read_input_tokens,',
    'cache_creation_input_tokens, or prompt_tokens_details). prompt_tokens includes them for',
    'chat/completions calls; anthropic_messages rows since litellm#23342 do not: where prompt_tokens is',
    'at least the cache counts they are taken out of it, else prompt_tokens is read as uncached input.',
    'A row whose calls lack usage_object has empty cache columns and input_tokens = prompt_tokens:',
    'vibe-cost prices those as uncached input and marks the totals as lower bounds. LiteLLM never logs a',
    "write's TTL (litellm#15056): cache_write_1h_tokens is empty where a row has writes, priced as",
    '5-minute writes and marked as lower bounds.',
    'cost_usd: the sum of spend, LiteLLM\'s own estimate. sessions: distinct session_id. user: "user".',
    'team: team_id.',
  ],
};

const claudeCode: SourceSql = {
  input: [
    'one row per line of the ~/.claude/projects/**/*.jsonl logs: file (text), line_number (integer),',
    'line (the JSON text; Snowflake VARIANT, Postgres json/jsonb/text)',
  ],
  defaultTable: () => 'claude_code_lines',
  usageRow: (ops) =>
    `${ops.json('line', ['message', 'usage', 'input_tokens'])} IS NOT NULL OR ${ops.json('line', ['message', 'usage', 'output_tokens'])} IS NOT NULL`,
  extracted: (ops) => {
    const j = (...path: string[]) => ops.json('line', path);
    const usage = (...path: string[]) => j('message', 'usage', ...path);
    return [
      ['file', 'file'],
      ['line_number', 'line_number'],
      ['ts', j('timestamp')],
      ['model', j('message', 'model')],
      ['dedup_key', `COALESCE(${j('message', 'id')} || '/' || ${j('requestId')}, ${j('message', 'id')})`],
      ['sidechain', j('isSidechain')],
      ['session', j('sessionId')],
      ['project', j('cwd')],
      ['cost_text', j('costUSD')],
      ['input_text', usage('input_tokens')],
      ['cache_read_text', usage('cache_read_input_tokens')],
      ['cache_creation_text', usage('cache_creation_input_tokens')],
      ['write_5m_text', usage('cache_creation', 'ephemeral_5m_input_tokens')],
      ['write_1h_text', usage('cache_creation', 'ephemeral_1h_input_tokens')],
      ['output_text', usage('output_tokens')],
      ['speed', usage('speed')],
      ['service_tier', usage('service_tier')],
      ['web_text', usage('server_tool_use', 'web_search_requests')],
    ];
  },
  calls: (ops, cast) => {
    const n = (column: string) => cast.count(`COALESCE(${column}, '0')`);
    const split = 'write_5m_text IS NOT NULL OR write_1h_text IS NOT NULL';
    return [
      ['file', 'file'],
      ['line_number', 'line_number'],
      ['day', cast.dayOfIso('ts')],
      ['model', 'model'],
      ['provider', ops.str('NULL')],
      ['dedup_key', 'dedup_key'],
      ['sidechain', `CASE WHEN sidechain = 'true' THEN 1 ELSE 0 END`],
      ['input_tokens', n('input_text')],
      ['cache_read_tokens', n('cache_read_text')],
      [
        'cache_write_5m_tokens',
        `CASE WHEN ${split} THEN ${n('write_5m_text')} ELSE ${n('cache_creation_text')} END`,
      ],
      ['cache_write_1h_tokens', `CASE WHEN ${split} THEN ${n('write_1h_text')} ELSE 0 END`],
      ['output_tokens', n('output_text')],
      ['cost_usd', ops.decimal('cost_text')],
      ['session', 'session'],
      ['project', 'project'],
      ['speed', `CASE WHEN speed = 'fast' THEN 'fast' END`],
      ['service_tier', `CASE WHEN service_tier <> '' THEN service_tier END`],
      ['web_searches', cast.count('web_text')],
    ];
  },
  skips: [[`model = '<synthetic>'`, "Claude Code's placeholder turn (<synthetic>)"]],
  keep: [
    'sidechain',
    'input_tokens + cache_read_tokens + cache_write_5m_tokens + cache_write_1h_tokens + output_tokens DESC',
    'file',
    'line_number DESC',
  ],
  counts: [
    ['input_text', 'message.usage.input_tokens'],
    ['cache_read_text', 'message.usage.cache_read_input_tokens'],
    ['cache_creation_text', 'message.usage.cache_creation_input_tokens'],
    ['write_5m_text', 'message.usage.cache_creation.ephemeral_5m_input_tokens'],
    ['write_1h_text', 'message.usage.cache_creation.ephemeral_1h_input_tokens'],
    ['output_text', 'message.usage.output_tokens'],
    ['web_text', 'message.usage.server_tool_use.web_search_requests'],
  ],
  timeField: 'timestamp',
  noTime: 'TRY_CAST(ts AS TIMESTAMPTZ) IS NULL',
  problems: [],
  optional: ['sessions', 'project', 'cost_usd', 'speed', 'service_tier', 'web_searches'],
  notes: [
    'Claude Code writes one line per content block of a response, the early ones with partial output:',
    'copies with the same message.id + requestId (message.id alone where there is no requestId) are',
    'one call, and the fullest is kept (a main-line copy before a sidechain one; ties: the earlier',
    'file, the later line). <synthetic> placeholder turns are left out. Token counts are disjoint as',
    'logged. Writes without a 5m/1h split (older logs) are 5-minute writes, as vibe-cost import reads them.',
    'cost_usd: the sum of costUSD (old logs), empty where a call has none. sessions: distinct sessionId.',
    'project: cwd. speed, service_tier, web_searches: as logged, priced by their multipliers and per-call prices.',
  ],
};

export const SOURCE_SQL: Readonly<Record<SqlSource, SourceSql>> = {
  otel,
  litellm,
  'claude-code': claudeCode,
};
