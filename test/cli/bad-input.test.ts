import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {ROOT, run} from './run.js';
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

  it.each(cases)('$name: exit $exit, one line naming what and where, nothing on stdout, no stack', (c) => {
    const r = run(c.command);
    expect(r.code).toBe(c.exit);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(c.stderr);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^vibe-cost: error: /);
    expect(
      lines
        .slice(1)
        .every((l) => l.startsWith('  hint: ') || l.startsWith('Usage') || !l.trim() || !/^\s+at /.test(l)),
    ).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });

  it('a 10 MB single field is one clear error, not a crash', () => {
    const dir = scratchDir('vc-big-');
    const file = join(dir, 'huge-field.csv');
    writeFileSync(
      file,
      `timestamp,model,input_tokens,output_tokens\n2026-01-01,${'x'.repeat(10 * 1024 * 1024)},1,1\n`,
    );
    const r = run(['import', file, '--format', 'json']);
    expect([0, 65]).toContain(r.code);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    if (r.code === 0) expect(JSON.parse(r.stdout).unknownModels).toHaveLength(1);
  });
});
