import {spawnSync} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {
  dashboardBlocked,
  NOT_INTERACTIVE,
  opensDashboardByDefault,
  terminalEnv,
} from '../../src/commands/dashboard.js';
import {benchKeypress} from '../../src/ui/bench.js';
import {BIN, ROOT, run} from '../cli/run.js';

const tty = {stdinIsTTY: true, stdoutIsTTY: true, ci: false};
const wired = run(['--help']).stdout.includes('dashboard');

describe('dashboard command', () => {
  it('opens only on an interactive terminal, outside CI', () => {
    expect(dashboardBlocked(tty)).toBeUndefined();
    expect(dashboardBlocked({...tty, stdoutIsTTY: false})).toBe(NOT_INTERACTIVE);
    expect(dashboardBlocked({...tty, stdinIsTTY: false})).toBe(NOT_INTERACTIVE);
    expect(dashboardBlocked({...tty, ci: true})).toBe(NOT_INTERACTIVE);
    const env = (CI: string | undefined) =>
      terminalEnv({stdin: {isTTY: true}, stdout: {isTTY: true}, env: CI === undefined ? {} : {CI}});
    expect(env('true').ci).toBe(true);
    expect(env('1').ci).toBe(true);
    expect(env('false').ci).toBe(false);
    expect(env(undefined).ci).toBe(false);
  });

  it('is the default only for a bare `vibe-cost` on a terminal', () => {
    expect(opensDashboardByDefault([], tty)).toBe(true);
    expect(opensDashboardByDefault(['simulate'], tty)).toBe(false);
    expect(opensDashboardByDefault(['--help'], tty)).toBe(false);
    expect(opensDashboardByDefault([], {...tty, stdoutIsTTY: false})).toBe(false);
  });

  it('refuses a pipe with one line on stderr, exit 2, nothing on stdout (through its handler)', () => {
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test/ui/fixtures/dashboard-entry.ts')],
      {cwd: ROOT, encoding: 'utf8', input: '', env: {...process.env, CI: ''}},
    );
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`vibe-cost: error: ${NOT_INTERACTIVE}\n`);
  });

  it.skipIf(!wired)(
    'refuses a pipe through the built CLI: exit 2, one line, nothing on stdout (skipped until cli.ts wires `dashboard`)',
    () => {
      const result = run(['dashboard'], {}, '');
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(`vibe-cost: error: ${NOT_INTERACTIVE}\n`);
    },
  );

  it('keeps Ink out of the chunks the CLI loads up front', () => {
    const dist = join(ROOT, 'dist');
    const chunks = readdirSync(dist).filter((f) => f.endsWith('.js'));
    if (wired) expect(chunks.length).toBeGreaterThan(1);
    const inkMarker = 'Raw mode is not supported';
    const statics = (file: string): string[] => {
      const text = readFileSync(join(dist, file), 'utf8');
      const direct = [...text.matchAll(/import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)].map(
        (m) => m[1] as string,
      );
      return [file, ...direct.flatMap(statics)];
    };
    const upFront = [...new Set(statics('cli.js'))];
    for (const file of upFront)
      expect(readFileSync(join(dist, file), 'utf8').includes(inkMarker), `${file} holds Ink`).toBe(false);
    if (wired) expect(chunks.some((f) => readFileSync(join(dist, f), 'utf8').includes(inkMarker))).toBe(true);
    const simulate = run(['simulate', '--tasks', '10']);
    expect(simulate.code).toBe(0);
    expect(BIN).toMatch(/cli\.js$/);
  });

  it('measures keypress to frame on the team preset', async () => {
    const bench = await benchKeypress({runs: 6});
    expect(bench.samples).toHaveLength(6);
    expect(bench.medianMs).toBeGreaterThan(0);
    console.log(
      `dashboard keypress → frame, team preset: figures median ${bench.medianMs.toFixed(1)} ms (p90 ${bench.p90Ms.toFixed(1)}), with the chart ${bench.chartMedianMs.toFixed(1)} ms`,
    );
  });
});
