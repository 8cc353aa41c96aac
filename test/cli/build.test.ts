import {execFileSync, spawnSync} from 'node:child_process';
import {statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {BIN, ROOT} from './run.js';
import {scratchDir} from '../scratch.js';

const build = (outdir: string) =>
  execFileSync(process.execPath, ['scripts/build.mjs'], {
    cwd: ROOT,
    env: {...process.env, VC_OUTDIR: outdir},
  });

describe('the build keeps the bin runnable', () => {
  it('dist/cli.cjs is executable', () => {
    expect(statSync(BIN).mode & 0o755).toBe(0o755);
  });

  // The README's order: npm ci (npm links the bin and sets its bit), npm test (rebuilds), npx again.
  it('npx vibe-cost still runs after a rebuild (npm exec through its link, offline)', () => {
    const pkg = scratchDir('pkg-');
    writeFileSync(
      join(pkg, 'package.json'),
      JSON.stringify({
        name: 'vibe-cost',
        version: '0.0.0',
        type: 'module',
        bin: {'vibe-cost': './dist/cli.cjs'},
      }),
    );
    const npx = () =>
      spawnSync('npm', ['exec', '--offline', '--yes', '--', 'vibe-cost', '--version'], {
        cwd: pkg,
        encoding: 'utf8',
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: pkg,
          npm_config_cache: join(pkg, '.npm'),
          npm_config_update_notifier: 'false',
        },
      });
    build(join(pkg, 'dist'));
    expect(npx()).toMatchObject({status: 0, stdout: '0.1.0\n'});
    build(join(pkg, 'dist'));
    const again = npx();
    expect(again.stderr).not.toContain('Permission denied');
    expect(again).toMatchObject({status: 0, stdout: '0.1.0\n'});
  });
});
