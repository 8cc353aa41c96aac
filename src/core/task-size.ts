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
