import tseslint from 'typescript-eslint';

// Layers point one way: core ← io, output ← ui ← commands ← cli. These rules keep it so.
const restrict = (patterns) => ({'no-restricted-imports': ['error', {patterns}]});

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'coverage/**']},
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
    },
  },
  {
    files: ['src/core/**'],
    rules: restrict([
      {
        group: ['node:*', 'fs', 'path', 'ink', 'react', 'yargs', 'csv-parse', 'csv-parse/*'],
        message: 'core is pure: no I/O, no UI',
      },
      {
        group: ['../io/*', '../output/*', '../ui/*', '../commands/*'],
        message: 'core depends on nothing above it',
      },
    ]),
  },
  {
    files: ['src/io/**', 'src/output/**'],
    rules: restrict([
      {
        group: ['ink', 'react', 'yargs', '../ui/*', '../commands/*'],
        message: 'io and output sit below ui and commands',
      },
    ]),
  },
  {
    files: ['src/output/**'],
    rules: restrict([{group: ['node:*', '../io/*'], message: 'renderers are pure'}]),
  },
);
