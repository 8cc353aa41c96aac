import {spawnSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {baseEnv, BIN} from './run.js';
import {scratchDir} from '../scratch.js';

describe('a start run in a folder of its own', () => {
  it('reads nothing there: no folder listed, no package.json parsed', () => {
    const cwd = scratchDir('cwd-');
    writeFileSync(join(cwd, 'package.json'), JSON.stringify({name: 'someone-else', version: '9.9.9'}));
    const log = join(scratchDir('log-'), 'reads.txt');
    // Every path the process lists or reads, appended as it goes.
    const hook = join(scratchDir('hook-'), 'hook.cjs');
    writeFileSync(
      hook,
      [
        "const fs = require('node:fs');",
        `const log = ${JSON.stringify(log)};`,
        "for (const name of ['readdirSync', 'readFileSync', 'openSync', 'existsSync', 'statSync']) {",
        '  const original = fs[name];',
        "  fs[name] = function (path, ...rest) { fs.appendFileSync(log, String(path) + '\\n'); return original.call(this, path, ...rest); };",
        '}',
      ].join('\n'),
    );
    const ran = spawnSync(process.execPath, ['-r', hook, BIN, 'simulate', '--tasks', '100'], {
      cwd,
      encoding: 'utf8',
      env: baseEnv({}),
    });
    expect(ran.status).toBe(0);
    expect(ran.stdout).toContain('100 tasks');
    const read = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((path) => path === cwd || path.startsWith(`${cwd}/`))).toEqual([]);
  });
});
