import {describe, expect, it} from 'vitest';
import {displayUsd, Money} from '../../src/core/money.js';
import {
  recommend,
  type Candidate,
  type Constraints,
  type Recommendation,
} from '../../src/core/advice/recommend.js';
import {applyProfileOverrides} from '../../src/core/simulation/overrides.js';
import {buildScenario} from '../../src/core/simulation/scenario.js';
import {keysUsed, newKeys} from '../../src/core/routing/strategy.js';
import {loadPlan, loadPriceBook, loadProfile} from '../../src/io/load-data.js';
import {cliText} from '../../src/output/setting-flags.js';
import {cents} from '../helpers.js';

/** The reasons as the command line writes them. */
const said = (rec: Recommendation) => rec.reasons.map(cliText);

const book = loadPriceBook([], {cache: false});
const DATE = '2026-11-27';
/**
 * Simulated months behind each candidate's spread. A reason is checked against the figures it came
 * with, whatever their number; 50 keep the spread and credit-cliff sentences in play at a quarter
 * of the time of 200.
 */
const RUNS = 50;
const PROFILES = ['hobbyist', 'daily-driver', 'team'];
const PLANS = ['vibekit', 'openrouter', 'cursor-pro', 'credits-builder', 'credits-cliff'];
const CONSTRAINTS: Record<string, Constraints> = {
  none: {},
  'no key': {noKey: true},
  'budget 20': {budgetUsd: new Money(20)},
  'no key, budget 200': {noKey: true, budgetUsd: new Money(200)},
  'anthropic key held': {heldKeys: ['anthropic']},
};

/**
 * Every figure and claim a reason makes, checked against the candidate table it came with. A gap
 * between two amounts is the difference of the amounts as shown (in the sentence or the table),
 * so it adds up for whoever checks it.
 */
function checkReasons(rec: Recommendation, constraints: Constraints): void {
  const byLabel = new Map(rec.ranked.map((c) => [c.strategy.label, c]));
  const best = rec.ranked[0] as Candidate;
  const fits = rec.ranked.filter((c) => c.violations.length === 0);
  const cost = (label: string) => {
    const c = byLabel.get(label);
    expect(c, `a reason names "${label}", which is not in the table`).toBeDefined();
    return `${(c as Candidate).month.complete ? '' : '≥'}${displayUsd((c as Candidate).month.totalUsd)}`;
  };
  expect(best.strategy.id).toBe(rec.strategy.id);
  expect(rec.closest).toBe(fits.length === 0);
  for (const reason of said(rec)) {
    for (const m of reason.matchAll(/"([^"]+)" \((≥?\$[\d,.]+)(?: a month| in a typical month)?\)/g))
      expect(cost(m[1] as string), reason).toBe(m[2]);
    for (const m of reason.matchAll(/"([^"]+)" costs (≥?\$[\d,.]+) a month/g))
      expect(cost(m[1] as string), reason).toBe(m[2]);
    if (/only option that meets every constraint/.test(reason)) expect(fits, reason).toHaveLength(1);
    if (/^No option meets every constraint/.test(reason)) expect(fits, reason).toHaveLength(0);
    const runnerUp = reason.match(
      /(\$[\d,.]+)(?: a month| per solved task)?, (\$[\d,.]+) less than the runner-up "([^"]+)" \((\$[\d,.]+)/,
    );
    if (runnerUp) {
      const [, mine = '', gap = '', label = '', theirs = ''] = runnerUp;
      expect((byLabel.get(label) as Candidate).violations, reason).toEqual([]);
      expect(cents(gap), reason).toBe(cents(theirs) - cents(mine));
      expect(cents(gap), reason).toBeGreaterThan(0);
    } else
      expect(reason, 'a runner-up sentence the check above does not read').not.toMatch(
        /less than the runner-up/,
      );
    const cheaper = reason.match(
      /^"([^"]+)" would be (\$[\d,.]+) a month cheaper, but needs a key you do not hold \(([^)]+)\)/,
    );
    if (cheaper) {
      const other = byLabel.get(cheaper[1] as string) as Candidate;
      expect(cents(cheaper[2] as string), reason).toBe(
        cents(cost(best.strategy.label)) - cents(cost(other.strategy.label)),
      );
      expect(newKeys(other.strategy, constraints.heldKeys).join(', '), reason).toBe(cheaper[3]);
      expect(best.month.totalUsd.sub(other.month.totalUsd).lt(rec.keyWorthUsd), reason).toBe(true);
    }
    if (/were set aside \(--no-key\)/.test(reason))
      expect(
        rec.ranked.some((c) => keysUsed(c.strategy).length > 0 && constraints.noKey),
        reason,
      ).toBe(true);
    const spread = reason.match(
      /^Over (\d+) simulated months \(seed (\d+)\) it averages (\$[\d,.]+) a month, (\$[\d,.]+) or less in 9 months of 10/,
    );
    if (spread) {
      const v = best.variability;
      expect(
        v && [String(v.runs), String(v.seed), displayUsd(v.meanUsd), displayUsd(v.p90Usd)],
        reason,
      ).toEqual(spread.slice(1, 5));
    }
    const saves = reason.match(/^Your own key (?:saves|would save|saves only) (?:only )?(\$[\d,.]+) a month/);
    if (saves) {
      expect(cents(saves[1] as string), reason).toBe(
        cents(cost('Platform-paid')) - cents(cost('BYOK: your own key at list price')),
      );
      const year = reason.match(/a month \((\$[\d,.]+) a year\)/);
      if (year) expect(cents(year[1] as string), reason).toBe(12 * cents(saves[1] as string));
    }
    const platformCheaper = reason.match(/^Platform-paid is (\$[\d,.]+) a month cheaper than your own key/);
    if (platformCheaper)
      expect(cents(platformCheaper[1] as string), reason).toBe(
        cents(cost('BYOK: your own key at list price')) - cents(cost('Platform-paid')),
      );
  }
  // A recommendation that needs a key under --no-key is never made while a keyless option serves every task.
  if (constraints.noKey && keysUsed(rec.strategy).length > 0)
    expect(rec.ranked.every((c) => keysUsed(c.strategy).length > 0 || c.shortfall.unserved > 0)).toBe(true);
}

describe('every reason recommend gives is true of its candidate table', () => {
  for (const profile of PROFILES) {
    for (const plan of PLANS) {
      it(`${profile} on ${plan}`, () => {
        const scenario = buildScenario(loadProfile(profile), loadPlan(plan), book, DATE);
        for (const [name, constraints] of Object.entries(CONSTRAINTS)) {
          const rec = recommend(scenario, constraints, [], RUNS);
          try {
            checkReasons(rec, constraints);
          } catch (error) {
            throw new Error(
              `${profile} · ${plan} · ${name}: ${(error as Error).message}\n${said(rec).join('\n')}`,
            );
          }
        }
      });
    }
  }
});

describe('every reason is true for a model no key can reach, whose prices are lower bounds', () => {
  it('v0-1.5-md on every plan', () => {
    for (const plan of PLANS) {
      const scenario = buildScenario(
        applyProfileOverrides(loadProfile('daily-driver'), {model: 'v0-1.5-md'}),
        loadPlan(plan),
        book,
        DATE,
      );
      for (const constraints of Object.values(CONSTRAINTS)) {
        const rec = recommend(scenario, constraints, [], RUNS);
        expect(rec.ranked.map((c) => c.strategy.id)).not.toContain('all-byok');
        checkReasons(rec, constraints);
      }
    }
  });
});

describe('constraints nothing meets are said plainly', () => {
  it('--no-key --budget 200 for a daily driver: the closest keyless setup, labelled, with what it breaks', () => {
    const scenario = buildScenario(loadProfile('daily-driver'), loadPlan('vibekit'), book, DATE);
    const rec = recommend(scenario, {noKey: true, budgetUsd: new Money(200)});
    expect(rec.closest).toBe(true);
    expect(keysUsed(rec.strategy)).toEqual([]);
    expect(rec.strategy.id).toBe('free-then-platform');
    expect(said(rec)[0]).toBe(
      'No option meets every constraint. Closest: "Free tier, platform-paid when it cannot" ($237.87 a month), which breaks them least: over the budget of $200.00 a month by $37.87.',
    );
    expect(said(rec).join(' ')).not.toMatch(/the only option that serves every task/);
    for (const c of rec.ranked) expect(c.violations.length, c.strategy.id).toBeGreaterThan(0);
  });
});

describe('recommendation accounts for variability', () => {
  const scenario = buildScenario(loadProfile('hobbyist'), loadPlan('credits-cliff'), book, DATE);

  it('a plan whose credits block tasks in 7% of months is not recommended as if they never do (default risk 5%)', () => {
    const rec = recommend(scenario);
    const platform = rec.ranked.find((c) => c.strategy.id === 'all-platform') as Candidate;
    expect(platform.variability?.blockedShare).toBeGreaterThan(0.05);
    expect(platform.variability?.blockedShare).toBeLessThan(0.1);
    expect(platform.violations.map(cliText).join(' ')).toMatch(
      /tasks blocked by the credit cliff in [\d.]+% of simulated months \(you accept 5%: --risk\)/,
    );
    expect(rec.strategy.id).not.toBe('all-platform');
    expect(said(rec).join(' ')).toMatch(
      /Over 1000 simulated months \(seed 1\) it averages \$[\d.]+ a month, \$[\d.]+ or less in 9 months of 10/,
    );
  });

  it('--risk 10 accepts it: the keyless plan comes back, with its run-out share beside its mean', () => {
    const rec = recommend(scenario, {risk: 0.1});
    expect(rec.strategy.id).toBe('all-platform');
    expect(said(rec).join(' ')).toMatch(
      /the included credits run out in [\d.]+% of them and block tasks in [\d.]+%/,
    );
  });

  it('is the same for the same inputs (seeded)', () => {
    expect(recommend(scenario).ranked.map((c) => c.variability?.p90Usd.toFixed())).toEqual(
      recommend(scenario).ranked.map((c) => c.variability?.p90Usd.toFixed()),
    );
  });
});

describe('the key-worth rule is a flag', () => {
  const scenario = buildScenario(loadProfile('hobbyist'), loadPlan('vibekit'), book, DATE);
  it('at $10 (the default) a hobbyist is not sent to add a key to save $1.48; at $1 they are', () => {
    const standard = recommend(scenario);
    expect(standard.keyWorthUsd.toFixed()).toBe('10');
    expect(keysUsed(standard.strategy)).toEqual([]);
    expect(said(standard)[0]).toMatch(
      /needs a key you do not hold \(anthropic\): under \$10\.00 a month, not worth managing one \(--key-worth\)/,
    );
    const eager = recommend(scenario, {keyWorthUsd: new Money(1)});
    expect(eager.strategy.id).toBe('hybrid-free-byok');
    expect(said(eager).join(' ')).toMatch(
      /at least the \$1\.00 a month that makes a key worth managing \(--key-worth\)/,
    );
  });
});
