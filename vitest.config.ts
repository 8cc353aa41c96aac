import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    globals: false,
    globalSetup: ['test/global-setup.ts'],
    env: {FORCE_COLOR: '0', NO_COLOR: '1', TZ: 'UTC'},
    testTimeout: 30_000,
  },
});
