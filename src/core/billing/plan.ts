import {CAPABILITIES, type Capability} from '../capability.js';
import {ZERO, type Money} from '../money.js';
import {Reader} from '../json-reader.js';

export type Overage =
  | {readonly kind: 'payg'; readonly usdPerCredit: Money}
  | {readonly kind: 'packs'; readonly packCredits: Money; readonly packPriceUsd: Money}
  | {readonly kind: 'blocked'};

export interface Subscription {
  readonly monthlyFeeUsd: Money;
  readonly includedCredits: Money;
  /** usd: a credit is a dollar of usage at the plan's rates. task: a task draws `creditsPerTask`. */
  readonly creditUnit: 'usd' | 'task';
  readonly creditsPerTask: Money;
  readonly overage: Overage;
}

/** A platform's offer: what it charges on each path. Figures are as of `asOf`, from `source`. */
export interface Plan {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly asOf: string;
  readonly source: string;
  readonly origin: string;
  readonly byok: {
    readonly allowed: boolean;
    /** Percent of list price the platform takes on BYOK usage... */
    readonly feePct: Money;
    /** ...after this many BYOK requests in a month. */
    readonly feeWaivedRequestsPerMonth: number;
    readonly feeUsdPerMTok: Money;
  };
  readonly platform: {
    /** Providers the platform can front; '*' for any. */
    readonly providers: readonly string[];
    readonly markupPct: Money;
    /** A flat fee per million tokens on top of the rate (Cursor's token rate). */
    readonly feeUsdPerMTok: Money;
    readonly subscription?: Subscription;
  };
  readonly free?: {
    readonly pool: readonly string[];
    readonly capability: Capability;
    readonly dailyCap: {readonly unit: 'requests' | 'tasks'; readonly count: number};
  };
}

export function platformFronts(plan: Plan, provider: string): boolean {
  return plan.platform.providers.includes('*') || plan.platform.providers.includes(provider);
}

export function parsePlan(json: unknown, origin: string): Plan {
  const unnamed = Reader.root(json, origin, 'plan');
  const id = unnamed.text('id');
  const r = unnamed.as(`plan "${id}"`);
  const byok = r.optionalChild('byok');
  const platform = r.child('platform');
  const subscription = platform.optionalChild('subscription');
  const free = r.optionalChild('free');
  const cap = free?.child('dailyCap');
  return {
    id,
    name: r.text('name'),
    description: r.text('description'),
    asOf: r.text('asOf'),
    source: r.text('source'),
    origin,
    byok: {
      allowed: byok ? byok.bool('allowed', true) : true,
      feePct: byok?.money('feePct', '0') ?? ZERO,
      feeWaivedRequestsPerMonth: byok?.integer('feeWaivedRequestsPerMonth', 0, 0) ?? 0,
      feeUsdPerMTok: byok?.money('feeUsdPerMTok', '0') ?? ZERO,
    },
    platform: {
      providers: platform.texts('providers', ['*']),
      markupPct: platform.money('markupPct', '0'),
      feeUsdPerMTok: platform.money('feeUsdPerMTok', '0'),
      ...(subscription ? {subscription: parseSubscription(subscription)} : {}),
    },
    ...(free && cap
      ? {
          free: {
            pool: free.texts('pool'),
            capability: free.oneOf('capability', CAPABILITIES, 'open'),
            dailyCap: {
              unit: cap.oneOf('unit', ['requests', 'tasks'] as const),
              count: cap.integer('count', 0),
            },
          },
        }
      : {}),
  };
}

function parseSubscription(s: Reader): Subscription {
  const overage = s.child('overage');
  const kind = overage.oneOf('kind', ['payg', 'packs', 'blocked'] as const);
  const creditUnit = s.oneOf('creditUnit', ['usd', 'task'] as const);
  return {
    monthlyFeeUsd: s.money('monthlyFeeUsd'),
    includedCredits: s.money('includedCredits'),
    creditUnit,
    creditsPerTask: s.money('creditsPerTask', '1'),
    overage:
      kind === 'payg'
        ? {kind, usdPerCredit: overage.money('usdPerCredit', creditUnit === 'usd' ? '1' : undefined)}
        : kind === 'packs'
          ? {kind, packCredits: overage.money('packCredits'), packPriceUsd: overage.money('packPriceUsd')}
          : {kind},
  };
}
