import {classRoutes} from '../core/routing/class-routes.js';
import {keysUsed, newKeys} from '../core/routing/strategy.js';
import {shownGap} from '../core/money.js';
import {percent, type Candidate, type Recommendation} from '../core/advice/recommend.js';
import {totalServed, type Route} from '../core/routing/router.js';
import type {Scenario} from '../core/simulation/scenario.js';
import type {SheetSummary} from '../core/pricing/model-price.js';
import {ENV_KEYS} from '../core/routing/provider-env.js';
import {formatCount, formatUsd, plural, unitUsdDecimals} from './format.js';
import {cliText} from './setting-flags.js';
import {perSolvedUsd} from '../core/solving/solving.js';
import {recommendationJson, scenarioJson, SCHEMA_VERSION, usd} from './json.js';
import {renderMarkdownTable, renderTable, type Column} from './table.js';
import type {Style} from './style.js';
import {wrapProse} from './text-width.js';
import {recommendedUsd} from './recommendation-sentences.js';

function describeRoute(r: Route): string {
  if (r.path === 'unserved')
    return r.reason === 'free-cap-wait'
      ? 'waits for tomorrow'
      : r.reason === 'free-capability'
        ? 'cannot run (beyond the free models)'
        : r.reason === 'context-window'
          ? "cannot run (its prompts are larger than the model's context window)"
          : 'no path';
  if (r.path === 'byok') return `your ${r.model.provider} key, ${r.model.id}`;
  if (r.path === 'platform') return `platform-paid, ${r.model.id}`;
  return `free tier (${r.model.id} today)`;
}

export interface RecommendView {
  readonly rec: Recommendation;
  readonly scenario: Scenario;
  readonly heldKeys: readonly string[];
  readonly current?: Candidate;
}

function settingsLines(scenario: Scenario, rec: Recommendation, heldKeys: readonly string[]): string[] {
  const toAdd = newKeys(rec.strategy, heldKeys);
  const held = keysUsed(rec.strategy).filter((k) => heldKeys.includes(k));
  const lines = [
    `Keys to add: ${toAdd.length ? toAdd.map((k) => `${k}${ENV_KEYS[k]?.[0] ? ` (${ENV_KEYS[k]?.[0]})` : ''}`).join(', ') : 'none'}${held.length ? `; already held: ${held.join(', ')}` : ''}`,
  ];
  for (const c of classRoutes(scenario, rec.strategy)) {
    const first = describeRoute(c.first);
    const after = describeRoute(c.afterCap);
    const failures = c.onFailure.map((r) => `on failure → ${describeRoute(r)}`);
    lines.push(
      `${c.className} (${Math.round(c.share * 100)}% of tasks, needs ${c.needs}) → ${first}${after !== first ? `; past the daily cap → ${after}` : ''}${failures.length ? `; ${failures.join('; ')}` : ''}`,
    );
  }
  return lines;
}

const COLUMNS: Column[] = [
  {header: 'Option', fit: 'wrap'},
  {header: 'Per month', align: 'right'},
  {header: 'Per solved', align: 'right', drop: 1},
  {header: 'p90', align: 'right'},
  {header: 'Out / blocked', align: 'right'},
  {header: 'Served', align: 'right'},
  {header: 'Why not / note', fit: 'wrap'},
];

/** Ranked per solved task, that figure leads, with the tasks solved beside it; it is never left out. */
const SOLVED_COLUMNS: Column[] = [
  {header: 'Option', fit: 'wrap'},
  {header: 'Per solved', align: 'right'},
  {header: 'Solved', align: 'right'},
  {header: 'Per month', align: 'right'},
  {header: 'p90', align: 'right'},
  {header: 'Served', align: 'right'},
  {header: 'Why not / note', fit: 'wrap'},
];

function rows(rec: Recommendation): string[][] {
  const perSolved = rec.ranked.map((c) => perSolvedUsd(c.month));
  const decimals = unitUsdDecimals(perSolved);
  return rec.ranked.map((c, i) => {
    const served = totalServed(c.month.served);
    const v = c.variability;
    const lower = c.month.complete ? '' : '≥';
    const cost = perSolved[i];
    const solvedCost = cost
      ? `${lower}${formatUsd(cost, decimals)}`
      : c.month.solving.unknown > 0
        ? '?'
        : '-';
    const mark = `${c === rec.ranked[0] ? (rec.closest ? '≈ ' : '★ ') : '  '}${c.strategy.label}`;
    const month = `${lower}${formatUsd(c.month.totalUsd)}`;
    const p90 = v ? `${lower}${formatUsd(v.p90Usd)}` : '-';
    const why = [...c.violations, ...c.warnings].join('; ');
    const servedOf = `${formatCount(served)}/${formatCount(c.month.tasks)}`;
    if (rec.per === 'solved')
      return [mark, solvedCost, `${formatCount(c.month.solving.solved)}`, month, p90, servedOf, why];
    return [
      mark,
      month,
      solvedCost,
      p90,
      v && v.runOutShare !== null ? `${percent(v.runOutShare)} / ${percent(v.blockedShare)}` : '-',
      servedOf,
      why,
    ];
  });
}

const columnsOf = (rec: Recommendation) => (rec.per === 'solved' ? SOLVED_COLUMNS : COLUMNS);

/** The headline: what to do, or, when nothing meets every constraint, the closest, said so. */
function headline(rec: Recommendation): string {
  return rec.closest ? 'Closest (no option meets every constraint)' : 'Do this';
}

function savingsLine(view: RecommendView): string[] {
  if (!view.current) return [];
  const saving = shownGap(view.current.month.totalUsd, view.rec.monthlyUsd);
  if (view.current.strategy.id === view.rec.strategy.id)
    return [`Your current settings ("${view.current.strategy.label}") are already the recommendation.`];
  return [
    `Against your current settings ("${view.current.strategy.label}", ${formatUsd(view.current.month.totalUsd)} a month): ${saving.gte(0) ? `saves ${formatUsd(saving)} a month` : `costs ${formatUsd(saving.neg())} more a month, but serves what the current settings cannot`}.`,
  ];
}

export function renderRecommendTable(view: RecommendView, width: number, style: Style): string {
  const {rec, scenario} = view;
  const {profile, plan} = scenario;
  const prose = (lines: readonly string[]) => lines.flatMap((l) => wrapProse(l, width));
  return [
    ...prose([
      `Recommendation · profile ${profile.id} (${plural(profile.tasksPerDay, 'task/day', 'tasks/day')}, ${plural(profile.workingDaysPerMonth, 'day/month', 'days/month')}) · plan ${plan.id}`,
    ]).map(style.dim),
    '',
    ...prose([
      `${headline(rec)}: ${style.good(style.bold(rec.strategy.label))} — ${recommendedUsd(rec)} a month${rec.overBudget ? style.warn(' (over your budget)') : ''}`,
    ]),
    ...prose(settingsLines(scenario, rec, view.heldKeys).map((l) => `  ${l}`)),
    ...prose(savingsLine(view)),
    '',
    'Why:',
    ...prose(rec.reasons.map((r) => `  - ${cliText(r)}`)),
    '',
    ...prose([
      `Every option, a month at this pace${rec.ranked[0]?.variability ? ` (p90: the bill 9 months in 10 stay under; out / blocked: the share of months the credits run out / block tasks; ${rec.ranked[0].variability.runs} simulated months, seed ${rec.ranked[0].variability.seed})` : ''}`,
    ]).map(style.dim),
    renderTable(columnsOf(rec), rows(rec), width),
    '',
  ].join('\n');
}

export function renderRecommendMarkdown(view: RecommendView): string {
  const {rec, scenario} = view;
  return [
    '# vibe-cost recommend',
    '',
    `**${headline(rec)}:** ${rec.strategy.label} — ${recommendedUsd(rec)} a month`,
    '',
    ...settingsLines(scenario, rec, view.heldKeys).map((l) => `- ${l}`),
    ...savingsLine(view).map((l) => `- ${l}`),
    '',
    '## Why',
    '',
    ...rec.reasons.map((r) => `- ${cliText(r)}`),
    '',
    '## Every option',
    '',
    renderMarkdownTable(columnsOf(rec), rows(rec)),
    '',
  ].join('\n');
}

export function recommendJson(view: RecommendView, prices: readonly SheetSummary[]) {
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'recommend',
    ...scenarioJson(view.scenario, prices),
    recommendation: recommendationJson(view.rec),
    keysToAdd: newKeys(view.rec.strategy, view.heldKeys),
    keysHeld: view.heldKeys,
    perClass: classRoutes(view.scenario, view.rec.strategy).map((c) => ({
      class: c.className,
      share: c.share,
      needs: c.needs,
      path: c.first.path,
      model: c.first.path === 'unserved' ? null : c.first.model.id,
      pathPastFreeCap: c.afterCap.path,
    })),
    current: view.current
      ? {
          strategy: view.current.strategy.id,
          monthlyUsd: usd(view.current.month.totalUsd),
          savingsUsd: usd(view.current.month.totalUsd.sub(view.rec.monthlyUsd)),
        }
      : null,
  };
}
