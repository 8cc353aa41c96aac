import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cli} from './in-process.js';
import {scratchDir} from '../scratch.js';

describe('vibe-cost recommend', () => {
  it('says the same in JSON', async () => {
    const doc = JSON.parse(
      (await cli(['recommend', '--profile', 'daily-driver', '--current', 'all-platform', '--format', 'json']))
        .stdout,
    );
    expect(doc.command).toBe('recommend');
    expect(doc.recommendation.strategy.id).toBe('hybrid-free-byok');
    expect(doc.keysToAdd).toEqual(['anthropic']);
    expect(doc.perClass.map((c: {path: string}) => c.path)).toEqual(['free', 'byok', 'byok']);
    expect(doc.current.savingsUsd).toMatch(/^\d+(\.\d+)?$/);
  });

  it('the saving against --current is the difference of the two monthly figures it shows', async () => {
    // Hobbyist: $8.883 against $15.1254, shown $8.88 and $15.13; a saving of $6.24 would not add up.
    const text = (await cli(['recommend', '--profile', 'hobbyist', '--current', 'all-platform', '--wide']))
      .stdout;
    const pick = /^Do this: .* — (\$[\d,.]+) a month/m.exec(text);
    const against = /\("Platform-paid", (\$[\d,.]+) a month\): saves (\$[\d,.]+) a month/.exec(text);
    expect(pick?.[1]).toBe('$8.88');
    expect(against?.slice(1)).toEqual(['$15.13', '$6.25']);
  });

  it('an unknown --current names the setups there are', async () => {
    const r = await cli(['recommend', '--current', 'all-byk']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--current: unknown setup "all-byk"; nearest: all-byok/);
  });
});

describe('recommend flags: --key-worth, --risk', () => {
  it('--key-worth sets what a new key must save a month; --risk the share of blocked months accepted', async () => {
    const rec = async (args: string[]) =>
      JSON.parse((await cli(['recommend', '--format', 'json', ...args])).stdout).recommendation;
    expect((await rec(['--profile', 'hobbyist'])).strategy.id).toBe('free-then-platform');
    expect((await rec(['--profile', 'hobbyist', '--key-worth', '1'])).strategy.id).toBe('hybrid-free-byok');
    expect((await rec(['--profile', 'hobbyist', '--key-worth', '1'])).keyWorthUsd).toBe('1');
    expect((await rec(['--profile', 'hobbyist', '--plan', 'credits-cliff'])).strategy.id).toBe('all-byok');
    expect(
      (await rec(['--profile', 'hobbyist', '--plan', 'credits-cliff', '--risk', '10'])).strategy.id,
    ).toBe('all-platform');
    const bad = await cli(['recommend', '--risk', '150']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--risk: expected a percent from 0 to 100, got 150/);
  });
});

describe('vibe-cost breakeven', () => {
  it('holds every figure in JSON', async () => {
    const doc = JSON.parse(
      (await cli(['breakeven', '--plan', 'credits-builder', '--format', 'json'])).stdout,
    );
    expect(doc.pairs[0].crossings[0]).toMatchObject({
      tasksPerMonth: 28,
      cheaperBelow: 'byok',
      cheaperAbove: 'platform',
    });
    expect(doc.curve.length).toBeGreaterThan(10);
    expect(typeof doc.curve[1].monthlyUsd.byok).toBe('string');
    expect(doc.complete).toBe(true);
  });

  it('with a price missing, says its costs are lower bounds and marks them ≥', async () => {
    const args = ['breakeven', '--plan', 'credits-builder', '--prices', 'test/fixtures/no-cache-prices.json'];
    const text = (await cli([...args, '--wide'])).stdout.replace(/\s+/g, ' ');
    expect(text).toMatch(/\(BYOK ≥\$[\d.]+, Platform ≥\$[\d.]+\)/);
    expect(text).toContain('Some tokens have no price: every cost here is a lower bound (≥)');
    expect(text).toMatch(/BYOK ≥\$[\d.]+, Platform ≥\$[\d.]+ per solved task/);
    expect(JSON.parse((await cli([...args, '--format', 'json'])).stdout).complete).toBe(false);
  });

  it('with a price missing, says which is cheaper only where the missing prices cannot turn it', async () => {
    const said = async (plan: string) =>
      (
        await cli(['breakeven', '--plan', plan, '--prices', 'test/fixtures/no-cache-prices.json', '--wide'])
      ).stdout.replace(/\s+/g, ' ');
    // A markup: whatever the missing prices are, the platform bills them with its markup on top.
    expect(await said('vibekit')).toContain(
      "BYOK is cheaper at every volume up to 36 tasks a day: no breakeven. The prices missing add at least as much to Platform's bill as to BYOK's, so this holds whatever they are.",
    );
    // Credits counted in tasks: the missing prices weigh on the key's bill alone.
    expect(await said('credits-builder')).toContain(
      "The prices missing add at least as much to BYOK's bill as to Platform's: wherever Platform's priced bill is the lower, Platform is surely the cheaper",
    );
    // Credits in dollars with overage: either way.
    const cursor = await said('cursor-pro');
    expect(cursor).toContain(
      'The prices missing could move them, or make either path the cheaper one at any volume.',
    );
    // Credits drawn short run out sooner; the two compare only while both serve every task.
    const cliff = await said('credits-cliff');
    expect(cliff).toContain(
      'on the prices known, BYOK is cheaper at every volume up to 2.38 tasks a day, the most at which both serve every task; the prices missing could make Platform the cheaper one',
    );
    expect(cliff).toContain('Platform stops serving every task from at most 2.43 tasks a day');
    const doc = JSON.parse(
      (
        await cli([
          'breakeven',
          '--plan',
          'cursor-pro',
          '--prices',
          'test/fixtures/no-cache-prices.json',
          '--format',
          'json',
        ])
      ).stdout,
    );
    expect(doc.pairs[0]).toMatchObject({unpricedDifference: 'not-known', comparedUpToTasksPerDay: '36'});
    // In Markdown a crossing stays nested under its pair.
    expect((await cli(['breakeven', '--plan', 'credits-builder', '--format', 'markdown'])).stdout).toContain(
      '- BYOK vs Platform:\n  - from 28 tasks a month',
    );
  });
});

describe('settings', () => {
  it('reads a config file: defaults for the flags, keys held, apps side by side', async () => {
    const dir = scratchDir('vibe-cost-');
    const file = join(dir, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({
        profile: 'hobbyist',
        plan: 'openrouter',
        keys: ['anthropic'],
        apps: [
          {name: 'landing', freeTier: true, onFreeLimit: 'fallthrough'},
          {name: 'backend', keys: ['anthropic']},
        ],
      }),
    );
    const doc = JSON.parse((await cli(['recommend', '--config', file, '--format', 'json'])).stdout);
    expect(doc.profile.id).toBe('hobbyist');
    expect(doc.plan.id).toBe('openrouter');
    expect(doc.keysHeld).toEqual(['anthropic']);
    const ids = doc.recommendation.ranked.map((c: {strategy: string}) => c.strategy);
    expect(ids).toEqual(expect.arrayContaining(['app:landing', 'app:backend', 'your-keys']));
    // simulate shows the apps side by side.
    expect((await cli(['simulate', '--config', file])).stdout).toMatch(
      /Your setups, a month at this pace:\n {2}Your (app "landing"|app "backend"|keys as held)/,
    );
    // The default place: $XDG_CONFIG_HOME/vibe-cost/config.json; flags still win.
    mkdirSync(join(dir, 'xdg', 'vibe-cost'), {recursive: true});
    writeFileSync(join(dir, 'xdg', 'vibe-cost', 'config.json'), JSON.stringify({profile: 'team'}));
    const fromXdg = async (args: string[]) =>
      JSON.parse(
        (await cli(['recommend', '--format', 'json', ...args], {XDG_CONFIG_HOME: join(dir, 'xdg')})).stdout,
      ).profile.id;
    expect(await fromXdg([])).toBe('team');
    expect(await fromXdg(['--profile', 'hobbyist'])).toBe('hobbyist');
  });

  it('a bad config is one line naming the file and field', async () => {
    const dir = scratchDir('vibe-cost-');
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({apps: [{name: 'x', onFreeLimit: 'sometimes'}]}));
    const r = await cli(['simulate', '--config', file]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(
      /config.json: config: field apps\[0\]\.onFreeLimit: expected one of wait, fallthrough, got "sometimes"/,
    );
  });

  it('a key in the environment counts as held, and its value is never printed', async () => {
    const secret = 'sk-ant-FAKE-0123456789abcdef';
    for (const args of [
      ['recommend'],
      ['recommend', '--format', 'json'],
      ['simulate', '--format', 'json'],
      ['breakeven', '--format', 'json'],
    ]) {
      const r = await cli(args, {ANTHROPIC_API_KEY: secret, OPENAI_API_KEY: secret});
      expect(r.stdout + r.stderr).not.toContain(secret);
    }
    const doc = JSON.parse(
      (await cli(['recommend', '--format', 'json'], {ANTHROPIC_API_KEY: secret})).stdout,
    );
    expect(doc.keysHeld).toEqual(['anthropic']);
    expect(doc.keysToAdd).toEqual([]);
    expect(
      JSON.parse(
        (await cli(['recommend', '--format', 'json', '--keys-from-env=false'], {ANTHROPIC_API_KEY: secret}))
          .stdout,
      ).keysHeld,
    ).toEqual([]);
  });
});
