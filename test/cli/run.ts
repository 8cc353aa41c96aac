import {spawnSync} from 'node:child_process';
import {join} from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'dist', 'cli.js');

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
    env: {PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', TZ: 'UTC', COLUMNS: '120', ...env},
  });
  return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}
