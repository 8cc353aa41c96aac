import type {AppSettings} from './router.js';
import type {Ladder} from '../solving/attempts.js';

/** A way to set up one app: settings for every task, or per task class (a hybrid). */
export interface Strategy {
  readonly id: string;
  readonly label: string;
  readonly settings: AppSettings;
  readonly perClass?: Readonly<Record<string, AppSettings>>;
  /** Retry, then escalate, when an attempt fails; one attempt per task when absent. */
  readonly ladder?: Ladder;
}

/** Provider keys a strategy has the user hold, in any class. */
export function keysUsed(strategy: Strategy): string[] {
  return [
    ...new Set([strategy.settings, ...Object.values(strategy.perClass ?? {})].flatMap((s) => [...s.keys])),
  ].sort();
}

/** Keys a strategy would have the user add: those it uses that they do not hold yet. */
export function newKeys(strategy: Strategy, held: readonly string[] = []): string[] {
  return keysUsed(strategy).filter((k) => !held.includes(k));
}

export function settingsFor(strategy: Strategy, className: string): AppSettings {
  return strategy.perClass?.[className] ?? strategy.settings;
}

const NONE: ReadonlySet<string> = new Set();
const ANY: ReadonlySet<string> = new Set(['*']);

export function byokSettings(providers: Iterable<string>): AppSettings {
  return {keys: new Set(providers), platformProviders: NONE, freeTier: false, onFreeLimit: 'wait'};
}

/** The user's setup as it stands: their keys where they hold one, platform-paid for the rest. */
export function heldKeysStrategy(keys: readonly string[]): Strategy {
  return {
    id: 'your-keys',
    label: `Your keys as held (${keys.join(', ')}), platform-paid for the rest`,
    settings: {...PLATFORM_SETTINGS, keys: new Set(keys)},
  };
}

export const PLATFORM_SETTINGS: AppSettings = {
  keys: NONE,
  platformProviders: ANY,
  freeTier: false,
  onFreeLimit: 'wait',
};
export const FREE_SETTINGS: AppSettings = {
  keys: NONE,
  platformProviders: NONE,
  freeTier: true,
  onFreeLimit: 'wait',
};
export const FREE_THEN_PLATFORM: AppSettings = {
  keys: NONE,
  platformProviders: NONE,
  freeTier: true,
  onFreeLimit: 'fallthrough',
};
