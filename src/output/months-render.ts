import type {MonthSimResult, StrategyOutcome} from '../core/simulation/months.js';
import type {SheetSummary} from '../core/pricing/model-price.js';
import type {Scenario} from '../core/simulation/scenario.js';
import {DEFAULT_P90_TO_MEDIAN} from '../core/simulation/profile.js';
import {chartPoints, renderLineChart} from './chart.js';
import {quantileFigure} from './figure.js';
import {formatFixed, formatUsd, plural} from './format.js';
import {scenarioJson, SCHEMA_VERSION, strategyJson, usd} from './json.js';
import {renderCsv, renderMarkdownTable, renderTable, type Column} from './table.js';
import type {Style} from './style.js';
import {wrapProse} from './text-width.js';
import {Money} from '../core/money.js';

const QUANTILES = [0.1, 0.5, 0.9, 0.99] as const;

/** A strategy's figures over all runs, as the renderers show them. */
function figures(o: StrategyOutcome, runs: number) {
  const mean = o.totalUsd.div(Math.max(1, runs));
  return {
    name: o.strategy.label,
    mean,
    quantiles: QUANTILES.map((q) => o.bills.quantile(q)),
    unservedPerMonth: o.unservedTasks / Math.max(1, runs),
  };
}

/** The working day by which a share q of the months that ran out had run out. */
function runOutDay(o: StrategyOutcome, q: number): number | null {
  const c = o.credits;
  if (!c || c.monthsRunOut === 0) return null;
  const rank = Math.max(1, Math.ceil(q * c.monthsRunOut));
  let seen = 0;
  for (const [day, n] of c.runOutDays.entries()) {
    seen += n;
    if (seen >= rank) return day + 1;
  }
  return null;
}

const dollars = (value: number) => formatUsd(new Money(value.toFixed(2)));

const COLUMNS: Column[] = [
  {header: 'Strategy', fit: 'wrap'},
  {header: 'Mean', align: 'right'},
  {header: 'p10', align: 'right'},
  {header: 'p50', align: 'right'},
  {header: 'p90', align: 'right'},
  {header: 'p99', align: 'right'},
  {header: 'Not served/month', short: 'Unserved/mo', align: 'right'},
];

function rows(result: MonthSimResult): string[][] {
  return result.outcomes.map((o) => {
    const f = figures(o, result.runs);
    return [
      f.name,
      `${o.complete ? '' : '≥'}${formatUsd(f.mean)}`,
      ...f.quantiles.map((q) => quantileFigure(q, o.complete)),
      formatFixed(f.unservedPerMonth, 1),
    ];
  });
}

const SOLVED_COLUMNS: Column[] = [
  {header: 'Strategy', fit: 'wrap'},
  {header: 'Attempts/month', short: 'Attempts/mo', align: 'right', drop: 2},
  {header: 'Solved/month p10 / mean / p90', short: 'Solved/mo', align: 'right'},
  {header: 'Unsolved/month', short: 'Unsolved/mo', align: 'right'},
  {header: 'Not known/month', short: 'Unknown/mo', align: 'right', drop: 1},
  {header: 'Per solved task', short: 'Per solved', align: 'right'},
];

/** A strategy's months in solved tasks: success drawn attempt by attempt, so retries show in the bill. */
function solvedFigures(o: StrategyOutcome, result: MonthSimResult) {
  const runs = Math.max(1, result.runs);
  const s = o.solving;
  return {
    attempts: s.attempts / runs,
    solved: s.solved / runs,
    unsolved: (result.tasks - s.solved - s.unknown) / runs,
    unknown: s.unknown / runs,
    p10: s.solvedPerMonth.quantile(0.1),
    p90: s.solvedPerMonth.quantile(0.9),
    // The mean bill over the mean solved: what a solved task costs over many months.
    perSolved: s.unknown === 0 && s.solved > 0 ? o.totalUsd.div(s.solved) : undefined,
  };
}

function solvedRows(result: MonthSimResult): string[][] {
  return result.outcomes.map((o) => {
    const f = solvedFigures(o, result);
    return [
      o.strategy.label,
      formatFixed(f.attempts, 1),
      `${formatFixed(f.p10, 0)} / ${formatFixed(f.solved, 1)} / ${formatFixed(f.p90, 0)}`,
      formatFixed(f.unsolved, 1),
      formatFixed(f.unknown, 1),
      f.perSolved
        ? `${o.complete ? '' : '≥'}${formatUsd(f.perSolved, 4)}`
        : o.solving.unknown > 0
          ? 'not known'
          : '-',
    ];
  });
}

function notes(result: MonthSimResult, scenario: Scenario): string[] {
  const lines: string[] = scenario.plan.free
    ? []
    : [`Plan ${scenario.plan.id} has no free tier: "Free tier only" serves nothing.`];
  const s = scenario.plan.platform.subscription;
  for (const o of result.outcomes) {
    if (o.credits && o.strategy.id === 'all-platform' && s) {
      const share = Math.round((o.credits.monthsRunOut / Math.max(1, result.runs)) * 100);
      const days = [0.1, 0.5, 0.9].map((q) => runOutDay(o, q));
      const unit =
        s.creditUnit === 'usd'
          ? `${formatUsd(s.includedCredits)} of usage`
          : `${s.includedCredits} task credits`;
      // Credits drawn short by a price missing run out no later, and block or overrun no less, than shown.
      const exact = o.credits.complete;
      const atLeast = exact ? '' : 'at least ';
      const ge = exact ? '' : '≥';
      lines.push(
        `Credits (${o.strategy.label}): ${unit} a month run out in ${share === 100 ? '' : atLeast}${share}% of months` +
          (days[1]
            ? `, ${exact ? 'on' : 'on or before'} working day ${days[0]} / ${days[1]} / ${days[2]} (p10 / p50 / p90)`
            : '') +
          `; ${s.overage.kind === 'blocked' ? `tasks blocked after that: ${atLeast}${formatFixed(o.credits.blockedTasks.quantile(0.5), 0)} (p50) / ${atLeast}${formatFixed(o.credits.blockedTasks.quantile(0.9), 0)} (p90) a month` : `overage ${ge}${dollars(o.credits.overageUsd.quantile(0.5))} (p50) / ${ge}${dollars(o.credits.overageUsd.quantile(0.9))} (p90) a month`}` +
          `${exact ? '' : ' (a price is missing: these credits are drawn short)'}.`,
      );
    }
    if (o.free && (o.strategy.id === 'all-free' || o.free.fellThrough > 0)) {
      const per = (n: number) => formatFixed(n / Math.max(1, result.runs), 1);
      lines.push(
        `Free tier (${o.strategy.label}): daily cap reached on ${per(o.free.capDays)} days a month; ${per(o.free.waited)} tasks a month waited for the next day, ${per(o.free.fellThrough)} fell through to platform-paid.`,
      );
    }
  }
  return lines;
}

function heading(result: MonthSimResult, scenario: Scenario): string[] {
  const {profile, plan} = scenario;
  const spreads = [...new Set(scenario.classes.map((c) => c.p90ToMedian ?? DEFAULT_P90_TO_MEDIAN))].join(
    ', ',
  );
  const sizes = scenario.classes.every((c) => c.sizeQuantiles)
    ? "Task sizes: drawn from the imported history's own distribution, per class"
    : `Task sizes: lognormal around each class's mean task, p90 = ${spreads}× the median`;
  return [
    `${plural(result.runs, 'simulated month')} · seed ${result.seed} · profile ${profile.id} (Poisson around ${plural(profile.tasksPerDay, 'task a day', 'tasks a day')}, ${plural(profile.workingDaysPerMonth, 'working day')}) · plan ${plan.id}`,
    `${sizes} · ${plural(result.tasks, 'task')} in all`,
  ];
}

function chart(result: MonthSimResult, width: number, colour: boolean): string {
  const points = chartPoints(width);
  const days = result.days;
  const at = (series: readonly number[], i: number) =>
    series[Math.min(days - 1, Math.floor((i * days) / points))] as number;
  const series = result.outcomes.map((o) => ({
    name: o.strategy.id,
    values: Array.from({length: points}, (_, i) => at(o.daily.cumulativeUsd, i)),
  }));
  const credit = result.outcomes.find((o) => o.strategy.id === 'all-platform' && o.daily.creditBalance);
  const markers = [];
  if (credit) {
    const day = runOutDay(credit, 0.5);
    if (day)
      markers.push({at: Math.min(points - 1, Math.floor(((day - 1) * points) / days)), label: `day ${day}`});
  }
  return renderLineChart(series, {
    width,
    height: 10,
    xLabel: (i) => `day ${Math.min(days, Math.floor((i * days) / points) + 1)}`,
    markers,
    colour,
  });
}

/** `width` is the terminal's (the chart's); `tableWidth` is the table's, unlimited with --wide. */
export function renderMonthsTable(
  result: MonthSimResult,
  scenario: Scenario,
  width: number,
  tableWidth: number,
  style: Style,
): string {
  const prose = (lines: readonly string[]) => lines.flatMap((l) => wrapProse(l, tableWidth));
  return [
    ...prose(heading(result, scenario)).map(style.dim),
    '',
    renderTable(COLUMNS, rows(result), tableWidth),
    '',
    ...prose(notes(result, scenario)),
    '',
    ...(scenario.solveRates
      ? [
          ...prose([
            'In solved tasks, a month (solved: p10 / mean / p90; success is drawn attempt by attempt, so the bills above include the retries)',
          ]).map(style.dim),
          renderTable(SOLVED_COLUMNS, solvedRows(result), tableWidth),
          '',
        ]
      : []),
    ...prose([
      `Cumulative cost through the month, mean of ${plural(result.runs, 'run')}${result.outcomes.some((o) => o.credits?.monthsRunOut) ? ' (▲ median day the credits run out)' : ''}`,
    ]).map(style.dim),
    chart(result, width, style.bold('x') !== 'x'),
    '',
  ].join('\n');
}

export function renderMonthsMarkdown(result: MonthSimResult, scenario: Scenario): string {
  return [
    '# vibe-cost simulate --runs',
    '',
    ...heading(result, scenario).map((l) => `${l}  `),
    '',
    renderMarkdownTable(COLUMNS, rows(result)),
    '',
    ...notes(result, scenario).map((l) => `- ${l}`),
    '',
    ...(scenario.solveRates
      ? ['## In solved tasks', '', renderMarkdownTable(SOLVED_COLUMNS, solvedRows(result)), '']
      : []),
  ].join('\n');
}

export function renderMonthsCsv(result: MonthSimResult): string {
  return renderCsv(
    [
      'strategy',
      'mean_usd',
      'p10_usd',
      'p50_usd',
      'p90_usd',
      'p99_usd',
      'unserved_per_month',
      'credits_run_out_share',
      'complete',
      'attempts_per_month',
      'solved_per_month',
      'solved_not_known_per_month',
      'per_solved_usd',
    ],
    result.outcomes.map((o) => {
      const f = figures(o, result.runs);
      return [
        o.strategy.id,
        usd(f.mean),
        ...f.quantiles.map((q) => q.toFixed(2)),
        f.unservedPerMonth.toFixed(3),
        o.credits ? (o.credits.monthsRunOut / Math.max(1, result.runs)).toFixed(4) : '',
        String(o.complete),
        solvedFigures(o, result).attempts.toFixed(3),
        solvedFigures(o, result).solved.toFixed(3),
        solvedFigures(o, result).unknown.toFixed(3),
        solvedFigures(o, result).perSolved?.toDecimalPlaces(8).toString() ?? '',
      ];
    }),
  );
}

export function monthsJson(result: MonthSimResult, scenario: Scenario, prices: readonly SheetSummary[]) {
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'simulate',
    mode: 'months',
    ...scenarioJson(scenario, prices),
    runs: result.runs,
    seed: result.seed,
    tasks: result.tasks,
    sketch: 'log-bucketed histogram, relative error ≤ 0.05%: quantiles are approximate, means are exact',
    taskSize: result.classes.map((c) => ({class: c.name, medianOfMean: c.median, p90OfMean: c.p90})),
    outcomes: result.outcomes.map((o) => {
      const f = figures(o, result.runs);
      return {
        strategy: strategyJson(o.strategy),
        meanUsd: usd(f.mean),
        totalUsd: usd(o.totalUsd),
        quantilesUsd: Object.fromEntries(
          QUANTILES.map((q, i) => [`p${Math.round(q * 100)}`, (f.quantiles[i] as number).toFixed(2)]),
        ),
        complete: o.complete,
        unservedTasksPerMonth: f.unservedPerMonth,
        credits: o.credits
          ? {
              monthsRunOut: o.credits.monthsRunOut,
              runOutDayHistogram: o.credits.runOutDays,
              runOutDay: {p10: runOutDay(o, 0.1), p50: runOutDay(o, 0.5), p90: runOutDay(o, 0.9)},
              overageUsd: {
                p50: o.credits.overageUsd.quantile(0.5).toFixed(2),
                p90: o.credits.overageUsd.quantile(0.9).toFixed(2),
              },
              blockedTasks: {
                p50: o.credits.blockedTasks.quantile(0.5),
                p90: o.credits.blockedTasks.quantile(0.9),
              },
            }
          : null,
        free: o.free,
        solving: (() => {
          const f = solvedFigures(o, result);
          return {
            attempts: o.solving.attempts,
            solved: o.solving.solved,
            unknown: o.solving.unknown,
            stoppedWithoutPath: o.solving.stopped,
            solvedPerMonth: {p10: f.p10, mean: f.solved, p90: f.p90},
            perSolvedUsd: f.perSolved ? usd(f.perSolved.toDecimalPlaces(10)) : null,
          };
        })(),
        daily: {
          cumulativeUsd: o.daily.cumulativeUsd.map((v) => v.toFixed(4)),
          creditBalance: o.daily.creditBalance ? o.daily.creditBalance.map((v) => v.toFixed(4)) : null,
        },
      };
    }),
  };
}
