import type {Money} from '../money.js';
import type {Plan} from '../billing/plan.js';
import type {ModelPrice} from '../pricing/model-price.js';
import type {Population} from './population.js';
import {
  platformMonth,
  sweepFreeCap,
  sweepMarkup,
  type FreeCapPoint,
  type PlatformMonthResult,
  type SegmentInput,
  type SweepPoint,
} from './platform-month.js';

/** Everything `vibe-cost platform` says, rendered as a table, JSON, CSV or Markdown. */
export interface PlatformReport {
  readonly population: Population;
  readonly plan: Plan;
  readonly keyWorthUsd: Money;
  readonly freePaidAt?: ModelPrice;
  readonly month: PlatformMonthResult;
  readonly markups: {readonly points: readonly SweepPoint[]; readonly best: SweepPoint};
  /** Present when the builder gave a conversion rate: the free tier weighed against what it converts. */
  readonly freeCaps?: {
    readonly conversionRate: number;
    readonly convertsTo: number;
    readonly points: readonly FreeCapPoint[];
    /** The largest cap at which the free tier still pays for itself; none when no cap does. */
    readonly largestPaying?: FreeCapPoint;
  };
}

export interface PlatformQuestion {
  readonly population: Population;
  readonly inputs: readonly SegmentInput[];
  readonly plan: Plan;
  readonly keyWorthUsd: Money;
  readonly freePaidAt?: ModelPrice;
  readonly markups: readonly number[];
  readonly freeCaps: readonly number[];
  readonly conversionRate?: number;
}

export function platformReport(q: PlatformQuestion): PlatformReport {
  const options = {keyWorthUsd: q.keyWorthUsd, ...(q.freePaidAt ? {freePaidAt: q.freePaidAt} : {})};
  const convertsTo = q.population.convertsTo;
  let freeCaps: PlatformReport['freeCaps'];
  if (q.conversionRate !== undefined && convertsTo !== undefined && q.plan.free) {
    const points = sweepFreeCap(q.inputs, q.freeCaps, q.conversionRate, convertsTo, options);
    const paying = points.filter((p) => p.paysForItself && p.freeCostUsd.gt(0));
    const largestPaying = paying.reduce<FreeCapPoint | undefined>(
      (a, b) => (!a || b.value > a.value ? b : a),
      undefined,
    );
    freeCaps = {
      conversionRate: q.conversionRate,
      convertsTo,
      points,
      ...(largestPaying ? {largestPaying} : {}),
    };
  }
  return {
    population: q.population,
    plan: q.plan,
    keyWorthUsd: q.keyWorthUsd,
    ...(q.freePaidAt ? {freePaidAt: q.freePaidAt} : {}),
    month: platformMonth(q.inputs, options),
    markups: sweepMarkup(q.inputs, q.markups, options),
    ...(freeCaps ? {freeCaps} : {}),
  };
}
