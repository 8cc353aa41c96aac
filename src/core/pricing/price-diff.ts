import type {PriceBook} from './price-book.js';
import type {Money} from '../money.js';
import type {ModelPrice, Rates} from './model-price.js';

const FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite5m', 'cacheWrite1h'] as const;

export interface PriceChangeLine {
  readonly model: string;
  readonly field: string;
  readonly from: string;
  readonly to: string;
  /** Over SUSPICIOUS_FACTOR× up or down: more likely a data error than a price change. */
  readonly suspicious: boolean;
}

/** A price moving more than this factor either way in one update is held back until accepted. */
export const SUSPICIOUS_FACTOR = 5;

function suspicious(a: Money | undefined, b: Money): boolean {
  if (!a || a.isZero() || b.isZero()) return false;
  return b.div(a).gt(SUSPICIOUS_FACTOR) || a.div(b).gt(SUSPICIOUS_FACTOR);
}

export interface PriceDiff {
  readonly changed: PriceChangeLine[];
  readonly added: string[];
  readonly removed: string[];
  /** Models of the new sheet that match one in use, by id or alias exactly. */
  readonly matched: number;
}

function ratesChanges(model: string, prefix: string, before: Rates, after: Rates): PriceChangeLine[] {
  const lines: PriceChangeLine[] = [];
  for (const field of FIELDS) {
    const a = before[field];
    const b = after[field];
    // A rate the new sheet does not give is kept from the old one (PriceBook fills it), so it is no change.
    if (b && (!a || !a.eq(b)))
      lines.push({
        model,
        field: `${prefix}${field}`,
        from: a ? a.toFixed() : '-',
        to: b.toFixed(),
        suspicious: suspicious(a, b),
      });
  }
  return lines;
}

/**
 * What a new sheet changes against the prices in use: "claude-sonnet-4-5 input 3 → 2.5". A model
 * is the same when its id and provider are (as PriceBook replaces them): LiteLLM's bedrock/ or
 * azure/ copies of a model are other offers, not the same price.
 */
export function diffPrices(
  inUse: PriceBook,
  next: readonly ModelPrice[],
  previousNextIds: readonly string[],
): PriceDiff {
  const changed: PriceChangeLine[] = [];
  const added: string[] = [];
  let matched = 0;
  for (const m of next) {
    const old = inUse.counterpart(m);
    if (!old) {
      added.push(m.id);
      continue;
    }
    matched++;
    changed.push(...ratesChanges(old.id, '', old.rates, m.rates));
    if (m.longContext)
      changed.push(
        ...ratesChanges(old.id, 'longContext.', old.longContext?.rates ?? {}, m.longContext.rates),
      );
  }
  const nextIds = new Set(next.map((m) => m.id));
  return {
    changed,
    added: added.sort(),
    removed: previousNextIds.filter((id) => !nextIds.has(id)).sort(),
    matched,
  };
}

/**
 * The new sheet with its suspicious changes held back: each such rate keeps the price in use, so
 * a data error (LiteLLM's $6 one-hour write for Claude 3 Haiku, 12× the real one) is never applied
 * silently.
 */
export function holdSuspicious(inUse: PriceBook, next: readonly ModelPrice[]): ModelPrice[] {
  return next.map((m) => {
    const old = inUse.counterpart(m);
    if (!old) return m;
    const keep = (before: Rates, after: Rates): Rates => {
      const rates: {-readonly [K in keyof Rates]: Money} = {...after};
      for (const field of FIELDS) {
        const a = before[field];
        const b = after[field];
        if (b && a && suspicious(a, b)) rates[field] = a;
      }
      return rates;
    };
    const longContext =
      m.longContext && old.longContext
        ? {...m.longContext, rates: keep(old.longContext.rates, m.longContext.rates)}
        : m.longContext;
    return {...m, rates: keep(old.rates, m.rates), ...(longContext ? {longContext} : {})};
  });
}
