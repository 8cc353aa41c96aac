import {existsSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

let cached: string | undefined;

/** The bundled data/ folder. Found by walking up, since the bundle (dist/) and the sources (src/io/) sit at different depths. */
export function dataDir(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'data', 'prices')) && existsSync(join(dir, 'package.json')))
      return (cached = join(dir, 'data'));
    const parent = dirname(dir);
    if (parent === dir) throw new Error('vibe-cost: bundled data/ folder not found next to the program');
    dir = parent;
  }
}
