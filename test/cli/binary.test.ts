import {describe, expect, it} from 'vitest';
import {cli} from './in-process.js';
import {run} from './run.js';

// Every other end-to-end test runs main.ts in-process (./in-process.ts). These few run the built
// bin, piped, once per command family, and require the in-process run to say the same byte for byte.
const CSV = 'timestamp,model,input_tokens,output_tokens\n2026-01-01,gpt-4o,1000,100\n';

describe('the built bin, piped, against the in-process run', () => {
  it.each([
    {name: 'simulate', args: ['simulate', '--tasks', '1000'], code: 0},
    {
      name: 'simulate --runs',
      args: ['simulate', '--plan', 'credits-builder', '--runs', '20', '--format', 'csv'],
      code: 0,
    },
    {name: 'recommend', args: ['recommend', '--profile', 'hobbyist', '--format', 'json'], code: 0},
    {name: 'breakeven', args: ['breakeven', '--plan', 'vibekit', '--format', 'markdown'], code: 0},
    {name: 'import from stdin', args: ['import', '-', '--format', 'json'], code: 0, input: CSV},
    {name: 'prices show', args: ['prices', 'show', 'claude-sonnet-4-5'], code: 0},
    {name: 'completion', args: ['completion', 'bash'], code: 0},
    {name: '--version', args: ['--version'], code: 0},
    {name: '--help', args: ['simulate', '--help'], code: 0},
    {name: 'bad usage', args: ['simulate', '--taks', '5'], code: 2},
    {name: 'bad data', args: ['import', 'test/fixtures/bad/negative-tokens.csv', '--strict'], code: 65},
    {name: 'dashboard on a pipe', args: ['dashboard'], code: 2},
  ] as {name: string; args: string[]; code: number; input?: string}[])(
    '$name',
    async ({args, code, input}) => {
      const binary = run(args, {}, input);
      expect(binary.code).toBe(code);
      expect(code === 0 ? binary.stdout : binary.stderr).not.toBe('');
      expect(await cli(args, {}, input)).toEqual(binary);
    },
  );
});
