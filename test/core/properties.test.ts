import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {ALL_PLATFORM} from '../../src/core/routing/candidates.js';
import {simulateRun} from '../../src/core/simulation/batch-run.js';
import {byokSettings} from '../../src/core/routing/strategy.js';
import {plan, scenario, taskClass} from '../helpers.js';

const BYOK = {id: 'all-byok', label: 'BYOK', settings: byokSettings(['anthropic'])};
const tokenCount = fc.integer({min: 0, max: 3_000_000});
const taskTokens = fc.record({
  input: tokenCount,
  cacheRead: tokenCount,
  cacheWrite5m: tokenCount,
  cacheWrite1h: tokenCount,
  output: fc.integer({min: 0, max: 200_000}),
});
const markup = fc.integer({min: 0, max: 10_000}).map((basisPoints) => (basisPoints / 100).toFixed(2));

describe('cost invariants', () => {
  it('cost is linear in tasks (markup plans, no fixed fees)', () => {
    fc.assert(
      fc.property(
        taskTokens,
        fc.integer({min: 1, max: 40}),
        fc.integer({min: 1, max: 200}),
        fc.integer({min: 2, max: 5}),
        markup,
        (tokens, requests, n, k, pct) => {
          const s = scenario(plan({markupPct: pct}), [taskClass({tokens, requestsPerTask: requests})], {
            tasksPerDay: 7,
          });
          for (const strategy of [BYOK, ALL_PLATFORM]) {
            const one = simulateRun(s, strategy, n).totalUsd;
            const many = simulateRun(s, strategy, n * k).totalUsd;
            expect(many.toFixed()).toBe(one.mul(k).toFixed());
          }
        },
      ),
      {numRuns: 200},
    );
  });

  it('BYOK never costs more than platform-paid when markup ≥ 0 and there are no fixed fees', () => {
    fc.assert(
      fc.property(
        taskTokens,
        fc.integer({min: 1, max: 40}),
        fc.integer({min: 1, max: 500}),
        markup,
        (tokens, requests, n, pct) => {
          const s = scenario(plan({markupPct: pct}), [taskClass({tokens, requestsPerTask: requests})], {
            tasksPerDay: 12,
          });
          expect(simulateRun(s, BYOK, n).totalUsd.lte(simulateRun(s, ALL_PLATFORM, n).totalUsd)).toBe(true);
        },
      ),
      {numRuns: 200},
    );
  });

  it('every task is accounted for: served + unserved = tasks', () => {
    fc.assert(
      fc.property(
        fc.integer({min: 1, max: 2000}),
        fc.double({min: 0.5, max: 200, noNaN: true}),
        fc.integer({min: 0, max: 30}),
        (n, pace, cap) => {
          const p = plan({
            free: {pool: ['pool:free'], capability: 'open', dailyCap: {unit: 'tasks', count: cap}},
          });
          const easy = taskClass({
            name: 'easy',
            share: 0.6,
            tokens: {input: 1000, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 100},
          });
          const hard = taskClass({
            name: 'hard',
            share: 0.4,
            needs: 'frontier',
            tokens: {input: 1000, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 100},
          });
          const run = simulateRun(
            scenario(p, [easy, hard], {tasksPerDay: pace}),
            {
              id: 'free',
              label: 'free',
              settings: {keys: new Set(), platformProviders: new Set(), freeTier: true, onFreeLimit: 'wait'},
            },
            n,
          );
          const served = run.served.byok + run.served.platform + run.served.free;
          const unserved = Object.values(run.unserved).reduce((a, b) => a + b, 0);
          expect(served + unserved).toBe(n);
        },
      ),
      {numRuns: 200},
    );
  });
});
