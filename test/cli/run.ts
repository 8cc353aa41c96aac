import {spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {scratchDir} from '../scratch.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'dist', 'cli.cjs');

export interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built binary with piped output and a pinned environment, as a script or CI would. */
export function run(args: string[], env: Record<string, string> = {}, input?: string): Ran {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    env: baseEnv(env),
  });
  return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** A user with no settings and no downloaded prices, unless a test gives them. */
export function baseEnv(env: Record<string, string>): Record<string, string> {
  const home = scratchDir('home-');
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    XDG_CACHE_HOME: join(home, 'cache'),
    XDG_CONFIG_HOME: join(home, 'config'),
    TZ: 'UTC',
    COLUMNS: '120',
    ...env,
  };
}
