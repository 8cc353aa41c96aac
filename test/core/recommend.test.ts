import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {KEY_WORTH_USD_PER_MONTH, recommend, type Recommendation} from '../../src/core/advice/recommend.js';
import {keysUsed, newKeys} from '../../src/core/routing/strategy.js';
import {m, plan, scenario, taskClass, tokens} from '../helpers.js';
import {cliText} from '../../src/output/setting-flags.js';

/** The reasons as the command line writes them. */
const said = (rec: Recommendation) => rec.reasons.map(cliText);

const easy = (share: number) =>
  taskClass({name: 'easy', share, tokens: tokens({input: 100_000, output: 10_000}), requestsPerTask: 4});
const hard = (share: number) =>
  taskClass({
    name: 'hard',
    share,
    needs: 'frontier',
    tokens: tokens({input: 400_000, cacheRead: 2_000_000, output: 40_000}),
    requestsPerTask: 30,
  });

describe('recommend', () => {
  it('recommends the cheapest option that serves every task, with reasons in numbers', () => {
    const s = scenario(plan({markupPct: '20'}), [easy(0.5), hard(0.5)], {
      tasksPerDay: 12,
      workingDaysPerMonth: 21,
    });
    const rec = recommend(s);
    expect(rec.strategy.id).toBe('hybrid-free-byok');
    expect(said(rec)[0]).toMatch(
      /^At 12 tasks a day on 21 days a month, "Free tier for simple tasks, your key for the rest" costs \$[\d,.]+ a month/,
    );
    expect(said(rec).join(' ')).toMatch(/Your own key saves \$[\d,.]+ a month/);
  });

  it('with --no-key, never a strategy that needs a key', () => {
    const s = scenario(plan({markupPct: '20'}), [easy(0.5), hard(0.5)], {tasksPerDay: 12});
    const rec = recommend(s, {noKey: true});
    expect(keysUsed(rec.strategy)).toEqual([]);
    expect(said(rec).join(' ')).toMatch(/--no-key/);
  });

  it('a hobbyist is told BYOK is not worth the bother, until they hold the key anyway', () => {
    const s = scenario(plan({markupPct: '20', free: null}), [easy(1)], {
      tasksPerDay: 2,
      workingDaysPerMonth: 8,
    });
    const without = recommend(s);
    expect(without.strategy.id).toBe('all-platform');
    expect(said(without).join(' ')).toMatch(
      /needs a key you do not hold \(anthropic\): under \$10\.00 a month, not worth managing one/,
    );
    expect(recommend(s, {heldKeys: ['anthropic']}).strategy.id).toBe('all-byok');
  });

  it("flags the day a plan's credits run out", () => {
    const p = plan({
      free: null,
      subscription: {
        monthlyFeeUsd: m('5'),
        includedCredits: m('50'),
        creditUnit: 'task',
        creditsPerTask: m('1'),
        overage: {kind: 'packs', packCredits: m('100'), packPriceUsd: m('1')},
      },
    });
    const rec = recommend(scenario(p, [easy(1)], {tasksPerDay: 10, workingDaysPerMonth: 20}));
    expect(rec.strategy.id).toBe('all-platform');
    expect(said(rec).join(' ')).toMatch(/credits run out on working day 5 of 20/);
  });

  it('never violates a satisfiable constraint, and nothing that satisfies them is cheaper', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 0, max: 100}),
        fc.integer({min: 0, max: 30}),
        fc.integer({min: 1, max: 60}),
        fc.option(fc.integer({min: 1, max: 3000}), {nil: undefined}),
        fc.boolean(),
        fc.double({min: 0.1, max: 0.9, noNaN: true}),
        (markup, cap, pace, budget, noKey, share) => {
          const p = plan({
            markupPct: String(markup),
            free: {pool: ['pool:free'], capability: 'open', dailyCap: {unit: 'tasks', count: cap}},
          });
          const s = scenario(p, [easy(share), hard(1 - share)], {tasksPerDay: pace});
          const constraints = {...(budget ? {budgetUsd: m(String(budget))} : {}), noKey};
          // No credits on this plan, so no month can run out: the simulated months (runs) could
          // add no violation, and the property holds on the deterministic month alone.
          const rec = recommend(s, constraints, [], 0);
          const best = rec.ranked[0]!;
          const satisfying = rec.ranked.filter((c) => c.violations.length === 0);
          if (satisfying.length > 0) {
            expect(best.violations).toEqual([]);
            if (noKey) expect(keysUsed(best.strategy)).toEqual([]);
            if (budget) expect(best.month.totalUsd.lte(budget)).toBe(true);
            // Never costlier than what meets the constraints, unless by less than what a new key is
            // worth managing, to avoid a key the user does not hold: and then a reason says so.
            for (const c of satisfying) {
              if (best.month.totalUsd.lte(c.month.totalUsd)) continue;
              expect(newKeys(best.strategy)).toEqual([]);
              expect(newKeys(c.strategy).length).toBeGreaterThan(0);
              expect(best.month.totalUsd.sub(c.month.totalUsd).lt(KEY_WORTH_USD_PER_MONTH)).toBe(true);
              expect(said(rec).join(' ')).toMatch(/needs a key you do not hold/);
            }
          }
        },
      ),
      {numRuns: 150},
    );
  });
});
