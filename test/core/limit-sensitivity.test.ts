import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {loadPlan, loadPriceBook, loadProfile} from '../../src/io/load-data.js';
import {buildScenario} from '../../src/core/simulation/scenario.js';
import {pathStrategies} from '../../src/core/routing/candidates.js';
import {limitSensitivity} from '../../src/core/subscription/limit-sensitivity.js';
import {expectedMonth, MONTH_END} from '../../src/core/subscription/month-tasks.js';
import {keyProviders, subscriptionSetup} from '../../src/core/subscription/setups.js';
import {parseSubscriptionPlan, type SubscriptionPlan} from '../../src/core/subscription/subscription-plan.js';
import {runMonth} from '../../src/core/subscription/timeline.js';

const scenario = buildScenario(
  loadProfile('daily-driver'),
  loadPlan('vibekit'),
  loadPriceBook([], {cache: false}),
  '2026-11-01',
);
const max5 = parseSubscriptionPlan(
  JSON.parse(readFileSync(new URL('../../data/subscriptions/claude-max-5x.json', import.meta.url), 'utf8')),
  'claude-max-5x.json',
);
const tasks = expectedMonth(scenario);
const monthOn = (plan: SubscriptionPlan) =>
  runMonth(scenario.plan, subscriptionSetup(keyProviders(scenario), plan, 'key')!, tasks, MONTH_END).bill
    .totalUsd;
const byok = runMonth(scenario.plan, pathStrategies(scenario).byok, tasks, MONTH_END).bill.totalUsd;

describe('how far a subscription verdict rests on estimated limits', () => {
  it('finds the limits from which the plan beats your key, checked on both sides by the month itself', () => {
    const s = limitSensitivity(scenario, max5, {totalUsd: byok, complete: true}, ['key']);
    expect(s?.beatsNow).toBe(false);
    const turns = s?.turnsAt;
    expect(turns).toBeDefined();
    // Only the limits the month reaches move: no Opus runs, so the Opus weekly cap is left alone.
    expect(turns!.limits.map((l) => l.id)).toEqual(['session', 'weekly-sonnet']);
    const at = (factor: number): SubscriptionPlan => ({
      ...max5,
      limits: max5.limits.map((l) => {
        const moved = turns!.limits.find((t) => t.id === l.id);
        return moved ? {...l, count: moved.count.mul(factor).floor()} : l;
      }),
    });
    expect(monthOn(at(1)).lte(byok)).toBe(true);
    expect(monthOn(at(0.95)).gt(byok)).toBe(true);
  });

  it('says no limit helps when the fee alone is more than your key costs', () => {
    const base = byok.div(2).floor().sub(60);
    const s = limitSensitivity(scenario, max5, {totalUsd: base, complete: true}, ['key']);
    expect(s?.feeAboveBase).toBe(true);
    expect(s?.turnsAt).toBeUndefined();
    // A base that is a lower bound may be above the fee once every price is known.
    expect(limitSensitivity(scenario, max5, {totalUsd: base, complete: false}, ['key'])?.feeAboveBase).toBe(
      false,
    );
  });
});
