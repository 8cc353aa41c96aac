import {existsSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {EMPTY_CONFIG, parseConfig, type UserConfig} from '../core/routing/user-config.js';
import {UsageError} from '../errors.js';
import {readJson} from './read-file.js';

/** $XDG_CONFIG_HOME/vibe-cost/config.json, or ~/.config/vibe-cost/config.json. */
function defaultConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
  return join(base, 'vibe-cost', 'config.json');
}

/** The file named by --config (which must exist), else the default one if there is one. */
export function loadConfig(explicit: string | undefined): UserConfig {
  if (explicit) {
    if (!existsSync(explicit)) throw new UsageError(`--config: no such file "${explicit}"`);
    return parseConfig(readJson(explicit), explicit);
  }
  const path = defaultConfigPath();
  return existsSync(path) ? parseConfig(readJson(path), path) : EMPTY_CONFIG;
}
