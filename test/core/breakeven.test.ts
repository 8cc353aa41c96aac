import {describe, expect, it} from 'vitest';
import {breakeven, monthAt, monthOffFreeTier} from '../../src/core/advice/breakeven.js';
import {Random} from '../../src/core/simulation/random.js';
import {pathStrategies} from '../../src/core/routing/candidates.js';
import {m, plan, scenario, taskClass, tokens} from '../helpers.js';
import {applyProfileOverrides} from '../../src/core/simulation/overrides.js';
import {unservedTotal} from '../../src/core/advice/recommend.js';
import {buildScenario} from '../../src/core/simulation/scenario.js';
import {loadPlan, loadPriceBook, loadProfile} from '../../src/io/load-data.js';

// $0.45 a task at list price: 100k input at $3, 10k output at $15.
const TASK = taskClass({tokens: tokens({input: 100_000, output: 10_000}), requestsPerTask: 1});

describe('breakeven', () => {
  it('a markup never breaks even with BYOK: BYOK is cheaper at every volume', () => {
    const result = breakeven(
      scenario(plan({markupPct: '20'}), [TASK], {tasksPerDay: 5, workingDaysPerMonth: 20}),
    );
    expect(result.pairs[0]).toMatchObject({
      a: 'byok',
      b: 'platform',
      crossings: [],
      cheaperThroughout: 'byok',
    });
  });

  it('no markup, no fees: the two cost the same throughout', () => {
    const result = breakeven(scenario(plan({markupPct: '0'}), [TASK], {tasksPerDay: 5}));
    expect(result.pairs[0]?.cheaperThroughout).toBe('equal');
  });

  it('a subscription breaks even where the fee equals the list-price bill (closed form)', () => {
    const p = plan({
      subscription: {
        monthlyFeeUsd: m('25'),
        includedCredits: m('100'),
        creditUnit: 'task',
        creditsPerTask: m('1'),
        overage: {kind: 'packs', packCredits: m('50'), packPriceUsd: m('15')},
      },
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
      subscription: {
        monthlyFeeUsd: m('20'),
        includedCredits: m('30'),
        creditUnit: 'usd',
        creditsPerTask: m('1'),
        overage: {kind: 'payg', usdPerCredit: m('1.5')},
      },
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
      const expected = passed.length
        ? passed[passed.length - 1]!.cheaperAbove
        : (crossings[0]?.cheaperBelow ?? result.pairs[0]?.cheaperThroughout);
      expect(cheaper(t), `at ${t} tasks a month`).toBe(expected);
    }
    // Fee $20 buys $30 of usage: BYOK is cheaper below 45 tasks ($20.25), the plan from there until
    // its $1.50-a-credit overage makes it dearer again: 0.45T = 20 + 1.5(0.45T − 30) at T = 111.1.
    expect(crossings.map((c) => c.tasksPerMonth)).toEqual([45, 112]);
  });

  it('does not call a plan cheaper once its credit cliff blocks tasks', () => {
    const p = plan({
      subscription: {
        monthlyFeeUsd: m('5'),
        includedCredits: m('5'),
        creditUnit: 'usd',
        creditsPerTask: m('1'),
        overage: {kind: 'blocked'},
      },
    });
    const result = breakeven(scenario(p, [TASK], {tasksPerDay: 3, workingDaysPerMonth: 20}), {
      maxTasksPerDay: 10,
    });
    expect(result.stopsServingAtTasksPerDay.platform?.toFixed()).toBe('0.6'); // the 12th task a month is blocked
    expect(result.pairs[0]?.crossings).toEqual([]);
  });
});

describe('breakeven is exact to the task at any range (against brute force over every task)', () => {
  const book = loadPriceBook([], {cache: false});
  const cases: [string, string, string | undefined, number][] = [
    ['daily-driver', 'credits-builder', 'claude-haiku-4-5', 100],
    ['team', 'credits-builder', undefined, 288],
    ...['vibekit', 'openrouter', 'cursor-pro', 'credits-builder', 'credits-cliff'].flatMap(
      (p) =>
        [
          ['hobbyist', p, undefined, 30],
          ['daily-driver', p, undefined, 60],
        ] as [string, string, undefined, number][],
    ),
  ];
  // The scan prices every whole task of the range off the free tier as one day (monthOffFreeTier, a
  // twentieth of monthAt's work); that it is monthAt's month is held at 100 tasks drawn over the
  // range and on both sides of every crossing.
  it.each(cases)('%s on %s (model %s) up to %d tasks a day', (profileId, planId, model, maxTasksPerDay) => {
    const profile = applyProfileOverrides(loadProfile(profileId), model ? {model} : {});
    const s = buildScenario(profile, loadPlan(planId), book, '2026-11-27');
    const result = breakeven(s, {maxTasksPerDay, points: 4});
    const paths = pathStrategies(s);
    const days = profile.workingDaysPerMonth;
    const expected: number[] = [];
    let previous: number | undefined;
    let last = 0;
    for (let t = 1; t <= maxTasksPerDay * days; t++) {
      const byok = monthOffFreeTier(s, paths.byok, t);
      const platform = monthOffFreeTier(s, paths.platform, t);
      if (unservedTotal(byok) > 0 || unservedTotal(platform) > 0) break;
      last = t;
      const state = byok.totalUsd.cmp(platform.totalUsd);
      if (previous !== undefined && state !== previous) expected.push(t);
      previous = state;
    }
    expect(result.pairs[0]?.crossings.map((c) => c.tasksPerMonth) ?? []).toEqual(expected);

    const random = new Random(maxTasksPerDay);
    const held = [...expected.flatMap((t) => [t - 1, t]), last, last + 1];
    for (let i = 0; i < 100; i++) held.push(1 + Math.floor(random.uniform() * maxTasksPerDay * days));
    for (const t of held)
      for (const path of [paths.byok, paths.platform]) {
        const month = monthAt(s, path, t);
        const oneDay = monthOffFreeTier(s, path, t);
        expect([oneDay.totalUsd.toFixed(), unservedTotal(oneDay) > 0], `${path.id} at ${t} tasks`).toEqual([
          month.totalUsd.toFixed(),
          unservedTotal(month) > 0,
        ]);
      }
  });

  // The issue saw 601–606, 651–653 and 701–702 under the old class split; whole tasks move them a little.
  it('finds all 27 crossings of Claude Haiku 4.5 on credits-builder, BYOK cheaper again at 601–607, 651–656 and 701–703', () => {
    const profile = applyProfileOverrides(loadProfile('daily-driver'), {model: 'claude-haiku-4-5'});
    const result = breakeven(buildScenario(profile, loadPlan('credits-builder'), book, '2026-11-27'), {
      maxTasksPerDay: 100,
      points: 4,
    });
    const at = result.pairs[0]?.crossings.map((c) => c.tasksPerMonth) ?? [];
    expect(at).toHaveLength(27);
    expect(at).toEqual(expect.arrayContaining([601, 608, 651, 657, 701, 704]));
  });
});
