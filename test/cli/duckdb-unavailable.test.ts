import {describe, expect, it, vi} from 'vitest';
import {cli} from './in-process.js';

// A platform whose native binding is missing or broken: the package's import fails.
vi.mock('@duckdb/node-api', () => {
  throw new Error('libduckdb.so: cannot open shared object file: No such file or directory');
});

describe('import --engine duckdb without a DuckDB that loads', () => {
  it('says so in one line, exit 69, with the way back to the streaming reader', async () => {
    const r = await cli([
      'import',
      'test/fixtures/usage/claude-projects',
      '--engine',
      'duckdb',
      '--source',
      'claude-code.jsonl',
    ]);
    expect(r.code).toBe(69);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(
        /^vibe-cost: error: --engine duckdb: DuckDB's native binding did not load on \S+ \(/,
      ),
      expect.stringContaining('leave out --engine duckdb to use the streaming reader'),
    ]);
  });
});
