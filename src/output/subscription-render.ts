import {lessThan, type Bill} from '../core/bound.js';
import {shownGap} from '../core/money.js';
import type {SheetSummary} from '../core/pricing/model-price.js';
import type {Strategy} from '../core/routing/strategy.js';
import type {Limit, SubscriptionPlan} from '../core/subscription/subscription-plan.js';
import type {SubscriptionReport} from '../core/subscription/subscription-report.js';
import type {LimitSensitivity} from '../core/subscription/limit-sensitivity.js';
import type {SubscriptionBreakeven} from '../core/subscription/subscription-breakeven.js';
import type {SetupMonth} from '../core/subscription/timeline.js';
import {figure, quantileFigure} from './figure.js';
import {formatCount, formatFixed, formatUsd, plural} from './format.js';
import {scenarioJson, SCHEMA_VERSION, strategyJson, usd} from './json.js';
import type {Style} from './style.js';
import {renderCsv, renderMarkdownTable, renderTable, type Column} from './table.js';
import {wrapProse} from './text-width.js';

const UNIT: Record<Limit['unit'], (n: string) => string> = {
  tokens: (n) => `${n} tokens`,
  usd: (n) => `$${n} of usage at API prices`,
  prompts: (n) => `${n} prompts`,
  requests: (n) => `${n} requests`,
  'premium-requests': (n) => `${n} premium requests`,
  hours: (n) => `${n} hours of use`,
};
const WINDOW: Record<Limit['window'], string> = {
  '5h': 'per 5 hours',
  day: 'a day (UTC)',
  week: 'a week',
  month: 'a month',
};

/** "session: 88,000 tokens per 5 hours (estimate)": a limit as the plan states it. */
export function limitWords(limit: Limit): string {
  const count = limit.count.isInteger() ? formatCount(limit.count.toNumber()) : limit.count.toString();
  const models = limit.models ? ` of ${limit.models.join(', ')}` : '';
  const range = limit.range ? `, vendor's range ${limit.range[0]}–${limit.range[1]}` : '';
  return `${limit.id}: ${UNIT[limit.unit](count)}${models} ${WINDOW[limit.window]}${limit.estimate ? ` (estimate${range})` : ''}`;
}

const monthBill = (m: SetupMonth): Bill => ({usd: m.bill.totalUsd, complete: m.bill.complete});
const billFigure = (m: SetupMonth) => figure(m.bill.totalUsd, m.bill.complete);
/** What went past the limit: the vendor's extra and the key or platform cost of the overflow. */
const pastFigure = (m: SetupMonth) =>
  figure(m.bill.extraUsd.add(m.bill.overflowUsd), m.bill.pastLimitComplete);

export const pastLimitTasks = (m: SetupMonth) => m.extra + m.overflow;
export const unservedTasks = (m: SetupMonth) => Object.values(m.unserved).reduce((a, b) => a + b, 0);

const COLUMNS: Column[] = [
  {header: 'Setup', fit: 'wrap'},
  {header: 'Month', align: 'right'},
  {header: 'Fee', align: 'right', drop: 3},
  {header: 'Past the limit', short: 'Past limit', align: 'right'},
  {header: 'On the plan', short: 'On plan', align: 'right', drop: 2},
  {header: 'Tasks past the limit', short: 'Tasks past', align: 'right'},
  {header: 'Waited (h)', short: 'Wait h', align: 'right', drop: 1},
  {header: 'Not served', short: 'Unserved', align: 'right'},
  {header: 'Days limited', short: 'Days lim.', align: 'right'},
];

function rows(report: SubscriptionReport): string[][] {
  const days = report.scenario.profile.workingDaysPerMonth;
  return report.expected.map(({strategy, month: m}) => {
    const sub = strategy.settings.subscription;
    return [
      strategy.label,
      billFigure(m),
      sub ? formatUsd(m.bill.feeUsd) : '-',
      sub ? pastFigure(m) : '-',
      sub ? formatCount(m.subscription) : '-',
      sub ? formatCount(pastLimitTasks(m)) : '-',
      sub ? formatFixed(m.waitedHours, 1) : '-',
      formatCount(unservedTasks(m)),
      sub ? `${m.limitDays}/${days}` : '-',
    ];
  });
}

/** What one plan is, what it limits, and how its windows fared in the month shown. */
function planLines(report: SubscriptionReport, plan: SubscriptionPlan): string[] {
  const month = report.expected.find((e) => e.strategy.settings.subscription?.plan === plan)?.month;
  const windows = plan.limits.map((l) => {
    const opened = month?.opened.get(l.id) ?? 0;
    const bit = month?.bitten.filter((w) => w.limit.id === l.id).length ?? 0;
    return `${limitWords(l)}: ${opened ? `reached in ${bit} of ${plural(opened, 'window')}` : 'nothing it counts ran'}`;
  });
  return [
    `${plan.name} (${plan.vendor}), ${formatUsd(plan.fee.usdPerMonth)} a month as of ${plan.fee.asOf}: ${windows.join('; ')}.`,
    ...plan.unpublished.map((u) => `  Not published: ${u}.`),
  ];
}

/**
 * "$74.30 a month more than your key alone": a setup's bill against the base's. A lower bound on one
 * side bounds the difference one way only: that way is said "at least", the other is not known.
 */
export function comparedWith(bill: Bill, base: Bill, baseName: string, per = ''): string {
  const diff = shownGap(bill.usd, base.usd);
  const less = diff.isNegative();
  const said = `${formatUsd(diff.abs())}${per} ${less ? 'less' : 'more'} than ${baseName}`;
  if (bill.complete && base.complete) return said;
  const known = lessThan(bill, base);
  if (known === true || (known === false && !diff.isZero())) return `at least ${said}`;
  return `not known to cost more or less than ${baseName}: a price is missing, so figures marked ≥ are lower bounds`;
}

/** The figures that decide it, in words: each plan's best setup against your key and the platform. */
export function verdictLines(report: SubscriptionReport): string[] {
  const {expected, scenario} = report;
  const find = (id: string) => expected.find((e) => e.strategy.id === id);
  const byok = find('all-byok');
  const platform = find('all-platform');
  const base = byok ?? platform;
  if (!base) return [];
  const baseName = byok ? 'your key alone (BYOK)' : 'platform-paid alone';
  const pace = `At ${formatFixed(scenario.profile.tasksPerDay, 1)} tasks a working day, ${scenario.profile.workingDaysPerMonth} days a month`;
  const lines = [
    `${pace}: ${baseName} ${billFigure(base.month)} a month` +
      (byok && platform ? `, platform-paid ${billFigure(platform.month)}.` : '.'),
  ];
  for (const plan of report.plans) {
    const setups = expected.filter(
      (e) => e.strategy.settings.subscription?.plan === plan && unservedTasks(e.month) === 0,
    );
    const best = setups.sort((a, b) => a.month.bill.totalUsd.cmp(b.month.bill.totalUsd))[0];
    if (!best) {
      lines.push(`${plan.name}: no setup serves every task (see Not served).`);
      continue;
    }
    const m = best.month;
    const past = pastLimitTasks(m)
      ? ` + ${pastFigure(m)} for ${plural(pastLimitTasks(m), 'task')} past the limit`
      : '';
    const waited = m.waitedHours > 0 ? `, waiting ${formatFixed(m.waitedHours, 1)} h for resets` : '';
    lines.push(
      `${best.strategy.label}: ${billFigure(m)} (${formatUsd(m.bill.feeUsd)} fee${past}${waited}), ` +
        `${comparedWith(monthBill(m), monthBill(base.month), baseName, ' a month')}.`,
    );
  }
  for (const s of report.sensitivity) lines.push(sensitivityLine(s, baseName));
  return lines;
}

/** How far a plan's verdict rests on its estimated limits, in one sentence. */
function sensitivityLine(s: LimitSensitivity, baseName: string): string {
  const name = s.plan.name;
  if (s.feeAboveBase)
    return `${name}: its fee alone (${formatUsd(s.plan.fee.usdPerMonth)}) is more than ${baseName} costs, whatever its limits.`;
  const limits = (t: NonNullable<LimitSensitivity['turnsAt']>) =>
    t.limits.map((l) => limitWords({...l, estimate: false})).join('; ');
  // Lower bounds compared show only what the priced tokens say, and the sentence says so.
  const priced = s.complete
    ? ''
    : 'counting only the tokens with a price (the bills compared are lower bounds), ';
  if (!s.turnsAt) {
    const said = s.beatsNow
      ? `${name} stays cheaper than ${baseName} even at a hundredth of the estimated limits it reaches`
      : `${name} costs more than ${baseName} even at 100 times the estimated limits it reaches`;
    return s.complete
      ? `${said}.`
      : `Counting only the tokens with a price (the bills compared are lower bounds), ${said}; with every price known it may not.`;
  }
  const elsewhere = s.complete ? '' : '; with every price known it may turn elsewhere';
  return s.beatsNow
    ? `This rests on estimated limits: ${priced}${name} stays cheaper than ${baseName} down to about ${s.turnsAt.factor}× of them (${limits(s.turnsAt)})${elsewhere}.`
    : `This rests on estimated limits: ${priced}${name} becomes cheaper than ${baseName} from about ${s.turnsAt.factor}× of them (${limits(s.turnsAt)})${elsewhere}; if you know your plan's limits, set them with --limit.`;
}

function notes(report: SubscriptionReport): string[] {
  const d = report.day;
  const estimates = report.plans.some((p) => p.limits.some((l) => l.estimate));
  return [
    ...report.plans.flatMap((p) => planLines(report, p)),
    `Working day: ${d.source}.` + (report.dayAssumed ? '' : ` (${report.scenario.profile.origin})`),
    'A task is metered whole when it starts; one larger than a whole window never fits it.',
    ...(estimates
      ? [
          "Figures marked estimate are not the vendor's: set your own with --limit ID=COUNT (e.g. --limit session=150000) or a plan file (--subscription ./my-plan.json).",
        ]
      : []),
  ];
}

function simulatedRows(report: SubscriptionReport): string[][] {
  const sim = report.simulated;
  if (!sim) return [];
  const runs = Math.max(1, sim.runs);
  const share = (n: number, of: number) => `${Math.round((n / Math.max(1, of)) * 100)}%`;
  const perMonth = (n: number) => formatFixed(n / runs, 1);
  return sim.outcomes.map((o) => {
    const sub = o.strategy.settings.subscription;
    return [
      o.strategy.label,
      `${o.complete ? '' : '≥'}${formatUsd(o.totalUsd.div(runs))}`,
      ...[0.1, 0.5, 0.9].map((q) => quantileFigure(o.bills.quantile(q), o.complete)),
      sub ? share(o.monthsLimited, sim.runs) : '-',
      sub ? share(o.daysLimited, sim.runs * sim.days) : '-',
      sub ? perMonth(o.waitedHours) : '-',
      sub ? figure(o.extraUsd.add(o.overflowUsd).div(runs), o.pastLimitComplete) : '-',
      perMonth(o.unserved),
    ];
  });
}

const SIMULATED_COLUMNS: Column[] = [
  {header: 'Setup', fit: 'wrap'},
  {header: 'Mean', align: 'right'},
  {header: 'p10', align: 'right', drop: 2},
  {header: 'p50', align: 'right'},
  {header: 'p90', align: 'right'},
  {header: 'Months limited', short: 'Months lim.', align: 'right'},
  {header: 'Days limited', short: 'Days lim.', align: 'right'},
  {header: 'Waited h/month', short: 'Wait h/mo', align: 'right', drop: 1},
  {header: 'Past the limit/month', short: 'Past/mo', align: 'right'},
  {header: 'Not served/month', short: 'Unserved/mo', align: 'right'},
];

function heading(report: SubscriptionReport): string {
  const {profile, plan} = report.scenario;
  return `Subscriptions against your key and the platform: profile ${profile.id}, plan ${plan.id}, ${formatFixed(profile.tasksPerDay, 1)} tasks a working day`;
}

export function renderSubscriptionTable(report: SubscriptionReport, width: number, style: Style): string {
  const prose = (lines: string[]) => lines.flatMap((l) => wrapProse(l, Math.min(width, 100))).join('\n');
  const parts = [
    style.bold(heading(report)),
    '',
    "The month at the profile's pace (tasks evenly through the working day, each its class's mean):",
    renderTable(COLUMNS, rows(report), width),
  ];
  if (report.simulated) {
    parts.push(
      '',
      `${formatCount(report.simulated.runs)} random months (seed ${report.simulated.seed}): Poisson days, random arrival times and sizes:`,
      renderTable(SIMULATED_COLUMNS, simulatedRows(report), width),
    );
  }
  parts.push('', prose(verdictLines(report)), '', style.dim(prose(notes(report))));
  return `${parts.join('\n')}\n`;
}

export function renderSubscriptionMarkdown(report: SubscriptionReport): string {
  const parts = [
    `## ${heading(report)}`,
    '',
    renderMarkdownTable(COLUMNS, rows(report)),
    ...(report.simulated ? ['', renderMarkdownTable(SIMULATED_COLUMNS, simulatedRows(report))] : []),
    '',
    ...verdictLines(report).map((l) => `- ${l}`),
    '',
    ...notes(report).map((l) => `- ${l.trim()}`),
  ];
  return `${parts.join('\n')}\n`;
}

/** A setup's month as CSV cells, from the bill to the days limited: the month shown and each replayed month alike. */
export function setupMonthCells(m: SetupMonth): string[] {
  return [
    usd(m.bill.totalUsd),
    usd(m.bill.feeUsd),
    usd(m.bill.extraUsd),
    usd(m.bill.overflowUsd),
    String(m.bill.complete),
    String(m.tasks),
    String(m.subscription),
    String(pastLimitTasks(m)),
    String(m.delayed),
    String(m.waitedHours),
    String(unservedTasks(m)),
    String(m.limitDays),
    String(m.bill.pastLimitComplete),
  ];
}

export function renderSubscriptionCsv(report: SubscriptionReport): string {
  return renderCsv(
    [
      'setup',
      'monthly_usd',
      'fee_usd',
      'vendor_extra_usd',
      'overflow_usd',
      'complete',
      'tasks',
      'on_subscription',
      'past_limit',
      'delayed',
      'waited_hours',
      'unserved',
      'days_limited',
      'past_limit_complete',
    ],
    report.expected.map(({strategy, month: m}) => [strategy.id, ...setupMonthCells(m)]),
  );
}

function planJson(p: SubscriptionPlan) {
  const sourced = (s: {source: string; asOf: string; estimate: boolean}) => ({
    source: s.source,
    asOf: s.asOf,
    estimate: s.estimate,
  });
  return {
    id: p.id,
    name: p.name,
    vendor: p.vendor,
    origin: p.origin,
    fee: {usdPerMonth: usd(p.fee.usdPerMonth), ...sourced(p.fee)},
    limits: p.limits.map((l) => ({
      id: l.id,
      unit: l.unit,
      window: l.window,
      count: usd(l.count),
      ...(l.models ? {models: l.models} : {}),
      ...sourced(l),
    })),
    unpublished: p.unpublished,
  };
}

function monthJson(strategy: Strategy, m: SetupMonth) {
  return {
    ...strategyJson(strategy),
    subscription: strategy.settings.subscription
      ? {plan: strategy.settings.subscription.plan.id, onLimit: strategy.settings.subscription.onLimit}
      : null,
    monthlyUsd: usd(m.bill.totalUsd),
    feeUsd: usd(m.bill.feeUsd),
    vendorExtraUsd: usd(m.bill.extraUsd),
    overflowUsd: usd(m.bill.overflowUsd),
    complete: m.bill.complete,
    pastLimitComplete: m.bill.pastLimitComplete,
    tasks: {
      total: m.tasks,
      onSubscription: m.subscription,
      vendorExtra: m.extra,
      byok: m.byok,
      platform: m.platform,
      overflow: m.overflow,
      delayed: m.delayed,
      unserved: m.unserved,
    },
    waitedHours: m.waitedHours,
    daysLimited: m.limitDays,
    windows: [...m.opened].map(([limit, opened]) => ({
      limit,
      opened,
      reached: m.bitten.filter((w) => w.limit.id === limit).length,
    })),
  };
}

export function subscriptionJson(report: SubscriptionReport, prices: readonly SheetSummary[]) {
  const sim = report.simulated;
  const runs = Math.max(1, sim?.runs ?? 1);
  return {
    schemaVersion: SCHEMA_VERSION,
    ...scenarioJson(report.scenario, prices),
    workingDay: {...report.day, assumed: report.dayAssumed},
    subscriptions: report.plans.map(planJson),
    month: report.expected.map((e) => monthJson(e.strategy, e.month)),
    limitSensitivity: report.sensitivity.map((x) => ({
      plan: x.plan.id,
      beatsBaseAtEstimates: x.beatsNow,
      feeAboveBase: x.feeAboveBase,
      complete: x.complete,
      turnsAtFactor: x.turnsAt?.factor ?? null,
      limitsWhereItTurns: x.turnsAt
        ? Object.fromEntries(x.turnsAt.limits.map((l) => [l.id, l.count.toString()]))
        : null,
    })),
    ...(sim
      ? {
          simulation: {
            runs: sim.runs,
            seed: sim.seed,
            setups: sim.outcomes.map((o) => ({
              id: o.strategy.id,
              meanUsd: usd(o.totalUsd.div(runs)),
              // Decimal strings, to the cent, as the month simulation writes its quantiles.
              p10Usd: o.bills.quantile(0.1).toFixed(2),
              p50Usd: o.bills.quantile(0.5).toFixed(2),
              p90Usd: o.bills.quantile(0.9).toFixed(2),
              monthsLimitedShare: o.monthsLimited / runs,
              daysLimitedShare: o.daysLimited / (runs * sim.days),
              waitedHoursPerMonth: o.waitedHours / runs,
              pastLimitUsdPerMonth: usd(o.extraUsd.add(o.overflowUsd).div(runs)),
              pastLimitComplete: o.pastLimitComplete,
              unservedPerMonth: o.unserved / runs,
              complete: o.complete,
            })),
          },
        }
      : {}),
  };
}

/** The cheapest setup of the month shown that serves every task, subscriptions included. */
export function cheapestServing(report: SubscriptionReport) {
  return report.expected
    .filter((e) => unservedTasks(e.month) === 0)
    .sort((a, b) => a.month.bill.totalUsd.cmp(b.month.bill.totalUsd))[0];
}

/** What `recommend --subscription` adds: the subscriptions beside the paths, in figures. */
export function recommendSubscriptionLines(report: SubscriptionReport): string[] {
  const best = cheapestServing(report);
  const days = report.scenario.profile.workingDaysPerMonth;
  return [
    ...verdictLines(report),
    ...(best
      ? [
          `Cheapest of your key, the platform and the subscription setups that serves every task: ${best.strategy.label}, ${formatUsd(best.month.bill.totalUsd)} a month` +
            (best.strategy.settings.subscription
              ? best.month.limitDays
                ? `; its limits refuse tasks on ${best.month.limitDays} of ${days} working days.`
                : '; its limits never refuse a task at this pace.'
              : '.'),
        ]
      : []),
    ...(report.plans.some((p) => p.limits.some((l) => l.estimate))
      ? ["Some of the plans' limits are estimates, not the vendor's figures."]
      : []),
  ];
}

const pace = (n: number) => formatFixed(n, n % 1 === 0 ? 0 : 1);

/** What `breakeven --subscription` adds: where each setup beats the baseline, and where its limits bite. */
export function subscriptionBreakevenLines(b: SubscriptionBreakeven): string[] {
  const base = b.baseline.id === 'all-byok' ? 'your key alone' : 'platform-paid';
  return [
    `Subscriptions against ${base}, the month at each pace from ${pace(b.step)} to ${pace(b.maxTasksPerDay)} tasks a working day (every ${pace(b.step)}):`,
    ...b.crossings.map((c) => {
      const paces = (ranges: typeof c.beatsBaseline) =>
        ranges.map(([from, to]) => (from === to ? pace(from) : `${pace(from)} to ${pace(to)}`)).join(', ');
      const open = c.notKnown.length
        ? ` (at ${paces(c.notKnown)} tasks a day a price is missing and the bills, lower bounds, cannot tell)`
        : '';
      const beats = c.beatsBaseline.length
        ? `costs less than ${base} at ${paces(c.beatsBaseline)} tasks a day${open}`
        : c.notKnown.length
          ? `is not known to serve every task for less than ${base} in range${open}`
          : `never serves every task for less than ${base} in range`;
      const bites =
        c.limitBitesAt === null
          ? 'its limits never refuse a task in range'
          : `its limits refuse tasks from ${pace(c.limitBitesAt)} tasks a day`;
      const unserved = c.unservedFrom === null ? '' : `, and tasks go unserved from ${pace(c.unservedFrom)}`;
      return `  - ${c.strategy.label}: ${beats}; ${bites}${unserved}.`;
    }),
  ];
}

export function subscriptionBreakevenJson(b: SubscriptionBreakeven) {
  return {
    baseline: b.baseline.id,
    step: b.step,
    maxTasksPerDay: b.maxTasksPerDay,
    setups: b.crossings.map((c) => ({
      id: c.strategy.id,
      label: c.strategy.label,
      beatsBaseline: c.beatsBaseline.map(([from, to]) => ({fromTasksPerDay: from, toTasksPerDay: to})),
      // Paces at which, with a price missing, it is not known whether the setup beats the baseline.
      notKnown: c.notKnown.map(([from, to]) => ({fromTasksPerDay: from, toTasksPerDay: to})),
      limitBitesAtTasksPerDay: c.limitBitesAt,
      unservedFromTasksPerDay: c.unservedFrom,
    })),
    curve: b.curve.map((p) => ({tasksPerDay: p.tasksPerDay, usd: p.usd.map(usd)})),
  };
}
