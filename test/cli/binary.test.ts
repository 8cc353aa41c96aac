import {spawn, spawnSync} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {scratchDir} from '../scratch.js';
import {cli} from './in-process.js';
import {baseEnv, BIN, ROOT, run} from './run.js';

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
    // Only the built bin has the line pool's worker: its Claude Code reading must match the main thread's.
    {
      name: 'import on worker threads, json',
      args: ['import', 'test/fixtures/usage/claude-projects', '--format', 'json'],
      code: 0,
      env: {VIBE_COST_THREADS: '2'},
    },
  ] as {name: string; args: string[]; code: number; input?: string; env?: Record<string, string>}[])(
    '$name',
    async ({args, code, input, env}) => {
      const binary = run(args, env, input);
      expect(binary.code).toBe(code);
      expect(code === 0 ? binary.stdout : binary.stderr).not.toBe('');
      expect(await cli(args, {}, input)).toEqual(binary);
    },
  );

  it('import on worker threads: a garbled usage line is the same rejected row', async () => {
    const usage = (id: string, input: string) =>
      `{"type":"assistant","sessionId":"s","requestId":"${id}","timestamp":"2026-01-01T00:00:00.000Z","message":{"id":"m${id}","model":"claude-sonnet-4-5","usage":${input}}}`;
    // Past the 64 KB head, so the file is read line by line rather than judged whole.
    const prompt = JSON.stringify({type: 'user', sessionId: 's', message: {content: 'x'.repeat(2000)}});
    const file = join(scratchDir('pool-'), 'session.jsonl');
    writeFileSync(
      file,
      [
        usage('r1', '{"input_tokens":4,"output_tokens":1}'),
        ...Array.from({length: 40}, () => prompt),
        usage('r2', '{"input_tokens":4,}'),
        usage('r3', '{"input_tokens":9,"output_tokens":2}'),
      ].join('\n'),
    );
    const args = ['import', file, 'test/fixtures/usage/claude-projects'];
    const binary = run(args, {VIBE_COST_THREADS: '2'});
    expect(binary.stdout).toContain('session.jsonl:42: not valid JSON');
    expect(await cli(args)).toEqual(binary);
  });

  it('runs without WebAssembly (node --jitless), which the code cache needs, as modules', () => {
    const args = ['simulate', '--tasks', '100', '--format', 'json'];
    const jitless = spawnSync(process.execPath, ['--jitless', BIN, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: baseEnv({}),
    });
    expect(jitless.status).toBe(0);
    expect(jitless.stdout).toBe(run(args).stdout);
  });

  it('a reader that closes the pipe early (| head) ends it quietly with 141, as SIGPIPE would', async () => {
    // 300 KB of JSON: far past a pipe's buffer, so the bin is still writing when the reader goes.
    const child = spawn(process.execPath, [BIN, 'prices', 'list', '--format', 'json'], {
      cwd: ROOT,
      env: baseEnv({}),
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect({code, stderr}).toEqual({code: 141, stderr: ''});
  });
});
