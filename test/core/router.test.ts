import {describe, expect, it} from 'vitest';
import type {Capability} from '../../src/core/capability.js';
import {route, type AppSettings} from '../../src/core/routing/router.js';
import {FREE_MODEL, plan, SONNET} from '../helpers.js';

const V0 = {...SONNET, id: 'v0-md', provider: 'vercel-v0', byokable: false};
const none = new Set<string>();

function settings(s: Partial<AppSettings>): AppSettings {
  return {keys: none, platformProviders: none, freeTier: false, onFreeLimit: 'wait', ...s};
}

const cases: {
  name: string;
  settings: AppSettings;
  model?: typeof SONNET;
  needs?: Capability;
  used?: number;
  plan?: ReturnType<typeof plan>;
  expect: {path: string; reason: string; model?: string};
}[] = [
  {
    name: 'key for the provider, BYOK-able model → BYOK',
    settings: settings({keys: new Set(['anthropic'])}),
    expect: {path: 'byok', reason: 'key-held', model: 'sonnet'},
  },
  {
    name: 'key beats a chosen platform provider',
    settings: settings({keys: new Set(['anthropic']), platformProviders: new Set(['*'])}),
    expect: {path: 'byok', reason: 'key-held'},
  },
  {
    name: 'key for another provider only → not BYOK',
    settings: settings({keys: new Set(['openai']), platformProviders: new Set(['anthropic'])}),
    expect: {path: 'platform', reason: 'platform-chosen'},
  },
  {
    name: 'key held but the plan refuses BYOK → platform',
    settings: settings({keys: new Set(['anthropic']), platformProviders: new Set(['*'])}),
    plan: plan({byokAllowed: false}),
    expect: {path: 'platform', reason: 'platform-chosen'},
  },
  {
    name: 'key held but model not BYOK-able → platform by definition',
    settings: settings({keys: new Set(['vercel-v0'])}),
    model: V0,
    expect: {path: 'platform', reason: 'no-direct-credential'},
  },
  {
    name: 'no key, provider chosen → platform',
    settings: settings({platformProviders: new Set(['anthropic'])}),
    expect: {path: 'platform', reason: 'platform-chosen'},
  },
  {
    name: 'chosen provider the platform cannot front → no path',
    settings: settings({platformProviders: new Set(['anthropic'])}),
    plan: plan({providers: ['openai']}),
    expect: {path: 'unserved', reason: 'no-path'},
  },
  {
    name: 'no key, no provider, free on → free pool',
    settings: settings({freeTier: true}),
    expect: {path: 'free', reason: 'free-tier', model: 'pool:free'},
  },
  {
    name: 'no key, no provider, free off → no path',
    settings: settings({}),
    expect: {path: 'unserved', reason: 'no-path'},
  },
  {
    name: 'free on but the plan has no free tier → no path',
    settings: settings({freeTier: true}),
    plan: plan({free: null}),
    expect: {path: 'unserved', reason: 'no-path'},
  },
  {
    name: 'free, task beyond open models, wait → unserved',
    settings: settings({freeTier: true}),
    needs: 'mid',
    expect: {path: 'unserved', reason: 'free-capability'},
  },
  {
    name: 'free, task beyond open models, fall through → platform',
    settings: settings({freeTier: true, onFreeLimit: 'fallthrough'}),
    needs: 'frontier',
    expect: {path: 'platform', reason: 'free-capability-fallthrough'},
  },
  {
    name: 'free cap hit, wait → unserved today',
    settings: settings({freeTier: true}),
    used: 5,
    expect: {path: 'unserved', reason: 'free-cap-wait'},
  },
  {
    name: 'free cap hit, fall through → platform',
    settings: settings({freeTier: true, onFreeLimit: 'fallthrough'}),
    used: 5,
    expect: {path: 'platform', reason: 'free-cap-fallthrough'},
  },
  {
    name: 'one task left under the cap → free',
    settings: settings({freeTier: true}),
    used: 4,
    expect: {path: 'free', reason: 'free-tier'},
  },
  // The article's order: a picked provider the plan cannot front falls to the free tier when it is on.
  {
    name: 'chosen provider the platform cannot front, free on → free pool',
    settings: settings({platformProviders: new Set(['anthropic']), freeTier: true}),
    plan: plan({providers: ['openai']}),
    expect: {path: 'free', reason: 'free-tier'},
  },
  // Free tier only never pays: a model no key can reach stays on the free pool at $0.
  {
    name: 'model not BYOK-able, free tier only → free pool, never paid',
    settings: settings({freeTier: true}),
    model: V0,
    expect: {path: 'free', reason: 'free-tier'},
  },
  {
    name: 'model not BYOK-able, free tier beyond its capability, wait → unserved',
    settings: settings({freeTier: true}),
    model: V0,
    needs: 'mid',
    expect: {path: 'unserved', reason: 'free-capability'},
  },
];

describe('capability holds on every path', () => {
  const OPEN = {...SONNET, id: 'open-model', capability: 'open' as const};
  const task = {model: OPEN, needs: 'frontier' as const, requests: 3};
  it.each([
    ['BYOK', settings({keys: new Set(['anthropic'])})],
    ['platform', settings({platformProviders: new Set(['*'])})],
  ])('a frontier task on an open model is flagged on %s', (_name, s) => {
    const result = route(s, plan(), task, {freeUsedToday: 0, freeModel: FREE_MODEL});
    expect(result.path === 'unserved' ? undefined : result.belowNeed).toBe(true);
  });
  it('a task the model meets is not flagged', () => {
    const result = route(
      settings({keys: new Set(['anthropic'])}),
      plan(),
      {...task, needs: 'open'},
      {freeUsedToday: 0},
    );
    expect(result.path === 'unserved' ? 'unserved' : result.belowNeed).toBeUndefined();
  });
});

describe('route()', () => {
  it.each(cases)('$name', (c) => {
    const result = route(
      c.settings,
      c.plan ?? plan(),
      {model: c.model ?? SONNET, needs: c.needs ?? 'open', requests: 3},
      {freeUsedToday: c.used ?? 0, freeModel: FREE_MODEL},
    );
    expect(result.path).toBe(c.expect.path);
    expect(result.reason).toBe(c.expect.reason);
    if (c.expect.model) expect(result.path !== 'unserved' && result.model.id).toBe(c.expect.model);
  });

  it('BYOK with a plan fee says so in its price basis', () => {
    const r = route(
      settings({keys: new Set(['anthropic'])}),
      plan({byokFeePct: '5'}),
      {model: SONNET, needs: 'open', requests: 1},
      {freeUsedToday: 0},
    );
    expect(r.path === 'byok' && r.basis).toBe('list+byok-fee');
  });
});
