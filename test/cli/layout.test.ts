import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../src/output/text-width.js';
import {cli} from './in-process.js';

const F = 'test/fixtures/usage';
const widest = (text: string) => Math.max(...text.split('\n').map(displayWidth));

// Every table view, piped (80 columns unless $COLUMNS says otherwise), as a user would paste it.
const VIEWS: [string, string[]][] = [
  ['simulate', ['simulate', '--plan', 'credits-cliff']],
  ['simulate --runs', ['simulate', '--plan', 'credits-builder', '--runs', '20']],
  ['recommend', ['recommend', '--current', 'all-platform']],
  ['breakeven', ['breakeven', '--plan', 'credits-builder']],
  [
    'import',
    [
      'import',
      `${F}/claude-projects`,
      `${F}/generic.csv`,
      `${F}/anthropic-tokens-daily.csv`,
      `${F}/anthropic-cost.csv`,
    ],
  ],
  ['prices list', ['prices', 'list']],
  ['prices show', ['prices', 'show', 'claude-sonnet-4-5']],
];

describe('every table fits 80 columns; --wide shows it all', () => {
  it.each(VIEWS)('%s fits 80 columns when piped', async (_, args) => {
    const env = {COLUMNS: ''};
    const r = await cli(args, env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(80);
  });

  it('simulate fits a 70-column terminal, and says which column it left out', async () => {
    const r = await cli(['simulate', '--plan', 'credits-cliff'], {COLUMNS: '70'});
    expect(widest(r.stdout)).toBeLessThanOrEqual(70);
    expect(r.stdout).toContain('(Per task left out to fit 70 columns: --wide shows it)');
  });

  it('--wide keeps every column and every cell on one line', async () => {
    const r = await cli(['simulate', '--plan', 'credits-cliff', '--wide'], {COLUMNS: ''});
    expect(r.stdout).toContain('$20.00/mo for $20.00 of usage at list price, then blocked until renewal');
    expect(widest(r.stdout)).toBeGreaterThan(80);
  });

  it('import shows the files of a folder relative to it', async () => {
    const r = await cli(['import', `${F}/claude-projects`, '--wide'], {COLUMNS: ''});
    expect(r.stdout).toContain(`Files in ${F}/claude-projects:`);
    expect(r.stdout).toMatch(/^-home-dev-shop\/sess-1\.jsonl /m);
    expect(r.stdout).not.toMatch(/^test\/fixtures/m);
  });
});
