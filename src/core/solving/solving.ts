import type {Money} from '../money.js';

/** What a run's attempts came to in solved tasks. */
export interface Solving {
  /** Every attempt that ran: first attempts, retries and escalations. */
  readonly attempts: number;
  readonly solved: number;
  /** Tasks served on a model no benchmark covers: whether they were solved is not known. */
  readonly unknown: number;
  /** Tasks whose next attempt found no path (no route, the free cap, a credit cliff): left unsolved. */
  readonly stopped: number;
  /** The models behind `unknown`. */
  readonly unknownModels: readonly string[];
}

/** Tasks left unsolved: unserved, failed on every attempt, or stopped; unknown ones are not counted. */
export function unsolved(tasks: number, solving: Solving): number {
  return tasks - solving.solved - solving.unknown;
}

/**
 * Expected successes in whole tasks. For each kind of attempt (same odds), the successes after n
 * attempts are n·odds rounded, counted as they accumulate, so a run's total is within half a task
 * of its expectation however its attempts are split across days.
 */
export class WholeOutcomes {
  private readonly sums = new Map<string, {attempts: number; successes: number}>();

  successes(kind: string, attempts: number, odds: number): number {
    const sum = this.sums.get(kind) ?? {attempts: 0, successes: 0};
    sum.attempts += attempts;
    // The epsilon keeps a product such as 3 × 0.5 (exactly 1.5) from rounding by float noise.
    const target = Math.floor(sum.attempts * odds + 0.5 + 1e-9);
    const won = target - sum.successes;
    sum.successes = target;
    this.sums.set(kind, sum);
    return won;
  }
}

/**
 * What a run cost per task it solved, to the digit; undefined while some tasks' outcome is unknown
 * (a model no benchmark covers) or none was solved.
 */
export function perSolvedUsd(run: {readonly totalUsd: Money; readonly solving: Solving}): Money | undefined {
  if (run.solving.unknown > 0 || run.solving.solved === 0) return undefined;
  return run.totalUsd.div(run.solving.solved);
}
