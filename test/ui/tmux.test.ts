import {execFileSync, spawnSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {ROOT} from '../cli/run.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;

const tmux = (...args: string[]) => execFileSync('tmux', args, {cwd: ROOT, encoding: 'utf8'});

async function screenShows(session: string, text: string | RegExp, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  let screen = '';
  while (Date.now() < until) {
    screen = tmux('capture-pane', '-p', '-t', session);
    if (typeof text === 'string' ? screen.includes(text) : text.test(screen)) return screen;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`screen never showed ${String(text)}; last screen:\n${screen}`);
}

describe.skipIf(!hasTmux)('dashboard in a real terminal (tmux)', () => {
  it('opens, answers keys and quits', async () => {
    const session = `vibe-cost-e2e-${process.pid}-${Date.now()}`;
    tmux(
      'new-session',
      '-d',
      '-s',
      session,
      '-x',
      '100',
      '-y',
      '30',
      '-c',
      ROOT,
      'env -u CI NO_COLOR=1 node dist/cli.cjs dashboard',
    );
    try {
      await screenShows(session, 'A month: 252 tasks');
      tmux('send-keys', '-t', session, 'Right');
      const screen = await screenShows(session, 'A month: 273 tasks');
      expect(screen).toMatch(/tasks\/day\s+13/);
      tmux('send-keys', '-t', session, '?');
      await screenShows(session, 'Help · every key');
      tmux('send-keys', '-t', session, 'q');
      const until = Date.now() + 10_000;
      while (Date.now() < until && spawnSync('tmux', ['has-session', '-t', session]).status === 0)
        await new Promise((r) => setTimeout(r, 100));
      expect(spawnSync('tmux', ['has-session', '-t', session]).status).not.toBe(0);
    } finally {
      spawnSync('tmux', ['kill-session', '-t', session]);
    }
  });
});
