import {describe, expect, it} from 'vitest';
import {breakeven} from '../../src/core/advice/breakeven.js';
import {ALL_FREE} from '../../src/core/routing/candidates.js';
import {simulateMonths} from '../../src/core/simulation/months.js';
import {route} from '../../src/core/routing/router.js';
import {simulateRun} from '../../src/core/simulation/batch-run.js';
import {FREE_SETTINGS} from '../../src/core/routing/strategy.js';
import {FREE_MODEL, plan, scenario, SONNET, taskClass, tokens} from '../helpers.js';

/**
 * The free tier's daily cap, counted in tasks or in requests, as every engine applies it: route()
 * admits a task only while it fits, the batch and month simulations serve that many a day and
 * make the rest wait, and breakeven finds the pace where a day first holds one task too many.
 */
describe('the free tier serves its daily cap and no more; the rest wait', () => {
  const task = taskClass({tokens: tokens({input: 1000}), requestsPerTask: 12});
  const DAYS = 10;
  const PER_DAY = 6;
  it.each([
    // 5 tasks a day; 50 requests a day is 4 tasks of 12 requests.
    {unit: 'tasks' as const, count: 5, fit: 5, used: [4, 5]},
    {unit: 'requests' as const, count: 50, fit: 4, used: [38, 39]},
  ])('a cap of $count $unit takes $fit tasks a day', ({unit, count, fit, used}) => {
    const p = plan({free: {pool: ['pool:free'], capability: 'open', dailyCap: {unit, count}}});
    const request = {model: SONNET, needs: 'open' as const, requests: 12};
    const [last, over] = used as [number, number];
    expect(route(FREE_SETTINGS, p, request, {freeUsedToday: last, freeModel: FREE_MODEL}).path).toBe('free');
    expect(route(FREE_SETTINGS, p, request, {freeUsedToday: over, freeModel: FREE_MODEL})).toMatchObject({
      path: 'unserved',
      reason: 'free-cap-wait',
    });

    const s = scenario(p, [task], {tasksPerDay: PER_DAY, workingDaysPerMonth: DAYS});
    const run = simulateRun(s, ALL_FREE, DAYS * PER_DAY);
    expect(run.served.free).toBe(fit * DAYS);
    expect(run.unserved['free-cap-wait']).toBe((PER_DAY - fit) * DAYS);
    expect(run.totalUsd.toFixed()).toBe('0');

    const month = Array.from({length: DAYS}, () => Array.from({length: PER_DAY}, () => 0));
    const sim = simulateMonths(s, {runs: 1, seed: 1, strategies: [ALL_FREE], fixedMonth: month}).outcomes[0]!;
    expect(sim.free).toMatchObject({served: fit * DAYS, waited: (PER_DAY - fit) * DAYS, capDays: DAYS});
    expect(sim.totalUsd.toFixed()).toBe('0');

    // fit tasks a day fit; fit × DAYS + 1 tasks over the month put one more on a day.
    const pace = breakeven(scenario(p, [task], {tasksPerDay: 3, workingDaysPerMonth: 20}), {
      maxTasksPerDay: 10,
    }).free.capReachedAtTasksPerDay;
    expect(pace?.toFixed()).toBe(String((fit * 20 + 1) / 20));
  });
});
