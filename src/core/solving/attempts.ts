import type {ModelPrice} from '../pricing/model-price.js';

/**
 * An app's retry and escalation setting: each model is tried 1 + `retries` times, the first (the
 * task class's own model unless `first` names another), then each of `escalateTo` in order, each
 * attempt only after every one before it failed. route() decides the path of every attempt.
 */
export interface Ladder {
  readonly retries: number;
  readonly first?: ModelPrice;
  /** 'own': the task class's own model (a suggested ladder tries a cheaper model before it). */
  readonly escalateTo: readonly (ModelPrice | 'own')[];
}

/** The model each attempt asks for, in order. Without a ladder, one attempt on the class's model. */
export function attemptModels(ladder: Ladder | undefined, classModel: ModelPrice): ModelPrice[] {
  if (!ladder) return [classModel];
  const rungs = [ladder.first ?? classModel, ...ladder.escalateTo.map((m) => (m === 'own' ? classModel : m))];
  return rungs.flatMap((model) => Array.from({length: 1 + ladder.retries}, () => model));
}

/**
 * The chance an attempt succeeds given that every earlier attempt on the task failed: κ·p + (1−κ)·
 * max(0, (p − best)/(1 − best)), p the attempt's first-attempt rate and best the highest rate
 * already tried. The second part is comonotone difficulty (tasks ordered by hardness, a model with
 * rate p solving the easiest p of them): after a model with rate `best` failed, only a stronger
 * one gains, and only on the tasks between. κ, the part that is independent of the earlier
 * failures, is fitted to a replayed escalation (data/solve-rates.json). A retry on the same model
 * succeeds at κ·p; independent retries (κ = 1) would overstate the gain.
 */
export function oddsAfterFailures(p: number, best: number | undefined, independentShare: number): number {
  if (best === undefined) return p;
  const comonotone = best >= 1 ? 0 : Math.max(0, (p - best) / (1 - best));
  return independentShare * p + (1 - independentShare) * comonotone;
}

/**
 * An attempt's tokens over the profile's task. The profile's task is a mean attempt at the model's
 * first-attempt rate p, mixing successes and failures (a failure costs `failedShare` times a
 * success); an attempt that succeeds with `odds` instead costs (odds + (1 − odds)·s)/(p + (1 − p)·s)
 * of it. A first attempt (odds = p) costs exactly the profile's task.
 */
export function attemptTokenFactor(p: number, odds: number, failedShare: number): number {
  if (odds === p) return 1;
  return (odds + (1 - odds) * failedShare) / (p + (1 - p) * failedShare);
}

/** One attempt of a ladder, in expectation: how many tasks reach it, its odds and its size. */
export interface ExpectedAttempt {
  readonly rate: number;
  readonly odds: number;
  /** Share of tasks that make this attempt: every earlier one failed. */
  readonly reach: number;
  readonly tokenFactor: number;
}

/** A ladder's attempts in expectation, from each attempt's first-attempt rate. */
export function expectedAttempts(
  rates: readonly number[],
  independentShare: number,
  failedShare: number,
): ExpectedAttempt[] {
  const out: ExpectedAttempt[] = [];
  let reach = 1;
  let best: number | undefined;
  for (const rate of rates) {
    const odds = oddsAfterFailures(rate, best, independentShare);
    out.push({rate, odds, reach, tokenFactor: attemptTokenFactor(rate, odds, failedShare)});
    reach *= 1 - odds;
    best = best === undefined ? rate : Math.max(best, rate);
  }
  return out;
}

/** Share of tasks a ladder solves, in expectation. */
export function solvedShare(attempts: readonly ExpectedAttempt[]): number {
  return attempts.reduce((sum, a) => sum + a.reach * a.odds, 0);
}
