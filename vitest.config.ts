import {availableParallelism} from 'node:os';
import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globals: false,
    globalSetup: ['test/global-setup.ts'],
    env: {FORCE_COLOR: '0', NO_COLOR: '1', TZ: 'UTC'},
    testTimeout: 30_000,
    // One worker per core: vitest's default leaves one core to its main process, which idles while
    // the end-to-end tests run the CLI in the workers; on two cores that default runs files one at a time.
    maxWorkers: availableParallelism(),
    // Threads start faster than forked processes (the suite took 92 s against 115 s on two cores);
    // the in-process CLI runner swaps process.exit, never process.chdir, so threads are enough.
    pool: 'threads',
  },
});
