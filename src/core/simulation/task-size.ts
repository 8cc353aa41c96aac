import {DEFAULT_P90_TO_MEDIAN, type TaskClass} from './profile.js';

/** z of the 90th percentile of the standard normal. */
const Z90 = 1.2815515655446004;

/**
 * The lognormal a class's task size is drawn from, as a factor on its mean task: mean 1, and
 * p90 / median as the profile says. σ = ln(p90/median) / z₀.₉; μ = −σ²/2 keeps the mean at 1,
 * so the month simulation's average converges on the deterministic one.
 */
export function sizeDistribution(c: TaskClass): {sigma: number; mu: number; median: number; p90: number} {
  const ratio = c.p90ToMedian ?? DEFAULT_P90_TO_MEDIAN;
  const sigma = Math.log(ratio) / Z90;
  const mu = (-sigma * sigma) / 2;
  const median = Math.exp(mu);
  return {sigma, mu, median, p90: median * ratio};
}

/** Entries in a size table: a draw is one uniform and one lookup, in a table small enough to stay in cache. */
export const SIZE_TABLE_ENTRIES = 1 << 13;

/**
 * Lognormal size tables by p90 / median, the one figure they depend on: classes at the same spread
 * (every class of a bundled profile) share one, and a command that simulates twice (the
 * recommendation's months, then the ones asked for) builds it once. Callers only read them.
 */
const lognormalTables = new Map<number, Float64Array>();
/** Spreads kept at most (64 KB a table): a dashboard trying spreads one after another starts over past it. */
const KEPT_TABLES = 16;

/**
 * The class's size factors at 8,192 evenly spaced quantiles of its lognormal (midpoints), so the
 * month simulation draws a task's size by inverse transform with a single lookup instead of a
 * normal draw and an exp. The tails are cut past the 99.994th percentile (about 27× the median at
 * p90 = 3× median), near the 30× spread measured for one task across runs.
 */
export function sizeTable(c: TaskClass): Float64Array {
  if (c.sizeQuantiles) {
    const table = new Float64Array(SIZE_TABLE_ENTRIES);
    // An imported history's own distribution: the inverse CDF interpolated between its quantiles,
    // scaled so the mean task stays the profile's mean task.
    const q = c.sizeQuantiles;
    for (let i = 0; i < SIZE_TABLE_ENTRIES; i++) {
      const at = ((i + 0.5) / SIZE_TABLE_ENTRIES) * (q.length - 1);
      const low = Math.floor(at);
      table[i] =
        (q[low] as number) +
        ((q[Math.min(q.length - 1, low + 1)] as number) - (q[low] as number)) * (at - low);
    }
    const mean = table.reduce((a, b) => a + b, 0) / SIZE_TABLE_ENTRIES;
    for (let i = 0; i < SIZE_TABLE_ENTRIES; i++) table[i] = (table[i] as number) / mean;
    return table;
  }
  const ratio = c.p90ToMedian ?? DEFAULT_P90_TO_MEDIAN;
  const kept = lognormalTables.get(ratio);
  if (kept) return kept;
  const table = new Float64Array(SIZE_TABLE_ENTRIES);
  const {mu, sigma} = sizeDistribution(c);
  for (let i = 0; i < SIZE_TABLE_ENTRIES; i++)
    table[i] = Math.exp(mu + sigma * inverseNormal((i + 0.5) / SIZE_TABLE_ENTRIES));
  if (lognormalTables.size >= KEPT_TABLES) lognormalTables.clear();
  lognormalTables.set(ratio, table);
  return table;
}

const ACKLAM = {
  a: [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ],
  b: [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572],
  c: [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ],
  d: [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416],
};

function poly(k: readonly number[], x: number): number {
  let acc = 0;
  for (const coefficient of k) acc = acc * x + coefficient;
  return acc;
}

/** Φ⁻¹(p) by Acklam's rational approximation (relative error below 1.2e-9). */
export function inverseNormal(p: number): number {
  const {a, b, c, d} = ACKLAM;
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}
