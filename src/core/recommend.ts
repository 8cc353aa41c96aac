import {candidateStrategies} from './candidates.js';
import {displayUsd, Money} from './money.js';
import type {PathKind} from './router.js';
import {monthTasks, type Scenario} from './scenario.js';
import {simulateRun, type RunResult} from './simulate.js';
import {keysUsed, newKeys, type Strategy} from './strategy.js';

export interface Constraints {
  readonly budgetUsd?: Money;
  /** The user will not manage a provider key. */
  readonly noKey?: boolean;
  /** Providers the user already holds a key for: adding none of those costs them nothing. */
  readonly heldKeys?: readonly string[];
}

/**
 * What managing a new provider key is worth a month: below this saving, a setup that needs a key
 * the user does not hold yet is not recommended over one that needs none. The article's ten-second
 * guide ("a hobbyist need not bother with BYOK; a daily user should"), made a number.
 */
export const KEY_WORTH_USD_PER_MONTH = 10;



export interface Candidate {
  readonly strategy: Strategy;
  readonly month: RunResult;
  /** Why this candidate cannot be recommended; empty when it can. */
  readonly violations: string[];
  /** Things to know even if it is chosen (credits running out mid-month). */
  readonly warnings: string[];
}

export interface Recommendation {
  readonly path: PathKind | 'hybrid';
  readonly strategy: Strategy;
  readonly monthlyUsd: Money;
  /** Candidates ranked: those that meet every constraint first, cheapest first. */
  readonly ranked: readonly Candidate[];
  readonly reasons: readonly string[];
  readonly overBudget: boolean;
}

export function unservedTotal(run: RunResult): number {
  return Object.values(run.unserved).reduce((a, b) => a + b, 0);
}

/** The path a strategy sends its tasks on, or 'hybrid' when it uses more than one. */
function dominantPath(run: RunResult): PathKind | 'hybrid' {
  const used = (Object.entries(run.served) as [PathKind, number][]).filter(([, n]) => n > 0);
  return used.length === 1 ? (used[0] as [PathKind, number])[0] : 'hybrid';
}

/** A month at the profile's pace under every candidate strategy, each task routed by route(). */
function evaluateCandidates(scenario: Scenario, constraints: Constraints, extra: readonly Strategy[] = []): Candidate[] {
  const tasks = monthTasks(scenario);
  return [...candidateStrategies(scenario), ...extra].map((strategy) => {
    const month = simulateRun(scenario, strategy, tasks);
    const violations: string[] = [];
    const warnings: string[] = [];
    const unserved = unservedTotal(month);
    if (month.unserved['free-capability'] > 0) violations.push(`${month.unserved['free-capability']} tasks a month need more than the free tier's ${scenario.plan.free?.capability ?? ''} models`);
    if (month.unserved['free-cap-wait'] > 0) violations.push(`${month.unserved['free-cap-wait']} tasks a month wait past the free tier's daily cap`);
    if (month.unserved['credits-exhausted'] > 0) violations.push(`${month.unserved['credits-exhausted']} tasks a month are blocked once the credits run out`);
    if (month.unserved['no-path'] > 0) violations.push(`${month.unserved['no-path']} tasks a month have no path to run on`);
    if (constraints.noKey && keysUsed(strategy).length > 0) violations.push('needs a provider key (--no-key)');
    if (constraints.budgetUsd && month.totalUsd.gt(constraints.budgetUsd) && unserved === 0) violations.push(`over the budget of ${usd(constraints.budgetUsd)} a month`);
    if (!month.complete) warnings.push('some tokens have no price: the cost is a lower bound');
    if (month.belowNeed > 0) warnings.push(`${month.belowNeed} tasks a month run on a model below the capability they need`);
    const runOut = month.credits[0]?.runOutDay;
    if (runOut) warnings.push(`the included credits run out on working day ${runOut} of ${scenario.profile.workingDaysPerMonth}`);
    return {strategy, month, violations, warnings};
  });
}

export function recommend(scenario: Scenario, constraints: Constraints = {}, extra: readonly Strategy[] = []): Recommendation {
  const candidates = evaluateCandidates(scenario, constraints, extra);
  const ranked = [...candidates].sort(
    (a, b) =>
      Number(a.violations.length > 0) - Number(b.violations.length > 0) ||
      unservedTotal(a.month) - unservedTotal(b.month) ||
      a.month.totalUsd.cmp(b.month.totalUsd) ||
      a.warnings.length - b.warnings.length,
  );
  const cheapest = ranked[0] as Candidate;
  const held = constraints.heldKeys ?? [];
  const keyless = ranked.find((c) => c.violations.length === 0 && newKeys(c.strategy, held).length === 0);
  const best =
    cheapest.violations.length === 0 && newKeys(cheapest.strategy, held).length > 0 && keyless && keyless.month.totalUsd.sub(cheapest.month.totalUsd).lt(KEY_WORTH_USD_PER_MONTH)
      ? keyless
      : cheapest;
  if (best !== cheapest) {
    ranked.splice(ranked.indexOf(best), 1);
    ranked.unshift(best);
  }
  const overBudget = Boolean(constraints.budgetUsd && best.month.totalUsd.gt(constraints.budgetUsd));
  return {
    path: dominantPath(best.month),
    strategy: best.strategy,
    monthlyUsd: best.month.totalUsd,
    ranked,
    reasons: explain(scenario, best, ranked, constraints),
    overBudget,
  };
}

const usd = (m: Money) => displayUsd(m);

/** The reasons in plain words, with the user's own numbers. */
function explain(scenario: Scenario, best: Candidate, ranked: readonly Candidate[], constraints: Constraints): string[] {
  const {profile} = scenario;
  const reasons: string[] = [];
  const pace = `${profile.tasksPerDay} tasks a day on ${profile.workingDaysPerMonth} days a month`;
  if (best.violations.length > 0) {
    reasons.push(`No option meets every constraint; the least bad: ${best.violations.join('; ')}.`);
  }
  const runnerUp = ranked.find((c) => c !== best && c.violations.length === 0);
  if (runnerUp) {
    const saving = runnerUp.month.totalUsd.sub(best.month.totalUsd);
    const versus = saving.isZero() ? 'the same as' : `${usd(saving)} less than`;
    reasons.push(
      saving.isNegative()
        ? `At ${pace}, "${best.strategy.label}" costs ${usd(best.month.totalUsd)} a month.`
        : `At ${pace}, "${best.strategy.label}" costs ${usd(best.month.totalUsd)} a month, ${versus} the runner-up "${runnerUp.strategy.label}" (${usd(runnerUp.month.totalUsd)}).`,
    );
  } else {
    reasons.push(`At ${pace}, "${best.strategy.label}" costs ${usd(best.month.totalUsd)} a month; it is the only option that serves every task.`);
  }
  const byok = ranked.find((c) => c.strategy.id === 'all-byok');
  const platform = ranked.find((c) => c.strategy.id === 'all-platform');
  if (byok && platform && unservedTotal(byok.month) === 0 && unservedTotal(platform.month) === 0) {
    const gap = platform.month.totalUsd.sub(byok.month.totalUsd);
    // The article's ten-second guide: a hobbyist need not bother with BYOK; a daily user should.
    if (gap.gt(0) && gap.lt(10)) {
      reasons.push(`Your own key would save only ${usd(gap)} a month over platform-paid at this pace: not worth managing a key unless you already have one.`);
    } else if (gap.gte(10)) {
      reasons.push(`Your own key saves ${usd(gap)} a month (${usd(gap.mul(12))} a year) over platform-paid at this pace: at daily use, BYOK is a predictable provider invoice instead of a meter to babysit.`);
    } else if (gap.lt(0)) {
      reasons.push(`Platform-paid is ${usd(gap.neg())} a month cheaper than your own key here: the plan's included usage is worth more than its fee at this pace.`);
    }
  }
  const second = ranked[1];
  if (second && newKeys(best.strategy, constraints.heldKeys).length === 0 && newKeys(second.strategy, constraints.heldKeys).length > 0 && second.violations.length === 0 && second.month.totalUsd.lte(best.month.totalUsd)) {
    const gap = best.month.totalUsd.sub(second.month.totalUsd);
    const would = gap.isZero() ? 'would cost the same' : `would be ${usd(gap)} a month cheaper`;
    reasons.unshift(`"${second.strategy.label}" ${would}, but needs a key you do not hold (${newKeys(second.strategy, constraints.heldKeys).join(', ')}): under ${usd(new Money(KEY_WORTH_USD_PER_MONTH))} a month, not worth managing one.`);
  }
  if (constraints.noKey) reasons.push('Options that need a provider key were set aside (--no-key).');
  for (const warning of best.warnings) reasons.push(`Note: ${warning}.`);
  return reasons;
}
