import type {HistoryProfile} from '../core/history/history-profile.js';
import {shownGap, ZERO, type Money} from '../core/money.js';
import type {Plan} from '../core/billing/plan.js';
import type {SheetSummary} from '../core/pricing/model-price.js';
import type {ModelUsage, ReplayResult, ReplayedStrategy} from '../core/history/replay.js';
import {totalTokens} from '../core/tokens.js';
import type {ImportOutcome, RejectedRow} from '../core/history/usage-record.js';
import {chartPoints, renderLineChart} from './chart.js';
import {figure, figureJson} from './figure.js';
import {
  groupColumns,
  groupNotes,
  groupRows,
  groupsJson,
  groupTitle,
  renderGroupsMarkdown,
  shortStrategyId,
  type GroupsView,
} from './group-render.js';
import {UNSERVED_NAMES} from './describe.js';
import {formatCount, formatFixed, formatTokens, formatUsd, plural} from './format.js';
import {SCHEMA_VERSION, strategyJson, usd as usdText} from './json.js';
import {renderCsv, renderMarkdownTable, renderTable, type Column} from './table.js';
import type {Style} from './style.js';
import {wrapProse} from './text-width.js';
import {totalServed} from '../core/routing/router.js';

export interface ImportView {
  readonly outcome: ImportOutcome;
  readonly replay: ReplayResult;
  readonly history: HistoryProfile;
  readonly plan: Plan;
  readonly gapMs: number;
  /** The inputs named on the command line: tables show the files in a folder relative to it. */
  readonly folders?: readonly string[];
  /** With `import --by`: the replay per team, project or user. */
  readonly groups?: GroupsView;
  /** Rows that sum several requests, and how many give their tasks. */
  readonly aggregated?: {readonly rows: number; readonly withTasks: number};
}

/** What the free tier's cap and per-task credits can see of rows that sum requests. */
function aggregatedLines(v: ImportView): string[] {
  const a = v.aggregated;
  if (!a?.rows) return [];
  const lines: string[] = [];
  const cap = v.plan.free?.dailyCap;
  const rows = `${plural(a.rows, 'aggregated row')} (${formatCount(a.withTasks)} giving their tasks)`;
  if (cap?.unit === 'tasks')
    lines.push(
      `${rows}: the free tier's cap of ${plural(cap.count, 'task')} a day counts a row's tasks (one for a row that does not give them; a task in two rows counts in each) and takes or refuses each row whole, where the requests one by one could fill it to the last task.`,
    );
  else if (cap)
    lines.push(
      `${rows}: the free tier's cap of ${plural(cap.count, 'request')} a day takes or refuses each row whole, where the requests one by one could fill it to the last request.`,
    );
  if (v.plan.platform.subscription?.creditUnit === 'task')
    lines.push(
      `The platform's credits per task count each aggregated row's tasks (one for a row that does not give them; a task in two rows counts in each).`,
    );
  return lines;
}

/** A file as the tables show it: relative to the folder the user named, as they would type it. */
function shownPath(v: ImportView, file: string): string {
  const folder = folderOf(v, file);
  return folder ? file.slice(folder.length + 1) : file;
}

function folderOf(v: ImportView, file: string): string | undefined {
  return (v.folders ?? []).map((f) => f.replace(/\/+$/, '')).find((f) => f && file.startsWith(`${f}/`));
}

const FILE_COLUMNS: Column[] = [
  {header: 'File', fit: 'cut-start'},
  {header: 'Source'},
  {header: 'Read', align: 'right'},
  {header: 'Imported', align: 'right'},
  {header: 'Duplicates', short: 'Dups', align: 'right'},
  {header: 'Rejected', short: 'Rej.', align: 'right'},
  {header: 'Skipped', short: 'Skip.', align: 'right'},
];

function fileRows(v: ImportView): string[][] {
  return v.outcome.accounts.map((a) => [
    shownPath(v, a.file),
    a.source,
    ...[a.read, a.imported, a.duplicates, a.rejected, a.skipped].map(formatCount),
  ]);
}

function percent(diff: Money, base: Money): string {
  if (base.isZero()) return '-';
  const p = diff.div(base).mul(100);
  return `${p.gte(0) ? '+' : ''}${p.toFixed(1)}%`;
}

const PATH_COLUMNS: Column[] = [
  {header: 'Strategy', fit: 'wrap'},
  {header: 'Re-priced', align: 'right'},
  {header: 'Compared*', align: 'right'},
  {header: 'Reported*', align: 'right'},
  {header: 'Difference*', short: 'Diff.*', align: 'right'},
  {header: 'Served', align: 'right', drop: 1},
  {header: 'Not served', fit: 'wrap'},
];

/**
 * The days a path compares on: token records and a reported amount covering them all, re-priced
 * completely, every row served; the others, by why they are left out.
 */
function comparedDays(
  v: ImportView,
  s: ReplayedStrategy,
): {days: string[]; lowerBound: string[]; notServed: string[]} {
  const all = v.replay.reported?.comparableDays ?? [];
  return {
    days: all.filter((d) => !s.incompleteDays.has(d) && !s.unservedDays.has(d)),
    lowerBound: all.filter((d) => s.incompleteDays.has(d)),
    notServed: all.filter((d) => !s.incompleteDays.has(d) && s.unservedDays.has(d)),
  };
}

/** Re-priced and reported sums over the days a path compares on, and the difference. */
function comparison(
  v: ImportView,
  s: ReplayedStrategy,
): {days: number; repriced: Money; reported: Money; diff: Money} | undefined {
  const r = v.replay.reported;
  const {days} = comparedDays(v, s);
  if (!r || days.length === 0) return undefined;
  const sum = (get: (day: string) => Money | undefined) => days.reduce((a, d) => a.add(get(d) ?? ZERO), ZERO);
  const repriced = sum((d) => s.byDay.get(d));
  const reported = sum((d) => r.byDay.get(d));
  return {days: days.length, repriced, reported, diff: repriced.sub(reported)};
}

function comparisonNote(v: ImportView): string {
  const r = v.replay.reported;
  if (!r)
    return '* No file carries a billed or reported amount: import a cost export of the same period beside the tokens to compare.';
  const partial = r.reportedPartial.length
    ? `; left out: ${plural(r.reportedPartial.length, 'day')} where the reported amount covers only some of the rows`
    : '';
  const estimates = estimatedNote(r.estimated);
  if (r.comparableDays.length === 0)
    return `* ${formatUsd(r.totalUsd)} reported in all, but on no day whose token records it all covers: nothing to compare${partial}.${estimates}`;
  const per = v.replay.strategies
    .map((s) => ({s, c: comparedDays(v, s)}))
    .filter(({c}) => c.days.length < r.comparableDays.length)
    .map(
      ({s, c}) =>
        `${s.strategy.id} on ${formatCount(c.days.length)} (${[...(c.lowerBound.length ? [`${formatCount(c.lowerBound.length)} re-priced as a lower bound`] : []), ...(c.notServed.length ? [`${formatCount(c.notServed.length)} with rows not served`] : [])].join(', ')})`,
    );
  return `* Compared is the re-priced amount on the days set beside what was reported for them. ${plural(r.comparableDays.length, 'day')} have token records and a reported amount covering them (${formatUsd(r.totalUsd)} reported in all)${partial}; each path is compared on those it re-priced completely and served in full${per.length ? `: ${per.join('; ')}` : ''}.${estimates}`;
}

/**
 * What the reported amounts are, where some are a tool's own estimate rather than a charge; a
 * difference is said to rest on estimates only where one lies on a day compared.
 */
function estimatedNote(estimated: {rows: number; of: number; compared: boolean}): string {
  const {compared} = estimated;
  if (estimated.rows === 0) return '';
  const examples = "(Claude Code's costUSD, ccusage's totalCost and the like)";
  if (estimated.rows === estimated.of)
    return ` The amounts reported are the tools' own estimates ${examples}, not charges${compared ? ': a difference is measured against those estimates, not against a bill' : ''}.`;
  const some =
    estimated.rows === 1
      ? `1 of the ${formatCount(estimated.of)} amounts reported is a tool's own estimate ${examples}, not a charge`
      : `${formatCount(estimated.rows)} of the ${formatCount(estimated.of)} amounts reported are the tools' own estimates ${examples}, not charges`;
  return ` ${some}${compared ? ': a difference is measured partly against estimates, not only against bills' : ''}.`;
}

function pathRows(v: ImportView): string[][] {
  return v.replay.strategies.map((s) => {
    const c = comparison(v, s);
    const unserved = (Object.entries(s.unserved) as [keyof typeof s.unserved, number][])
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${formatCount(n)} ${UNSERVED_NAMES[k]}`);
    if (s.blockedRows) unserved.push(`${formatCount(s.blockedRows)} blocked by the credits`);
    const served = totalServed(s.served);
    return [
      s.strategy.label,
      figure(s.totalUsd, s.complete),
      c ? formatUsd(c.repriced) : '-',
      c ? formatUsd(c.reported) : '-',
      c ? `${formatUsd(shownGap(c.repriced, c.reported))} (${percent(c.diff, c.reported)})` : '-',
      formatCount(served),
      unserved.join(', ') || '0',
    ];
  });
}

const MODEL_COLUMNS: Column[] = [
  {header: 'Model', fit: 'wrap'},
  {header: 'Rows', align: 'right', drop: 1},
  {header: 'Input', align: 'right'},
  {header: 'Cache read', short: 'Cache rd', align: 'right'},
  {header: 'Cache write', short: 'Cache wr', align: 'right'},
  {header: 'Output', align: 'right'},
  {header: 'BYOK', align: 'right'},
  {header: 'Platform', align: 'right'},
  {header: 'Reported', align: 'right'},
];

function modelRows(v: ImportView): string[][] {
  const priced = (id: string, m: ModelUsage) => {
    const s = v.replay.strategies.find((x) => x.strategy.id === id);
    return m.tool
      ? '-'
      : !m.priced
        ? 'unknown'
        : totalTokens(m.tokens) === 0
          ? '-'
          : figure(s?.byModel.get(m.model), !s?.incompleteModels.has(m.model));
  };
  return v.replay.models.map((m) => [
    m.tool ? `${m.model} (tool charge)` : m.priced ? m.model : `${m.model} (unknown model)`,
    formatCount(m.records),
    formatTokens(m.tokens.input),
    formatTokens(m.tokens.cacheRead),
    formatTokens(m.tokens.cacheWrite5m + m.tokens.cacheWrite1h),
    formatTokens(m.tokens.output),
    priced('all-byok', m),
    priced('all-platform', m),
    m.reportedUsd ? formatUsd(m.reportedUsd) : '-',
  ]);
}

const anyLowerBound = (v: ImportView) => v.replay.strategies.some((s) => !s.complete);

const dayColumns = (v: ImportView): Column[] => [
  {header: 'Day'},
  ...v.replay.strategies.map((s) => ({
    header: s.strategy.id,
    short: shortStrategyId(s.strategy.id),
    align: 'right' as const,
  })),
  {header: 'Reported', align: 'right'},
  ...(anyLowerBound(v) ? [{header: 'Lower bound on', fit: 'wrap' as const}] : []),
];

function dayRows(v: ImportView): string[][] {
  return v.replay.days.map((day) => [
    day,
    ...v.replay.strategies.map((s) => figure(s.byDay.get(day), !s.incompleteDays.has(day))),
    v.replay.reported?.byDay.get(day) ? formatUsd(v.replay.reported.byDay.get(day) as Money) : '-',
    ...(anyLowerBound(v)
      ? [
          v.replay.strategies
            .filter((s) => s.incompleteDays.has(day))
            .map((s) => s.strategy.id)
            .join(', ') || '-',
        ]
      : []),
  ]);
}

function accountingLine(v: ImportView): string {
  const sum = (k: 'read' | 'imported' | 'duplicates' | 'rejected' | 'skipped') =>
    v.outcome.accounts.reduce((n, a) => n + a[k], 0);
  return `${plural(v.outcome.accounts.length, 'input')}: read ${formatCount(sum('read'))} = ${formatCount(sum('imported'))} imported + ${formatCount(sum('duplicates'))} duplicates collapsed + ${formatCount(sum('rejected'))} rejected + ${formatCount(sum('skipped'))} skipped (rows with nothing to price).`;
}

function warnings(v: ImportView): string[] {
  const lines: string[] = [];
  for (const r of v.outcome.repeatedFiles)
    lines.push(`${shownPath(v, r.file)} repeats ${shownPath(v, r.sameAs)}: not counted twice.`);
  for (const f of v.outcome.ignored) lines.push(`passed over ${shownPath(v, f.file)}: ${f.reason}.`);
  const someDays = (days: readonly string[]) =>
    `${days.slice(0, 3).join(', ')}${days.length > 3 ? ', …' : ''}`;
  for (const o of v.outcome.sameUsage)
    lines.push(
      `${shownPath(v, o.file)} holds the same usage as ${shownPath(v, o.sameAs)} on ${plural(o.days.length, 'day')} (${someDays(o.days)}): ${plural(o.rows, 'row')} not counted twice.`,
    );
  for (const o of v.outcome.differentTotals)
    lines.push(
      `${shownPath(v, o.file)} and ${shownPath(v, o.other)} both cover ${plural(o.days.length, 'day')} with different totals (${someDays(o.days)}): both counted; if they are one account's, import only one.`,
    );
  for (const o of v.outcome.overlaps)
    lines.push(
      `${o.source} covers ${plural(o.days.length, 'day')} already in ${o.keptSource}: ${plural(o.rows, 'row')} not counted twice (days ${someDays(o.days)}).`,
    );
  const rejects = v.outcome.rejects;
  for (const r of rejects.slice(0, 5)) lines.push(`rejected ${shownPath(v, r.file)}:${r.line}: ${r.reason}`);
  if (rejects.length > 5)
    lines.push(
      `… and ${formatCount(rejects.length - 5)} more rejected rows: --rejects FILE writes them all.`,
    );
  for (const u of v.replay.unknownModels) {
    const reported = u.reportedUsd ? `, ${formatUsd(u.reportedUsd)} reported` : '';
    lines.push(
      `not priced: ${plural(u.records, 'row')} of unknown model "${u.name}"${reported}${u.nearest.length ? ` (nearest: ${u.nearest.join(', ')})` : ''}: add a sheet with --prices.`,
    );
  }
  if (v.replay.missing.length)
    lines.push(`unknown prices (totals marked ≥ are lower bounds): ${v.replay.missing.join('; ')}`);
  if (v.replay.noCacheSplitRecords)
    lines.push(
      `${v.replay.noCacheSplitRecords === 1 ? '1 row does' : `${formatCount(v.replay.noCacheSplitRecords)} rows do`} not split out cached tokens: priced as uncached input where known, totals marked ≥.`,
    );
  if (v.replay.tierUnknownRecords)
    lines.push(
      `${plural(v.replay.tierUnknownRecords, 'aggregated row')} of models with a long-context tier: priced at the base tier (a lower bound).`,
    );
  return [...lines, ...aggregatedLines(v)];
}

function historyLines(v: ImportView, saved: string | undefined): string[] {
  const h = v.history;
  if (h.tasks === 0)
    return ['No tasks to profile in this history (aggregated rows carry no task sizes): no profile.'];
  const how = {
    'task-id': 'by session or task id',
    'idle-gap': `by idle gaps of ${v.gapMs / 60_000} min`,
    mixed: `by session id, else idle gaps of ${v.gapMs / 60_000} min`,
    none: '',
  }[h.method];
  return [
    ...(h.capped
      ? [`(The profile uses the first ${formatCount(h.tasks)} tasks: memory stays bounded.)`]
      : []),
    `${plural(h.tasks, 'task')} (${how}) on ${plural(h.activeDays, 'active day')}, ${h.firstDay} to ${h.lastDay}: ${formatFixed(h.tasksPerActiveDay, 1)} a day.`,
    `Tokens per task: mean ${formatTokens(h.tokensPerTask.mean)}, median ${formatTokens(h.tokensPerTask.median)}, p90 ${formatTokens(h.tokensPerTask.p90)}; ${formatFixed(h.requestsPerTask, 1)} requests a task.`,
    `Models: ${h.modelMix.map((m) => `${m.model} ${(m.share * 100).toFixed(0)}%`).join(', ')}.`,
    ...(saved ? [`Profile saved to ${saved}: vibe-cost simulate --profile ${saved}`] : []),
  ];
}

/** `width` is the terminal's (the chart's); `tableWidth` the tables', unlimited with --wide. */
export function renderImportTable(
  v: ImportView,
  width: number,
  tableWidth: number,
  style: Style,
  saved?: string,
): string {
  const prose = (lines: readonly string[]) => lines.flatMap((l) => wrapProse(l, tableWidth));
  const range = v.replay.days.length
    ? `${v.replay.days[0]} to ${v.replay.days.at(-1)}, ${plural(v.replay.days.length, 'day')}`
    : 'no days';
  const chart =
    v.replay.days.length > 1
      ? renderLineChart(
          v.replay.strategies.slice(0, 3).map((s) => {
            const points = chartPoints(width);
            return {
              name: s.strategy.id,
              values: Array.from({length: points}, (_, i) =>
                (
                  s.byDay.get(v.replay.days[Math.floor((i * v.replay.days.length) / points)] as string) ??
                  ZERO
                ).toNumber(),
              ),
            };
          }),
          {
            width,
            height: 8,
            xLabel: (i) => (i === 0 ? (v.replay.days[0] as string) : (v.replay.days.at(-1) as string)),
            colour: style.bold('x') !== 'x',
          },
        )
      : '';
  const relative = [
    ...new Set(v.outcome.accounts.map((a) => folderOf(v, a.file)).filter((f) => f !== undefined)),
  ];
  return [
    ...prose([accountingLine(v)]).map(style.dim),
    ...(relative.length ? prose([`Files in ${relative.join(', ')}:`]).map(style.dim) : []),
    renderTable(FILE_COLUMNS, fileRows(v), tableWidth),
    ...prose(warnings(v)).map(style.warn),
    '',
    ...prose([`Re-priced on plan ${v.plan.id} (${range}), each day at the prices then in force`]).map(
      style.bold,
    ),
    renderTable(PATH_COLUMNS, pathRows(v), tableWidth),
    ...prose([comparisonNote(v)]).map(style.dim),
    '',
    ...(v.groups
      ? [
          style.bold(groupTitle(v.groups)),
          renderTable(groupColumns(v.groups), groupRows(v.groups), tableWidth),
          ...prose(groupNotes(v.groups)).map(style.dim),
          '',
        ]
      : []),
    style.dim('By model'),
    renderTable(MODEL_COLUMNS, modelRows(v), tableWidth),
    '',
    style.dim('By day'),
    renderTable(dayColumns(v), dayRows(v), tableWidth),
    ...(chart
      ? [
          '',
          ...prose([
            `Daily cost per path${anyLowerBound(v) ? ' (a day re-priced as a lower bound or unknown is drawn at its priced part only: see the table)' : ''}`,
          ]).map(style.dim),
          chart,
        ]
      : []),
    '',
    style.dim('Your history as a profile'),
    ...prose(historyLines(v, saved)),
    '',
  ].join('\n');
}

export function renderImportMarkdown(v: ImportView): string {
  return [
    '# vibe-cost import',
    '',
    accountingLine(v),
    '',
    renderMarkdownTable(FILE_COLUMNS, fileRows(v)),
    '',
    ...warnings(v).map((l) => `- ${l}`),
    '',
    `## Re-priced on plan ${v.plan.id}`,
    '',
    renderMarkdownTable(PATH_COLUMNS, pathRows(v)),
    '',
    ...(v.groups ? [renderGroupsMarkdown(v.groups), ''] : []),
    '## By model',
    '',
    renderMarkdownTable(MODEL_COLUMNS, modelRows(v)),
    '',
    '## By day',
    '',
    renderMarkdownTable(dayColumns(v), dayRows(v)),
    '',
    '## Profile',
    '',
    ...historyLines(v, undefined).map((l) => `- ${l}`),
    '',
  ].join('\n');
}

/** One row per day and strategy: the shape a spreadsheet wants. */
export function renderImportCsv(v: ImportView): string {
  const rows = v.replay.days.flatMap((day) =>
    v.replay.strategies.map((s) => [
      day,
      s.strategy.id,
      usdText(s.byDay.get(day) ?? ZERO),
      String(!s.incompleteDays.has(day)),
      v.replay.reported?.byDay.get(day)?.toFixed() ?? '',
    ]),
  );
  // complete=false: repriced_usd is a lower bound (tokens without a price that day).
  return renderCsv(['day', 'strategy', 'repriced_usd', 'complete', 'reported_usd'], rows);
}

export function rejectsCsv(rejects: readonly RejectedRow[]): string {
  return renderCsv(
    ['file', 'line', 'reason'],
    rejects.map((r) => [r.file, String(r.line), r.reason]),
  );
}

export function importJson(v: ImportView, prices: readonly SheetSummary[]) {
  const r = v.replay;
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'import',
    plan: {id: v.plan.id, origin: v.plan.origin},
    prices: prices.map((p) => ({origin: p.origin, format: p.format, asOf: p.asOf || null})),
    files: v.outcome.accounts,
    repeatedFiles: v.outcome.repeatedFiles,
    ignoredFiles: v.outcome.ignored,
    overlaps: v.outcome.overlaps,
    sameUsage: v.outcome.sameUsage,
    differentTotals: v.outcome.differentTotals,
    rejects: v.outcome.rejects.length,
    unknownModels: r.unknownModels.map((u) => ({
      ...u,
      ...(u.reportedUsd ? {reportedUsd: usdText(u.reportedUsd)} : {}),
    })),
    missingPrices: r.missing,
    lowerBound: {noCacheSplitRecords: r.noCacheSplitRecords, tierUnknownRecords: r.tierUnknownRecords},
    days: r.days,
    reported: r.reported
      ? {
          totalUsd: usdText(r.reported.totalUsd),
          records: r.reported.records,
          estimatedRecords: r.reported.estimated.rows,
          byDay: Object.fromEntries([...r.reported.byDay].map(([d, m]) => [d, usdText(m)])),
          comparableDays: r.reported.comparableDays,
          reportedPartial: r.reported.reportedPartial,
        }
      : null,
    strategies: r.strategies.map((s) => ({
      strategy: strategyJson(s.strategy),
      totalUsd: usdText(s.totalUsd),
      complete: s.complete,
      comparedWithReported: (() => {
        const c = comparison(v, s);
        const {lowerBound, notServed} = comparedDays(v, s);
        return c
          ? {
              days: c.days,
              repricedUsd: usdText(c.repriced),
              reportedUsd: usdText(c.reported),
              differenceUsd: usdText(c.diff),
              leftOut: {lowerBound, notServed},
            }
          : r.reported
            ? {days: 0, leftOut: {lowerBound, notServed}}
            : null;
      })(),
      served: s.served,
      unserved: s.unserved,
      blockedTasks: s.blockedTasks,
      blockedRows: s.blockedRows,
      byDay: Object.fromEntries(
        r.days.map((d) => [d, figureJson(s.byDay.get(d) ?? ZERO, !s.incompleteDays.has(d))]),
      ),
      byModel: Object.fromEntries(
        r.models
          .filter((m) => m.priced && totalTokens(m.tokens) > 0)
          .map((m) => [
            m.model,
            figureJson(s.byModel.get(m.model) ?? ZERO, !s.incompleteModels.has(m.model)),
          ]),
      ),
      credits: s.credits.map((c) => ({
        month: c.month,
        usedCredits: usdText(c.used),
        runOutDay: c.runOutDay,
        packsBought: c.packsBought,
      })),
    })),
    models: r.models.map((m) => ({
      model: m.model,
      priced: m.priced,
      ...(m.tool ? {tool: true} : {}),
      records: m.records,
      tokens: m.tokens,
      ...(m.reportedUsd ? {reportedUsd: usdText(m.reportedUsd)} : {}),
    })),
    history: v.history,
    ...(v.groups ? {groups: groupsJson(v.groups)} : {}),
  };
}
