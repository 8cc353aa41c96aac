import type {SourceId} from '../../core/history/usage-record.js';

export type Container = 'json' | 'jsonl' | 'text';
export type Detection = {source: SourceId} | {source: null; closest: SourceId; missing: string[]};

/** Drops a UTF-8 BOM and an insta snapshot header (`---` … `---`), which wraps ccusage's own JSON fixtures. */
export function cleanHead(head: string): string {
  const text = head.replace(/^\uFEFF/, '');
  if (!/^---\r?\n/.test(text)) return text;
  const end = /\r?\n---\r?\n/.exec(text.slice(3));
  return end ? text.slice(3 + end.index + end[0].length) : text;
}

function parses(line: string | undefined): boolean {
  if (line === undefined || line.trim() === '') return false;
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

export function sniffContainer(head: string): Container {
  const text = cleanHead(head).trimStart();
  const lines = text.split('\n', 3);
  if (parses(lines[0]) && (lines.length < 2 || parses(lines[1]) || lines[1] === '')) {
    return /^[{]/.test(text) && lines.length > 1 ? 'jsonl' : 'json';
  }
  return text.startsWith('{') || text.startsWith('[') ? 'json' : 'text';
}

const DELIMITERS = ['\t', ',', ';'] as const;

/** The header's delimiter: the most frequent outside quotes; ties go to tab, then comma, then semicolon. */
function pickDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: string = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    const n = counts.get(d) ?? 0;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

export function normaliseColumn(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^"|"$/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_');
}

/** Header cells of a delimited first line, split the simple way (header names hold no delimiters). */
export function headerColumns(head: string): {delimiter: string; columns: string[]} {
  const first = cleanHead(head).split(/\r?\n/, 1)[0] ?? '';
  const delimiter = pickDelimiter(first);
  return {delimiter, columns: first.split(delimiter).map(normaliseColumn)};
}

interface CsvSignature {
  readonly source: SourceId;
  /** Every entry must be present; 'a|b' means either. */
  readonly required: readonly string[];
  readonly exact?: boolean;
}

// Checked in this order; the first match wins (§8.3).
const CSV_SIGNATURES: readonly CsvSignature[] = [
  {
    source: 'anthropic.console.tokens',
    required: ['usage_date_utc', 'model_version', 'usage_input_tokens_no_cache', 'usage_output_tokens'],
  },
  {source: 'anthropic.console.cost', required: ['usage_date_utc', 'model', 'token_type', 'cost_usd']},
  {
    source: 'openai.dashboard.usage',
    required: ['start_time', 'end_time', 'start_time_iso', 'input_tokens', 'output_tokens'],
  },
  {
    source: 'openai.dashboard.cost',
    required: ['start_time', 'start_time_iso', 'amount_value', 'amount_currency'],
  },
  // A dashboard export of a period with no usage is the header of time columns alone.
  {
    source: 'openai.dashboard.usage',
    required: ['start_time', 'end_time', 'start_time_iso', 'end_time_iso'],
    exact: true,
  },
  {
    source: 'openrouter.generations',
    required: ['generation_id', 'created_at', 'cost_total', 'tokens_prompt', 'tokens_completion'],
  },
  {source: 'openrouter.activity', required: ['date', 'slug', 'usage', 'prompt_tokens', 'completion_tokens']},
  {source: 'vibe-cost.generic', required: ['timestamp|date', 'model', 'input_tokens', 'output_tokens']},
];

interface JsonSignature {
  readonly source: SourceId;
  readonly container: 'json' | 'jsonl';
  /** Named patterns that must all be found in the head. */
  readonly markers: readonly (readonly [string, RegExp])[];
}

const CLAUDE_LINE = /"(parentUuid|requestId|isSidechain|leafUuid)"\s*:/;
const JSON_SIGNATURES: readonly JsonSignature[] = [
  {
    source: 'openai.api.cost',
    container: 'json',
    markers: [['object "organization.costs.result"', /"organization\.costs\.result"/]],
  },
  {
    source: 'openai.api.usage',
    container: 'json',
    markers: [
      [
        'object "organization.usage.*.result" or a bucket with results',
        /"organization\.usage\.[a-z_]+\.result"|"object"\s*:\s*"bucket"[^]*"results"\s*:/,
      ],
    ],
  },
  {
    source: 'ccusage.report',
    container: 'json',
    markers: [
      ['inputTokens', /"inputTokens"\s*:/],
      ['outputTokens', /"outputTokens"\s*:/],
      [
        'daily|weekly|monthly|sessions|projects|data, or a row date',
        /"(daily|weekly|monthly|sessions|projects|data|date|month|week|sessionId)"\s*:/,
      ],
    ],
  },
  {
    source: 'codex.rollout',
    container: 'jsonl',
    markers: [
      [
        'type session_meta|turn_context|event_msg|response_item',
        /"type"\s*:\s*"(session_meta|turn_context|event_msg|response_item)"/,
      ],
      ['payload', /"payload"\s*:/],
    ],
  },
  {
    source: 'claude-code.jsonl',
    container: 'jsonl',
    markers: [
      ['sessionId, or a summary line', /"sessionId"\s*:|"type"\s*:\s*"(summary|file-history-snapshot)"/],
      ['parentUuid|requestId|isSidechain', CLAUDE_LINE],
    ],
  },
];

function detectCsv(head: string): Detection {
  const present = new Set(headerColumns(head).columns.filter((c) => c !== ''));
  const has = (req: string) => req.split('|').some((name) => present.has(name));
  let closest: {source: SourceId; missing: string[]; found: number} | undefined;
  for (const sig of CSV_SIGNATURES) {
    const missing = sig.required.filter((r) => !has(r));
    if (missing.length === 0 && (!sig.exact || present.size === sig.required.length))
      return {source: sig.source};
    const found = sig.required.length - missing.length;
    if (!sig.exact && (!closest || found > closest.found)) closest = {source: sig.source, missing, found};
  }
  return {source: null, closest: closest?.source ?? 'vibe-cost.generic', missing: closest?.missing ?? []};
}

function detectJson(head: string, container: 'json' | 'jsonl'): Detection {
  // Both containers are tried: a head cut inside a long first line looks like JSON but may be JSONL.
  const order = [...JSON_SIGNATURES].sort(
    (a, b) => Number(b.container === container) - Number(a.container === container),
  );
  let closest: {source: SourceId; missing: string[]; found: number} | undefined;
  for (const sig of order) {
    const missing = sig.markers.filter(([, re]) => !re.test(head)).map(([name]) => name);
    if (missing.length === 0) return {source: sig.source};
    const found = sig.markers.length - missing.length;
    if (!closest || found > closest.found) closest = {source: sig.source, missing, found};
  }
  return {source: null, closest: closest?.source ?? 'ccusage.report', missing: closest?.missing ?? []};
}

/** Detects a file's source from its first bytes (the file name is never looked at). */
export function detectSource(head: string): Detection {
  const text = cleanHead(head);
  const container = sniffContainer(text);
  return container === 'text' ? detectCsv(text) : detectJson(text, container);
}
