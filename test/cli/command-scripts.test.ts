import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {COMMANDS} from '../../src/commands/names.js';
import {ALL_COMMANDS} from '../../src/main.js';
import {baseEnv, ROOT, type Ran} from './run.js';

const DIST = join(ROOT, 'dist');

/**
 * Runs one of the built scripts as the bin does (a function of a CommonJS module's five), without
 * the bin's choice of script or its code cache.
 */
function runScript(script: string, args: string[]): Ran {
  const runner = [
    "const {readFileSync} = require('node:fs');",
    "const {createRequire} = require('node:module');",
    "const {dirname} = require('node:path');",
    "const {runInThisContext} = require('node:vm');",
    'const file = process.argv[1];',
    "process.argv = [process.argv[0], 'vibe-cost', ...process.argv.slice(2)];",
    'const module = {exports: {}};',
    "runInThisContext(readFileSync(file, 'utf8'), {filename: file})(module.exports, createRequire(file), module, file, dirname(file));",
  ].join('\n');
  const result = spawnSync(process.execPath, ['-e', runner, join(DIST, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: baseEnv({}),
  });
  return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe("a command's own script", () => {
  // The start picks a script by COMMANDS, and errors suggest from it: it must name what main.ts runs.
  it('is named in COMMANDS, in the order the program registers the commands', () => {
    expect(ALL_COMMANDS.map((c) => String(c.command).split(' ')[0])).toEqual([...COMMANDS]);
  });

  it('is built for every command but the dashboard, which runs as modules', () => {
    for (const command of COMMANDS)
      expect(existsSync(join(DIST, `main-${command}.cjs`)), command).toBe(command !== 'dashboard');
  });

  // Its help, its refusals and its figures, as the whole program gives them.
  it.each([
    ['simulate', '--tasks', '1000'],
    ['simulate', '--help'],
    ['simulate', '--taks', '5'],
    ['simulate', 'extra'],
    ['simulate', '--format', 'xml'],
    ['recommend', '--profile', 'hobbyist', '--format', 'json'],
    ['recommend', '--model', 'gpt-9'],
    ['breakeven', '--plan', 'credits-builder'],
    ['breakeven', '--help'],
    ['import', '--help'],
    ['import', 'test/fixtures/no-such-file.csv'],
    ['platform', '--bogus'],
    ['platform', '--help'],
    ['prices', 'lst'],
    ['prices'],
    ['prices', 'show', 'claude-sonnet-4-6'],
    ['sql', '--help'],
    ['sql', '--source', 'litellm-spend-logs', '--dialect', 'foo'],
    ['completion', 'zsh'],
    ['completion', '--help'],
  ])('%s %s … says what the whole program says', (command, ...args) => {
    const whole = runScript('main.cjs', [command, ...args]);
    // The program ran (not the runner failing alike on both): figures or help, or a refusal of its own.
    if (whole.code === 0) expect(whole.stdout).not.toBe('');
    else expect(whole.stderr).toMatch(/^vibe-cost: error: /);
    expect(runScript(`main-${command}.cjs`, [command, ...args])).toEqual(whole);
  });
});
