import tseslint from 'typescript-eslint';

// Layers point one way: core ← io, output ← ui ← commands ← cli (main.ts, cli.ts). These rules keep
// it so. Patterns start with **/ so they hold at any depth: '../../io/usage/x.js' from
// src/core/pricing/ is caught like '../io/x.js'. Each file falls in one layer block only, because a
// later block's options for a rule replace an earlier block's instead of adding to them.
const NODE = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process'];
const UI_LIBS = ['ink', 'ink/*', 'react', 'react/*'];
const CLI_LIBS = ['yargs', 'yargs/*'];
const CLI = ['**/main.js', '**/cli.js'];
const layer = (files, ...patterns) => ({files, rules: {'no-restricted-imports': ['error', {patterns}]}});

export default tseslint.config(
  {ignores: ['dist/**', 'node_modules/**', 'coverage/**']},
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
    },
  },
  layer(
    ['src/core/**'],
    {
      group: [...NODE, ...UI_LIBS, ...CLI_LIBS, 'csv-parse', 'csv-parse/*'],
      message: 'core is pure: no I/O, no UI',
    },
    {
      group: ['**/io/**', '**/output/**', '**/ui/**', '**/commands/**', ...CLI, '**/errors.js'],
      message: 'core depends on nothing above it; it throws its own errors (core/domain-errors.ts)',
    },
  ),
  {
    // Core names settings by id (core/settings.ts) and never by how the CLI sets them.
    files: ['src/core/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['Literal[value=/--[a-z]/]', 'TemplateElement[value.raw=/--[a-z]/]'].map((selector) => ({
          selector,
          message: 'core never names a flag: name the setting (core/settings.ts) and let the CLI write it',
        })),
      ],
    },
  },
  layer(
    ['src/io/**'],
    {group: [...UI_LIBS, ...CLI_LIBS], message: 'io sits below ui and commands'},
    {group: ['**/ui/**', '**/commands/**', ...CLI], message: 'io sits below ui and commands'},
  ),
  layer(
    ['src/output/**'],
    {group: [...NODE, ...UI_LIBS, ...CLI_LIBS], message: 'renderers are pure: no I/O, no UI'},
    {
      group: ['**/io/**', '**/ui/**', '**/commands/**', ...CLI],
      message: 'renderers sit below ui and commands, and read no files',
    },
  ),
  layer(
    ['src/ui/**'],
    {group: CLI_LIBS, message: 'the dashboard knows no flags'},
    {
      group: ['**/commands/**', ...CLI],
      message: 'the dashboard sits below commands: what it needs lives in core or io',
    },
  ),
  layer(['src/commands/**'], {group: CLI, message: 'commands sit below the CLI entry'}),
);
