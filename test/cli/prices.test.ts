import {createServer, type Server} from 'node:http';
import {copyFileSync, readFileSync} from 'node:fs';
import type {AddressInfo} from 'node:net';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cli} from './in-process.js';
import {ROOT} from './run.js';
import {scratchDir} from '../scratch.js';

describe('vibe-cost prices', () => {
  it('lists models by provider and text', async () => {
    const r = await cli(['prices', 'list', '--provider', 'anthropic', '--search', 'sonnet']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /claude-sonnet-4-5\s+anthropic\s+frontier\s+yes\s+3\s+15\s+0\.3\s+3\.75\s+6\s+>200k: 6\/22\.5\s+2026-08-01/,
    );
    expect(r.stdout).not.toMatch(/gpt-5/);
  });

  it('shows dated changes, and simulate prices a day at the price then in force', async () => {
    expect((await cli(['prices', 'show', 'gpt-5.6-sol'])).stdout).toMatch(
      /From 2026-08-21:\n {4}input {9}\$4\n/,
    );
    const on = async (date: string) =>
      JSON.parse(
        (
          await cli([
            'simulate',
            '--model',
            'gpt-5.6-sol',
            '--tasks',
            '1',
            '--input-tokens',
            '1000000',
            '--output-tokens',
            '0',
            '--cache-read-tokens',
            '0',
            '--cache-write-tokens',
            '0',
            '--cache-write-1h-tokens',
            '0',
            '--requests-per-task',
            '10',
            '--as-of',
            date,
            '--format',
            'json',
          ])
        ).stdout,
      ).paths.byok.totalUsd;
    expect(await on('2026-08-20')).toBe('5');
    expect(await on('2026-08-21')).toBe('4');
  });

  it('validates a sheet, or names the file, model and field at fault', async () => {
    expect((await cli(['prices', 'validate', 'test/fixtures/litellm-small.json'])).stdout).toMatch(
      /valid LiteLLM's price sheet, 1 model\b/,
    );
    const bad = await cli(['prices', 'validate', 'test/fixtures/bad-sheet.json']);
    expect(bad.code).toBe(65);
    expect(bad.stderr).toMatch(/bad-sheet.json: model "broken": field usdPerMTok.output/);
  });

  it('a :free variant never resolves to the paid model', async () => {
    const r = await cli(['prices', 'show', 'qwen/qwen3-coder:free']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown model "qwen\/qwen3-coder:free"; nearest:/);
    expect((await cli(['prices', 'show', 'openai/gpt-oss-20b:free'])).stdout).toMatch(/input {9}\$0\n/);
  });
});

describe('vibe-cost prices update (served from 127.0.0.1)', () => {
  let server: Server;
  let url: string;
  const cache = scratchDir('vibe-cost-cache-');
  const updated = readFileSync(join(ROOT, 'test/fixtures/litellm-update.json'), 'utf8');

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/prices.json')
        response.writeHead(200, {'content-type': 'application/json'}).end(updated);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('shows what changed, stores it, and later runs use it and say so', async () => {
    const r = await cli(['prices', 'update', '--from', `${url}/prices.json`], {XDG_CACHE_HOME: cache});
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/claude-sonnet-4-5 input 3 → 2\.5/);
    expect(r.stdout).toMatch(/New \(1\): brand-new-model/);
    const after = JSON.parse(
      (
        await cli(['simulate', '--tasks', '1', '--model', 'claude-sonnet-4-5', '--format', 'json'], {
          XDG_CACHE_HOME: cache,
        })
      ).stdout,
    );
    expect(after.prices.at(-1).origin).toBe(`cache:update (${url}/prices.json)`);
    expect((await cli(['prices', 'show', 'claude-sonnet-4-5'], {XDG_CACHE_HOME: cache})).stdout).toMatch(
      /input {9}\$2\.5\n/,
    );
    // A model LiteLLM leaves without a cache-write price keeps ours, and its capability.
    expect((await cli(['prices', 'show', 'claude-sonnet-4-5'], {XDG_CACHE_HOME: cache})).stdout).toMatch(
      /capability {4}frontier\n/,
    );
  });

  it('a failed fetch exits non-zero (69) with one line, and the prices in use stay', async () => {
    const r = await cli(['prices', 'update', '--from', `${url}/missing.json`], {
      XDG_CACHE_HOME: scratchDir('vc-'),
    });
    expect(r.code).toBe(69);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^vibe-cost: error: could not fetch prices \(.*missing.json: HTTP 404\); still using 9 bundled sheets/,
    );
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await cli(['prices', 'update', '--from', `http://127.0.0.1:${port}/x.json`]);
    expect(refused.code).toBe(69);
    expect(refused.stderr.split('\n')[0]).toMatch(
      /ECONNREFUSED\); still using 9 bundled sheets \(as of 2026-08-01\)$/,
    );
  });
});

describe('vibe-cost prices update --from FILE: the snapshot keeps its date, a change over 5× is held back', () => {
  const snapshot = 'test/fixtures/litellm-model-prices.2026-11-01.json';

  it("dates the prices by the snapshot (its file name), flags LiteLLM's $6 one-hour write for Claude 3 Haiku and does not apply it", async () => {
    const cache = scratchDir('vc-cache-');
    const r = await cli(['prices', 'update', '--from', snapshot], {XDG_CACHE_HOME: cache});
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/: prices as of 2026-11-01\./);
    expect(r.stdout).toContain(
      '  claude-3-haiku cacheWrite1h 0.5 → 6  (over 5×: suspicious, not applied; --accept-suspicious applies it)',
    );
    expect(r.stdout).toContain('  claude-sonnet-4-5 input 3 → 2.5\n');
    const haiku = (await cli(['prices', 'show', 'claude-3-haiku'], {XDG_CACHE_HOME: cache})).stdout;
    expect(haiku).toMatch(/as of +2026-11-01\n/);
    expect(haiku).toMatch(/cacheWrite1h +\$0\.5\n/);
    const json = JSON.parse(
      (
        await cli(['prices', 'update', '--from', snapshot, '--dry-run', '--format', 'json'], {
          XDG_CACHE_HOME: cache,
        })
      ).stdout,
    );
    expect(json.asOf).toBe('2026-11-01');
  });

  it('--accept-suspicious applies it; --as-of dates a file that does not say its date, and one without is refused', async () => {
    const cache = scratchDir('vc-cache-');
    const renamed = join(scratchDir('vc-'), 'model_prices_and_context_window.json');
    copyFileSync(snapshot, renamed);
    const undated = await cli(['prices', 'update', '--from', renamed], {XDG_CACHE_HOME: cache});
    expect(undated.code).toBe(2);
    expect(undated.stderr.split('\n')[0]).toBe(
      `vibe-cost: error: prices update: ${renamed} does not say the date of its prices`,
    );
    const r = await cli(
      ['prices', 'update', '--from', renamed, '--as-of', '2026-10-15', '--accept-suspicious'],
      {
        XDG_CACHE_HOME: cache,
      },
    );
    expect(r.stdout).toContain('(over 5×: suspicious, applied by --accept-suspicious)');
    const haiku = (await cli(['prices', 'show', 'claude-3-haiku'], {XDG_CACHE_HOME: cache})).stdout;
    expect(haiku).toMatch(/as of +2026-10-15\n/);
    expect(haiku).toMatch(/cacheWrite1h +\$6\n/);
  });
});
