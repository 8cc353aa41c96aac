import {readFileSync, readdirSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {Money, ZERO} from '../../src/core/money.js';
import {
  coversModel,
  parseSubscriptionPlan,
  type SubscriptionPlan,
} from '../../src/core/subscription/subscription-plan.js';
import {WindowMeter, type Use} from '../../src/core/subscription/windows.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 2, 9); // Mon 2026-11-02 09:00 UTC
const use = (u: Partial<Use>): Use => ({tokens: 0, usd: ZERO, prompts: 1, requests: 1, hours: 0, ...u});

function plan(limits: object[], extra: object = {}): SubscriptionPlan {
  return parseSubscriptionPlan(
    {
      id: 't',
      name: 'T',
      vendor: 'V',
      description: 'a test plan',
      fee: {usdPerMonth: '100', source: 's', asOf: '2026-11-01'},
      covers: {providers: ['anthropic'], source: 's', asOf: '2026-11-01'},
      limits: limits.map((l, i) => ({id: `l${i}`, source: 's', asOf: '2026-11-01', ...l})),
      pastLimit: {kind: 'wait', source: 's', asOf: '2026-11-01'},
      ...extra,
    },
    'test',
  );
}

describe('a 5-hour window', () => {
  const p = plan([{unit: 'tokens', window: '5h', count: '100000'}]);

  it('opens at the first use, fills, refuses until five hours after that first use, then opens anew', () => {
    const m = new WindowMeter(p);
    // 40k at 09:00, 40k at 10:00: 80k used. 30k at 11:00 would make 110k > 100k: refused until 14:00.
    expect(m.take(T0, 'claude-sonnet-4-5', use({tokens: 40_000}))).toEqual({ok: true});
    expect(m.take(T0 + H, 'claude-sonnet-4-5', use({tokens: 40_000}))).toEqual({ok: true});
    const refused = m.take(T0 + 2 * H, 'claude-sonnet-4-5', use({tokens: 30_000}));
    expect(refused).toMatchObject({ok: false, resetsAt: T0 + 5 * H});
    // 20k still fits (100k exactly): the limit is inclusive.
    expect(m.take(T0 + 2 * H, 'claude-sonnet-4-5', use({tokens: 20_000}))).toEqual({ok: true});
    // At 14:00 the session has ended: a new one opens at 14:00 and runs to 19:00.
    expect(m.take(T0 + 5 * H, 'claude-sonnet-4-5', use({tokens: 30_000}))).toEqual({ok: true});
    expect(m.take(T0 + 6 * H, 'claude-sonnet-4-5', use({tokens: 80_000}))).toMatchObject({
      ok: false,
      resetsAt: T0 + 10 * H,
    });
    expect(m.opened.get('l0')).toBe(2);
    expect(m.bitten.map((w) => [w.start, w.refused])).toEqual([
      [T0, 1],
      [T0 + 5 * H, 1],
    ]);
  });

  it('says no wait helps a task larger than the whole limit', () => {
    const m = new WindowMeter(p);
    expect(m.take(T0, 'claude-opus-4-8', use({tokens: 100_001}))).toMatchObject({
      ok: false,
      resetsAt: undefined,
    });
  });
});

describe('limits together', () => {
  it('a weekly cap on some models outlasts the 5-hour window: the task waits for the later reset', () => {
    const p = plan([
      {unit: 'tokens', window: '5h', count: '1000'},
      {unit: 'hours', window: 'week', count: '2', models: ['claude-opus-*']},
    ]);
    const m = new WindowMeter(p);
    expect(m.take(T0, 'claude-opus-4-8', use({tokens: 100, hours: 1.5}))).toEqual({ok: true});
    // Sonnet is not counted by the Opus weekly cap.
    expect(m.take(T0 + H, 'claude-sonnet-4-5', use({tokens: 100, hours: 5}))).toEqual({ok: true});
    // Another Opus hour: 2.5 h > 2 h this week; the week opened at T0 and ends 7 days later.
    expect(m.take(T0 + 2 * H, 'claude-opus-4-8', use({tokens: 100, hours: 1}))).toMatchObject({
      ok: false,
      resetsAt: T0 + 7 * 24 * H,
    });
    // Both full at once: the wait is to the later of the two resets.
    expect(m.take(T0 + 3 * H, 'claude-opus-4-8', use({tokens: 900, hours: 1}))).toMatchObject({
      resetsAt: T0 + 7 * 24 * H,
    });
  });

  it('premium requests weigh each prompt by its model multiplier; a model outside the table is not covered', () => {
    const p = plan([{unit: 'premium-requests', window: 'month', count: '300'}], {
      covers: {providers: ['anthropic'], source: 's', asOf: 'd'},
      multipliers: {byModel: {'claude-opus-4': '10', 'claude-sonnet-4': '1'}, source: 's', asOf: 'd'},
    });
    expect(coversModel(p, 'anthropic', 'claude-opus-4')).toBe(true);
    expect(coversModel(p, 'anthropic', 'claude-opus-4-8')).toBe(false);
    const m = new WindowMeter(p);
    // 29 Opus prompts = 290 premium requests; 10 Sonnet prompts = 10 more: 300 exactly.
    for (let i = 0; i < 29; i++) expect(m.take(T0 + i, 'claude-opus-4', use({})).ok).toBe(true);
    for (let i = 0; i < 10; i++) expect(m.take(T0 + 100 + i, 'claude-sonnet-4', use({})).ok).toBe(true);
    // One more Sonnet prompt: refused until the 1st of December, 00:00 UTC.
    expect(m.take(T0 + 200, 'claude-sonnet-4', use({}))).toMatchObject({
      ok: false,
      resetsAt: Date.UTC(2026, 11, 1),
    });
  });

  it('dollars of list-price usage are counted exactly, and a UTC day resets at midnight', () => {
    const usd = plan([{unit: 'usd', window: 'month', count: '15'}]);
    const m = new WindowMeter(usd);
    expect(m.take(T0, 'x', use({usd: new Money('14.99')})).ok).toBe(true);
    expect(m.take(T0, 'x', use({usd: new Money('0.01')})).ok).toBe(true);
    expect(m.take(T0, 'x', use({usd: new Money('0.000001')})).ok).toBe(false);
    const daily = new WindowMeter(plan([{unit: 'requests', window: 'day', count: '3'}]));
    expect(daily.take(T0, 'x', use({requests: 3})).ok).toBe(true);
    expect(daily.take(T0 + H, 'x', use({requests: 1}))).toMatchObject({resetsAt: Date.UTC(2026, 10, 3)});
    expect(daily.take(Date.UTC(2026, 10, 3), 'x', use({requests: 1})).ok).toBe(true);
  });
});

describe('bundled subscription plans', () => {
  const dir = new URL('../../data/subscriptions/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

  it.each(files)('%s parses, and every figure names its source and date', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const p = parseSubscriptionPlan(JSON.parse(text), file);
    expect(`${p.id}.json`).toBe(file);
    for (const figure of [
      p.fee,
      p.covers,
      p.pastLimit,
      ...p.limits,
      ...(p.multipliers ? [p.multipliers] : []),
    ]) {
      expect(figure.source.length).toBeGreaterThan(10);
      expect(figure.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('marks every limit the vendor does not publish as a number as an estimate', () => {
    const claude = parseSubscriptionPlan(
      JSON.parse(readFileSync(new URL('claude-max-5x.json', dir), 'utf8')),
      'claude-max-5x.json',
    );
    expect(claude.limits.every((l) => l.estimate)).toBe(true);
    expect(claude.fee.estimate).toBe(false);
  });
});
