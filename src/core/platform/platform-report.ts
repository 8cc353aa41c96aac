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
    /** Whether it is known to pay at every smaller cap tried that costs anything: "up to" that cap holds. */
    readonly everySmallerPays: boolean;
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
    const largestPaying = largestPayingCap(points);
    freeCaps = {
      conversionRate: q.conversionRate,
      convertsTo,
      points,
      ...(largestPaying ? {largestPaying} : {}),
      everySmallerPays: everySmallerPays(points, largestPaying),
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

type CapPoint = Pick<FreeCapPoint, 'value' | 'freeCostUsd' | 'paysForItself'>;

/** The largest cap that costs the platform something and is known to pay for itself. */
export function largestPayingCap<P extends CapPoint>(points: readonly P[]): P | undefined {
  return points
    .filter((p) => p.paysForItself === true && p.freeCostUsd.gt(0))
    .reduce<P | undefined>((a, b) => (!a || b.value > a.value ? b : a), undefined);
}

/**
 * Whether every smaller cap tried that costs anything is known to pay too. Not given: a cap also
 * changes the converting segment's own month, so what conversions bring moves with it.
 */
export function everySmallerPays(points: readonly CapPoint[], largest: CapPoint | undefined): boolean {
  return (
    largest !== undefined &&
    points.every((p) => p.value >= largest.value || !p.freeCostUsd.gt(0) || p.paysForItself === true)
  );
}
