import type {Money} from '../core/money.js';
import type {Recommendation} from '../core/advice/recommend.js';
import type {RunResult} from '../core/simulation/batch-run.js';
import {totalServed, type AppSettings} from '../core/routing/router.js';
import type {Strategy} from '../core/routing/strategy.js';
import type {Scenario} from '../core/simulation/scenario.js';
import type {SheetSummary} from '../core/pricing/model-price.js';
import {cliText} from './setting-flags.js';
import {perSolvedUsd, unsolved} from '../core/solving/solving.js';
import type {Ladder} from '../core/solving/attempts.js';

/** Version of every JSON document vibe-cost writes; bumped when a field changes meaning or goes away. */
export const SCHEMA_VERSION = 3;

/** Money goes into JSON as an exact decimal string, never a float. */
export const usd = (m: Money): string => m.toFixed();

function settingsJson(s: AppSettings) {
  return {
    keys: [...s.keys].sort(),
    platformProviders: [...s.platformProviders].sort(),
    freeTier: s.freeTier,
    onFreeLimit: s.onFreeLimit,
  };
}

export function strategyJson(s: Strategy) {
  return {
    id: s.id,
    label: s.label,
    settings: settingsJson(s.settings),
    ...(s.perClass
      ? {perClass: Object.fromEntries(Object.entries(s.perClass).map(([k, v]) => [k, settingsJson(v)]))}
      : {}),
    ...(s.ladder ? {attempts: ladderJson(s.ladder)} : {}),
  };
}

function ladderJson(ladder: Ladder) {
  return {
    retries: ladder.retries,
    first: ladder.first?.id ?? 'own',
    escalateTo: ladder.escalateTo.map((m) => (m === 'own' ? 'own' : m.id)),
  };
}

/** A run in solved tasks: beside its cost per task, what it cost per attempt and per solved task. */
export function solvingJson(run: RunResult) {
  const perSolved = perSolvedUsd(run);
  const {attempts} = run.solving;
  return {
    attempts,
    solved: run.solving.solved,
    unsolved: unsolved(run.tasks, run.solving),
    unknown: run.solving.unknown,
    unknownModels: run.solving.unknownModels,
    stoppedWithoutPath: run.solving.stopped,
    perAttemptUsd: attempts > 0 ? usd(run.totalUsd.div(attempts).toDecimalPlaces(10)) : null,
    perSolvedUsd: perSolved ? usd(perSolved.toDecimalPlaces(10)) : null,
  };
}

export function runJson(run: RunResult) {
  const served = totalServed(run.served);
  return {
    strategy: run.strategy.id,
    totalUsd: usd(run.totalUsd),
    perTaskUsd: served > 0 ? usd(run.totalUsd.div(served).toDecimalPlaces(10)) : null,
    complete: run.complete,
    tasks: run.tasks,
    days: run.days,
    served: run.served,
    unserved: run.unserved,
    charges: Object.fromEntries(Object.entries(run.charges).map(([k, v]) => [k, usd(v)])),
    solving: solvingJson(run),
    lines: run.lines.map((l) => ({
      path: l.path,
      model: l.model,
      tier: l.tier,
      tasks: l.tasks,
      attempts: l.attempts,
      requests: l.requests,
      tokens: l.tokens,
      listUsd: usd(l.listUsd),
      missingPrices: l.missing,
    })),
    credits: run.credits.map((c) => ({
      month: c.month,
      usedCredits: usd(c.used),
      runOutDay: c.runOutDay,
      packsBought: c.packsBought,
    })),
  };
}

export function recommendationJson(rec: Recommendation) {
  return {
    path: rec.path,
    strategy: strategyJson(rec.strategy),
    monthlyUsd: usd(rec.monthlyUsd),
    overBudget: rec.overBudget,
    closest: rec.closest,
    keyWorthUsd: usd(rec.keyWorthUsd),
    risk: rec.risk,
    per: rec.per,
    reasons: rec.reasons.map(cliText),
    ranked: rec.ranked.map((c) => ({
      strategy: c.strategy.id,
      label: c.strategy.label,
      monthlyUsd: usd(c.month.totalUsd),
      ...(c.strategy.ladder ? {attempts: ladderJson(c.strategy.ladder)} : {}),
      solving: solvingJson(c.month),
      complete: c.month.complete,
      violations: c.violations.map(cliText),
      warnings: c.warnings,
      variability: c.variability
        ? {
            runs: c.variability.runs,
            seed: c.variability.seed,
            meanUsd: usd(c.variability.meanUsd),
            p90Usd: usd(c.variability.p90Usd),
            runOutShare: c.variability.runOutShare,
            blockedShare: c.variability.blockedShare,
          }
        : null,
    })),
  };
}

export function scenarioJson(scenario: Scenario, prices: readonly SheetSummary[]) {
  const {profile, plan} = scenario;
  return {
    profile: {
      id: profile.id,
      origin: profile.origin,
      tasksPerDay: profile.tasksPerDay,
      workingDaysPerMonth: profile.workingDaysPerMonth,
      classes: scenario.classes.map((c) => ({
        name: c.name,
        share: c.share,
        needs: c.needs,
        model: c.resolvedModel.id,
        requestsPerTask: c.requestsPerTask,
        tokensPerTask: c.tokens,
      })),
    },
    plan: {
      id: plan.id,
      name: plan.name,
      origin: plan.origin,
      asOf: plan.asOf,
      markupPct: plan.platform.markupPct.toString(),
    },
    prices: prices.map((p) => ({origin: p.origin, format: p.format, asOf: p.asOf || null, models: p.models})),
  };
}
