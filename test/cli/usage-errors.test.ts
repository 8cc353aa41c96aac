import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cli} from './in-process.js';
import {scratchDir} from '../scratch.js';

// Every refusal of the command line: exit 2, one line saying what and where, then one hint line.
const CASES: [string[], string][] = [
  [['simulat'], 'unknown command "simulat"; did you mean simulate?'],
  [['simulate', '--task', '5'], 'unknown flag --task; did you mean --tasks?'],
  // A dashed flag yargs also names in camelCase (maxTasks) is still a flag, not a stray word.
  [['breakeven', '--max-tasks', '5'], 'unknown flag --max-tasks; did you mean --max-tasks-per-day?'],
  [['prices', 'lst'], 'prices: unknown action "lst"; did you mean list?'],
  [['prices', 'show'], 'prices show: name a model, as in vibe-cost prices show claude-sonnet-4-5'],
  [['prices'], 'prices: name an action: list, show, validate or update'],
  [
    [],
    'name a command: simulate, recommend, breakeven, import, platform, dashboard, prices, sql or completion',
  ],
  [['simulate', '--format', 'xml'], '--format: "xml" is not one of table, json, csv, markdown'],
  [['import', 'x.csv', '--source', 'codex'], '--source: "codex" is not one of'],
  [['simulate', '--tasks'], '--tasks needs a value'],
  [['simulate', 'extra'], 'simulate: unexpected argument "extra"'],
  [['simulate', '--runs', 'abc'], '--runs: not a number: "abc"'],
  [['simulate', '--tasks', '1e16'], '--tasks: too large: 1e16 (at most 9,007,199,254,740,991)'],
  [['simulate', '--tasks-per-day', '2e6'], '--tasks-per-day: too large'],
  // The dashboard simulates no months, so a share of blocked months would have nothing to act on.
  [['dashboard', '--risk', '10'], 'unknown flag --risk'],
];

describe('usage errors are ours: one line, a suggestion, exit 2', () => {
  it.each(CASES)('%j', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toContain(`vibe-cost: error: ${message}`);
    expect(lines.length).toBeLessThanOrEqual(2);
    if (lines[1]) expect(lines[1]).toMatch(/^ {2}hint: /);
    expect(r.stderr).not.toMatch(/Not enough non-option|Invalid values|Unknown argument|NaN/);
  });

  it('--format takes any case, and --json is --format json, on every command', async () => {
    expect(JSON.parse((await cli(['simulate', '--tasks', '10', '--format', 'JSON'])).stdout).command).toBe(
      'simulate',
    );
    for (const args of [
      ['simulate', '--tasks', '10'],
      ['recommend'],
      ['breakeven'],
      ['prices', 'list', '--search', 'sonnet'],
      ['prices', 'show', 'claude-sonnet-4-5'],
      ['import', 'test/fixtures/usage/generic.csv'],
    ]) {
      const r = await cli([...args, '--json']);
      expect(r.code, args.join(' ')).toBe(0);
      expect(() => JSON.parse(r.stdout), args.join(' ')).not.toThrow();
    }
  });

  it('a bad value in the settings file names the file and the key, not a flag', async () => {
    const config = join(scratchDir('config-'), 'config.json');
    writeFileSync(config, JSON.stringify({plan: 'vibekt'}));
    const r = await cli(['simulate', '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `vibe-cost: error: ${config}: key "plan": unknown plan "vibekt"; nearest: vibekit`,
    );
    expect(r.stderr).not.toContain('--plan');
  });
});
