import {spawnSync} from 'node:child_process';
import {chmodSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cli} from './in-process.js';
import {BIN} from './run.js';
import {scratchDir} from '../scratch.js';

describe('vibe-cost completion', () => {
  it.each([
    ['bash', /complete -o bashdefault -o default -F _vibe_cost_completions vibe-cost/],
    ['zsh', /^#compdef vibe-cost/],
    ['fish', /^# vibe-cost completion for fish[\s\S]*complete -c vibe-cost -f -a/],
  ])("completion %s prints that shell's script", async (shell, pattern) => {
    const r = await cli(['completion', shell], {SHELL: '/bin/bash'});
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(pattern);
    expect(r.stdout).toContain('vibe-cost --get-yargs-completions');
  });

  it('completion --help prints help, not a script', async () => {
    const r = await cli(['completion', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('print a shell completion script (bash, zsh or fish)');
    expect(r.stdout).not.toContain('_vibe_cost_completions');
  });

  it.each([
    [
      ['simulate', '--plan', 'cre'],
      ['credits-builder', 'credits-cliff'],
    ],
    [
      ['simulate', '--profile', ''],
      ['daily-driver', 'hobbyist', 'team'],
    ],
    [
      ['recommend', '--current', 'all-'],
      ['all-byok', 'all-platform', 'all-free'],
    ],
    [['import', '--source', 'codex'], ['codex.rollout']],
    [['import', '--by', 't'], ['team']],
    [['sql', '--source', 'l'], ['litellm']],
    [['sql', '--dialect', 'b'], ['bigquery']],
    [['simulate', '--format', 'm'], ['markdown']],
  ])('offers the values of %j', async (words, expected) => {
    const r = await cli(['--get-yargs-completions', 'vibe-cost', ...words]);
    expect(r.stdout.trim().split('\n')).toEqual(expect.arrayContaining(expected));
  });

  it('--model completes model ids', async () => {
    const r = await cli(['--get-yargs-completions', 'vibe-cost', 'simulate', '--model', 'claude-sonnet-4']);
    expect(r.stdout.split('\n')).toContain('claude-sonnet-4-5');
  });

  it('the bash script completes a command, a flag and a value in a real bash', async () => {
    const dir = scratchDir('bash-');
    const shim = join(dir, 'vibe-cost');
    writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(shim, 0o755);
    const script = join(dir, 'completion.bash');
    writeFileSync(script, (await cli(['completion', 'bash'])).stdout);
    const complete = (words: string[]) =>
      spawnSync(
        'bash',
        [
          '-c',
          `source ${script}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _vibe_cost_completions; printf '%s\\n' "\${COMPREPLY[@]}"`,
        ],
        {
          encoding: 'utf8',
          env: {PATH: `${dir}:${process.env['PATH'] ?? ''}`, HOME: dir},
        },
      )
        .stdout.trim()
        .split('\n');
    expect(complete(['vibe-cost', 'simul'])).toEqual(['simulate']);
    expect(complete(['vibe-cost', 'simulate', '--tasks-p'])).toEqual(['--tasks-per-day']);
    expect(complete(['vibe-cost', 'simulate', '--plan', 'cursor'])).toEqual(['cursor-pro']);
  });
});
