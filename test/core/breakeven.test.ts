import {describe, expect, it} from 'vitest';
import {breakeven, monthAt} from '../../src/core/breakeven.js';
import {pathStrategies} from '../../src/core/candidates.js';
import {m, plan, scenario, taskClass, tokens} from '../helpers.js';

// $0.45 a task at list price: 100k input at $3, 10k output at $15.
const TASK = taskClass({tokens: tokens({input: 100_000, output: 10_000}), requestsPerTask: 1});

describe('breakeven', () => {
  it('a markup never breaks even with BYOK: BYOK is cheaper at every volume', () => {
    const result = breakeven(scenario(plan({markupPct: '20'}), [TASK], {tasksPerDay: 5, workingDaysPerMonth: 20}));
    expect(result.pairs[0]).toMatchObject({a: 'byok', b: 'platform', crossings: [], cheaperThroughout: 'byok'});
  });

  it('no markup, no fees: the two cost the same throughout', () => {
    const result = breakeven(scenario(plan({markupPct: '0'}), [TASK], {tasksPerDay: 5}));
    expect(result.pairs[0]?.cheaperThroughout).toBe('equal');
  });

  it('a subscription breaks even where the fee equals the list-price bill (closed form)', () => {
    const p = plan({
      subscription: {monthlyFeeUsd: m('25'), includedCredits: m('100'), creditUnit: 'task', creditsPerTask: m('1'), overage: {kind: 'packs', packCredits: m('50'), packPriceUsd: m('15')}},
    });
    const s = scenario(p, [TASK], {tasksPerDay: 5, workingDaysPerMonth: 20});
    const result = breakeven(s, {maxTasksPerDay: 15});
    // BYOK 0.45·T passes the $25 fee at T = 25 / 0.45 = 55.6: from 56 tasks a month, the plan is cheaper.
    const crossing = result.pairs[0]?.crossings[0];
    expect(crossing).toMatchObject({tasksPerMonth: 56, cheaperBelow: 'byok', cheaperAbove: 'platform'});
    expect(crossing?.tasksPerDay.toFixed()).toBe('2.8');
    expect(crossing?.monthlyUsd.byok?.toFixed()).toBe('25.2');
    expect(result.pairs[0]?.crossings).toHaveLength(1);
  });

  it('agrees with brute force at every whole task of the range', () => {
    const p = plan({
      subscription: {monthlyFeeUsd: m('20'), includedCredits: m('30'), creditUnit: 'usd', creditsPerTask: m('1'), overage: {kind: 'payg', usdPerCredit: m('1.5')}},
    });
    const s = scenario(p, [TASK], {tasksPerDay: 5, workingDaysPerMonth: 20});
    const result = breakeven(s, {maxTasksPerDay: 10});
    const crossings = result.pairs[0]?.crossings ?? [];
    const {byok, platform} = pathStrategies(s);
    const cheaper = (t: number) => {
      const c = monthAt(s, byok, t).totalUsd.cmp(monthAt(s, platform, t).totalUsd);
      return c === 0 ? 'equal' : c < 0 ? 'byok' : 'platform';
    };
    for (let t = 1; t <= 200; t++) {
      const passed = crossings.filter((c) => c.tasksPerMonth <= t);
      const expected = passed.length ? passed[passed.length - 1]!.cheaperAbove : crossings[0]?.cheaperBelow ?? result.pairs[0]?.cheaperThroughout;
      expect(cheaper(t), `at ${t} tasks a month`).toBe(expected);
    }
    // Fee $20 buys $30 of usage: BYOK is cheaper below 45 tasks ($20.25), the plan from there until
    // its $1.50-a-credit overage makes it dearer again: 0.45T = 20 + 1.5(0.45T − 30) at T = 111.1.
    expect(crossings.map((c) => c.tasksPerMonth)).toEqual([45, 112]);
  });

  it('finds the pace at which the free cap starts turning tasks away', () => {
    const s = scenario(plan({free: {pool: ['pool:free'], capability: 'open', dailyCap: {unit: 'tasks', count: 5}}}), [TASK], {tasksPerDay: 3, workingDaysPerMonth: 20});
    const result = breakeven(s, {maxTasksPerDay: 10});
    // Five tasks a day fit; 101 tasks over 20 days puts six on one day.
    expect(result.free.capReachedAtTasksPerDay?.toFixed()).toBe('5.05');
    expect(result.free.beyondCapabilityShare).toBe(0);
  });

  it('does not call a plan cheaper once its credit cliff blocks tasks', () => {
    const p = plan({subscription: {monthlyFeeUsd: m('5'), includedCredits: m('5'), creditUnit: 'usd', creditsPerTask: m('1'), overage: {kind: 'blocked'}}});
    const result = breakeven(scenario(p, [TASK], {tasksPerDay: 3, workingDaysPerMonth: 20}), {maxTasksPerDay: 10});
    expect(result.stopsServingAtTasksPerDay.platform?.toFixed()).toBe('0.6'); // the 12th task a month is blocked
    expect(result.pairs[0]?.crossings).toEqual([]);
  });
});
