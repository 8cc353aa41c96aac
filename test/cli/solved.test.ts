import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cli} from './in-process.js';
import {scratchDir} from '../scratch.js';

describe('answers in solved tasks', () => {
  it('the README example: ranked per solved task, a cheap model first and Sonnet on its failures wins', async () => {
    const perTask = JSON.parse((await cli(['recommend', '--format', 'json'])).stdout);
    const perSolved = JSON.parse((await cli(['recommend', '--per', 'solved', '--format', 'json'])).stdout);
    expect(perTask.recommendation.strategy.id).toBe('hybrid-free-byok');
    expect(perSolved.recommendation.per).toBe('solved');
    expect(perSolved.recommendation.strategy.id).toBe('ladder:deepseek-v4-pro>byok');
    expect(perSolved.recommendation.strategy.attempts).toEqual({
      retries: 0,
      first: 'deepseek-v4-pro',
      escalateTo: ['own'],
    });
    const [ladder] = perSolved.recommendation.ranked;
    const alone = perSolved.recommendation.ranked.find((c: {strategy: string}) => c.strategy === 'all-byok');
    // Same or better solve rate, cheaper per solved task.
    expect(ladder.solving.solved).toBeGreaterThanOrEqual(alone.solving.solved);
    expect(Number(ladder.solving.perSolvedUsd)).toBeLessThan(Number(alone.solving.perSolvedUsd));
    expect(ladder.solving.attempts).toBeGreaterThan(252);
    // The free models no benchmark covers: not known, so set aside, never counted as solved or unsolved.
    const hybrid = perSolved.recommendation.ranked.find(
      (c: {strategy: string}) => c.strategy === 'hybrid-free-byok',
    );
    expect(hybrid.solving.perSolvedUsd).toBeNull();
    expect(hybrid.violations.join()).toMatch(
      /tasks a month on models with no solve rate, solved or not unknown/,
    );
  });

  it('every answer keeps its cost per task and adds attempts, solved and unsolved beside it', async () => {
    const doc = JSON.parse((await cli(['simulate', '--tasks', '1000', '--format', 'json'])).stdout);
    const byok = doc.paths.byok;
    expect(byok.solving).toMatchObject({attempts: 1000, unknown: 0, stoppedWithoutPath: 0});
    expect(byok.solving.solved + byok.solving.unsolved).toBe(1000);
    expect(byok.solving.perAttemptUsd).toBe(byok.perTaskUsd);
    expect(byok.lines[0].attempts).toBe(byok.lines[0].tasks);
    const table = (await cli(['simulate', '--tasks', '1000'])).stdout;
    expect(table).toMatch(/In solved tasks \(whole batch\)/);
    // The free pool rotates day by day: each day's model has its own rate, or none (not known).
    const months = JSON.parse((await cli(['simulate', '--runs', '40', '--format', 'json'])).stdout);
    const free = months.outcomes.find((o: {strategy: {id: string}}) => o.strategy.id === 'all-free');
    expect(free.solving.unknown).toBeGreaterThan(0);
    expect(free.solving.solved).toBeGreaterThan(0);
    expect(free.solving.perSolvedUsd).toBeNull();
    const breakeven = (await cli(['breakeven'])).stdout;
    expect(breakeven).toMatch(/In solved tasks, at 12 tasks a day: BYOK \$\d+\.\d\d, Platform/);
  });

  it('--solve-rates replaces the bundled rates; a model it lacks is not known', async () => {
    const dir = scratchDir('solve-');
    const file = join(dir, 'rates.json');
    writeFileSync(
      file,
      JSON.stringify({
        schemaVersion: 1,
        asOf: '2026-12-01',
        source: 'my own history',
        models: [
          {
            ids: ['claude-sonnet-4-6'],
            resolveRate: 0.5,
            benchmark: 'SWE-bench-like',
            source: 'mine',
            date: '2026-11-30',
          },
        ],
        classDifficulty: {
          logitShift: {open: 0, small: 0, mid: 0, frontier: 0},
          source: 'flat',
          estimate: true,
        },
        failedAttemptTokenShare: {value: 1, source: 'flat', estimate: true},
        retryCorrelation: {independentShare: 1, source: 'independent', estimate: true},
      }),
    );
    const doc = JSON.parse(
      (await cli(['simulate', '--tasks', '100', '--solve-rates', file, '--format', 'json'])).stdout,
    );
    // Whole tasks per class: 50, 35 and 15 tasks at 50% solve 25, 17.5 → 18 and 7.5 → 8.
    expect(doc.paths.byok.solving.solved).toBe(51);
    const gpt = JSON.parse(
      (
        await cli([
          'simulate',
          '--tasks',
          '100',
          '--model',
          'gpt-5.2',
          '--solve-rates',
          file,
          '--format',
          'json',
        ])
      ).stdout,
    );
    expect(gpt.paths.byok.solving).toMatchObject({
      solved: 0,
      unknown: 100,
      unknownModels: ['gpt-5.2'],
      perSolvedUsd: null,
    });
    const bad = await cli(['simulate', '--solve-rates', join(dir, 'none.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--solve-rates: no such file/);
  });

  it("an app's ladder from the settings file: retries, then escalation, each attempt routed", async () => {
    const dir = scratchDir('ladder-');
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        apps: [
          {
            name: 'mini-then-sonnet',
            keys: ['openai', 'anthropic'],
            attempts: {first: 'gpt-5-mini', retries: 1, escalateTo: ['claude-sonnet-4-6']},
          },
        ],
      }),
    );
    const doc = JSON.parse((await cli(['recommend', '--config', config, '--format', 'json'])).stdout);
    const app = doc.recommendation.ranked.find(
      (c: {strategy: string}) => c.strategy === 'app:mini-then-sonnet',
    );
    expect(app.attempts).toEqual({retries: 1, first: 'gpt-5-mini', escalateTo: ['claude-sonnet-4-6']});
    expect(app.solving.attempts).toBeGreaterThan(252);
    const text = (
      await cli(['recommend', '--config', config, '--per', 'solved', '--current', 'app:mini-then-sonnet'])
    ).stdout;
    expect(text).toMatch(/Against your current settings \("Your app "mini-then-sonnet""/);
    writeFileSync(config, JSON.stringify({apps: [{name: 'x', attempts: {escalateTo: ['gpt-5.2']}}]}));
    const bad = await cli(['simulate', '--config', config]);
    expect(bad.code).toBe(65);
    expect(bad.stderr).toMatch(/app:x: field attempts\.escalateTo\[0\]: no solve rate for "gpt-5\.2"/);
  });
});
