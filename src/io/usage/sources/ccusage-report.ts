import type {TokenBuckets} from '../../../core/tokens.js';
import type {UsageRecord} from '../../../core/history/usage-record.js';
import {isObj, type Obj} from '../json.js';
import {countFromJson, minus, RowProblem, usdFromJson} from '../numbers.js';
import type {FileSink} from '../sink.js';
import {claudeCode} from './claude-code.js';
import {codexRollout} from './codex-rollout.js';
import type {ImportContext, JsonSource} from './source.js';

const ID = 'ccusage.report';

/** The reports, finest first; ccusage 20 calls the session report `session`. */
const PERIODS = ['daily', 'weekly', 'monthly', 'sessions', 'session'] as const;
type Report = (typeof PERIODS)[number];

/**
 * What ccusage 20's unified report (`ccusage daily --json`) calls `period` in every row, by report:
 * the field the older reports and the agent commands (`ccusage claude daily --json`) name instead.
 */
const PERIOD_IS: Record<Report, string> = {
  daily: 'date',
  weekly: 'week',
  monthly: 'month',
  sessions: 'sessionId',
  session: 'sessionId',
};

interface ReportRows {
  readonly rows: Obj[];
  /** Rows of other reports of the same usage in the document, counted as duplicates. */
  readonly restated: number;
  /** The report the rows come from, when the document names it. */
  readonly report?: Report;
}

/**
 * The rows of any `ccusage … --json` shape (§4b): {daily|weekly|monthly|sessions|session: [...]}, {projects: {name: [...]}},
 * {type, data}, a bare list, or one bare row. A document holding several whole reports of the same usage
 * (ccusage's own codex snapshot, or ccusage 20's `--sections`: daily, weekly, monthly and session side by
 * side) is read at its finest period; the other reports' rows restate it and count as duplicates.
 */
function reportRows(root: unknown): ReportRows {
  if (Array.isArray(root)) return {rows: root.filter(isObj), restated: 0};
  if (!isObj(root)) return {rows: [], restated: 0};
  const reports = PERIODS.filter((report) => Array.isArray(root[report]));
  if (reports.length > 0) {
    const [report, ...others] = reports as [Report, ...Report[]];
    const rows = (name: Report) => (root[name] as unknown[]).filter(isObj);
    return {rows: rows(report), restated: others.reduce((n, o) => n + rows(o).length, 0), report};
  }
  if (isObj(root['projects']))
    return {
      rows: Object.values(root['projects']).flatMap((list) =>
        Array.isArray(list) ? list.filter(isObj) : [],
      ),
      restated: 0,
    };
  if (Array.isArray(root['data'])) return {rows: root['data'].filter(isObj), restated: 0};
  if (root['inputTokens'] !== undefined && root['outputTokens'] !== undefined)
    return {rows: [root], restated: 0};
  const nested = Object.values(root)
    .filter(isObj)
    .map(reportRows)
    .filter((r) => r.rows.length > 0);
  if (nested.length > 0) {
    const [finest, ...others] = nested;
    return {
      rows: finest!.rows,
      restated: others.reduce((n, r) => n + r.rows.length + r.restated, finest!.restated),
    };
  }
  return {rows: [], restated: 0};
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * A row's field; in a ccusage 20 row, what stands for it: its `period`, by the report (PERIOD_IS),
 * or its `metadata` (a session's activity).
 */
function field(row: Obj, name: string, report: Report | undefined): string | undefined {
  const own = str(row[name]);
  if (own !== undefined) return own;
  if (report !== undefined && PERIOD_IS[report] === name) return str(row['period']);
  return isObj(row['metadata']) ? str(row['metadata'][name]) : undefined;
}

/** The calendar dates a row covers, and the date its record starts on. */
function period(row: Obj, report: Report | undefined): {start: string; days: string[]} {
  const week = field(row, 'week', report);
  const day = field(row, 'date', report) ?? week;
  if (day !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RowProblem(`date is not YYYY-MM-DD: "${day}"`);
    return {start: day, days: week !== undefined ? span(day, 7) : [day]};
  }
  const month = field(row, 'month', report);
  if (month !== undefined) {
    if (!/^\d{4}-\d{2}$/.test(month)) throw new RowProblem(`month is not YYYY-MM: "${month}"`);
    // A month row is dated on its first day; its days are the whole month.
    const [y, m] = month.split('-').map(Number) as [number, number];
    return {start: `${month}-01`, days: span(`${month}-01`, new Date(Date.UTC(y, m, 0)).getUTCDate())};
  }
  const last = field(row, 'lastActivity', report)?.slice(0, 10);
  if (last === undefined) throw new RowProblem('row has no date, week, month or lastActivity');
  const first = field(row, 'firstActivity', report)?.slice(0, 10) ?? last;
  const days: string[] = [];
  for (let d = first; d <= last && days.length < 400; d = span(d, 2)[1]!) days.push(d);
  return {start: last, days};
}

function span(from: string, n: number): string[] {
  const t = Date.parse(`${from}T00:00:00Z`);
  if (Number.isNaN(t)) throw new RowProblem(`not a date: "${from}"`);
  return Array.from({length: n}, (_, i) => new Date(t + i * 86_400_000).toISOString().slice(0, 10));
}

function buckets(part: Obj, legacyCodex: boolean): TokenBuckets {
  const n = (f: string) => countFromJson(part[f], f) ?? 0;
  const cached = n('cachedInputTokens');
  return {
    // Old @ccusage/codex counted cached input inside inputTokens; the current CLI does not.
    input: legacyCodex
      ? minus(n('inputTokens'), cached, 'inputTokens', 'cachedInputTokens')
      : n('inputTokens'),
    cacheRead: legacyCodex ? cached : n('cacheReadTokens'),
    // ccusage sums cache writes without their TTL: priced as 5-minute writes, the lower bound.
    cacheWrite5m: n('cacheCreationTokens'),
    cacheWrite1h: 0,
    output: n('outputTokens'),
  };
}

const costOf = (o: Obj): string | undefined =>
  usdFromJson(o['totalCost'] ?? o['cost'] ?? o['costUSD'], 'cost');

function readCcusage(
  root: unknown,
  lines: WeakMap<object, number>,
  sink: FileSink,
  {keptDays: kept, overlaps}: ImportContext,
): void {
  const {rows, restated, report} = reportRows(root);
  for (let i = 0; i < restated; i++) sink.row();
  sink.duplicate(restated);
  for (const row of rows) {
    sink.row();
    const line = lines.get(row) ?? 0;
    sink.settle(line, () => {
      const {start, days} = period(row, report);
      const codex =
        row['cachedInputTokens'] !== undefined ||
        row['reasoningOutputTokens'] !== undefined ||
        isObj(row['models']);
      const rawSource = codex ? codexRollout.id : claudeCode.id;
      const seenDays = kept.get(rawSource);
      const shared = seenDays === undefined ? [] : days.filter((d) => seenDays.has(d));
      if (shared.length > 0) {
        // The raw logs are finer (per request, exact TTLs), so they are kept and this row dropped.
        const o = overlaps.get(rawSource) ?? {
          source: ID,
          keptSource: rawSource,
          days: new Set<string>(),
          rows: 0,
        };
        for (const d of shared) o.days.add(d);
        o.rows++;
        overlaps.set(rawSource, o);
        return sink.duplicate();
      }
      const session = field(row, 'sessionId', report);
      sink.emit(records(row, start, session, line, sink.file, row['cachedInputTokens'] !== undefined));
    });
  }
}

/**
 * Per-model records when the row breaks itself down (modelBreakdowns, or codex's models object);
 * otherwise one record for the row, named after its first model, since ccusage gives no split.
 */
function records(
  row: Obj,
  start: string,
  session: string | undefined,
  line: number,
  file: string,
  legacyCodex: boolean,
): UsageRecord[] {
  const base = {
    source: ID,
    file,
    line,
    granularity: 'day' as const,
    start,
    requests: null,
    tokensKnown: 'all' as const,
    ...(session === undefined ? {} : {taskId: session}),
  };
  const withCost = (usd: string | undefined) =>
    usd === undefined ? {} : {reportedUsd: usd, reportedKind: 'estimate' as const};
  const breakdowns = Array.isArray(row['modelBreakdowns']) ? row['modelBreakdowns'].filter(isObj) : [];
  if (breakdowns.length > 0) {
    return breakdowns.map((b) => ({
      ...base,
      modelRaw: str(b['modelName']) ?? '',
      tokens: buckets(b, legacyCodex || b['cachedInputTokens'] !== undefined),
      ...withCost(costOf(b)),
    }));
  }
  const models = row['models'];
  if (isObj(models) && Object.keys(models).length > 0) {
    const entries = Object.entries(models).filter((e): e is [string, Obj] => isObj(e[1]));
    const single = entries.length === 1 ? costOf(row) : undefined;
    return entries.map(([name, m]) => ({
      ...base,
      modelRaw: name,
      tokens: buckets(m, legacyCodex || m['cachedInputTokens'] !== undefined),
      ...withCost(single ?? costOf(m)),
    }));
  }
  const named = Array.isArray(row['modelsUsed']) ? row['modelsUsed'] : Array.isArray(models) ? models : [];
  const first = named.find((m): m is string => typeof m === 'string') ?? '';
  return [{...base, modelRaw: first, tokens: buckets(row, legacyCodex), ...withCost(costOf(row))}];
}

/** ccusage's JSON reports, of Claude Code's logs or (@ccusage/codex) of Codex's. */
export const ccusageReport: JsonSource<typeof ID> = {
  id: ID,
  family: 'ccusage',
  summarises: [claudeCode.id, codexRollout.id],
  container: 'json',
  markers: [
    ['inputTokens', /"inputTokens"\s*:/],
    ['outputTokens', /"outputTokens"\s*:/],
    [
      'daily|weekly|monthly|sessions|session|projects|data, or a row date or period',
      /"(daily|weekly|monthly|sessions?|projects|data|date|month|week|sessionId|period)"\s*:/,
    ],
  ],
  reader: (context) => (root, lines, sink) => readCcusage(root, lines, sink, context),
};
