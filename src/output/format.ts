import {displayUsd, type Money} from '../core/money.js';

/** $1,234.56 — display only; JSON keeps the exact decimal. */
export const formatUsd = displayUsd;

const GROUPED = /\B(?=(\d{3})+(?!\d))/g;

/** Per-task amounts are often cents or less: a whole column of them gets four decimals if any is under a dollar, else two. */
export function unitUsdDecimals(values: readonly (Money | undefined)[]): number {
  return values.some((v) => v && !v.isZero() && v.abs().lt(1)) ? 4 : 2;
}

export function formatCount(value: number): string {
  return Math.round(value).toString().replace(GROUPED, ',');
}

/** 1,000,000 or 1,234.5: thousands grouped, at most `decimals` decimals, trailing zeros dropped. */
export function formatNumber(value: number, decimals = 2): string {
  const [whole = '0', fraction] = String(Number(value.toFixed(decimals))).split('.');
  return `${whole.replace(GROUPED, ',')}${fraction ? `.${fraction}` : ''}`;
}

/** 1,234.50: thousands grouped, exactly `decimals` decimals, for a column whose figures line up. */
export function formatFixed(value: number, decimals: number): string {
  const [whole = '0', fraction] = Math.abs(value).toFixed(decimals).split('.');
  const sign = value < 0 && Number(value.toFixed(decimals)) !== 0 ? '-' : '';
  return `${sign}${whole.replace(GROUPED, ',')}${fraction ? `.${fraction}` : ''}`;
}

/** "1 task", "1,000 tasks", "0.5 tasks": a count and its noun, singular only for exactly one. */
export function plural(value: number, singular: string, pluralForm = `${singular}s`): string {
  const shown = formatNumber(value);
  return `${shown} ${shown === '1' ? singular : pluralForm}`;
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

/** Names as a sentence lists them: "a", "a and b", "a, b and c". */
export function listed(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
