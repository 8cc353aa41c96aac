import {readdirSync, symlinkSync} from 'node:fs';
import {join} from 'node:path';
import {ROOT} from './run.js';
import {scratchDir} from '../scratch.js';

/** The prices the goldens were written against: test/fixtures/prices-frozen, copied from data/ on 2026-12-02. */
const FROZEN = join(ROOT, 'test', 'fixtures', 'prices-frozen');

/**
 * A data folder like the bundled one, whose price sheets (prices/, long-tail/) are the frozen copies:
 * a price refresh in data/ cannot rewrite a golden's numbers. Plans, profiles and the rest stay the
 * bundled ones, so a change to those still shows in the goldens.
 */
export function frozenPricesDataDir(): string {
  const dir = scratchDir('data-');
  const frozen = new Set(readdirSync(FROZEN));
  for (const entry of readdirSync(join(ROOT, 'data')))
    symlinkSync(join(frozen.has(entry) ? FROZEN : join(ROOT, 'data'), entry), join(dir, entry));
  return dir;
}
