import {describe, expect, it} from 'vitest';
import {buildScenario} from '../../src/core/simulation/scenario.js';
import {expectedMonth, MONTH_END} from '../../src/core/subscription/month-tasks.js';
import {keyProviders, subscriptionSetup} from '../../src/core/subscription/setups.js';
import {runMonth} from '../../src/core/subscription/timeline.js';
import type {OnLimit} from '../../src/core/routing/router.js';
import {loadPlan, loadPriceBook, loadProfile, loadSubscriptionPlan} from '../../src/io/load-data.js';

// The profile's model without its cache prices: every task's list price is a lower bound.
const book = loadPriceBook(['test/fixtures/no-cache-prices.json'], {cache: false});
const scenario = buildScenario(loadProfile('daily-driver'), loadPlan('vibekit'), book, '2026-11-01');
// The month's first task alone: it fits any plan's limits, so the fee covers it.
const first = expectedMonth(scenario).slice(0, 1);

const bill = (plan: string, onLimit: OnLimit) => {
  const setup = subscriptionSetup(keyProviders(scenario), loadSubscriptionPlan(plan), onLimit)!;
  const month = runMonth(scenario.plan, setup, first, MONTH_END);
  expect(month.subscription).toBe(1);
  return month.bill;
};

describe('a subscription month with a price missing', () => {
  it('is exactly the fee when the fee covers every task, whatever their list prices', () => {
    expect(bill('claude-max-5x', 'key')).toMatchObject({complete: true, pastLimitComplete: true});
    expect(bill('claude-max-5x', 'key').totalUsd.toFixed(2)).toBe('100.00');
  });

  it('is a lower bound where a limit in dollars at API prices meters the unpriced task short, unless past the limit it waits', () => {
    // Metered short, the task may not fit the limit once priced: past it, your key bills it.
    expect(bill('cursor-pro', 'key')).toMatchObject({complete: false, pastLimitComplete: false});
    // Waiting costs nothing more, so the bill stays the fee.
    expect(bill('cursor-pro', 'wait')).toMatchObject({complete: true, pastLimitComplete: true});
  });
});
