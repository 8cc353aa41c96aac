import {Money} from './money.js';

/**
 * What a figure priced with some list prices missing says of the true one: it is the true figure
 * (exact), the true figure is at least it (a lower bound, printed ≥) or at most it (an upper bound,
 * ≤), or it may lie either way (not known).
 */
export type Bound = 'exact' | 'at-least' | 'at-most' | 'not-known';

/** A coefficient between lo and hi; null where it has no limit that way. */
export interface Weight {
  readonly lo: Money | null;
  readonly hi: Money | null;
}

/**
 * How a figure moves with the prices nobody listed. The true figure is the priced one plus, for each
 * unpriced rate (one model's token bucket at one tier), that rate times a weight somewhere in its
 * range. Rates are never negative, so the signs of the weights say where the true figure lies: a
 * cost with a price missing only grows, a margin that pays that cost only shrinks, and a difference
 * of two lower bounds can go either way unless the same rate weighs more on one side.
 */
export class Unpriced {
  static readonly NONE = new Unpriced(new Map());
  /** A figure that may lie anywhere: which of two figures it is, is itself not known. */
  static readonly ANY = new Unpriced(new Map([['', {lo: null, hi: null}]]));

  private readonly terms: ReadonlyMap<string, Weight>;

  private constructor(terms: ReadonlyMap<string, Weight>) {
    this.terms = terms;
  }

  /** `tokens` at the unpriced rate `key`, the figure taking between `lo` and `hi` times their cost. */
  static of(key: string, tokens: number, weight: Weight): Unpriced {
    const scale = (v: Money | null) => v && v.mul(tokens);
    return new Unpriced(new Map([[key, {lo: scale(weight.lo), hi: scale(weight.hi)}]]));
  }

  plus(other: Unpriced): Unpriced {
    if (other.terms.size === 0) return this;
    if (this.terms.size === 0) return other;
    const terms = new Map(this.terms);
    for (const [key, b] of other.terms) {
      const a = terms.get(key);
      terms.set(key, a ? {lo: a.lo && b.lo && a.lo.add(b.lo), hi: a.hi && b.hi && a.hi.add(b.hi)} : b);
    }
    return new Unpriced(terms);
  }

  negated(): Unpriced {
    return new Unpriced(
      new Map([...this.terms].map(([key, r]) => [key, {lo: r.hi && r.hi.neg(), hi: r.lo && r.lo.neg()}])),
    );
  }

  minus(other: Unpriced): Unpriced {
    return this.plus(other.negated());
  }

  /** The figure `count` times over (users of a segment); count is never negative. */
  times(count: number): Unpriced {
    if (count === 1) return this;
    if (count === 0) return Unpriced.NONE;
    return new Unpriced(
      new Map(
        [...this.terms].map(([key, r]) => [key, {lo: r.lo && r.lo.mul(count), hi: r.hi && r.hi.mul(count)}]),
      ),
    );
  }

  get bound(): Bound {
    const ranges = [...this.terms.values()];
    if (ranges.every((r) => r.lo?.isZero() && r.hi?.isZero())) return 'exact';
    if (ranges.every((r) => r.lo?.gte(0))) return 'at-least';
    if (ranges.every((r) => r.hi?.lte(0))) return 'at-most';
    return 'not-known';
  }
}

/** Whether the true figure is at least `floor`, where its bound tells; undefined where it cannot. */
export function reaches(usd: Money, unpriced: Unpriced, floor: Money): boolean | undefined {
  const bound = unpriced.bound;
  const priced = usd.gte(floor);
  if (bound === 'exact') return priced;
  if (priced && bound === 'at-least') return true;
  if (!priced && bound === 'at-most') return false;
  return undefined;
}

/** A priced figure and whether every price in it was known: when not, it is a lower bound of the true one. */
export interface Bill {
  readonly usd: Money;
  readonly complete: boolean;
}

/**
 * Whether bill `a` is less than bill `b`, where lower bounds can tell: an exact `a` under `b`'s
 * priced part surely is, an `a` at or over an exact `b` surely is not; undefined otherwise.
 */
export function lessThan(a: Bill, b: Bill): boolean | undefined {
  const less = a.usd.lt(b.usd);
  if (a.complete && b.complete) return less;
  if (less && a.complete) return true;
  if (!less && b.complete) return false;
  return undefined;
}
