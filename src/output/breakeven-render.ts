import {
  pairSettled,
  surelyCheaperWhereLower,
  type BreakevenResult,
  type Crossing,
  type PathPair,
} from '../core/advice/breakeven.js';
import type {Money} from '../core/money.js';
import {PATHS, type PathKind} from '../core/routing/router.js';
import type {Scenario} from '../core/simulation/scenario.js';
import {creditsDrawnAtListPrice} from '../core/billing/charges.js';
import {chartPoints, renderLineChart, resample} from './chart.js';
import {PATH_NAMES} from './describe.js';
import {formatUsd, plural} from './format.js';
import {scenarioJson, SCHEMA_VERSION, usd} from './json.js';
import type {SheetSummary} from '../core/pricing/model-price.js';
import type {Style} from './style.js';
import {renderCsv} from './table.js';
import {wrapProse} from './text-width.js';

const perDay = (m: Money) => m.toDecimalPlaces(2).toString();
const tasksADay = (m: Money) => `${perDay(m)} ${perDay(m) === '1' ? 'task' : 'tasks'}`;
const name = (p: PathKind | 'equal') => (p === 'equal' ? 'both cost the same' : PATH_NAMES[p]);

function describeCrossing(c: Crossing, complete: boolean): string {
  const costs = (Object.entries(c.monthlyUsd) as [PathKind, Money][])
    .map(([p, v]) => `${PATH_NAMES[p]} ${complete ? '' : '≥'}${formatUsd(v)}`)
    .join(', ');
  const after =
    c.cheaperAbove === 'equal' ? 'both cost the same' : `${PATH_NAMES[c.cheaperAbove]} is cheaper`;
  return `from ${plural(c.tasksPerMonth, 'task')} a month (${perDay(c.tasksPerDay)} a day) ${after} (${costs}); below it, ${c.cheaperBelow === 'equal' ? 'they cost the same' : `${PATH_NAMES[c.cheaperBelow]} is cheaper`}`;
}

function describePair(pair: PathPair, max: number, complete: boolean): string[] {
  const whole = pair.comparedUpToTasksPerDay.gte(max);
  const upTo = whole
    ? `up to ${plural(max, 'task')} a day`
    : `up to ${tasksADay(pair.comparedUpToTasksPerDay)} a day, the most at which both serve every task`;
  const title = `${PATH_NAMES[pair.a]} vs ${PATH_NAMES[pair.b]}:`;
  const bound = pair.unpricedDifference;
  const surelyCheaper = surelyCheaperWhereLower(pair);
  const other = (p: PathKind) => (p === pair.a ? pair.b : pair.a);
  if (pair.crossings.length === 0) {
    const which = pair.cheaperThroughout ?? 'equal';
    const sure = pairSettled(pair);
    const cheaper = which === 'equal' ? 'they cost the same' : `${name(which)} is cheaper`;
    if (sure)
      return [
        `${title} ${cheaper} at every volume ${upTo}: no breakeven.` +
          (bound === 'exact' || which === 'equal'
            ? ''
            : ` The prices missing add at least as much to ${PATH_NAMES[other(which)]}'s bill as to ${PATH_NAMES[which]}'s, so this holds whatever they are.`),
      ];
    return [
      `${title} on the prices known, ${cheaper} at every volume ${upTo}; the prices missing could make ${which === 'equal' ? 'either' : PATH_NAMES[other(which)]} the cheaper one, at some volume or every one.`,
    ];
  }
  const lines = [title, ...pair.crossings.map((c) => `  - ${describeCrossing(c, complete)}`)];
  if (bound === 'exact') return lines;
  return [
    ...lines,
    surelyCheaper
      ? `These crossings are on the prices known. The prices missing add at least as much to ${PATH_NAMES[other(surelyCheaper)]}'s bill as to ${PATH_NAMES[surelyCheaper]}'s: wherever ${PATH_NAMES[surelyCheaper]}'s priced bill is the lower, ${PATH_NAMES[surelyCheaper]} is surely the cheaper; wherever it is not, which is cheaper is not known.`
      : `These crossings are on the prices known. The prices missing could move them, or make either path the cheaper one at any volume.`,
  ];
}

/**
 * The breakeven in solved tasks. BYOK and platform-paid run the same models at the same odds, so
 * they solve the same tasks and cross per solved task where they cross per task; said with the
 * figures at the profile's pace.
 */
function solvedLines(result: BreakevenResult, scenario: Scenario): string[] {
  if (!scenario.solveRates || result.pairs.length === 0) return [];
  const tasks = Math.round(scenario.profile.tasksPerDay * scenario.profile.workingDaysPerMonth);
  const {byok, platform} = result.solvedAtPace;
  if (!byok || !platform)
    return ['In solved tasks: not known (a model without a solve rate; --solve-rates FILE).'];
  const same = byok.solved === platform.solved;
  const lower = result.complete ? '' : '≥';
  return [
    `In solved tasks, at ${plural(scenario.profile.tasksPerDay, 'task')} a day: BYOK ${lower}${formatUsd(byok.perSolvedUsd)}, Platform ${lower}${formatUsd(platform.perSolvedUsd)} per solved task${same ? `; both solve ${byok.solved} of ${tasks} tasks a month (the same models at the same odds), so they break even per solved task where they do per task` : ` (solving ${byok.solved} and ${platform.solved} of ${tasks})`}.`,
  ];
}

export function breakevenLines(result: BreakevenResult, scenario: Scenario): string[] {
  const lines = result.pairs.flatMap((p) => describePair(p, result.maxTasksPerDay, result.complete));
  if (!result.complete) lines.push('Some tokens have no price: every cost here is a lower bound (≥).');
  if (result.byokNotApplicable) lines.push(`BYOK: not applicable (${result.byokNotApplicable}).`);
  for (const path of ['byok', 'platform'] as const) {
    const at = result.stopsServingAtTasksPerDay[path];
    const subscription = path === 'platform' ? scenario.plan.platform.subscription : undefined;
    // Credits drawn at list price, with a price missing, run out at the figure or sooner.
    const sooner = !result.complete && subscription !== undefined && creditsDrawnAtListPrice(subscription);
    if (at)
      lines.push(
        `${PATH_NAMES[path]} stops serving every task from ${sooner ? 'at most ' : ''}${perDay(at)} tasks a day (${subscription?.overage.kind === 'blocked' ? `the credits run out and tasks are blocked until the month renews${sooner ? '; a price is missing, so the credits are drawn short here' : ''}` : 'tasks are turned away'}).`,
      );
  }
  lines.push(...solvedLines(result, scenario));
  const free = result.free;
  if (!free.hasFreeTier) lines.push(`Free tier: plan ${scenario.plan.id} has none.`);
  else {
    const share = Math.round(free.beyondCapabilityShare * 100);
    lines.push(
      `Free tier: ${share > 0 ? `${share}% of tasks need more than its ${scenario.plan.free?.capability} models, at any volume` : 'its models can do every task class'}; ` +
        (free.capReachedAtTasksPerDay
          ? `its daily cap turns tasks away from ${perDay(free.capReachedAtTasksPerDay)} tasks a day.`
          : `its daily cap holds up to ${plural(result.maxTasksPerDay, 'task')} a day.`),
    );
  }
  return lines;
}

/**
 * Monthly cost against tasks a day for every path, `width` columns wide, ▲ under each breakeven.
 * The curve is stretched to the chart's columns along straight lines, so a coarse curve (the
 * dashboard prices few volumes, to redraw at once) fills the width too. Floats only to draw.
 */
export function breakevenChart(
  result: BreakevenResult,
  options: {width: number; height: number; colour?: boolean},
): string {
  const points = chartPoints(options.width);
  const max = result.maxTasksPerDay;
  const column = (tasksPerDay: number) => Math.round((tasksPerDay / max) * (points - 1));
  return renderLineChart(
    PATHS.filter(
      (p) => (p !== 'free' || result.free.hasFreeTier) && (p !== 'byok' || !result.byokNotApplicable),
    ).map((p) => ({
      name: PATH_NAMES[p],
      values: resample(
        result.curve.map((point) => point.monthlyUsd[p].toNumber()),
        points,
      ),
    })),
    {
      width: options.width,
      height: options.height,
      xLabel: (i) =>
        i === 0 ? '0 tasks/day' : `${Math.round(((max * i) / (points - 1)) * 10) / 10} tasks/day`,
      markers: result.pairs
        .flatMap((p) => p.crossings)
        .map((c) => ({at: column(c.tasksPerDay.toNumber()), label: `${c.tasksPerMonth}`})),
      ...(options.colour ? {colour: true} : {}),
    },
  );
}

export function renderBreakevenTable(
  result: BreakevenResult,
  scenario: Scenario,
  width: number,
  style: Style,
): string {
  const {profile, plan} = scenario;
  const chart = breakevenChart(result, {width, height: 12, colour: style.bold('x') !== 'x'});
  const prose = (lines: readonly string[]) => lines.flatMap((l) => wrapProse(l, width));
  return [
    ...prose([
      `Breakeven · profile ${profile.id} · plan ${plan.id} · model ${[...new Set(scenario.classes.map((c) => c.resolvedModel.id))].join(', ')} · ${plural(profile.workingDaysPerMonth, 'working day')} a month`,
    ]).map(style.dim),
    '',
    ...prose(breakevenLines(result, scenario)),
    '',
    style.dim('Monthly cost by tasks a day (▲ marks a breakeven)'),
    chart,
    '',
  ].join('\n');
}

export function breakevenJson(result: BreakevenResult, scenario: Scenario, prices: readonly SheetSummary[]) {
  const perDayOrNull = (m: Money | null) => (m ? m.toString() : null);
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'breakeven',
    ...scenarioJson(scenario, prices),
    maxTasksPerDay: result.maxTasksPerDay,
    pairs: result.pairs.map((p) => ({
      a: p.a,
      b: p.b,
      cheaperThroughout: p.cheaperThroughout ?? null,
      comparedUpToTasksPerDay: p.comparedUpToTasksPerDay.toString(),
      unpricedDifference: p.unpricedDifference,
      crossings: p.crossings.map((c) => ({
        tasksPerMonth: c.tasksPerMonth,
        tasksPerDay: c.tasksPerDay.toString(),
        monthlyUsd: Object.fromEntries(Object.entries(c.monthlyUsd).map(([k, v]) => [k, usd(v)])),
        cheaperBelow: c.cheaperBelow,
        cheaperAbove: c.cheaperAbove,
      })),
    })),
    complete: result.complete,
    stopsServingAtTasksPerDay: {
      byok: perDayOrNull(result.stopsServingAtTasksPerDay.byok),
      platform: perDayOrNull(result.stopsServingAtTasksPerDay.platform),
    },
    free: {
      hasFreeTier: result.free.hasFreeTier,
      beyondCapabilityShare: result.free.beyondCapabilityShare,
      capReachedAtTasksPerDay: perDayOrNull(result.free.capReachedAtTasksPerDay),
    },
    curve: result.curve.map((p) => ({
      tasksPerDay: p.tasksPerDay,
      monthlyUsd: Object.fromEntries(Object.entries(p.monthlyUsd).map(([k, v]) => [k, usd(v)])),
      unservedTasks: p.unserved,
      solvedTasks: p.solved,
    })),
    solvedAtPace: Object.fromEntries(
      PATHS.map((path) => {
        const at = result.solvedAtPace[path];
        return [
          path,
          at ? {solved: at.solved, perSolvedUsd: usd(at.perSolvedUsd.toDecimalPlaces(10))} : null,
        ];
      }),
    ),
  };
}

/** The curve for a spreadsheet: whole tasks a month (the unit it is computed in), and the tasks each path leaves unserved. */
export function breakevenCsv(result: BreakevenResult, scenario: Scenario): string {
  const days = scenario.profile.workingDaysPerMonth;
  return renderCsv(
    [
      'tasks_per_month',
      'tasks_per_day',
      ...PATHS.map((p) => `${p}_monthly_usd`),
      ...PATHS.map((p) => `${p}_unserved_tasks`),
      ...PATHS.map((p) => `${p}_solved_tasks`),
    ],
    result.curve.map((point) => [
      String(Math.round(point.tasksPerDay * days)),
      point.tasksPerDay.toFixed(4),
      ...PATHS.map((p) => usd(point.monthlyUsd[p])),
      ...PATHS.map((p) => String(point.unserved[p])),
      ...PATHS.map((p) => (point.solved[p] === null ? '' : String(point.solved[p]))),
    ]),
  );
}
