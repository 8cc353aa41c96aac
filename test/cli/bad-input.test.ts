import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cli} from './in-process.js';
import {ROOT} from './run.js';
import {scratchDir} from '../scratch.js';

interface Case {
  name: string;
  command: string[];
  exit: number;
  stderr: string;
}

const cases = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/bad/cases.json'), 'utf8')) as Case[];

describe('bad input (test/fixtures/bad, written by scripts/make-bad-fixtures.mjs)', () => {
  it('has at least 50 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases)(
    '$name: exit $exit, one error line naming what and where, at most a hint after it, nothing on stdout',
    async (c) => {
      const r = await cli(c.command);
      expect(r.code).toBe(c.exit);
      expect(r.stdout).toBe('');
      // The error line naming the case's message, then at most a hint: no usage text, no stack.
      const [error, ...after] = r.stderr.split('\n');
      expect(error).toMatch(/^vibe-cost: error: /);
      expect(error).toContain(c.stderr);
      if (after.length === 2) expect(after[0]).toMatch(/^ {2}hint: \S/);
      expect(after.at(-1)).toBe('');
      expect(after.length).toBeLessThanOrEqual(2);
    },
  );

  it('a 10 MB single field is one clear error, not a crash', async () => {
    const dir = scratchDir('vc-big-');
    const file = join(dir, 'huge-field.csv');
    writeFileSync(
      file,
      `timestamp,model,input_tokens,output_tokens\n2026-01-01,${'x'.repeat(10 * 1024 * 1024)},1,1\n`,
    );
    const r = await cli(['import', file, '--format', 'json']);
    expect([0, 65]).toContain(r.code);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    if (r.code === 0) expect(JSON.parse(r.stdout).unknownModels).toHaveLength(1);
  });
});
