import {homedir} from 'node:os';
import {join} from 'node:path';

/** $XDG_CACHE_HOME/vibe-cost, or ~/.cache/vibe-cost: the prices `prices update` stored, and the compiled program. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'vibe-cost');
}
