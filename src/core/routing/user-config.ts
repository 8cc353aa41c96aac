import type {AppSettings} from './router.js';
import type {Strategy} from './strategy.js';
import {Reader} from '../json-reader.js';

/** A user's settings file: defaults for the flags, the keys they hold, and their apps. */
export interface UserConfig {
  readonly origin: string;
  readonly profile?: string;
  readonly plan?: string;
  /** Providers the user holds a key for (names only: a key's value never belongs here). */
  readonly keys: readonly string[];
  /** Also count a provider's key as held when its usual environment variable is set. */
  readonly keysFromEnv: boolean;
  readonly apps: readonly ConfiguredApp[];
}

/** An app's retry and escalation setting as written: model names, resolved when the scenario is built. */
export interface LadderSpec {
  readonly retries: number;
  readonly first?: string;
  readonly escalateTo: readonly string[];
}

export interface ConfiguredApp extends Strategy {
  readonly attempts?: LadderSpec;
}

export const EMPTY_CONFIG: UserConfig = {origin: '(none)', keys: [], keysFromEnv: true, apps: []};

function settings(r: Reader): AppSettings {
  return {
    keys: new Set(r.texts('keys', [])),
    platformProviders: new Set(r.texts('platformProviders', [])),
    freeTier: r.bool('freeTier', false),
    onFreeLimit: r.oneOf('onFreeLimit', ['wait', 'fallthrough'] as const, 'wait'),
  };
}

export function parseConfig(json: unknown, origin: string): UserConfig {
  const r = Reader.root(json, origin, 'config');
  const apps = r.has('apps')
    ? r.list('apps').map((app): ConfiguredApp => {
        const name = app.text('name');
        const perClass = app.optionalChild('perClass');
        const attempts = app.optionalChild('attempts');
        const first = attempts?.has('first') ? attempts.text('first') : undefined;
        return {
          id: `app:${name}`,
          label: `Your app "${name}"`,
          settings: settings(app),
          ...(perClass
            ? {perClass: Object.fromEntries(perClass.keys().map((k) => [k, settings(perClass.child(k))]))}
            : {}),
          ...(attempts
            ? {
                attempts: {
                  retries: attempts.integer('retries', 0, 0, 10),
                  ...(first ? {first} : {}),
                  escalateTo: attempts.texts('escalateTo', []),
                },
              }
            : {}),
        };
      })
    : [];
  const profile = r.has('profile') ? r.text('profile') : undefined;
  const plan = r.has('plan') ? r.text('plan') : undefined;
  return {
    origin,
    ...(profile ? {profile} : {}),
    ...(plan ? {plan} : {}),
    keys: r.texts('keys', []),
    keysFromEnv: r.bool('keysFromEnv', true),
    apps,
  };
}
