import {describe, expect, it} from 'vitest';
import {cli} from './in-process.js';

// Every command that prints a result, in every --format: none falls back to the text view.
const COMMANDS: [string, string[]][] = [
  ['simulate', ['simulate', '--tasks', '100']],
  ['simulate --runs', ['simulate', '--runs', '5']],
  ['recommend', ['recommend']],
  ['breakeven', ['breakeven']],
  ['import', ['import', 'test/fixtures/usage/generic.csv']],
  ['prices list', ['prices', 'list', '--search', 'sonnet']],
  ['prices show', ['prices', 'show', 'claude-sonnet-4-5']],
  ['prices validate', ['prices', 'validate', 'test/fixtures/litellm-small.json']],
  [
    'prices update --dry-run',
    ['prices', 'update', '--from', 'test/fixtures/litellm-update.json', '--as-of', '2026-08-01', '--dry-run'],
  ],
];

describe('every command honours --format', () => {
  it.each(COMMANDS)(
    '%s: json parses, csv is comma-separated rows, markdown is not the text view',
    async (_, args) => {
      const text = (await cli(args)).stdout;
      const json = await cli([...args, '--format', 'json']);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout).schemaVersion).toBe(3);
      const csv = (await cli([...args, '--format', 'csv'])).stdout;
      expect(csv).not.toBe(text);
      expect(csv.split('\r\n')[0]).toMatch(/^[a-z_0-9]+(,[a-z_0-9]+)+$/);
      const markdown = (await cli([...args, '--format', 'markdown'])).stdout;
      expect(markdown).not.toBe(text);
      expect(markdown).toMatch(/^(# |- |\| )/m);
    },
  );
});
