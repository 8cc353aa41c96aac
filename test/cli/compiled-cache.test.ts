import {execFile, execFileSync, spawnSync} from 'node:child_process';
import {mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {baseEnv, BIN, ROOT, run} from './run.js';
import {scratchDir} from '../scratch.js';

describe("the program's compiled-code cache", () => {
  it('is written by the first run, started from by the next, and replaced when unreadable, the output the same each time', () => {
    const env = {XDG_CACHE_HOME: scratchDir('cache-')};
    const folder = join(env.XDG_CACHE_HOME, 'vibe-cost', 'compiled');
    const args = ['simulate', '--tasks', '100', '--format', 'json'];
    const first = run(args, env);
    expect(first.code).toBe(0);
    const files = readdirSync(folder);
    expect(files).toEqual([
      expect.stringMatching(new RegExp(`-${process.version}-${process.arch}-simulate\\.bin$`)),
    ]);
    const file = join(folder, files[0] as string);
    const written = readFileSync(file);

    expect(run(args, env)).toEqual(first);
    expect(readFileSync(file).equals(written)).toBe(true);

    writeFileSync(file, 'not compiled code');
    expect(run(args, env)).toEqual(first);
    expect(readdirSync(folder)).toEqual(files);
    expect(readFileSync(file).length).toBeGreaterThan(100_000);
  });

  it("is kept for each command, and covers each kind of run of it once: another's code is not this one's", () => {
    const env = {XDG_CACHE_HOME: scratchDir('cache-')};
    const folder = join(env.XDG_CACHE_HOME, 'vibe-cost', 'compiled');
    const cache = (command: string) => {
      const file = readdirSync(folder).find((f) => f.endsWith(`-${command}.bin`));
      return file === undefined ? undefined : readFileSync(join(folder, file));
    };
    const covers = (command: string) =>
      cache(command)?.toString('latin1', 0, 80).split('\n')[0]?.split(': ')[1]?.trim();
    expect(run(['--version'], env).code).toBe(0);
    expect(covers('none')).toBe('table+version');
    // A first simulate after --version does not start from --version's code: it writes its own.
    const table = run(['simulate', '--tasks', '100'], env);
    expect(covers('simulate')).toBe('table');
    const tableOnly = cache('simulate') as Buffer;
    // JSON output runs code the table did not: the file is written again, covering both.
    const json = run(['simulate', '--tasks', '100', '--format', 'json'], env);
    expect(covers('simulate')).toBe('table json');
    const both = cache('simulate') as Buffer;
    expect(both.length).toBeGreaterThan(tableOnly.length);
    // Kinds it covers start from it and leave it as it is.
    expect(run(['simulate', '--tasks', '100'], env)).toEqual(table);
    expect(run(['simulate', '--tasks', '100', '--format=json'], env)).toEqual(json);
    expect((cache('simulate') as Buffer).equals(both)).toBe(true);
    expect(readdirSync(folder)).toHaveLength(2);
  });

  it('rejects and rewrites a cache whose bytes were damaged, instead of running them', () => {
    const env = {XDG_CACHE_HOME: scratchDir('cache-')};
    const folder = join(env.XDG_CACHE_HOME, 'vibe-cost', 'compiled');
    const args = ['simulate', '--tasks', '100'];
    const first = run(args, env);
    const file = join(folder, readdirSync(folder)[0] as string);
    // Past the header V8 checks (length, version, flags): only a checksum notices.
    const damaged = readFileSync(file);
    damaged.fill(0xff, damaged.length >> 1, (damaged.length >> 1) + 8);
    writeFileSync(file, damaged);
    expect(run(args, env)).toEqual(first);
    expect(readFileSync(file).equals(damaged)).toBe(false);
    expect(run(args, env)).toEqual(first);
  });

  it('stays out of the folder the run starts in when XDG_CACHE_HOME is relative: the XDG spec ignores it', () => {
    const cwd = scratchDir('cwd-');
    const home = scratchDir('home-');
    const ran = spawnSync(process.execPath, [BIN, 'simulate', '--tasks', '10'], {
      cwd,
      encoding: 'utf8',
      env: baseEnv({HOME: home, XDG_CACHE_HOME: 'cache'}),
    });
    expect(ran.status).toBe(0);
    expect(readdirSync(cwd)).toEqual([]);
    expect(readdirSync(join(home, '.cache', 'vibe-cost', 'compiled'))).toHaveLength(1);
  });

  it('runs as it would without a cache when XDG_CACHE_HOME is a file, where no folder can be made', () => {
    const file = join(scratchDir('cache-'), 'not-a-folder');
    writeFileSync(file, 'x');
    const args = ['simulate', '--tasks', '100'];
    const plain = run(args);
    const blocked = run(args, {XDG_CACHE_HOME: file});
    expect(blocked).toEqual(plain);
    expect(readFileSync(file, 'utf8')).toBe('x');
  });

  it('comes out whole when several first runs write it at once', async () => {
    const env = baseEnv({XDG_CACHE_HOME: scratchDir('cache-')});
    const folder = join(env['XDG_CACHE_HOME'] as string, 'vibe-cost', 'compiled');
    const once = () =>
      new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          [BIN, 'simulate', '--tasks', '100', '--format', 'json'],
          {cwd: ROOT, env},
          (error, stdout) => (error ? reject(error) : resolve(stdout)),
        ),
      );
    const outputs = await Promise.all([once(), once(), once(), once()]);
    expect(new Set(outputs).size).toBe(1);
    expect(readdirSync(folder)).toHaveLength(1);
    expect(await once()).toBe(outputs[0]);
  });

  it('leaves a run as it was when the cache cannot be read: another run may be replacing it', () => {
    const env = {XDG_CACHE_HOME: scratchDir('cache-')};
    const folder = join(env.XDG_CACHE_HOME, 'vibe-cost', 'compiled');
    const args = ['simulate', '--tasks', '100'];
    const first = run(args, env);
    const [file] = readdirSync(folder);
    rmSync(join(folder, file as string));
    mkdirSync(join(folder, file as string));
    expect(run(args, env)).toEqual(first);
  });

  it("keeps one file for each install, so two used in turn do not rebuild each other's", () => {
    const env = {XDG_CACHE_HOME: scratchDir('cache-')};
    const folder = join(env.XDG_CACHE_HOME, 'vibe-cost', 'compiled');
    const other = join(scratchDir('install-'), 'dist');
    execFileSync(process.execPath, ['scripts/build.mjs'], {
      cwd: ROOT,
      env: {...process.env, VC_OUTDIR: other},
    });
    const version = (bin: string) =>
      spawnSync(process.execPath, [bin, '--version'], {encoding: 'utf8', env: baseEnv(env)}).stdout;
    expect(version(BIN)).toBe('0.1.0\n');
    const [mine] = readdirSync(folder);
    const written = readFileSync(join(folder, mine as string));
    expect(version(join(other, 'cli.cjs'))).toBe('0.1.0\n');
    expect(readdirSync(folder)).toHaveLength(2);
    expect(version(BIN)).toBe('0.1.0\n');
    expect(readFileSync(join(folder, mine as string)).equals(written)).toBe(true);
  });
});
