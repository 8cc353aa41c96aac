import {Money} from '../src/core/money.js';
import type {Plan, Subscription} from '../src/core/billing/plan.js';
import type {ModelPrice, Rates} from '../src/core/pricing/model-price.js';
import type {Profile, TaskClass} from '../src/core/simulation/profile.js';
import type {Scenario} from '../src/core/simulation/scenario.js';
import type {TokenBuckets} from '../src/core/tokens.js';

export const m = (text: string) => new Money(text);

/** An amount as printed ("-$1,234.56"), in cents: what a reader subtracts. */
export const cents = (shown: string) => Math.round(Number(shown.replace(/[$,]/g, '')) * 100);

export function rates(r: Record<keyof Rates, string | undefined>): Rates {
  return Object.fromEntries(
    Object.entries(r)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, m(v as string)]),
  ) as Rates;
}

/** Claude Sonnet 4.5's real prices: $3 / $15, writes 3.75 (5m) and 6 (1h), reads 0.3; ×2 / ×1.5 past 200k. */
export const SONNET: ModelPrice = {
  id: 'sonnet',
  provider: 'anthropic',
  aliases: [],
  capability: 'frontier',
  byokable: true,
  rates: rates({input: '3', output: '15', cacheRead: '0.3', cacheWrite5m: '3.75', cacheWrite1h: '6'}),
  longContext: {
    thresholdTokens: 200_000,
    wholeRequest: true,
    rates: rates({input: '6', output: '22.5', cacheRead: '0.6', cacheWrite5m: '7.5', cacheWrite1h: '12'}),
  },
  asOf: '2026-08-01',
  source: 'test',
  origin: 'test',
};

export const FREE_MODEL: ModelPrice = {
  id: 'pool:free',
  provider: 'openrouter',
  aliases: [],
  capability: 'open',
  byokable: false,
  rates: rates({
    input: '0',
    output: '0',
    cacheRead: undefined,
    cacheWrite5m: undefined,
    cacheWrite1h: undefined,
  }),
  asOf: '2026-08-01',
  source: 'test',
  origin: 'test',
};

export function tokens(t: Partial<TokenBuckets>): TokenBuckets {
  return {input: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0, ...t};
}

export function plan(
  overrides: {
    markupPct?: string;
    subscription?: Subscription;
    free?: Plan['free'] | null;
    byokFeePct?: string;
    byokWaived?: number;
    byokAllowed?: boolean;
    providers?: string[];
  } = {},
): Plan {
  return {
    id: 'test-plan',
    name: 'Test plan',
    description: 'test',
    asOf: '2026-11-27',
    source: 'test',
    origin: 'test',
    byok: {
      allowed: overrides.byokAllowed ?? true,
      feePct: m(overrides.byokFeePct ?? '0'),
      feeWaivedRequestsPerMonth: overrides.byokWaived ?? 0,
      feeUsdPerMTok: m('0'),
    },
    platform: {
      providers: overrides.providers ?? ['*'],
      markupPct: m(overrides.markupPct ?? '0'),
      feeUsdPerMTok: m('0'),
      ...(overrides.subscription ? {subscription: overrides.subscription} : {}),
    },
    ...(overrides.free === null
      ? {}
      : {
          free: overrides.free ?? {
            pool: ['pool:free'],
            capability: 'open',
            dailyCap: {unit: 'tasks', count: 5},
          },
        }),
  };
}

export function taskClass(c: Partial<TaskClass> & {tokens: TokenBuckets}): TaskClass {
  return {name: 'task', share: 1, needs: 'open', requestsPerTask: 1, ...c};
}

export function scenario(
  p: Plan,
  classes: TaskClass[],
  pace: {tasksPerDay: number; workingDaysPerMonth?: number},
  model: ModelPrice = SONNET,
): Scenario {
  const profile: Profile = {
    id: 'test',
    name: 'test',
    description: 'test',
    source: 'test',
    origin: 'test',
    tasksPerDay: pace.tasksPerDay,
    workingDaysPerMonth: pace.workingDaysPerMonth ?? 20,
    model: model.id,
    classes,
  };
  return {
    profile,
    plan: p,
    classes: classes.map((c) => ({...c, resolvedModel: model})),
    freePool: p.free ? [FREE_MODEL] : [],
  };
}
