/**
 * Everything the dashboard shows, derived from its inputs by the core's own functions: the
 * scenario (buildScenario + the overrides), the report (simulateReport, which runs recommend()),
 * and the chart (breakeven() or the month's day-by-day cost, drawn by renderLineChart). Pure:
 * App memoises each step on the inputs it depends on.
 */
import {breakeven} from '../core/breakeven.js';
import type {Money} from '../core/money.js';
import {applyPlanOverrides, applyProfileOverrides} from '../core/overrides.js';
import type {Plan} from '../core/plan.js';
import type {PriceBook} from '../core/price-book.js';
import type {Constraints} from '../core/recommend.js';
import {PATHS} from '../core/router.js';
import {buildScenario, monthTasks, type Scenario} from '../core/scenario.js';
import {simulateReport, type SimulateReport} from '../core/simulate-report.js';
import {heldKeysStrategy, type Strategy} from '../core/strategy.js';
import {chartPoints, renderLineChart, type ChartMarker, type ChartSeries} from '../output/chart.js';
import {PATH_NAMES} from '../output/describe.js';
import {markupValue, type ChartView, type Inputs} from './state.js';

/** What stays fixed for a session: prices, the day they are taken at, the user's apps and budget. */
export interface Context {
  readonly book: PriceBook;
  readonly date: string;
  readonly apps: readonly Strategy[];
  readonly budgetUsd?: Money;
}

function withoutFreeTier(plan: Plan): Plan {
  const {free: _free, ...rest} = plan;
  return rest;
}

/** The scenario the inputs describe, built as loadScenario builds it from flags. */
export function scenarioOf(inputs: Inputs, context: Context): Scenario {
  const profile = applyProfileOverrides(inputs.profile, {
    tasksPerDay: inputs.tasksPerDay,
    workingDaysPerMonth: inputs.workingDays,
    ...(inputs.model ? {model: inputs.model} : {}),
    tokens: inputs.tokens,
    ...(inputs.requestsPerTask !== undefined ? {requestsPerTask: inputs.requestsPerTask} : {}),
  });
  const overridden = applyPlanOverrides(inputs.plan, {markupPct: markupValue(inputs)});
  const plan = inputs.freeTier ? overridden : withoutFreeTier(overridden);
  return buildScenario(profile, plan, context.book, context.date);
}

/** The user's own setups beside the candidates: their apps, and their keys as held (as loadScenario makes them). */
function userStrategiesOf(inputs: Inputs, context: Context): Strategy[] {
  return [...context.apps, ...(inputs.keys.length ? [heldKeysStrategy(inputs.keys)] : [])];
}

function constraintsOf(inputs: Inputs, context: Context): Constraints {
  return {...(context.budgetUsd ? {budgetUsd: context.budgetUsd} : {}), ...(inputs.noKey ? {noKey: true} : {}), heldKeys: inputs.keys};
}

/** A month at the inputs' pace on every path, with the recommendation. */
export function reportOf(scenario: Scenario, inputs: Inputs, context: Context): SimulateReport {
  return simulateReport(scenario, Math.max(1, monthTasks(scenario)), context.book.sheets, constraintsOf(inputs, context), userStrategiesOf(inputs, context));
}

/** Providers the recommended setup uses a key for that the user does not hold yet. */
export function keysToAdd(report: SimulateReport, held: readonly string[]): string[] {
  const {strategy} = report.recommendation;
  const used = new Set([...strategy.settings.keys, ...Object.values(strategy.perClass ?? {}).flatMap((s) => [...s.keys])]);
  return [...used].filter((k) => !held.includes(k)).sort();
}

/** Volumes the breakeven chart prices: enough for its shape, few enough to redraw at once (about 70 ms for the team preset). */
const BREAKEVEN_POINTS = 24;

/** `values` stretched to `length` points along straight lines between them. */
function resample(values: readonly number[], length: number): number[] {
  if (values.length === 0) return Array.from({length}, () => 0);
  if (values.length === 1 || length === 1) return Array.from({length}, () => values[0] as number);
  return Array.from({length}, (_, i) => {
    const x = (i * (values.length - 1)) / (length - 1);
    const lo = Math.floor(x);
    const a = values[lo] as number;
    const b = values[Math.min(values.length - 1, lo + 1)] as number;
    return a + (b - a) * (x - lo);
  });
}

export interface ChartText {
  readonly title: string;
  readonly lines: readonly string[];
}

/**
 * The chart panel's text, `width` columns wide at most and `height` rows of plot. Breakeven:
 * monthly cost on each path against tasks a day, breakevens marked. Month: cost so far on each
 * path, day by day, with the day the credits run out marked.
 */
export function chartOf(view: ChartView, scenario: Scenario, report: SimulateReport, width: number, height: number): ChartText {
  const points = chartPoints(width);
  if (view === 'breakeven') {
    // The month simulation prices a few volumes (each a month of tasks on every path); the columns between are
    // drawn by straight lines. Float only here, to draw: the breakevens themselves are exact, from breakeven().
    const result = breakeven(scenario, {points: Math.min(points - 1, BREAKEVEN_POINTS)});
    const max = result.maxTasksPerDay;
    const column = (tasksPerDay: number) => Math.round((tasksPerDay / max) * (points - 1));
    const crossings = result.pairs.flatMap((p) => p.crossings);
    const markers: ChartMarker[] = crossings.map((c) => ({at: column(c.tasksPerDay.toNumber()), label: String(c.tasksPerMonth)}));
    const series: ChartSeries[] = PATHS.filter((p) => p !== 'free' || result.free.hasFreeTier).map((p) => ({
      name: PATH_NAMES[p],
      values: resample(result.curve.map((point) => point.monthlyUsd[p].toNumber()), points),
    }));
    const chart = renderLineChart(series, {
      width,
      height,
      xLabel: (i) => (i === 0 ? '0 tasks/day' : `${Math.round(((max * i) / (points - 1)) * 10) / 10} tasks/day`),
      markers,
    });
    const at = crossings.map((c) => `${Math.round(c.tasksPerDay.toNumber() * 100) / 100}/day`).join(', ');
    return {title: `Monthly cost vs tasks/day · ▲ breakeven${crossings.length ? ` at ${at}` : ': none in range'}`, lines: chart.split('\n')};
  }
  const days = scenario.profile.workingDaysPerMonth;
  const series: ChartSeries[] = PATHS.filter((p) => p !== 'free' || scenario.plan.free).map((p) => {
    const cumulative: number[] = [];
    let sum = report.paths[p].month.dailyUsd[0]?.mul(0);
    for (const day of report.paths[p].month.dailyUsd) {
      sum = sum ? sum.add(day) : day;
      cumulative.push(sum.toNumber());
    }
    // One column per point: each day is drawn over the columns that fall in it.
    const values = Array.from({length: points}, (_, i) => cumulative[Math.min(cumulative.length - 1, Math.floor((i * cumulative.length) / points))] ?? 0);
    return {name: PATH_NAMES[p], values};
  });
  const runOut = report.paths.platform.month.credits[0]?.runOutDay ?? null;
  const dayAt = (i: number) => Math.floor((i * days) / points) + 1;
  const markers: ChartMarker[] = runOut ? [{at: Math.ceil(((runOut - 1) * points) / days), label: `day ${runOut}`}] : [];
  const chart = renderLineChart(series, {width, height, xLabel: (i) => `day ${dayAt(i)}`, markers});
  return {
    title: `Cost so far this month, day by day${runOut ? ` · ▲ credits run out on day ${runOut}` : ''}`,
    lines: chart.split('\n'),
  };
}
