import {availableParallelism} from 'node:os';
import {defineConfig} from 'vitest/config';

/** Files that replace a module (vi.mock): they need a module graph of their own. */
const MOCKING = ['test/cli/golden.test.ts', 'test/cli/duckdb-unavailable.test.ts', 'test/cli/stdio.test.ts'];

export default defineConfig({
  test: {
    globals: false,
    globalSetup: ['test/global-setup.ts'],
    env: {FORCE_COLOR: '0', NO_COLOR: '1', TZ: 'UTC'},
    testTimeout: 30_000,
    // One worker per core: vitest's default leaves one core to its main process, which idles while
    // the end-to-end tests run the CLI in the workers; on two cores that default runs files one at a time.
    maxWorkers: availableParallelism(),
    // Threads start faster than forked processes; the in-process CLI runner swaps process.exit,
    // never process.chdir, so threads are enough.
    pool: 'threads',
    unstubEnvs: true,
    restoreMocks: true,
    projects: [
      {
        extends: true,
        // The rest share a worker's modules (about 55 s against 92 s for the suite on two cores):
        // nothing in src keeps state between runs that the in-process CLI runner does not put back.
        test: {name: 'shared', include: ['test/**/*.test.{ts,tsx}'], exclude: MOCKING, isolate: false},
      },
      {extends: true, test: {name: 'isolated', include: MOCKING}},
    ],
  },
});
