import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll} from 'vitest';

let root: string | undefined;

// Registered when a test file imports this module (while its tests are collected), so it runs
// even when the first folder is made inside a test.
afterAll(() => {
  if (root) rmSync(root, {recursive: true, force: true});
  root = undefined;
});

/**
 * A fresh folder for a test's files, removed with every other one once the file's tests are done,
 * and in any case with the test run's folder (global-setup.ts), when the run ends.
 */
export function scratchDir(prefix = 'scratch-'): string {
  root ??= mkdtempSync(join(process.env['VIBE_COST_TEST_DIR'] ?? tmpdir(), 'vibe-cost-test-'));
  return mkdtempSync(join(root, prefix));
}
