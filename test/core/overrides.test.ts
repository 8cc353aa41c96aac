import {describe, expect, it} from 'vitest';
import {mixMean, applyProfileOverrides} from '../../src/core/simulation/overrides.js';
import {loadProfile} from '../../src/io/load-data.js';
import {scenarioOf} from '../../src/ui/derive.js';
import {book, DATE, pureState} from '../ui/helpers.js';
import {cli} from '../cli/in-process.js';

describe('a token or request flag keeps the task mix', () => {
  const profile = loadProfile('daily-driver');

  it('keeps every class, its share and its need, and sets the figure for every task', () => {
    const over = applyProfileOverrides(profile, {tokens: {output: 30_000}, requestsPerTask: 40});
    expect(over.classes.map((c) => [c.name, c.share, c.needs])).toEqual(
      profile.classes.map((c) => [c.name, c.share, c.needs]),
    );
    expect(over.classes.map((c) => [c.tokens.output, c.requestsPerTask])).toEqual([
      [30_000, 40],
      [30_000, 40],
      [30_000, 40],
    ]);
    expect(over.classes.map((c) => c.tokens.input)).toEqual(profile.classes.map((c) => c.tokens.input));
    expect(mixMean(profile.classes, (c) => c.tokens.output)).toBe(8000 * 0.5 + 25000 * 0.35 + 60000 * 0.15);
  });

  it('the dashboard builds the same mix from a typed token figure', () => {
    const state = pureState();
    const scenario = scenarioOf({...state.inputs, tokens: {input: 50_000}}, {book, date: DATE, apps: []});
    expect(scenario.classes.map((c) => c.needs)).toEqual(['open', 'mid', 'frontier']);
  });

  it('the free tier serves the same share of tasks with or without a token flag', async () => {
    const served = async (args: string[]) =>
      JSON.parse((await cli(['simulate', '--format', 'json', ...args])).stdout).paths.free.served.free;
    const plain = await served([]);
    expect(plain).toBe(126);
    for (const flag of ['--input-tokens', '--output-tokens', '--requests-per-task'])
      expect(await served([flag, '20'])).toBe(plain);
  });
});
