import {existsSync, readdirSync} from 'node:fs';
import {basename, join} from 'node:path';
import {UsageError} from '../errors.js';
import {nearestNames} from '../core/pricing/model-names.js';
import {parsePlan, type Plan} from '../core/billing/plan.js';
import {PriceBook} from '../core/pricing/price-book.js';
import {parsePriceSheet} from '../core/pricing/parse-sheet.js';
import type {PriceSheet} from '../core/pricing/model-price.js';
import {parseProfile, type Profile} from '../core/simulation/profile.js';
import {dataDir} from './data-dir.js';
import {loadCachedSheet} from './price-cache.js';
import {readJson, readText} from './read-file.js';

function bundled(kind: 'prices' | 'platforms' | 'profiles'): string[] {
  return readdirSync(join(dataDir(), kind))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dataDir(), kind, f));
}

export function bundledNames(kind: 'platforms' | 'profiles'): string[] {
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

/** A bundled name ("vibekit") or a path to a file of the same format. */
function locate(kind: 'platforms' | 'profiles', nameOrPath: string, flag: string): string {
  if (nameOrPath.endsWith('.json') || nameOrPath.includes('/')) {
    if (!existsSync(nameOrPath)) throw new UsageError(`${flag}: no such file "${nameOrPath}"`);
    return nameOrPath;
  }
  const path = join(dataDir(), kind, `${nameOrPath}.json`);
  if (existsSync(path)) return path;
  const names = bundledNames(kind);
  throw new UsageError(
    `${flag}: unknown ${kind === 'platforms' ? 'plan' : 'profile'} "${nameOrPath}"; nearest: ${nearestNames(nameOrPath, names).join(', ')}`,
    `choose one of ${names.join(', ')}, or give a path to a JSON file`,
  );
}

/** `where` names what gave the name, for errors: the flag, or the settings file and its key. */
export function loadPlan(nameOrPath: string, where = '--plan'): Plan {
  const path = locate('platforms', nameOrPath, where);
  return parsePlan(readJson(path), path.startsWith(dataDir()) ? `bundled:platforms/${basename(path)}` : path);
}

export function loadProfile(nameOrPath: string, where = '--profile'): Profile {
  const path = locate('profiles', nameOrPath, where);
  return parseProfile(
    readJson(path),
    path.startsWith(dataDir()) ? `bundled:profiles/${basename(path)}` : path,
  );
}
