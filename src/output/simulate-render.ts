import type {SimulateReport} from '../core/simulation/simulate-report.js';
import {formatCount, formatNumber, formatTokens, formatUsd, plural, unitUsdDecimals} from './format.js';
import {perSolvedUsd, unsolved} from '../core/solving/solving.js';
import {describeSources} from './describe.js';
import {describeRecommendation} from './recommendation-sentences.js';
import {missingPrices, pathFigures, type PathFigures} from './simulate-figures.js';
import {renderCsv, renderMarkdownTable, renderTable, type Column} from './table.js';
import type {Style} from './style.js';
import {wrapProse} from './text-width.js';
import {recommendationJson, runJson, scenarioJson, SCHEMA_VERSION, strategyJson, usd} from './json.js';
import {PATHS, totalServed} from '../core/routing/router.js';
import {meetsCapability} from '../core/capability.js';

const COST_COLUMNS: Column[] = [
  {header: 'Path'},
  {header: 'How it is paid', short: 'Paid how', fit: 'wrap'},
  {header: 'Total', align: 'right'},
  {header: 'Per task', align: 'right', drop: 1},
  {header: 'Per month', align: 'right'},
  {header: 'Served', align: 'right'},
  {header: 'Not served', fit: 'wrap'},
];

const SOLVED_COLUMNS: Column[] = [
  {header: 'Path'},
  {header: 'Attempts', align: 'right'},
  {header: 'Solved', align: 'right'},
  {header: 'Unsolved', align: 'right'},
  {header: 'Not known', align: 'right', drop: 2},
  {header: 'Per attempt', align: 'right', drop: 1},
  {header: 'Per solved task', short: 'Per solved', align: 'right'},
];

/** Every path in solved tasks: attempts, tasks solved and left unsolved, and the cost of each. */
function solvedRows(figures: PathFigures[]): string[][] {
  const shown = figures.filter((f) => !f.notApplicable);
  const perAttempt = shown.map((f) =>
    f.run.solving.attempts > 0 ? f.totalUsd.div(f.run.solving.attempts) : undefined,
  );
  const perSolved = shown.map((f) => perSolvedUsd(f.run));
  const decimals = unitUsdDecimals([...perAttempt, ...perSolved]);
  return shown.map((f, i) => [
    f.name,
    formatCount(f.run.solving.attempts),
    formatCount(f.run.solving.solved),
    formatCount(unsolved(f.run.tasks, f.run.solving)),
    formatCount(f.run.solving.unknown),
    perAttempt[i] ? bound(f, formatUsd(perAttempt[i], decimals)) : '-',
    perSolved[i]
      ? bound(f, formatUsd(perSolved[i], decimals))
      : f.run.solving.unknown > 0
        ? 'not known'
        : '-',
  ]);
}

/** Where the solved figures come from, and which models have no solve rate. */
function solvedNotes(report: SimulateReport): string[] {
  const rates = report.scenario.solveRates;
  if (!rates) return [];
  const unknown = [
    ...new Set(pathFigures(report).flatMap((f) => (f.notApplicable ? [] : f.run.solving.unknownModels))),
  ];
  return [
    `Solved: first-attempt resolve rates from public benchmarks (${rates.origin}, as of ${rates.asOf}), moved by what each task class needs; a failed attempt costs ${formatNumber(rates.failedTokenShare)}× a successful one's tokens. Estimates: see "Cost per solved task" in the README.${unknown.length ? ` Not known: no solve rate for ${unknown.join(', ')} (--solve-rates FILE).` : ''}`,
  ];
}

const TOKEN_COLUMNS: Column[] = [
  {header: 'Path'},
  {header: 'Input', align: 'right'},
  {header: 'Cache read', align: 'right'},
  {header: 'Cache write', align: 'right'},
  {header: 'Output', align: 'right'},
  {header: 'Requests', align: 'right'},
];

function bound(f: PathFigures, text: string): string {
  return f.complete ? text : `≥${text}`;
}

function costRows(figures: PathFigures[]): string[][] {
  const perTask = unitUsdDecimals(figures.map((f) => f.perTaskUsd));
  return figures.map((f) =>
    f.notApplicable
      ? [f.name, 'not applicable', '-', '-', '-', '-', f.notApplicable]
      : [
          f.name,
          f.how,
          bound(f, formatUsd(f.totalUsd)),
          f.perTaskUsd ? bound(f, formatUsd(f.perTaskUsd, perTask)) : '-',
          bound(f, formatUsd(f.monthlyUsd)),
          formatCount(f.served),
          f.unserved ? `${formatCount(f.unserved)}: ${f.unservedWhy}` : '0',
        ],
  );
}

function tokenRows(figures: PathFigures[]): string[][] {
  return figures
    .filter((f) => !f.notApplicable)
    .map((f) => [
      f.name,
      formatTokens(f.tokens.input),
      formatTokens(f.tokens.cacheRead),
      formatTokens(f.tokens.cacheWrite5m + f.tokens.cacheWrite1h),
      formatTokens(f.tokens.output),
      formatCount(f.requests),
    ]);
}

function heading(report: SimulateReport): string[] {
  const {profile, plan} = report.scenario;
  const models = [...new Set(report.scenario.classes.map((c) => c.resolvedModel.id))].join(', ');
  const priced = [...new Set(report.scenario.classes.map((c) => c.resolvedModel.asOf).filter(Boolean))]
    .sort()
    .join(', ');
  return [
    `${plural(report.tasks, 'task')} · profile ${profile.id} (${plural(profile.tasksPerDay, 'task/day', 'tasks/day')}, ${plural(profile.workingDaysPerMonth, 'working day/month', 'working days/month')}) · model ${models} · plan ${plan.id}`,
    `Prices: ${describeSources(report.prices)}; ${models} priced as of ${priced}`,
  ];
}

/** Capability holds on every path: tasks a paid path runs on a model below their need are said so. */
function belowNeedLines(report: SimulateReport): string[] {
  const short = pathFigures(report).filter((f) => !f.notApplicable && f.run.belowNeed > 0);
  if (short.length === 0) return [];
  const classes = report.scenario.classes.filter(
    (c) => !meetsCapability(c.resolvedModel.capability, c.needs),
  );
  const what = classes
    .map((c) => `${c.name} needs ${c.needs}, ${c.resolvedModel.id} is ${c.resolvedModel.capability}`)
    .join('; ');
  return [
    `Below the need (${what}): ${short.map((f) => `${formatCount(f.run.belowNeed)} tasks on ${f.name}`).join(', ')}.`,
    '',
  ];
}

/** The user's own apps and keys (from the settings file and environment), side by side, a month each. */
function yourSetups(report: SimulateReport): string[] {
  const mine = report.recommendation.ranked.filter(
    (c) => c.strategy.id.startsWith('app:') || c.strategy.id === 'your-keys',
  );
  if (mine.length === 0) return [];
  return [
    'Your setups, a month at this pace:',
    ...mine.map((c) => {
      const served = totalServed(c.month.served);
      return `  ${c.strategy.label}: ${formatUsd(c.month.totalUsd)} (serves ${formatCount(served)} of ${plural(c.month.tasks, 'task')})`;
    }),
    '',
  ];
}

export function renderSimulateTable(report: SimulateReport, width: number, style: Style): string {
  const figures = pathFigures(report);
  const cheapest = figures.find((f) => f.path === report.cheapest) as PathFigures;
  const missing = missingPrices(report);
  const prose = (lines: readonly string[]) => lines.flatMap((l) => wrapProse(l, width));
  return (
    [
      ...prose(heading(report)).map(style.dim),
      '',
      renderTable(COST_COLUMNS, costRows(figures), width),
      '',
      style.dim('Tokens behind it (whole batch)'),
      renderTable(TOKEN_COLUMNS, tokenRows(figures), width),
      '',
      ...(report.scenario.solveRates
        ? [
            style.dim('In solved tasks (whole batch)'),
            renderTable(SOLVED_COLUMNS, solvedRows(figures), width),
            ...prose(solvedNotes(report)).map(style.dim),
            '',
          ]
        : []),
      ...(missing.length
        ? [
            ...prose([`Unknown prices (totals marked ≥ are lower bounds): ${missing.join('; ')}`]).map(
              style.warn,
            ),
            '',
          ]
        : []),
      ...prose(belowNeedLines(report)).map((l) => style.warn(l)),
      ...prose(yourSetups(report)),
      ...prose([
        cheapest.unserved === 0
          ? `Cheapest path that serves every task: ${style.bold(cheapest.name)} (${bound(cheapest, formatUsd(cheapest.totalUsd))} for the batch, ${bound(cheapest, formatUsd(cheapest.monthlyUsd))} a month).`
          : `No path serves every task. ${style.bold(cheapest.name)} serves the most, ${formatCount(cheapest.served)} of ${plural(cheapest.served + cheapest.unserved, 'task')}, for ${bound(cheapest, formatUsd(cheapest.totalUsd))} (${bound(cheapest, formatUsd(cheapest.monthlyUsd))} a month).`,
      ]),
      ...prose(describeRecommendation(report.recommendation, style)),
    ].join('\n') + '\n'
  );
}

export function renderSimulateMarkdown(report: SimulateReport): string {
  const figures = pathFigures(report);
  const plain = {
    bold: (s: string) => `**${s}**`,
    dim: (s: string) => s,
    warn: (s: string) => s,
    good: (s: string) => s,
  };
  return (
    [
      '# vibe-cost simulate',
      '',
      ...heading(report).map((l) => `${l}  `),
      '',
      renderMarkdownTable(COST_COLUMNS, costRows(figures)),
      '',
      '## Tokens behind it',
      '',
      renderMarkdownTable(TOKEN_COLUMNS, tokenRows(figures)),
      '',
      ...(report.scenario.solveRates
        ? [
            '## In solved tasks',
            '',
            renderMarkdownTable(SOLVED_COLUMNS, solvedRows(figures)),
            '',
            ...solvedNotes(report),
            '',
          ]
        : []),
      '## Recommendation',
      '',
      ...describeRecommendation(report.recommendation, plain).map((l) => l.replace(/^ {2}- /, '- ')),
    ].join('\n') + '\n'
  );
}

export function renderSimulateCsv(report: SimulateReport): string {
  const header = [
    'path',
    'strategy',
    'total_usd',
    'per_task_usd',
    'monthly_usd',
    'tasks',
    'served',
    'not_served',
    'complete',
    'input_tokens',
    'cache_read_tokens',
    'cache_write_5m_tokens',
    'cache_write_1h_tokens',
    'output_tokens',
    'requests',
    'attempts',
    'solved',
    'unsolved',
    'solved_not_known',
    'per_solved_usd',
  ];
  const rows = pathFigures(report)
    .filter((f) => !f.notApplicable)
    .map((f) => [
      f.path,
      f.run.strategy.id,
      f.totalUsd.toString(),
      f.perTaskUsd ? f.perTaskUsd.toDecimalPlaces(8).toString() : '',
      f.monthlyUsd.toString(),
      String(report.tasks),
      String(f.served),
      String(f.unserved),
      String(f.complete),
      String(f.tokens.input),
      String(f.tokens.cacheRead),
      String(f.tokens.cacheWrite5m),
      String(f.tokens.cacheWrite1h),
      String(f.tokens.output),
      String(f.requests),
      String(f.run.solving.attempts),
      String(f.run.solving.solved),
      String(unsolved(f.run.tasks, f.run.solving)),
      String(f.run.solving.unknown),
      perSolvedUsd(f.run)?.toDecimalPlaces(8).toString() ?? '',
    ]);
  return renderCsv(header, rows);
}

export function simulateJson(report: SimulateReport) {
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'simulate',
    tasks: report.tasks,
    ...scenarioJson(report.scenario, report.prices),
    paths: Object.fromEntries(
      PATHS.map((path) => {
        const {strategy, batch, month, notApplicable} = report.paths[path];
        if (notApplicable) return [path, {strategy: strategyJson(strategy), notApplicable}];
        return [
          path,
          {
            ...runJson(batch),
            strategy: strategyJson(strategy),
            monthlyUsd: usd(month.totalUsd),
            month: runJson(month),
          },
        ];
      }),
    ),
    cheapest: report.cheapest,
    recommendation: recommendationJson(report.recommendation),
  };
}
