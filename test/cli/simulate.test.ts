import {describe, expect, it} from 'vitest';
import {spawn, spawnSync} from 'node:child_process';
import {cli} from './in-process.js';
import {BIN, ROOT} from './run.js';

describe('vibe-cost simulate (the real binary, piped)', () => {
  // daily-driver with 3M input tokens a task over about 30 requests: about 100k+ prompt tokens a
  // request, past gpt-4o's 128,000; the free tier's share (simple tasks) is beyond it anyway.
  // Qwen3-Coder Plus: $1/$5 up to 32k, $1.8/$9 past 32k, $3/$15 past 128k (whole request).
  it.each([
    [20_000, '0.025'],
    [50_000, '0.099'],
    [150_000, '0.465'],
  ])('prices a %i-token prompt at the step it falls in (%s)', async (input, usd) => {
    const flags = [
      '--cache-read-tokens',
      '0',
      '--cache-write-tokens',
      '0',
      '--cache-write-1h-tokens',
      '0',
      '--output-tokens',
      '1000',
      '--requests-per-task',
      '1',
    ];
    const r = await cli([
      'simulate',
      '--model',
      'qwen3-coder-plus',
      '--input-tokens',
      String(input),
      ...flags,
      '--tasks',
      '1',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as {paths: {byok: {totalUsd: string}}}).paths.byok.totalUsd).toBe(usd);
  });

  it("a task whose requests overflow the model's context window is not served or priced, and no sentence calls a path complete", async () => {
    const r = await cli([
      'simulate',
      '--model',
      'gpt-4o',
      '--input-tokens',
      '3000000',
      '--tasks',
      '100',
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      paths: Record<string, {unserved: Record<string, number>; served: Record<string, number>}>;
    };
    const byok = doc.paths['byok'];
    expect(byok?.unserved['context-window']).toBeGreaterThan(0);
    expect((byok?.unserved['context-window'] ?? 0) + (byok?.served['byok'] ?? 0)).toBe(100);
    const text = (
      await cli(['simulate', '--model', 'gpt-4o', '--input-tokens', '3000000', '--tasks', '100', '--wide'])
    ).stdout;
    expect(text).toMatch(/past the context window/);
    expect(text).not.toMatch(/Cheapest path that serves every task/);
    expect(text).toMatch(/No path serves every task\. BYOK serves the most, \d+ of 100 tasks/);
  });

  it('JSON money is exact decimal strings that match hand computation', async () => {
    const doc = JSON.parse((await cli(['simulate', '--tasks', '1000', '--format', 'json'])).stdout);
    expect(doc.schemaVersion).toBe(3);
    // 500 simple × 0.306 + 350 feature × 1.0575 + 150 hard × 2.7675 on claude-sonnet-4-6 ($3/$15, write 3.75, read 0.3)
    expect(doc.paths.byok.totalUsd).toBe('938.25');
    expect(doc.paths.platform.totalUsd).toBe('1125.9'); // +20% VibeKit markup
    expect(doc.paths.free.totalUsd).toBe('0');
    expect(doc.paths.free.unserved['free-capability']).toBe(500);
    expect(typeof doc.recommendation.path).toBe('string');
  });

  it('prices from a LiteLLM-format sheet match hand computation too', async () => {
    const r = await cli([
      'simulate',
      '--tasks',
      '10',
      '--model',
      'litellm-test',
      '--input-tokens',
      '100000',
      '--output-tokens',
      '10000',
      '--cache-read-tokens',
      '0',
      '--cache-write-tokens',
      '0',
      '--cache-write-1h-tokens',
      '0',
      '--requests-per-task',
      '1',
      '--prices',
      'test/fixtures/litellm-small.json',
      '--format',
      'json',
    ]);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    // 10 × (100k × 2e-07 + 10k × 8e-07) = 10 × (0.02 + 0.008)
    expect(doc.paths.byok.totalUsd).toBe('0.28');
  });

  it('a 1-hour cache write and a long-context request are priced at their own tiers', async () => {
    const doc = JSON.parse(
      (
        await cli([
          'simulate',
          '--tasks',
          '1',
          '--model',
          'claude-sonnet-4-5',
          '--input-tokens',
          '250000',
          '--output-tokens',
          '1000',
          '--cache-read-tokens',
          '0',
          '--cache-write-tokens',
          '0',
          '--cache-write-1h-tokens',
          '10000',
          '--requests-per-task',
          '1',
          '--format',
          'json',
        ])
      ).stdout,
    );
    // Prompt 260k > 200k: whole request at 6 / 22.5 / 1h write 12.  1.5 + 0.0225 + 0.12
    expect(doc.paths.byok.totalUsd).toBe('1.6425');
    expect(doc.paths.byok.lines[0].tier).toBe('long');
  });

  it('an unknown model exits 2 with the nearest names and nothing on stdout', async () => {
    const r = await cli(['simulate', '--model', 'claude-sonet-4.5']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^vibe-cost: error: --model: unknown model "claude-sonet-4.5"; nearest: claude-sonnet-4-5/,
    );
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('a bad flag value exits 2; a bad price sheet exits 65 naming file, model and field', async () => {
    expect((await cli(['simulate', '--tasks', '-3'])).code).toBe(2);
    expect((await cli(['simulate', '--markup', 'lots'])).stderr).toMatch(
      /--markup: expected a non-negative amount/,
    );
    const bad = await cli(['simulate', '--prices', 'test/fixtures/bad-sheet.json']);
    expect(bad.code).toBe(65);
    expect(bad.stderr).toMatch(/test\/fixtures\/bad-sheet.json: model "broken": field usdPerMTok.output/);
  });

  it('shows a stack trace only with --debug', async () => {
    expect((await cli(['simulate', '--prices', 'test/fixtures/bad-sheet.json', '--debug'])).stderr).toMatch(
      /\n\s+at /,
    );
  });

  it('--help shows examples; --version the version', async () => {
    expect((await cli(['simulate', '--help'])).stdout).toMatch(/Examples:[\s\S]*simulate --tasks 1000/);
    expect((await cli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('prints a shell completion script', async () => {
    const r = await cli(['completion'], {SHELL: '/bin/bash'});
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/complete -o bashdefault -o default -F/);
  });
});

describe('huge inputs are bounded', () => {
  it('--tasks 1e9 is priced per repeating stretch; 1e12 is refused in one line', async () => {
    const big = JSON.parse((await cli(['simulate', '--tasks', '1e9', '--format', 'json'])).stdout);
    expect(big.paths.byok.served.byok).toBe(1_000_000_000);
    expect(big.paths.byok.totalUsd).toBe('938250000');
    const huge = await cli(['simulate', '--tasks', '1e12']);
    expect(huge.code).toBe(2);
    expect(huge.stdout).toBe('');
    expect(huge.stderr.split('\n')[0]).toBe(
      'vibe-cost: error: --tasks: 1,000,000,000,000 is more than this profile can price exactly: at most 2,530,112,150, past which the token counts pass 2^53, at up to 3,560,000 tokens a task, and are no longer exact',
    );
  });

  it.skipIf(spawnSync('script', ['-V']).status !== 0)(
    'on a terminal, a month simulation past 2 s shows its progress, rate and time left on stderr',
    async () => {
      // Months enough to pass the line's 2 s wait on any machine; the run is stopped once it shows.
      const child = spawn(
        'script',
        ['-qefc', `${process.execPath} ${BIN} simulate --runs 400000 --format json > /dev/null`, '/dev/null'],
        {cwd: ROOT, env: {...process.env, NO_COLOR: '1'}, detached: true},
      );
      const line = /\] +\d+% [\d,]+ of 400,000 months · [\d,]+ months\/s · \d+:\d\d left/;
      let seen = '';
      const shown = await new Promise<boolean>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          seen += chunk.toString('utf8');
          if (line.test(seen)) resolve(true);
        });
        child.on('exit', () => resolve(line.test(seen)));
      });
      process.kill(-(child.pid as number), 'SIGKILL');
      expect(shown, seen.slice(-400)).toBe(true);
    },
    60_000,
  );

  it('a long month simulation is silent on stderr when piped (the progress bar is for terminals)', async () => {
    const r = await cli(['simulate', '--runs', '600', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('a model no key can reach', () => {
  it('is never shown as BYOK, and the free tier only never shows a paid bill', async () => {
    const table = await cli(['simulate', '--model', 'v0-1.5-md', '--wide']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^BYOK +not applicable +- +- +- +- +no key can reach v0-1\.5-md: there is no direct credential to bring/m,
    );
    expect(table.stdout).toMatch(/^Free +open-model pool, 10 tasks\/day +\$0\.00 /m);
    expect(table.stdout).toMatch(
      /Below the need \(hard-refactor needs frontier, v0-1\.5-md is mid\): 38 tasks on Platform\./,
    );
    const doc = JSON.parse((await cli(['simulate', '--model', 'v0-1.5-md', '--format', 'json'])).stdout);
    expect(doc.paths.byok.notApplicable).toMatch(/no key can reach v0-1\.5-md/);
    expect(doc.paths.byok.totalUsd).toBeUndefined();
    expect(doc.paths.free.totalUsd).toBe('0');
    expect(doc.paths.free.served.platform).toBe(0);
    expect(doc.cheapest).not.toBe('byok');
    expect(doc.recommendation.ranked.map((c: {strategy: string}) => c.strategy)).not.toContain('all-byok');
  });
});

describe('vibe-cost simulate --runs (the month simulation)', () => {
  const args = [
    'simulate',
    '--profile',
    'daily-driver',
    '--plan',
    'credits-builder',
    '--runs',
    '300',
    '--seed',
    '7',
  ];

  it('the same seed gives byte-identical output; the JSON holds the same numbers', async () => {
    const a = await cli([...args, '--format', 'json']);
    const b = await cli([...args, '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout);
    const platform = doc.outcomes.find((o: {strategy: {id: string}}) => o.strategy.id === 'all-platform');
    expect(platform.credits.monthsRunOut).toBe(300);
    expect(platform.daily.cumulativeUsd).toHaveLength(21);
    expect((await cli(args)).stdout).toContain(`$${platform.quantilesUsd.p50}`);
  });

  it('with a price missing, every quantile is marked a lower bound like the mean', async () => {
    const r = await cli([
      'simulate',
      '--runs',
      '20',
      '--seed',
      '7',
      '--prices',
      'test/fixtures/no-cache-prices.json',
      '--wide',
    ]);
    const byok = r.stdout.split('\n').find((l) => l.startsWith('BYOK')) ?? '';
    // Mean, p10, p50, p90, p99: five figures, each ≥.
    expect(byok.match(/≥\$/g)).toHaveLength(5);
    expect(byok).not.toMatch(/ \$/);
  });

  it('with a price missing, credits in dollars say their overage is a lower bound; task credits stay exact', async () => {
    const run = (plan: string) =>
      cli([
        'simulate',
        '--plan',
        plan,
        '--runs',
        '20',
        '--seed',
        '7',
        '--prices',
        'test/fixtures/no-cache-prices.json',
      ]);
    const dollars = (await run('cursor-pro')).stdout.replace(/\s+/g, ' ');
    expect(dollars).toMatch(
      /on or before working day [\d /]+\(p10 \/ p50 \/ p90\); overage ≥\$[\d.,]+ \(p50\) \/ ≥\$/,
    );
    expect(dollars).toContain('(a price is missing: these credits are drawn short)');
    const tasks = (await run('credits-builder')).stdout.replace(/\s+/g, ' ');
    expect(tasks).toMatch(/overage \$[\d.,]+ \(p50\)/);
    expect(tasks).not.toContain('drawn short');
  });

  it('--tasks and --runs together is a usage error', async () => {
    expect((await cli(['simulate', '--tasks', '10', '--runs', '5'])).code).toBe(2);
  });
});
