import {CAPABILITIES, type Capability} from '../capability.js';
import {Reader} from '../json-reader.js';
import type {ModelPrice} from '../pricing/model-price.js';

/** One model's first-attempt resolve rate on a public benchmark, with where and when it was measured. */
export interface ModelSolveRate {
  readonly ids: readonly string[];
  readonly resolveRate: number;
  readonly benchmark: string;
  readonly source: string;
  readonly date: string;
  /** The figure is not a measured first attempt on an independent board (vendor-reported, a guessed setting). */
  readonly estimate: boolean;
}

/** What turns a benchmark rate into a task's odds: the rates, the class mapping and the retry rules. */
export interface SolveRates {
  readonly origin: string;
  readonly asOf: string;
  readonly models: readonly ModelSolveRate[];
  /** Log-odds added to a model's benchmark rate for a task of each need. */
  readonly classShift: Readonly<Record<Capability, number>>;
  /** A failed attempt's tokens over a successful one's. */
  readonly failedTokenShare: number;
  /** κ: the share of an attempt's odds that does not depend on earlier attempts having failed. */
  readonly independentShare: number;
}

export function parseSolveRates(json: unknown, origin: string): SolveRates {
  const r = Reader.root(json, origin, 'solve rates');
  const models = r.list('models').map((m): ModelSolveRate => ({
    ids: nonEmpty(m, 'ids'),
    // A rate of 1 would make every later attempt's comonotone share undefined: no benchmark shows one.
    resolveRate: m.number('resolveRate', 0, 0.999),
    benchmark: m.text('benchmark'),
    source: m.text('source'),
    date: isoDate(m, 'date'),
    estimate: m.bool('estimate', false),
  }));
  const seen = new Set<string>();
  for (const [i, m] of models.entries()) {
    for (const id of m.ids) {
      if (seen.has(id)) r.fail(`models[${i}].ids`, `"${id}" is listed twice`);
      seen.add(id);
    }
  }
  const shift = r.child('classDifficulty').child('logitShift');
  const classShift = Object.fromEntries(CAPABILITIES.map((c) => [c, shift.number(c, -10, 10)])) as Record<
    Capability,
    number
  >;
  return {
    origin,
    asOf: isoDate(r, 'asOf'),
    models,
    classShift,
    failedTokenShare: r.child('failedAttemptTokenShare').number('value', 0, 100),
    independentShare: share(r.child('retryCorrelation'), 'independentShare'),
  };
}

function share(r: Reader, field: string): number {
  const value = r.number(field, -Infinity, 1);
  if (value < 0) r.fail(field, `expected a share from 0 to 1, got ${value}`);
  return value;
}

function nonEmpty(r: Reader, field: string): string[] {
  const ids = r.texts(field);
  if (ids.length === 0) r.fail(field, 'expected at least one model id');
  return ids;
}

function isoDate(r: Reader, field: string): string {
  const value = r.text(field);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    r.fail(field, `expected a date YYYY-MM-DD, got "${value}"`);
  return value;
}

/** The entry for a model, by its id or any alias; undefined when no benchmark covers it. */
export function solveRateOf(rates: SolveRates, model: ModelPrice): ModelSolveRate | undefined {
  const names = [model.id, ...model.aliases];
  return rates.models.find((m) => m.ids.some((id) => names.includes(id)));
}

/**
 * The chance a model solves a task of this need on its first attempt: its benchmark rate moved on
 * the log-odds scale by the class's shift. Undefined when no benchmark covers the model: unknown,
 * never guessed.
 */
export function firstAttemptRate(
  rates: SolveRates,
  model: ModelPrice,
  needs: Capability,
): number | undefined {
  const entry = solveRateOf(rates, model);
  if (!entry) return undefined;
  const logit = Math.log(entry.resolveRate / (1 - entry.resolveRate)) + rates.classShift[needs];
  return 1 / (1 + Math.exp(-logit));
}
