import {describe, expect, it} from 'vitest';
import {route, type AppSettings, type OnLimit} from '../../src/core/routing/router.js';
import {taskListCost} from '../../src/core/pricing/context-tiers.js';
import {parseSubscriptionPlan, type SubscriptionPlan} from '../../src/core/subscription/subscription-plan.js';
import {runMonth, type TimedTask} from '../../src/core/subscription/timeline.js';
import type {Admission} from '../../src/core/subscription/windows.js';
import type {Strategy} from '../../src/core/routing/strategy.js';
import {m, plan, SONNET, tokens} from '../helpers.js';

const H = 3_600_000;
const MON = Date.UTC(2027, 2, 1); // Monday 1 March 2027, 00:00 UTC
const OPUS = {...SONNET, id: 'opus', rates: {...SONNET.rates, input: m('15'), output: m('75')}};

function sub(limits: object[], extra: object = {}): SubscriptionPlan {
  return parseSubscriptionPlan(
    {
      id: 'sub',
      name: 'Sub',
      vendor: 'V',
      description: 'a test plan',
      fee: {usdPerMonth: '100', source: 's', asOf: '2026-11-01'},
      covers: {providers: ['anthropic'], source: 's', asOf: '2026-11-01'},
      limits: limits.map((l, i) => ({id: `l${i}`, source: 's', asOf: '2026-11-01', ...l})),
      pastLimit: {kind: 'wait', optIn: {kind: 'api-rates'}, source: 's', asOf: '2026-11-01'},
      ...extra,
    },
    'test',
  );
}

function setup(p: SubscriptionPlan, onLimit: OnLimit, over: Partial<AppSettings> = {}): Strategy {
  const settings: AppSettings = {
    keys: new Set(onLimit === 'key' ? ['anthropic'] : []),
    platformProviders: new Set(onLimit === 'platform' ? ['*'] : []),
    freeTier: false,
    onFreeLimit: 'wait',
    subscription: {plan: p, onLimit},
    ...over,
  };
  return {id: onLimit, label: onLimit, settings};
}

/** 10,000 input and 2,000 output tokens of Sonnet: 12,000 tokens, $0.03 + $0.03 = $0.06 at list. */
function task(time: number, model = SONNET, hours = 0): TimedTask {
  const t = tokens({input: 10_000, output: 2_000});
  const list = taskListCost(model, t, 1);
  return {
    time,
    day: Math.floor((time - MON) / (24 * H)),
    task: {model, needs: 'open', requests: 1},
    tokens: t,
    list,
    use: {tokens: 12_000, usd: list.usd, prompts: 1, requests: 1, hours},
  };
}

describe('route() with a subscription', () => {
  const p = sub([{unit: 'tokens', window: '5h', count: '30000'}]);
  const refused: Admission = {ok: false, limit: p.limits[0]!, resetsAt: MON + 5 * H};
  const routeWith = (onLimit: OnLimit, room: Admission = refused, model = SONNET) =>
    route(
      setup(p, onLimit).settings,
      plan({markupPct: '10'}),
      {model, needs: 'open', requests: 1},
      {
        freeUsedToday: 0,
        subscriptionRoom: room,
      },
    );

  it('takes a covered task while the meter has room, whatever is set past the limit', () => {
    for (const onLimit of ['wait', 'key', 'platform', 'extra'] as const)
      expect(routeWith(onLimit, {ok: true})).toMatchObject({
        path: 'subscription',
        basis: 'subscription-fee',
      });
  });

  it('past the limit: waits for the reset, goes to the key or the platform, or takes the vendor extra', () => {
    expect(routeWith('wait')).toEqual({path: 'unserved', reason: 'subscription-wait', resetsAt: MON + 5 * H});
    expect(routeWith('key')).toMatchObject({path: 'byok', reason: 'subscription-overflow'});
    expect(routeWith('platform')).toMatchObject({path: 'platform', reason: 'subscription-overflow'});
    expect(routeWith('extra')).toMatchObject({path: 'subscription', basis: 'vendor-extra'});
    expect(routeWith('wait', {ok: false, limit: p.limits[0]!, resetsAt: undefined})).toEqual({
      path: 'unserved',
      reason: 'subscription-never-fits',
    });
  });

  it('leaves a model the plan does not cover to the other settings', () => {
    const gpt = {...SONNET, id: 'gpt', provider: 'openai'};
    const s = setup(p, 'key', {keys: new Set(['openai'])}).settings;
    expect(route(s, plan(), {model: gpt, needs: 'open', requests: 1}, {freeUsedToday: 0})).toMatchObject({
      path: 'byok',
      reason: 'key-held',
    });
  });
});

describe('a month on a subscription, priced end to end', () => {
  // A 5-hour window of 30,000 tokens: two $0.06 tasks of 12,000 fit (24,000), a third does not.
  const p = sub([{unit: 'tokens', window: '5h', count: '30000'}]);
  const day = [9, 10, 11, 12].map((h) => task(MON + h * H));
  const end = MON + 31 * 24 * H;

  it('wait: the third task waits from 11:00 to 14:00, the fourth queues behind it; only the fee is paid', () => {
    const month = runMonth(plan(), setup(p, 'wait'), day, end);
    expect(month).toMatchObject({subscription: 4, delayed: 2, waitedHours: 3, limitDays: 1, overflow: 0});
    expect(month.bitten.map((w) => [w.start, w.end, w.used.toString()])).toEqual([
      [MON + 9 * H, MON + 14 * H, '24000'],
    ]);
    expect(month.opened.get('l0')).toBe(2);
    expect(month.bill.totalUsd.toString()).toBe('100');
  });

  it('your key: the two tasks past the limit are billed at list, $0.12 on top of the $100 fee', () => {
    const month = runMonth(plan(), setup(p, 'key'), day, end);
    expect(month).toMatchObject({subscription: 2, byok: 2, overflow: 2, delayed: 0, waitedHours: 0});
    expect(month.bill.totalUsd.toString()).toBe('100.12');
    expect(month.bill.overflowUsd.toString()).toBe('0.12');
  });

  it('platform-paid at a 10% markup: $0.132 on top of the fee', () => {
    const month = runMonth(plan({markupPct: '10'}), setup(p, 'platform'), day, end);
    expect(month.bill.totalUsd.toString()).toBe('100.132');
  });

  it("the vendor's extra usage at API rates: $0.12 billed by the vendor", () => {
    const month = runMonth(plan(), setup(p, 'extra'), day, end);
    expect(month).toMatchObject({subscription: 2, extra: 2});
    expect([month.bill.extraUsd.toString(), month.bill.totalUsd.toString()]).toEqual(['0.12', '100.12']);
  });

  it('a weekly cap in hours: the third task would wait a week, past the month: it and the next are not served', () => {
    const weekly = sub([{unit: 'hours', window: 'week', count: '1', models: ['sonnet']}]);
    const tasks = [task(MON + 9 * H, SONNET, 0.4), task(MON + 10 * H, SONNET, 0.4)];
    tasks.push(task(MON + 33 * H, SONNET, 0.4), task(MON + 57 * H, SONNET, 0.4));
    const monthEnd = MON + 5 * 24 * H;
    const month = runMonth(plan(), setup(weekly, 'wait'), tasks, monthEnd);
    expect(month).toMatchObject({subscription: 2, delayed: 0, limitDays: 1});
    expect(month.unserved['wait-past-month']).toBe(2);
    // Waited from Tuesday 09:00 to the month's end on Saturday 00:00: 87 hours.
    expect(month.waitedHours).toBe(87);
  });

  it('premium requests × multipliers, $0.04 each past 30: 12 units over, $0.48', () => {
    const legacy = sub([{unit: 'premium-requests', window: 'month', count: '30'}], {
      fee: {usdPerMonth: '10', source: 's', asOf: '2026-11-01'},
      multipliers: {byModel: {sonnet: '1', opus: '10'}, source: 's', asOf: '2026-11-01'},
      pastLimit: {kind: 'per-unit', usdPerUnit: '0.04', source: 's', asOf: '2026-11-01'},
    });
    // Sonnet 1 + 1, then Opus 10 + 10 (22 used), 10 more (32: 2 over), 10 more (10 over).
    const tasks = [SONNET, SONNET, OPUS, OPUS, OPUS, OPUS].map((model, i) => task(MON + (9 + i) * H, model));
    const month = runMonth(plan(), setup(legacy, 'extra'), tasks, MON + 31 * 24 * H);
    expect(month).toMatchObject({subscription: 4, extra: 2});
    expect([month.bill.extraUsd.toString(), month.bill.totalUsd.toString()]).toEqual(['0.48', '10.48']);
  });
});
