import {displayUsd, type Money} from '../core/money.js';

/** $1,234.56 — display only; JSON keeps the exact decimal. */
export const formatUsd = displayUsd;

const GROUPED = /\B(?=(\d{3})+(?!\d))/g;

/** Per-task amounts are often cents or less: four decimals below a dollar. */
export function formatUnitUsd(value: Money): string {
  return formatUsd(value, value.abs().lt(1) ? 4 : 2);
}

export function formatCount(value: number): string {
  return Math.round(value).toString().replace(GROUPED, ',');
}

/** 1.2M, 350k, 999 */
export function formatTokens(value: number): string {
  if (value >= 1e9) return `${trim(value / 1e9)}B`;
  if (value >= 1e6) return `${trim(value / 1e6)}M`;
  if (value >= 1e4) return `${trim(value / 1e3)}k`;
  return formatCount(value);
}

function trim(value: number): string {
  return value >= 100 ? value.toFixed(0) : String(Number(value.toPrecision(3)));
}
