import {EMPTY_CONFIG} from '../../src/core/routing/user-config.js';
import {buildScenario} from '../../src/core/simulation/scenario.js';
import {loadPlan, loadPriceBook, loadProfile} from '../../src/io/load-data.js';
import type {DashboardIO} from '../../src/ui/io.js';
import {openingState} from '../../src/ui/run-dashboard.js';
import {initialState, inputsFrom, type Catalog, type DashboardState} from '../../src/ui/state.js';

export const DATE = '2026-11-27';
export const book = loadPriceBook([], {cache: false});

/** The dashboard's opening state for a bundled profile and plan, with no settings file and no keys. */
export function opening(profile = 'daily-driver', plan = 'vibekit', heldKeys: string[] = []) {
  const scenario = buildScenario(loadProfile(profile), loadPlan(plan), book, DATE);
  return openingState({
    loaded: {scenario, book, config: EMPTY_CONFIG, heldKeys, userStrategies: []},
    date: DATE,
  });
}

export const CATALOG: Catalog = {
  models: ['claude-sonnet-4-6', 'gpt-5.4', 'gemini-3-pro', 'deepseek-v4'],
  plans: ['credits-builder', 'cursor-pro', 'openrouter', 'vibekit'],
  profiles: ['daily-driver', 'hobbyist', 'team'],
  providers: ['anthropic', 'google', 'openai'],
};

export function pureState(): DashboardState {
  return initialState(inputsFrom(loadProfile('daily-driver'), loadPlan('vibekit'), []), CATALOG, 'anthropic');
}

/** Real loaders; files written to memory. */
export function memoryIO(): DashboardIO & {written: Map<string, string>} {
  const written = new Map<string, string>();
  return {
    written,
    loadProfile,
    loadPlan,
    replay: async (paths) => ({path: paths.join(', '), records: 3, days: 1, rows: []}),
    write: (path, text) => {
      written.set(path, text);
    },
  };
}
