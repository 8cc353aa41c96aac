import {describe, expect, it} from 'vitest';
import {loadPopulation, loadPriceBook} from '../../src/io/load-data.js';
import {chartOf, reportOf, scenarioOf, type Context} from '../../src/ui/derive.js';
import {inputsFrom} from '../../src/ui/state.js';
import {loadPlan, loadProfile} from '../../src/io/load-data.js';
import {cli} from '../cli/in-process.js';

describe("the dashboard's platform chart", () => {
  const context: Context = {
    book: loadPriceBook([], {cache: false}),
    date: '2026-11-01',
    apps: [],
    population: loadPopulation('indie-mix', 'all-platform'),
  };
  const inputs = inputsFrom(loadProfile('daily-driver'), loadPlan('vibekit'), []);

  it('says what `vibe-cost platform` says for the same plan, markup and free cap', async () => {
    const edited = {...inputs, markupPct: '30', freeCap: 4};
    const scenario = scenarioOf(edited, context);
    const chart = chartOf('platform', scenario, reportOf(scenario, edited, context), 100, 8, context);
    const command = JSON.parse(
      (
        await cli([
          'platform',
          '--markup',
          '30',
          '--free-cap',
          '4',
          '--markups',
          '0',
          '--format',
          'json',
          '--as-of',
          '2026-11-01',
        ])
      ).stdout,
    );
    const margin = Number(command.month.marginAfterChurnUsd).toLocaleString('en-US', {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    expect(chart.title).toContain(
      `at 30%: $${margin}/mo (${command.month.usersLeaving} of 1,000 users leave for BYOK)`,
    );
    expect(chart.lines.length).toBeGreaterThan(8);
  });
});
