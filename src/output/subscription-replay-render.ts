import {
  FIRST_REQUEST_SECONDS,
  type ReplayedSetup,
  type SubscriptionReplayResult,
} from '../core/history/subscription-replay.js';
import type {SubscriptionPlan} from '../core/subscription/subscription-plan.js';
import type {WindowRecord} from '../core/subscription/windows.js';
import {ZERO} from '../core/money.js';
import {formatCount, formatFixed, formatUsd, plural} from './format.js';
import {usd} from './json.js';
import {figure} from './figure.js';
import {
  comparedWith,
  limitWords,
  pastLimitTasks,
  setupMonthCells,
  unservedTasks,
} from './subscription-render.js';
import type {Style} from './style.js';
import {renderCsv, renderMarkdownTable, renderTable, type Column} from './table.js';
import {wrapProse} from './text-width.js';

/** Windows listed in the table output; JSON lists every one. */
const WINDOWS_SHOWN = 12;

const sum = (s: ReplayedSetup, pick: (m: ReplayedSetup['months'][number]['result']) => number) =>
  s.months.reduce((n, m) => n + pick(m.result), 0);
const unserved = (s: ReplayedSetup) => sum(s, unservedTasks);
const pastUsd = (s: ReplayedSetup) =>
  s.months.reduce((n, m) => n.add(m.result.bill.extraUsd).add(m.result.bill.overflowUsd), ZERO);
const pastComplete = (s: ReplayedSetup) => s.months.every((m) => m.result.bill.pastLimitComplete);
const feeUsd = (s: ReplayedSetup) => s.months.reduce((n, m) => n.add(m.result.bill.feeUsd), ZERO);

function columns(months: number): Column[] {
  return [
    {header: 'Setup', fit: 'wrap'},
    {header: months === 1 ? 'Month' : `${months} months`, align: 'right'},
    {header: 'Fee', align: 'right', drop: 3},
    {header: 'Past the limit', short: 'Past limit', align: 'right'},
    {header: 'Tasks delayed', short: 'Delayed', align: 'right'},
    {header: 'Tasks past the limit', short: 'Tasks past', align: 'right'},
    {header: 'Waited (h)', short: 'Wait h', align: 'right', drop: 1},
    {header: 'Requests not served', short: 'Unserved', align: 'right', drop: 2},
    {header: 'Days limited', short: 'Days lim.', align: 'right'},
  ];
}

function rows(r: SubscriptionReplayResult): string[][] {
  return r.setups.map((s) => {
    const sub = s.strategy.settings.subscription;
    return [
      s.strategy.label,
      total(s),
      sub ? formatUsd(feeUsd(s)) : '-',
      sub ? figure(pastUsd(s), pastComplete(s)) : '-',
      sub ? formatCount(s.tasksDelayed) : '-',
      sub ? formatCount(s.tasksPastLimit) : '-',
      sub
        ? formatFixed(
            sum(s, (m) => m.waitedHours),
            1,
          )
        : '-',
      formatCount(unserved(s)),
      sub ? formatCount(sum(s, (m) => m.limitDays)) : '-',
    ];
  });
}

const bill = (s: ReplayedSetup) => ({usd: s.totalUsd, complete: s.complete});
const total = (s: ReplayedSetup) => figure(s.totalUsd, s.complete);

const time = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** "session 2027-03-01 09:00 → 14:00 UTC: 12 requests refused". */
function windowLine(w: WindowRecord): string {
  const end = time(w.end);
  const sameDay = end.slice(0, 10) === time(w.start).slice(0, 10);
  return `${w.limit.id} ${time(w.start)} → ${sameDay ? end.slice(11) : end} UTC: ${plural(w.refused, 'request')} refused`;
}

/** The windows of one plan's first setup that reached a limit: the history as it ran, with what it did past them. */
function planLines(r: SubscriptionReplayResult, plan: SubscriptionPlan): string[] {
  const first = r.setups.find((s) => s.strategy.settings.subscription?.plan === plan);
  if (!first) return [];
  const opened = (id: string) => sum(first, (m) => m.opened.get(id) ?? 0);
  const lines = [
    `${plan.name}, ${formatUsd(plan.fee.usdPerMonth)} a month: ` +
      plan.limits
        .map((l) => {
          const bit = first.bitten.filter((w) => w.limit.id === l.id).length;
          return `${limitWords(l)}: reached in ${bit} of ${plural(opened(l.id), 'window')}`;
        })
        .join('; ') +
      ` (as replayed: ${first.strategy.label}).`,
  ];
  const shown = first.bitten.slice(0, WINDOWS_SHOWN).map((w) => `  ${windowLine(w)}`);
  const more = first.bitten.length - shown.length;
  return [...lines, ...shown, ...(more > 0 ? [`  … and ${more} more (--format json lists every one)`] : [])];
}

function verdict(r: SubscriptionReplayResult): string[] {
  const byok = r.setups.find((s) => s.strategy.id === 'all-byok');
  const platform = r.setups.find((s) => s.strategy.id === 'all-platform');
  const span = r.months.length === 1 ? `${r.months[0]}` : `${r.months[0]} to ${r.months.at(-1)}`;
  const lines = [
    `Over ${span}: your keys ${byok ? total(byok) : '-'}, platform-paid ${platform ? total(platform) : '-'}.`,
  ];
  for (const s of r.setups.filter((x) => x.strategy.settings.subscription && unserved(x) === 0)) {
    lines.push(
      `${s.strategy.label}: ${total(s)}` +
        (byok ? `, ${comparedWith(bill(s), bill(byok), 'your keys')}.` : '.'),
    );
  }
  return lines;
}

function notes(r: SubscriptionReplayResult): string[] {
  const left = r.leftOut.aggregated + r.leftOut.noTokens + r.leftOut.unknownModel;
  return [
    `${formatCount(r.requests)} requests metered one by one at their times; a task's first request is its prompt and runs ${FIRST_REQUEST_SECONDS} s (assumed), later ones the time since the one before.`,
    ...(left
      ? [
          `Left out of the subscription replay: ${[
            r.leftOut.aggregated ? `${plural(r.leftOut.aggregated, 'aggregated row')} (no request time)` : '',
            r.leftOut.noTokens ? `${plural(r.leftOut.noTokens, 'row')} without tokens` : '',
            r.leftOut.unknownModel ? `${plural(r.leftOut.unknownModel, 'row')} of unpriced models` : '',
          ]
            .filter(Boolean)
            .join(', ')}.`,
        ]
      : []),
    ...(r.standardRated
      ? [
          `${plural(r.standardRated, 'request')} at a fast speed or a service tier ${r.standardRated === 1 ? 'is' : 'are'} priced at standard rates in the subscription replay: a fast or priority surcharge is not applied there.`,
        ]
      : []),
    ...r.notCovering.map((p) => `${p.name} runs none of the history's models: not replayed.`),
    "Figures marked estimate are not the vendor's: set your own with --limit ID=COUNT or a plan file.",
  ];
}

export function subscriptionReplayLines(r: SubscriptionReplayResult, width: number, style: Style): string {
  const prose = (lines: string[]) => lines.flatMap((l) => wrapProse(l, Math.min(width, 100))).join('\n');
  const plans = [...new Set(r.setups.flatMap((s) => s.strategy.settings.subscription?.plan ?? []))];
  return [
    style.bold('Subscriptions on this history, beside your keys and the platform:'),
    renderTable(columns(r.months.length), rows(r), width),
    '',
    prose(verdict(r)),
    '',
    ...plans.flatMap((p) => planLines(r, p)).map((l) => (l.startsWith('  ') ? l : prose([l]))),
    '',
    style.dim(prose(notes(r))),
  ].join('\n');
}

export function subscriptionReplayMarkdown(r: SubscriptionReplayResult): string {
  const plans = [...new Set(r.setups.flatMap((s) => s.strategy.settings.subscription?.plan ?? []))];
  return [
    '## Subscriptions on this history',
    '',
    renderMarkdownTable(columns(r.months.length), rows(r)),
    '',
    ...verdict(r).map((l) => `- ${l}`),
    ...plans.flatMap((p) => planLines(r, p)).map((l) => `- ${l.trim()}`),
    ...notes(r).map((l) => `- ${l}`),
  ].join('\n');
}

export function subscriptionReplayCsv(r: SubscriptionReplayResult): string {
  return renderCsv(
    [
      'setup',
      'month',
      'bill_usd',
      'fee_usd',
      'vendor_extra_usd',
      'overflow_usd',
      'complete',
      'requests',
      'on_subscription',
      'past_limit',
      'delayed',
      'waited_hours',
      'unserved',
      'days_limited',
      'past_limit_complete',
    ],
    r.setups.flatMap((s) =>
      s.months.map(({month, result: m}) => [s.strategy.id, month, ...setupMonthCells(m)]),
    ),
  );
}

export function subscriptionReplayJson(r: SubscriptionReplayResult) {
  return {
    requests: r.requests,
    leftOut: r.leftOut,
    standardRated: r.standardRated,
    months: r.months,
    notCovering: r.notCovering.map((p) => p.id),
    setups: r.setups.map((s) => ({
      id: s.strategy.id,
      label: s.strategy.label,
      subscription: s.strategy.settings.subscription
        ? {plan: s.strategy.settings.subscription.plan.id, onLimit: s.strategy.settings.subscription.onLimit}
        : null,
      totalUsd: usd(s.totalUsd),
      feeUsd: usd(feeUsd(s)),
      pastLimitUsd: usd(pastUsd(s)),
      pastLimitComplete: pastComplete(s),
      complete: s.complete,
      tasksDelayed: s.tasksDelayed,
      tasksPastLimit: s.tasksPastLimit,
      requestsUnserved: unserved(s),
      waitedHours: sum(s, (m) => m.waitedHours),
      daysLimited: sum(s, (m) => m.limitDays),
      months: s.months.map(({month, result: m}) => ({
        month,
        billUsd: usd(m.bill.totalUsd),
        onSubscription: m.subscription,
        pastLimit: pastLimitTasks(m),
        delayed: m.delayed,
      })),
      windowsReached: s.bitten.map((w) => ({
        limit: w.limit.id,
        start: new Date(w.start).toISOString(),
        end: new Date(w.end).toISOString(),
        used: w.used.toString(),
        refused: w.refused,
      })),
    })),
  };
}
