import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/**
 * End-to-end tests run the real bundle, so build it first (about a tenth of a second). The run gets
 * a folder of its own, removed when it ends, holding every test's scratch folders (see scratch.ts)
 * and empty settings and cache folders: a test that runs the program without its own (the
 * dashboard in tmux, a shell's completion) neither reads the prices a user downloaded nor leaves
 * compiled code in the user's cache.
 */
export default function setup(): () => void {
  execFileSync(process.execPath, ['scripts/build.mjs'], {stdio: 'inherit'});
  const run = mkdtempSync(join(tmpdir(), 'vibe-cost-test-'));
  process.env['VIBE_COST_TEST_DIR'] = join(run, 'scratch');
  process.env['XDG_CACHE_HOME'] = join(run, 'cache');
  process.env['XDG_CONFIG_HOME'] = join(run, 'config');
  mkdirSync(join(run, 'scratch'));
  return () => rmSync(run, {recursive: true, force: true});
}
