import {describe, expect, it} from 'vitest';
import {loadPlan, loadPriceBook, loadProfile} from '../../src/io/load-data.js';
import {chartOf, reportOf, scenarioOf, type Context} from '../../src/ui/derive.js';
import {inputsFrom} from '../../src/ui/state.js';

describe("the dashboard's breakeven chart, with a price missing", () => {
  const context: Context = {
    book: loadPriceBook(['test/fixtures/no-cache-prices.json'], {cache: false}),
    date: '2026-11-01',
    apps: [],
  };
  const title = (plan: string) => {
    const inputs = inputsFrom(loadProfile('daily-driver'), loadPlan(plan), []);
    const scenario = scenarioOf(inputs, context);
    return chartOf('breakeven', scenario, reportOf(scenario, inputs, context), 100, 8, context).title;
  };

  it('gives a crossing as one on the prices known, where the missing prices could move it', () => {
    expect(title('cursor-pro')).toBe(
      'Monthly cost vs tasks/day · ▲ breakeven at 1.48/day on the prices known',
    );
  });

  it('says there is none without a caveat where the missing prices cannot make one (a markup bills them too)', () => {
    expect(title('vibekit')).toBe('Monthly cost vs tasks/day · ▲ breakeven: none in range');
  });
});
