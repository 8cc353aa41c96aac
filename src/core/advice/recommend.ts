import {candidateStrategies} from '../routing/candidates.js';
import {simulateMonths} from '../simulation/months.js';
import {displayUsd, Money, shownGap, ZERO} from '../money.js';
import type {PathKind} from '../routing/router.js';
import {monthTasks, type Scenario} from '../simulation/scenario.js';
import {simulateRun, type RunResult} from '../simulation/batch-run.js';
import {keysUsed, newKeys, type Strategy} from '../routing/strategy.js';
import {joinPhrases, phrase, setting, type Phrase} from '../settings.js';
import {perSolvedUsd} from '../solving/solving.js';
import {suggestedLadders} from './ladders.js';

export interface Constraints {
  readonly budgetUsd?: Money;
  /** The user will not manage a provider key. */
  readonly noKey?: boolean;
  /** Providers the user already holds a key for: adding none of those costs them nothing. */
  readonly heldKeys?: readonly string[];
  /** What managing a new key is worth a month to the user; KEY_WORTH_USD_PER_MONTH by default. */
  readonly keyWorthUsd?: Money;
  /** Share of months with blocked tasks the user accepts; DEFAULT_RISK by default. */
  readonly risk?: number;
  /** Rank by the month's bill (every task served), or by cost per solved task (--per solved). */
  readonly per?: 'task' | 'solved';
}

/**
 * What managing a new provider key is worth a month: below this saving, a setup that needs a key
 * the user does not hold yet is not recommended over one that needs none. The article's ten-second
 * guide ("a hobbyist need not bother with BYOK; a daily user should"), made a number.
 */
export const KEY_WORTH_USD_PER_MONTH = 10;

/** Share of months in which tasks are blocked (a credit cliff) that a recommendation may carry. */
export const DEFAULT_RISK = 0.05;

/**
 * Simulated months behind every recommendation: seeded, so the same inputs give the same answer;
 * about 60,000 sampled tasks, and never fewer than 200 months (a 5% risk is judged within ±1.5%).
 */
export const VARIABILITY = {seed: 1, tasks: 60_000, minRuns: 200, maxRuns: 1000} as const;

/**
 * Months to simulate where the recommendation is only a line beside other figures (simulate): only
 * where they can change the pick, a plan whose credits can block tasks. `recommend` always runs them.
 */
export function pickRuns(scenario: Scenario): number {
  return scenario.plan.platform.subscription?.overage.kind === 'blocked' ? variabilityRuns(scenario) : 0;
}

export function variabilityRuns(scenario: Scenario): number {
  return Math.min(
    VARIABILITY.maxRuns,
    Math.max(VARIABILITY.minRuns, Math.round(VARIABILITY.tasks / Math.max(1, monthTasks(scenario)))),
  );
}

/** How a candidate's bill varies from month to month, from the month simulation. */
export interface Variability {
  readonly runs: number;
  readonly seed: number;
  readonly meanUsd: Money;
  readonly p90Usd: Money;
  /** Share of months whose included credits run out (null: no credits on this path). */
  readonly runOutShare: number | null;
  /** Share of months in which the credit cliff blocks tasks. */
  readonly blockedShare: number;
}

export interface Candidate {
  readonly strategy: Strategy;
  readonly month: RunResult;
  /** Why this candidate cannot be recommended; empty when it can. */
  readonly violations: Phrase[];
  /** Things to know even if it is chosen (credits running out mid-month). */
  readonly warnings: string[];
  readonly variability?: Variability;
  /** How far it is from meeting every constraint, for ranking those that do not. */
  readonly shortfall: {
    readonly unserved: number;
    readonly needsKey: boolean;
    readonly overBudgetUsd: Money;
    readonly riskExcess: number;
    /** Ranked per solved task, and what it solves is not known. */
    readonly unknownSolved: boolean;
  };
}

export interface Recommendation {
  readonly path: PathKind | 'hybrid';
  readonly strategy: Strategy;
  readonly monthlyUsd: Money;
  /** Candidates ranked: those that meet every constraint first, cheapest first; then the rest, closest first. */
  readonly ranked: readonly Candidate[];
  /** In plain words, naming the settings that decided (a front end writes how each is set). */
  readonly reasons: readonly Phrase[];
  readonly overBudget: boolean;
  /** No candidate meets every constraint: this is the closest, not a fit. */
  readonly closest: boolean;
  /** False when the pick's month is a lower bound (some tokens have no price). */
  readonly complete: boolean;
  readonly keyWorthUsd: Money;
  readonly risk: number;
  /** What the ranking was by (--per). */
  readonly per: 'task' | 'solved';
}

export function unservedTotal(run: RunResult): number {
  return Object.values(run.unserved).reduce((a, b) => a + b, 0);
}

/** The path a strategy sends its tasks on, or 'hybrid' when it uses more than one. */
function dominantPath(run: RunResult): PathKind | 'hybrid' {
  const used = (Object.entries(run.served) as [PathKind, number][]).filter(([, n]) => n > 0);
  return used.length === 1 ? (used[0] as [PathKind, number])[0] : 'hybrid';
}

/** A share of months as the reasons and the table print it: 0.066 → "6.6%". */
export const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

/** Each strategy's months, simulated together on the same sampled tasks. */
function variabilities(
  scenario: Scenario,
  strategies: readonly Strategy[],
  runs: number,
): Map<string, Variability> {
  const result = simulateMonths(scenario, {runs, seed: VARIABILITY.seed, strategies});
  return new Map(
    result.outcomes.map((o) => [
      o.strategy.id,
      {
        runs,
        seed: VARIABILITY.seed,
        meanUsd: o.totalUsd.div(runs),
        p90Usd: new Money(o.bills.quantile(0.9).toFixed(2)),
        runOutShare: o.credits ? o.credits.monthsRunOut / runs : null,
        blockedShare: o.credits ? o.credits.monthsBlocked / runs : 0,
      },
    ]),
  );
}

/** A month at the profile's pace under every candidate strategy, each task routed by route(). */
function evaluateCandidates(
  scenario: Scenario,
  constraints: Constraints,
  extra: readonly Strategy[],
  runs: number,
): Candidate[] {
  const tasks = monthTasks(scenario);
  const strategies = [...candidateStrategies(scenario), ...extra];
  const spread = runs > 0 ? variabilities(scenario, strategies, runs) : new Map<string, Variability>();
  const risk = constraints.risk ?? DEFAULT_RISK;
  return strategies.map((strategy) => {
    const month = simulateRun(scenario, strategy, tasks);
    const sampled = spread.get(strategy.id);
    // A strategy that never pays the platform has no credits to run out.
    const variability =
      sampled && month.served.platform === 0 && sampled.runOutShare === 0
        ? {...sampled, runOutShare: null}
        : sampled;
    const violations: Phrase[] = [];
    const warnings: string[] = [];
    const unserved = unservedTotal(month);
    if (month.unserved['free-capability'] > 0)
      violations.push(
        phrase`${month.unserved['free-capability']} tasks a month need more than the free tier's ${scenario.plan.free?.capability ?? ''} models`,
      );
    if (month.unserved['free-cap-wait'] > 0)
      violations.push(
        phrase`${month.unserved['free-cap-wait']} tasks a month wait past the free tier's daily cap`,
      );
    if (month.unserved['credits-exhausted'] > 0)
      violations.push(
        phrase`${month.unserved['credits-exhausted']} tasks a month are blocked once the credits run out`,
      );
    if (month.unserved['context-window'] > 0)
      violations.push(
        phrase`${month.unserved['context-window']} tasks a month send prompts larger than their model's context window`,
      );
    if (month.unserved['no-path'] > 0)
      violations.push(phrase`${month.unserved['no-path']} tasks a month have no path to run on`);
    const unknownSolved = constraints.per === 'solved' && perSolvedUsd(month) === undefined;
    if (unknownSolved)
      violations.push(
        month.solving.unknown > 0
          ? phrase`${month.solving.unknown} tasks a month on models with no solve rate, solved or not unknown (${modelList(month.solving.unknownModels)}; ${setting('solveRates')})`
          : phrase`solves no task`,
      );
    const needsKey = Boolean(constraints.noKey && keysUsed(strategy).length > 0);
    if (needsKey) violations.push(phrase`needs a provider key (${setting('noKey')})`);
    const overBudgetUsd =
      constraints.budgetUsd && month.totalUsd.gt(constraints.budgetUsd)
        ? month.totalUsd.sub(constraints.budgetUsd)
        : ZERO;
    if (overBudgetUsd.gt(0) && unserved === 0)
      violations.push(
        phrase`over the budget of ${usd(constraints.budgetUsd as Money)} a month by ${usd(overBudgetUsd)}`,
      );
    const riskExcess = variability ? Math.max(0, variability.blockedShare - risk) : 0;
    if (riskExcess > 0 && month.unserved['credits-exhausted'] === 0) {
      violations.push(
        phrase`tasks blocked by the credit cliff in ${percent(variability?.blockedShare ?? 0)} of simulated months (you accept ${percent(risk)}: ${setting('risk')})`,
      );
    }
    if (!month.complete) warnings.push('some tokens have no price: the cost is a lower bound');
    if (month.belowNeed > 0)
      warnings.push(`${month.belowNeed} tasks a month run on a model below the capability they need`);
    const runOut = month.credits[0]?.runOutDay;
    if (runOut)
      warnings.push(
        `the included credits run out on working day ${runOut} of ${scenario.profile.workingDaysPerMonth}`,
      );
    else if (variability?.runOutShare)
      warnings.push(
        `the included credits run out in ${percent(variability.runOutShare)} of simulated months`,
      );
    return {
      strategy,
      month,
      violations,
      warnings,
      ...(variability ? {variability} : {}),
      shortfall: {unserved, needsKey, overBudgetUsd, riskExcess, unknownSolved},
    };
  });
}

/** A candidate's cost per solved task, for ranking: those whose solved tasks are unknown last. */
function solvedCost(c: Candidate): Money {
  return perSolvedUsd(c.month) ?? new Money(Infinity);
}

/**
 * Those that meet every constraint first, cheapest first (per month, or per solved task); then the
 * rest, closest to meeting them first.
 */
function byFit(a: Candidate, b: Candidate, per: 'task' | 'solved' = 'task'): number {
  const fitA = a.violations.length === 0;
  const fitB = b.violations.length === 0;
  if (fitA !== fitB) return fitA ? -1 : 1;
  if (!fitA) {
    const sa = a.shortfall;
    const sb = b.shortfall;
    const closer =
      sa.unserved - sb.unserved ||
      Number(sa.needsKey) - Number(sb.needsKey) ||
      sa.riskExcess - sb.riskExcess ||
      Number(sa.unknownSolved) - Number(sb.unknownSolved) ||
      sa.overBudgetUsd.cmp(sb.overBudgetUsd);
    if (closer !== 0) return closer;
  }
  const cheaper = per === 'solved' ? solvedCost(a).cmp(solvedCost(b)) : 0;
  return cheaper || a.month.totalUsd.cmp(b.month.totalUsd) || a.warnings.length - b.warnings.length;
}

/**
 * The recommendation. `runs` months are simulated (seeded) beside the deterministic month, for the
 * spread of each bill and the months a credit cliff blocks tasks; 0 leaves that out (the dashboard,
 * which must answer within a keypress).
 */
export function recommend(
  scenario: Scenario,
  constraints: Constraints = {},
  extra: readonly Strategy[] = [],
  runs: number = variabilityRuns(scenario),
): Recommendation {
  const keyWorthUsd = constraints.keyWorthUsd ?? new Money(KEY_WORTH_USD_PER_MONTH);
  const per = constraints.per ?? 'task';
  const ladders = per === 'solved' ? suggestedLadders(scenario) : [];
  const ranked = evaluateCandidates(scenario, constraints, [...extra, ...ladders], runs).sort((a, b) =>
    byFit(a, b, per),
  );
  const cheapest = ranked[0] as Candidate;
  const held = constraints.heldKeys ?? [];
  const keyless = ranked.find((c) => c.violations.length === 0 && newKeys(c.strategy, held).length === 0);
  const best =
    cheapest.violations.length === 0 &&
    newKeys(cheapest.strategy, held).length > 0 &&
    keyless &&
    monthlySaving(cheapest, keyless, per).lt(keyWorthUsd)
      ? keyless
      : cheapest;
  if (best !== cheapest) {
    ranked.splice(ranked.indexOf(best), 1);
    ranked.unshift(best);
  }
  const overBudget = Boolean(constraints.budgetUsd && best.month.totalUsd.gt(constraints.budgetUsd));
  const closest = best.violations.length > 0;
  return {
    path: dominantPath(best.month),
    strategy: best.strategy,
    monthlyUsd: best.month.totalUsd,
    ranked,
    reasons: explain(scenario, best, ranked, constraints, keyWorthUsd),
    overBudget,
    closest,
    complete: best.month.complete,
    keyWorthUsd,
    risk: constraints.risk ?? DEFAULT_RISK,
    per,
  };
}

const usd = (m: Money) => displayUsd(m);

/**
 * What `best` saves a month over `other`: the difference in bills, or ranked per solved task, what
 * best's solved tasks would cost at other's price per solved task less best's bill.
 */
function monthlySaving(best: Candidate, other: Candidate, per: 'task' | 'solved'): Money {
  const otherPerSolved = perSolvedUsd(other.month);
  if (per === 'task' || !otherPerSolved) return other.month.totalUsd.sub(best.month.totalUsd);
  return otherPerSolved.mul(best.month.solving.solved).sub(best.month.totalUsd);
}

/** A candidate's month as the reasons print it: a lower bound (≥) where some tokens have no price. */
const costOf = (c: Candidate) => `${c.month.complete ? '' : '≥'}${usd(c.month.totalUsd)}`;

/** Models named in a reason: the first, and how many more. */
function modelList(ids: readonly string[]): string {
  return ids.length <= 1 ? (ids[0] ?? '') : `${ids[0]} and ${ids.length - 1} more`;
}

/** A candidate's solved tasks a month as the reasons print them. */
function solvedOf(c: Candidate): string {
  return `${c.month.solving.solved} of ${c.month.tasks}`;
}

/** Ranked per month, what the pick solves: shown beside its bill, not deciding it. */
function solvedSentence(best: Candidate): Phrase {
  const perSolved = perSolvedUsd(best.month);
  const s = best.month.solving;
  if (!perSolved)
    return s.unknown > 0
      ? phrase`Whether ${s.unknown} of its ${best.month.tasks} tasks a month are solved is not known: no solve rate for ${modelList(s.unknownModels)} (${setting('solveRates')}).`
      : phrase`It solves none of its tasks at the solve rates given.`;
  return phrase`At first-attempt benchmark solve rates it solves about ${solvedOf(best)} tasks a month: ${usd(perSolved)} per solved task (${setting('per')} ranks by that).`;
}

/** Ranked per solved task: the pick against the runner-up, and whether an escalation ladder pays. */
function perSolvedReasons(
  pace: string,
  best: Candidate,
  runnerUp: Candidate | undefined,
  ranked: readonly Candidate[],
): Phrase[] {
  const perSolved = perSolvedUsd(best.month) as Money;
  const head = `At ${pace}, "${best.strategy.label}" costs ${costOf(best)} a month and solves about ${solvedOf(best)} tasks: ${usd(perSolved)} per solved task`;
  const other = runnerUp && perSolvedUsd(runnerUp.month);
  const gap = other && shownGap(other, perSolved);
  const reasons: Phrase[] = [
    runnerUp && other && gap?.gt(0)
      ? phrase`${head}, ${usd(gap)} less than the runner-up "${runnerUp.strategy.label}" (${usd(other)}, solving ${solvedOf(runnerUp)}).`
      : runnerUp
        ? phrase`${head}.`
        : phrase`${head}; it is the only option that meets every constraint.`,
  ];
  const ladder = best.strategy.ladder;
  const alone = ranked.find(
    (c) => c.strategy.id === (best.strategy.id.endsWith('>byok') ? 'all-byok' : 'all-platform'),
  );
  const aloneCost = alone && perSolvedUsd(alone.month);
  if (ladder && best.strategy.id.startsWith('ladder:') && alone && aloneCost)
    reasons.push(
      phrase`Escalation pays here: with ${ladder.first?.displayName ?? ladder.first?.id ?? 'the cheaper model'} first and only its failures sent on, it solves ${best.month.solving.solved} tasks a month against ${alone.month.solving.solved} for "${alone.strategy.label}" alone, at ${usd(perSolved)} per solved task against ${usd(aloneCost)}; the failed attempts are paid for (${best.month.solving.attempts} attempts for ${best.month.tasks} tasks).`,
    );
  return reasons;
}

/** The reasons in plain words, with the user's own numbers: each one true of the candidate table. */
function explain(
  scenario: Scenario,
  best: Candidate,
  ranked: readonly Candidate[],
  constraints: Constraints,
  keyWorthUsd: Money,
): Phrase[] {
  const {profile} = scenario;
  const reasons: Phrase[] = [];
  const pace = `${profile.tasksPerDay} tasks a day on ${profile.workingDaysPerMonth} days a month`;
  const held = constraints.heldKeys ?? [];
  const keyRule = phrase`a key is worth managing from ${usd(keyWorthUsd)} a month saved (${setting('keyWorth')})`;
  const bestNeedsKey = newKeys(best.strategy, held).length > 0;
  if (best.violations.length > 0) {
    reasons.push(
      phrase`No option meets every constraint. Closest: "${best.strategy.label}" (${costOf(best)} a month), which breaks them least: ${joinPhrases(best.violations, '; ')}.`,
    );
    reasons.push(phrase`At ${pace}, "${best.strategy.label}" costs ${costOf(best)} a month.`);
  } else {
    const runnerUp = ranked.find((c) => c !== best && c.violations.length === 0);
    if (constraints.per === 'solved') {
      reasons.push(...perSolvedReasons(pace, best, runnerUp, ranked));
    } else if (!runnerUp) {
      reasons.push(
        phrase`At ${pace}, "${best.strategy.label}" costs ${costOf(best)} a month; it is the only option that meets every constraint.`,
      );
    } else {
      const saving = runnerUp.month.totalUsd.sub(best.month.totalUsd);
      const shown = shownGap(runnerUp.month.totalUsd, best.month.totalUsd);
      // The gap between two lower bounds is not known: then the runner-up is only named.
      const known = best.month.complete && runnerUp.month.complete;
      const versus = !known ? 'beside' : shown.isZero() ? 'the same as' : `${usd(shown)} less than`;
      reasons.push(
        saving.isNegative()
          ? phrase`At ${pace}, "${best.strategy.label}" costs ${costOf(best)} a month.`
          : phrase`At ${pace}, "${best.strategy.label}" costs ${costOf(best)} a month, ${versus} the runner-up "${runnerUp.strategy.label}" (${costOf(runnerUp)}).`,
      );
    }
  }
  if (constraints.per !== 'solved' && scenario.solveRates) reasons.push(solvedSentence(best));
  if (best.variability) {
    const v = best.variability;
    const credits = !v.runOutShare
      ? ''
      : `; the included credits run out in ${percent(v.runOutShare)} of them${v.blockedShare > 0 ? ` and block tasks in ${percent(v.blockedShare)}` : ''}`;
    reasons.push(
      phrase`Over ${v.runs} simulated months (seed ${v.seed}) it averages ${usd(v.meanUsd)} a month, ${usd(v.p90Usd)} or less in 9 months of 10${credits}.`,
    );
  }
  for (const c of ranked) {
    if (
      c === best ||
      !c.month.totalUsd.lt(best.month.totalUsd) ||
      c.shortfall.riskExcess === 0 ||
      !c.variability
    )
      continue;
    reasons.push(
      phrase`"${c.strategy.label}" (${costOf(c)} in a typical month) is set aside: the credit cliff blocks tasks in ${percent(c.variability.blockedShare)} of simulated months, more than the ${percent(constraints.risk ?? DEFAULT_RISK)} you accept (${setting('risk')}).`,
    );
  }
  const byok = ranked.find((c) => c.strategy.id === 'all-byok');
  const platform = ranked.find((c) => c.strategy.id === 'all-platform');
  if (byok && platform && unservedTotal(byok.month) === 0 && unservedTotal(platform.month) === 0) {
    const gap = platform.month.totalUsd.sub(byok.month.totalUsd);
    const shown = shownGap(platform.month.totalUsd, byok.month.totalUsd);
    // The article's ten-second guide: a hobbyist need not bother with BYOK; a daily user should.
    if (gap.gt(0) && gap.lt(keyWorthUsd) && bestNeedsKey && best.violations.length === 0) {
      reasons.push(
        phrase`Your own key saves only ${usd(shown)} a month over platform-paid at this pace, under the ${usd(keyWorthUsd)} a month that makes a key worth managing (${setting('keyWorth')}); it is recommended because no option without a new key meets every constraint.`,
      );
    } else if (gap.gt(0) && gap.lt(keyWorthUsd)) {
      reasons.push(
        phrase`Your own key would save only ${usd(shown)} a month over platform-paid at this pace: not worth managing a key unless you already have one; ${keyRule}.`,
      );
    } else if (gap.gte(keyWorthUsd)) {
      reasons.push(
        phrase`Your own key saves ${usd(shown)} a month (${usd(shown.mul(12))} a year) over platform-paid at this pace, at least the ${usd(keyWorthUsd)} a month that makes a key worth managing (${setting('keyWorth')}): BYOK is a predictable provider invoice instead of a meter to babysit.`,
      );
    } else if (gap.lt(0)) {
      reasons.push(
        phrase`Platform-paid is ${usd(shown.neg())} a month cheaper than your own key here: the plan's included usage is worth more than its fee at this pace.`,
      );
    }
  }
  if (best.violations.length === 0 && newKeys(best.strategy, held).length === 0) {
    const keyed = ranked.find(
      (c) =>
        c.violations.length === 0 &&
        newKeys(c.strategy, held).length > 0 &&
        c.month.totalUsd.lte(best.month.totalUsd),
    );
    if (keyed) {
      const gap = shownGap(best.month.totalUsd, keyed.month.totalUsd);
      const would = gap.isZero() ? 'would cost the same' : `would be ${usd(gap)} a month cheaper`;
      reasons.unshift(
        phrase`"${keyed.strategy.label}" ${would}, but needs a key you do not hold (${newKeys(keyed.strategy, held).join(', ')}): under ${usd(keyWorthUsd)} a month, not worth managing one (${setting('keyWorth')}).`,
      );
    }
  }
  if (ranked.some((c) => c.shortfall.needsKey))
    reasons.push(phrase`Options that need a provider key were set aside (${setting('noKey')}).`);
  for (const warning of best.warnings) reasons.push(phrase`Note: ${warning}.`);
  return reasons;
}
