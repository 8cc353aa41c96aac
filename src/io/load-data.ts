import {existsSync, readdirSync, statSync} from 'node:fs';
import {basename, dirname, join, resolve} from 'node:path';
import {UsageError} from '../errors.js';
import {nearestNames} from '../core/pricing/model-names.js';
import {parsePlan, type Plan} from '../core/billing/plan.js';
import {PriceBook} from '../core/pricing/price-book.js';
import {parsePriceSheet} from '../core/pricing/parse-sheet.js';
import type {PriceSheet} from '../core/pricing/model-price.js';
import {parseProfile, type Profile} from '../core/simulation/profile.js';
import {parseSubscriptionPlan, type SubscriptionPlan} from '../core/subscription/subscription-plan.js';
import {parseSolveRates, type SolveRates} from '../core/solving/solve-rates.js';
import {parsePopulation, type Population} from '../core/platform/population.js';
import {dataDir} from './data-dir.js';
import {loadCachedSheet} from './price-cache.js';
import {readJson, readText} from './read-file.js';

function bundled(kind: 'prices' | 'platforms' | 'profiles' | 'populations' | 'subscriptions'): string[] {
  return readdirSync(join(dataDir(), kind))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dataDir(), kind, f));
}

export function bundledNames(kind: 'platforms' | 'profiles' | 'populations' | 'subscriptions'): string[] {
  return bundled(kind).map((f) => basename(f, '.json'));
}

export function loadSheet(path: string, label = path): PriceSheet {
  return parsePriceSheet(readText(path), label);
}

/**
 * The bundled sheets, then the one `prices update` stored, then each --prices file in order: later
 * wins. Names none of them knows are looked up in the long tail converted from LiteLLM.
 */
export function loadPriceBook(extra: readonly string[] = [], options: {cache?: boolean} = {}): PriceBook {
  const sheets = bundled('prices').map((f) => loadSheet(f, `bundled:${basename(f)}`));
  const cached = options.cache === false ? undefined : loadCachedSheet();
  return new PriceBook([...sheets, ...(cached ? [cached] : []), ...extra.map((f) => loadSheet(f))], () => [
    loadSheet(join(dataDir(), 'long-tail', 'litellm.json'), 'bundled:long-tail/litellm.json'),
  ]);
}

const KIND_NAMES = {
  platforms: 'plan',
  profiles: 'profile',
  populations: 'population',
  subscriptions: 'subscription',
} as const;
type Kind = keyof typeof KIND_NAMES;

/** How a loaded file is named in figures' sources: `bundled:KIND/NAME.json`, or the user's path as given. */
const originOf = (kind: Kind, path: string): string =>
  path.startsWith(dataDir()) ? `bundled:${kind}/${basename(path)}` : path;

/** A bundled name ("vibekit") or a path to a file of the same format. */
function locate(kind: Kind, nameOrPath: string, flag: string): string {
  if (nameOrPath.endsWith('.json') || nameOrPath.includes('/')) {
    if (!existsSync(nameOrPath)) throw new UsageError(`${flag}: no such file "${nameOrPath}"`);
    return nameOrPath;
  }
  const path = join(dataDir(), kind, `${nameOrPath}.json`);
  if (existsSync(path)) return path;
  const names = bundledNames(kind);
  throw new UsageError(
    `${flag}: unknown ${KIND_NAMES[kind]} "${nameOrPath}"; nearest: ${nearestNames(nameOrPath, names).join(', ')}`,
    `choose one of ${names.join(', ')}, or give a path to a JSON file`,
  );
}

/** `where` names what gave the name, for errors: the flag, or the settings file and its key. */
export function loadPlan(nameOrPath: string, where = '--plan'): Plan {
  const path = locate('platforms', nameOrPath, where);
  return parsePlan(readJson(path), originOf('platforms', path));
}

export function loadProfile(nameOrPath: string, where = '--profile'): Profile {
  const path = locate('profiles', nameOrPath, where);
  return parseProfile(readJson(path), originOf('profiles', path));
}

/**
 * A population: a bundled name or file of segments, or a folder of saved profiles (one user each,
 * all on `setup`). A segment's profile is a bundled name or a path relative to the population file.
 */
export function loadPopulation(
  nameOrPath: string,
  setup: Population['segments'][number]['setup'],
): {population: Population; profiles: Profile[]} {
  if (existsSync(nameOrPath) && statSync(nameOrPath).isDirectory()) {
    const files = readdirSync(nameOrPath)
      .filter((f) => f.endsWith('.json'))
      .sort();
    if (files.length === 0)
      throw new UsageError(
        `--population: no profile files (*.json) in "${nameOrPath}"`,
        'save profiles with `vibe-cost import ... --save-profile FILE`',
      );
    const profiles = files.map((f) => loadProfile(join(nameOrPath, f), '--population'));
    return {
      population: {
        id: basename(nameOrPath),
        name: basename(nameOrPath),
        description: `${files.length} saved profiles, one user each`,
        source: nameOrPath,
        origin: nameOrPath,
        users: files.length,
        segments: files.map((f) => ({profile: f, share: 1 / files.length, setup})),
      },
      profiles,
    };
  }
  const path = locate('populations', nameOrPath, '--population');
  const origin = originOf('populations', path);
  const population = parsePopulation(readJson(path), origin);
  const profiles = population.segments.map((s) =>
    loadProfile(
      s.profile.endsWith('.json') || s.profile.includes('/') ? resolve(dirname(path), s.profile) : s.profile,
      `${origin}: segment profile`,
    ),
  );
  return {population, profiles};
}

/** A bundled vendor plan ("claude-max-5x") or a user's plan file of the same format. */
export function loadSubscriptionPlan(nameOrPath: string, where = '--subscription'): SubscriptionPlan {
  const path = locate('subscriptions', nameOrPath, where);
  return parseSubscriptionPlan(readJson(path), originOf('subscriptions', path));
}

export function bundledSubscriptionPlans(): SubscriptionPlan[] {
  return bundledNames('subscriptions').map((name) => loadSubscriptionPlan(name));
}

/** The bundled benchmark solve rates, or the user's file of the same format (--solve-rates). */
export function loadSolveRates(path?: string): SolveRates {
  if (path === undefined)
    return parseSolveRates(readJson(join(dataDir(), 'solve-rates.json')), 'bundled:solve-rates.json');
  if (!existsSync(path)) throw new UsageError(`--solve-rates: no such file "${path}"`);
  return parseSolveRates(readJson(path), path);
}
