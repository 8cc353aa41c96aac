import {homedir} from 'node:os';
import {isAbsolute, join} from 'node:path';

/**
 * $XDG_CACHE_HOME/vibe-cost, or ~/.cache/vibe-cost: the prices `prices update` stored, and the
 * compiled program. A relative XDG_CACHE_HOME is ignored, as the XDG spec says: every run writes
 * the compiled program here, which would otherwise land in whatever folder the run starts in.
 */
export function cacheDir(): string {
  const xdg = process.env['XDG_CACHE_HOME'];
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'vibe-cost');
}
