import {markupFactor, Money} from '../money.js';
import {Unpriced, type Weight} from '../bound.js';
import type {Tier} from '../pricing/context-tiers.js';
import type {Bucket, TokenBuckets} from '../tokens.js';
import type {PathKind} from '../routing/router.js';
import type {Plan} from './plan.js';

/** The figures of a user's month, as the platform builder reads them. */
export type UserFigure = 'userPays' | 'revenue' | 'providerCost' | 'freeCost' | 'margin';
export const USER_FIGURES: readonly UserFigure[] = [
  'userPays',
  'revenue',
  'providerCost',
  'freeCost',
  'margin',
];

const exactly = (n: Money | number): Weight => ({lo: new Money(n), hi: new Money(n)});
const between = (lo: Money | number | null, hi: Money | number | null): Weight => ({
  lo: lo === null ? null : new Money(lo),
  hi: hi === null ? null : new Money(hi),
});
const NOTHING = exactly(0);

/**
 * How each figure of a user's month takes the list cost of tokens with no price, on a path as the
 * plan bills it: a weight per figure, so many times that unknown cost (between lo and hi).
 */
export function unpricedWeights(plan: Plan, path: PathKind): Record<UserFigure, Weight> {
  if (path === 'free')
    return {
      userPays: NOTHING,
      revenue: NOTHING,
      providerCost: NOTHING,
      freeCost: exactly(1),
      margin: exactly(-1),
    };
  if (path === 'byok') {
    // The fee's percentage falls on the requests past the month's waiver: some share of the cost.
    const fee = plan.byok.feePct.div(100);
    return {
      userPays: between(1, fee.add(1)),
      revenue: between(0, fee),
      providerCost: NOTHING,
      freeCost: NOTHING,
      margin: between(0, fee),
    };
  }
  const s = plan.platform.subscription;
  if (!s) {
    const factor = markupFactor(plan.platform.markupPct);
    const charge = exactly(factor);
    return {
      userPays: charge,
      revenue: charge,
      providerCost: exactly(1),
      freeCost: NOTHING,
      margin: exactly(factor.sub(1)),
    };
  }
  // Credits counted in tasks: what the user pays does not depend on the price, what the platform pays does.
  if (s.creditUnit === 'task')
    return {
      userPays: NOTHING,
      revenue: NOTHING,
      providerCost: exactly(1),
      freeCost: NOTHING,
      margin: exactly(-1),
    };
  // Credits in dollars drawn short: tasks ran that would have been blocked, at a cost either way.
  if (s.overage.kind === 'blocked')
    return {
      userPays: NOTHING,
      revenue: NOTHING,
      providerCost: between(null, null),
      freeCost: NOTHING,
      margin: between(null, null),
    };
  // Credits in dollars with overage: it grows with the price, by how much depends on when they run out.
  const overage = between(0, null);
  return {
    userPays: overage,
    revenue: overage,
    providerCost: exactly(1),
    freeCost: NOTHING,
    margin: between(-1, null),
  };
}

/** One unpriced rate: a model's token bucket at a context tier. */
export const unpricedRate = (model: string, tier: Tier, bucket: Bucket): string =>
  `${model}\u0000${tier}\u0000${bucket}`;

/** What a month's bill takes of the tokens its lines left unpriced, as the plan bills each path. */
export function unpricedBill(
  plan: Plan,
  lines: readonly {
    readonly path: PathKind;
    readonly model: string;
    readonly tier: Tier;
    readonly tokens: TokenBuckets;
    readonly missing: readonly Bucket[];
  }[],
): Unpriced {
  let bill = Unpriced.NONE;
  for (const line of lines) {
    // The free tier bills nothing, whatever its models would list at.
    if (line.path === 'free') continue;
    const weight = unpricedWeights(plan, line.path).userPays;
    for (const bucket of line.missing)
      bill = bill.plus(Unpriced.of(unpricedRate(line.model, line.tier, bucket), line.tokens[bucket], weight));
  }
  return bill;
}
