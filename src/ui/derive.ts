/**
 * Everything the dashboard shows, derived from its inputs by the core's own functions: the
 * scenario (buildScenario + the overrides), the report (simulateReport, which runs recommend()),
 * and the chart (breakeven() or the month's day-by-day cost, drawn by renderLineChart). Pure:
 * App memoises each step on the inputs it depends on.
 */
import {breakeven, pairSettled} from '../core/advice/breakeven.js';
import {Money} from '../core/money.js';
import {applyPlanOverrides, applyProfileOverrides} from '../core/simulation/overrides.js';
import type {Plan} from '../core/billing/plan.js';
import type {PriceBook} from '../core/pricing/price-book.js';
import type {Constraints} from '../core/advice/recommend.js';
import {PATHS} from '../core/routing/router.js';
import {buildScenario, monthTasks, type Scenario} from '../core/simulation/scenario.js';
import {simulateReport, type SimulateReport} from '../core/simulation/simulate-report.js';
import {dailyUsd} from '../core/simulation/batch-run.js';
import {heldKeysStrategy, type Strategy} from '../core/routing/strategy.js';
import {breakevenChart} from '../output/breakeven-render.js';
import {platformMonth, sweepMarkup, type SegmentInput} from '../core/platform/platform-month.js';
import type {Population} from '../core/platform/population.js';
import type {Profile} from '../core/simulation/profile.js';
import {KEY_WORTH_USD_PER_MONTH} from '../core/advice/recommend.js';
import {formatCount, formatNumber, plural} from '../output/format.js';
import {boundFigure} from '../output/figure.js';
import {chartPoints, renderLineChart, type ChartMarker, type ChartSeries} from '../output/chart.js';
import {PATH_NAMES} from '../output/describe.js';
import type {SubscriptionChoice} from '../core/subscription/subscription-plan.js';
import {subscriptionReport} from '../core/subscription/subscription-report.js';
import {recommendSubscriptionLines} from '../output/subscription-render.js';
import {markupValue, type ChartView, type Inputs} from './state.js';
import type {SolveRates} from '../core/solving/solve-rates.js';

/** What stays fixed for a session: prices, the day they are taken at, the user's apps and budget. */
export interface Context {
  readonly book: PriceBook;
  readonly date: string;
  readonly apps: readonly Strategy[];
  readonly budgetUsd?: Money;
  /** The saving a month that makes a new key worth managing; recommend's default ($10) without it. */
  readonly keyWorthUsd?: Money;
  readonly per?: 'solved';
  /** Benchmark solve rates, for each path's cost per solved task. */
  readonly solveRates?: SolveRates;
  /** The platform's users, for the builder's chart: the bundled population, loaded at opening. */
  readonly population?: PopulationProfiles;
  /** Vendor plans given with --subscription, weighed beside the paths in the reasons panel. */
  readonly subscriptions?: SubscriptionChoice;
}

export interface PopulationProfiles {
  readonly population: Population;
  readonly profiles: readonly Profile[];
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
  const overridden = applyPlanOverrides(inputs.plan, {
    markupPct: markupValue(inputs),
    ...(inputs.freeCap !== undefined ? {freeCap: inputs.freeCap} : {}),
  });
  const plan = inputs.freeTier ? overridden : withoutFreeTier(overridden);
  const scenario = buildScenario(profile, plan, context.book, context.date);
  return context.solveRates ? {...scenario, solveRates: context.solveRates} : scenario;
}

/** The user's own setups beside the candidates: their apps, and their keys as held (as loadScenario makes them). */
function userStrategiesOf(inputs: Inputs, context: Context): Strategy[] {
  return [...context.apps, ...(inputs.keys.length ? [heldKeysStrategy(inputs.keys)] : [])];
}

function constraintsOf(inputs: Inputs, context: Context): Constraints {
  return {
    ...(context.budgetUsd ? {budgetUsd: context.budgetUsd} : {}),
    ...(context.keyWorthUsd ? {keyWorthUsd: context.keyWorthUsd} : {}),
    ...(context.per ? {per: context.per} : {}),
    ...(inputs.noKey ? {noKey: true} : {}),
    heldKeys: inputs.keys,
  };
}

/**
 * A month at the inputs' pace on every path, with the recommendation. Without the simulated months
 * behind it (0 runs): they take longer than a keypress; `vibe-cost recommend` weighs them.
 */
export function reportOf(scenario: Scenario, inputs: Inputs, context: Context): SimulateReport {
  return simulateReport(
    scenario,
    Math.max(1, monthTasks(scenario)),
    context.book.sheets,
    constraintsOf(inputs, context),
    userStrategiesOf(inputs, context),
    0,
  );
}

/** The subscriptions beside the paths at the inputs' pace, as `recommend --subscription` states them; none without --subscription. */
export function subscriptionLinesOf(scenario: Scenario, context: Context): string[] {
  const subs = context.subscriptions;
  return subs ? recommendSubscriptionLines(subscriptionReport(scenario, subs.plans, subs.onLimits)) : [];
}

/** Volumes the breakeven chart prices: enough for its shape, few enough to redraw at once (about 70 ms for the team preset). */
const BREAKEVEN_POINTS = 24;

export interface ChartText {
  readonly title: string;
  readonly lines: readonly string[];
}

/**
 * The chart panel's text, `width` columns wide at most and `height` rows of plot. Breakeven:
 * monthly cost on each path against tasks a day, breakevens marked. Month: cost so far on each
 * path, day by day, with the day the credits run out marked.
 */
export function chartOf(
  view: ChartView,
  scenario: Scenario,
  report: SimulateReport,
  width: number,
  height: number,
  context?: Context,
): ChartText {
  const points = chartPoints(width);
  if (view === 'platform') return platformChart(scenario, width, height, context);
  if (view === 'breakeven') {
    // The month simulation prices a few volumes (each a month of tasks on every path); the chart
    // draws straight lines between them. The breakevens themselves are exact, from breakeven().
    const result = breakeven(scenario, {points: Math.min(points - 1, BREAKEVEN_POINTS)});
    const crossings = result.pairs.flatMap((p) => p.crossings);
    const at = crossings.map((c) => `${c.tasksPerDay.toDecimalPlaces(2).toString()}/day`).join(', ');
    // With a price missing, a crossing (or its absence) holds on the prices known, unless they cannot turn it.
    const known = result.pairs.every(pairSettled) ? '' : ' on the prices known';
    return {
      title: `Monthly cost vs tasks/day · ▲ breakeven${crossings.length ? ` at ${at}` : ': none in range'}${known}`,
      lines: breakevenChart(result, {width, height}).split('\n'),
    };
  }
  const days = scenario.profile.workingDaysPerMonth;
  const series: ChartSeries[] = PATHS.filter((p) => p !== 'free' || scenario.plan.free).map((p) => {
    const cumulative: number[] = [];
    const daily = dailyUsd(report.paths[p].month);
    let sum = daily[0]?.mul(0);
    for (const day of daily) {
      sum = sum ? sum.add(day) : day;
      cumulative.push(sum.toNumber());
    }
    // One column per point: each day is drawn over the columns that fall in it.
    const values = Array.from(
      {length: points},
      (_, i) =>
        cumulative[Math.min(cumulative.length - 1, Math.floor((i * cumulative.length) / points))] ?? 0,
    );
    return {name: PATH_NAMES[p], values};
  });
  const runOut = report.paths.platform.month.credits[0]?.runOutDay ?? null;
  const dayAt = (i: number) => Math.floor((i * days) / points) + 1;
  const markers: ChartMarker[] = runOut
    ? [{at: Math.ceil(((runOut - 1) * points) / days), label: `day ${runOut}`}]
    : [];
  const chart = renderLineChart(series, {width, height, xLabel: (i) => `day ${dayAt(i)}`, markers});
  return {
    title: `Cost so far this month, day by day${runOut ? ` · ▲ credits run out on day ${runOut}` : ''}`,
    lines: chart.split('\n'),
  };
}

/** Markups the builder's chart tries: every 10% to 100%, further when the plan's own is higher. */
function markupsAround(current: number): number[] {
  const top = Math.max(100, Math.ceil((current * 1.5) / 10) * 10);
  return [...new Set([...Array.from({length: top / 10 + 1}, (_, i) => i * 10), current])].sort(
    (a, b) => a - b,
  );
}

/**
 * The platform builder's chart: margin a month over the bundled population against the markup, if
 * every user stays and after the users BYOK saves enough move to their own key, on the plan as the
 * inputs set it (markup, free tier). The same platformMonth as `vibe-cost platform`.
 */
function platformChart(scenario: Scenario, width: number, height: number, context?: Context): ChartText {
  const loaded = context?.population;
  if (!loaded) return {title: 'Platform margin: no population loaded', lines: []};
  const inputs: SegmentInput[] = loaded.population.segments.map((segment, i) => ({
    segment,
    scenario: buildScenario(loaded.profiles[i] as Profile, scenario.plan, context.book, context.date),
    users: segment.share * loaded.population.users,
  }));
  const options = {keyWorthUsd: context.keyWorthUsd ?? new Money(KEY_WORTH_USD_PER_MONTH)};
  const current = scenario.plan.platform.markupPct.toNumber();
  const now = platformMonth(inputs, options);
  const markups = markupsAround(current);
  const {points: tried, best} = sweepMarkup(inputs, markups, options);
  const points = chartPoints(width);
  const column = (markup: number) =>
    Math.round((markup / (markups[markups.length - 1] as number)) * (points - 1));
  const series = (pick: (r: (typeof tried)[number]['result']) => Money): number[] =>
    Array.from({length: points}, (_, i) => {
      const markup = (i / (points - 1)) * (markups[markups.length - 1] as number);
      const at = tried.reduce((a, b) => (Math.abs(b.value - markup) < Math.abs(a.value - markup) ? b : a));
      return pick(at.result).toNumber();
    });
  const chart = renderLineChart(
    [
      {name: 'if all stay', values: series((r) => r.marginUsd)},
      {name: 'after churn', values: series((r) => r.marginAfterChurnUsd)},
    ],
    {
      width,
      height,
      xLabel: (i) => `${formatNumber((i / (points - 1)) * (markups[markups.length - 1] as number), 0)}%`,
      markers: [
        {at: column(current), label: 'now'},
        ...(best.value !== current ? [{at: column(best.value), label: 'best'}] : []),
      ],
    },
  );
  return {
    title: `Platform margin at ${formatNumber(current)}%: ${boundFigure(now.marginAfterChurnUsd, now.unpriced.marginAfterChurn.bound)}/mo (${formatCount(now.usersLeaving)} of ${plural(now.users, 'user')} leave for BYOK) · best ${formatNumber(best.value)}%: ${boundFigure(best.result.marginAfterChurnUsd, best.result.unpriced.marginAfterChurn.bound)} · ${loaded.population.id}`,
    lines: chart.split('\n'),
  };
}
