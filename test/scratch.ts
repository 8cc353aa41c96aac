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

/** A fresh folder for a test's files, removed with every other one once the file's tests are done. */
export function scratchDir(prefix = 'scratch-'): string {
  root ??= mkdtempSync(join(tmpdir(), 'vibe-cost-test-'));
  return mkdtempSync(join(root, prefix));
}
