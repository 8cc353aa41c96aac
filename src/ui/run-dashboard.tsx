/**
 * The dashboard's entry: loaded only by `vibe-cost dashboard` (a chunk of its own), so Ink and
 * React never load for the other commands.
 */
import {render} from 'ink';
import type {Money} from '../core/money.js';
import type {LoadedScenario} from '../core/simulation/scenario.js';
import {bundledNames, loadPopulation} from '../io/load-data.js';
import {App} from './App.js';
import type {Context} from './derive.js';
import {realIO} from './io.js';
import {initialState, inputsFrom, type Catalog, type DashboardState} from './state.js';

export interface DashboardOptions {
  readonly loaded: LoadedScenario;
  readonly date: string;
  readonly budgetUsd?: Money;
  /** What a new key must save a month to be worth managing (--key-worth). */
  readonly keyWorthUsd?: Money;
  /** Rank by cost per solved task (--per solved). */
  readonly per?: 'solved';
  readonly noKey?: boolean;
  /** A usage file to import and replay on opening. */
  /** Usage files to replay on opening (--import), read together. */
  readonly importFiles?: readonly string[];
  /** Vendor plans to weigh beside the paths (--subscription). */
  readonly subscriptions?: Context['subscriptions'];
}

/** Colour unless NO_COLOR is set (https://no-color.org) or FORCE_COLOR=0. */
function colourWanted(env: NodeJS.ProcessEnv): boolean {
  return !env['NO_COLOR'] && env['FORCE_COLOR'] !== '0' && env['TERM'] !== 'dumb';
}

/** The state and context the dashboard opens on, from what loadScenario read off the flags. */
export function openingState(options: DashboardOptions): {state: DashboardState; context: Context} {
  const {loaded} = options;
  const {scenario, book} = loaded;
  const models = book.models.map((m) => m.id).sort();
  const providers = [...new Set(book.models.filter((m) => m.byokable).map((m) => m.provider))].sort();
  const catalog: Catalog = {
    models,
    plans: bundledNames('platforms'),
    profiles: bundledNames('profiles'),
    providers,
  };
  // The scenario as loaded is the profile with the flags applied: the dashboard edits from there.
  const inputs = inputsFrom(scenario.profile, scenario.plan, loaded.heldKeys, {
    noKey: options.noKey ?? false,
  });
  const state = initialState(inputs, catalog, scenario.classes[0]?.resolvedModel.provider);
  const context: Context = {
    book,
    date: options.date,
    // The apps as loadScenario resolved them: their retry and escalation ladders priced.
    apps: loaded.userStrategies.filter((s) => s.id.startsWith('app:')),
    ...(options.budgetUsd ? {budgetUsd: options.budgetUsd} : {}),
    ...(options.keyWorthUsd ? {keyWorthUsd: options.keyWorthUsd} : {}),
    ...(options.per ? {per: options.per} : {}),
    population: loadPopulation('indie-mix', 'all-platform'),
    ...(scenario.solveRates ? {solveRates: scenario.solveRates} : {}),
    ...(options.subscriptions ? {subscriptions: options.subscriptions} : {}),
  };
  return {
    state: options.importFiles?.length
      ? {
          ...state,
          request: {id: 0, kind: 'import', path: options.importFiles.join(', '), paths: options.importFiles},
        }
      : state,
    context,
  };
}

export async function runDashboard(options: DashboardOptions): Promise<void> {
  const {state, context} = openingState(options);
  const io = realIO(context.book, context.apps, context.date);
  const instance = render(
    <App initial={state} context={context} io={io} colour={colourWanted(process.env)} />,
    {exitOnCtrlC: false, patchConsole: true},
  );
  await instance.waitUntilExit();
}
