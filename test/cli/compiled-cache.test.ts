import {mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {run} from './run.js';
import {scratchDir} from '../scratch.js';

describe("the program's compiled-code cache", () => {
  it('is written by the first run, started from by the next, and replaced when unreadable, the output the same each time', () => {
    const env = {XDG_CACHE_HOME: scratchDir('cache-')};
    const folder = join(env.XDG_CACHE_HOME, 'vibe-cost', 'compiled');
    const args = ['simulate', '--tasks', '100', '--format', 'json'];
    const first = run(args, env);
    expect(first.code).toBe(0);
    const files = readdirSync(folder);
    expect(files).toEqual([expect.stringMatching(new RegExp(`-${process.version}-${process.arch}\\.bin$`))]);
    const file = join(folder, files[0] as string);
    const written = readFileSync(file);

    expect(run(args, env)).toEqual(first);
    expect(readFileSync(file).equals(written)).toBe(true);

    writeFileSync(file, 'not compiled code');
    expect(run(args, env)).toEqual(first);
    expect(readdirSync(folder)).toEqual(files);
    expect(readFileSync(file).length).toBeGreaterThan(100_000);
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
});
