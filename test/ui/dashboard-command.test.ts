import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {
  dashboardBlocked,
  NOT_INTERACTIVE,
  opensDashboardByDefault,
  terminalEnv,
} from '../../src/commands/dashboard.js';
import {cli} from '../cli/in-process.js';
import {ROOT} from '../cli/run.js';

const tty = {stdinIsTTY: true, stdoutIsTTY: true, ci: false};

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

  it('refuses a pipe: exit 2, one line on stderr, nothing on stdout', async () => {
    const result = await cli(['dashboard'], {CI: ''});
    expect(result).toEqual({code: 2, stdout: '', stderr: `vibe-cost: error: ${NOT_INTERACTIVE}\n`});
  });

  it('keeps Ink out of the chunks the CLI loads up front', () => {
    const dist = join(ROOT, 'dist');
    const chunks = readdirSync(dist).filter((f) => f.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(1);
    const inkMarker = 'Raw mode is not supported';
    const statics = (file: string): string[] => {
      const text = readFileSync(join(dist, file), 'utf8');
      const direct = [...text.matchAll(/import\s*(?:[^'"()]*?from\s*)?["']\.\/([^"']+\.js)["']/g)].map(
        (m) => m[1] as string,
      );
      return [file, ...direct.flatMap(statics)];
    };
    // The bin, the scripts it runs from the cache, and the modules it imports for the rest.
    const scripts = readdirSync(dist).filter((f) => /^main(-[a-z]+)?\.cjs$/.test(f));
    expect(scripts.length).toBeGreaterThan(1);
    const upFront = [...new Set(['cli.cjs', ...scripts, ...statics('main.js')])];
    for (const file of upFront)
      expect(readFileSync(join(dist, file), 'utf8').includes(inkMarker), `${file} holds Ink`).toBe(false);
    expect(chunks.some((f) => readFileSync(join(dist, f), 'utf8').includes(inkMarker))).toBe(true);
  });
});
