import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {CORPUS, hasCorpus} from '../corpus.js';
import {cli} from './in-process.js';
import {scratchDir} from '../scratch.js';

const F = 'test/fixtures/usage';
const json = async (args: string[], input?: string) => {
  const r = await cli(['import', ...args, '--format', 'json'], {}, input);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
};

describe('vibe-cost import (the real binary)', () => {
  it('every file: read = imported + duplicates + rejected + skipped', async () => {
    const doc = await json([
      `${F}/claude-projects`,
      `${F}/generic.csv`,
      `${F}/openai-usage.csv`,
      `${F}/codex-sessions`,
    ]);
    for (const f of doc.files)
      expect(f.read, f.file).toBe(f.imported + f.duplicates + f.rejected + f.skipped);
  });

  it("says only some reported amounts are a tool's estimate when a cost export of another day is billed", async () => {
    const r = await cli(['import', `${F}/claude-projects`, `${F}/anthropic-cost.csv`], {COLUMNS: '400'});
    expect(r.stderr).toBe('');
    // $0.90 of the $0.91 is the cost export's bill of 2026-03-02; only Claude Code's costUSD is an estimate.
    expect(r.stdout).not.toContain('The amounts reported are');
    expect(r.stdout.replace(/\s+/g, ' ')).toContain("1 of the 6 amounts reported is a tool's own estimate");
  });

  it('does not say a difference rests on estimates when every estimate is on a day left out of the comparison', async () => {
    const r = await cli(['import', `${F}/aggregated.csv`, `${F}/claude-projects`, '--wide']);
    expect(r.stderr).toBe('');
    const note = r.stdout.replace(/\s+/g, ' ');
    // The one costUSD estimate is on 2026-03-10, a day the amounts cover only in part: never compared.
    expect(note).toContain("1 of the 8 amounts reported is a tool's own estimate");
    expect(note).not.toContain('a difference is measured');
    // ccusage's totalCost on every day compared: the difference is against those estimates.
    const ccusage = await cli(['import', `${F}/ccusage-daily.json`, '--wide']);
    expect(ccusage.stdout).toContain('a difference is measured against those estimates, not against a bill');
  });

  it('puts the billed cost beside the re-priced one when a cost export comes with the tokens', async () => {
    const doc = await json([`${F}/anthropic-tokens-daily.csv`, `${F}/anthropic-cost.csv`]);
    expect(doc.reported.totalUsd).toMatch(/^\d+(\.\d+)?$/);
    const byok = doc.strategies.find((s: {strategy: {id: string}}) => s.strategy.id === 'all-byok');
    // Opus 4.6 fast mode has no multiplier in any sheet: that day's re-price is a lower bound, not compared.
    expect(byok.comparedWithReported).toEqual({
      days: 0,
      leftOut: {lowerBound: ['2026-03-02'], notServed: []},
    });
    expect(doc.reported.comparableDays).toEqual(['2026-03-02']);
    expect(byok.byDay['2026-03-02']).toMatchObject({complete: false});
  });

  it('an unknown model is counted and listed, never priced at $0', async () => {
    const doc = await json([`${F}/generic.csv`]);
    expect(doc.unknownModels).toEqual([expect.objectContaining({name: 'some-unknown-model-x', records: 1})]);
  });

  it('reads ccusage JSON from standard input', async () => {
    const doc = await json(['-'], readFileSync(join(F, 'ccusage-daily.json'), 'utf8'));
    expect(doc.files[0].source).toBe('ccusage.report');
    expect(doc.files[0].imported).toBeGreaterThan(0);
  });

  it('the same file twice is not counted twice', async () => {
    const doc = await json([`${F}/generic.csv`, `${F}/generic.csv`]);
    expect(doc.repeatedFiles).toHaveLength(1);
    expect(doc.files[1].imported).toBe(0);
  });

  it('writes rejects to CSV, stops at the first bad row with --strict, and never overwrites without --force', async () => {
    const dir = scratchDir('vc-import-');
    const rejects = join(dir, 'rejects.csv');
    expect((await cli(['import', `${F}/generic-bad.csv`, '--rejects', rejects])).code).toBe(0);
    expect(readFileSync(rejects, 'utf8')).toMatch(/^file,line,reason\r\n.*generic-bad\.csv,\d+,/);
    const again = await cli(['import', `${F}/generic-bad.csv`, '--rejects', rejects]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    const strict = await cli(['import', `${F}/generic-bad.csv`, '--strict']);
    expect(strict.code).toBe(65);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toMatch(/^vibe-cost: error: test\/fixtures\/usage\/generic-bad\.csv:\d+: /);
  });

  it('an unrecognised file names the closest format and what it lacks', async () => {
    const dir = scratchDir('vc-import-');
    const file = join(dir, 'usage.csv');
    writeFileSync(file, 'timestamp,model,input_tokens\n2026-01-01,gpt-5,3\n');
    const r = await cli(['import', file]);
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(
      /not a usage file vibe-cost knows; closest: vibe-cost.generic \(missing columns: output_tokens\)/,
    );
  });

  it('saves a profile from the history that simulate then loads', async () => {
    const dir = scratchDir('vc-import-');
    const profile = join(dir, 'me.json');
    expect(
      (await cli(['import', `${F}/claude-projects`, `${F}/codex-sessions`, '--save-profile', profile])).code,
    ).toBe(0);
    expect(existsSync(profile)).toBe(true);
    const sim = await cli(['simulate', '--profile', profile, '--format', 'json']);
    expect(sim.stderr).toBe('');
    expect(JSON.parse(sim.stdout).profile.origin).toBe(profile);
    expect(JSON.parse(readFileSync(profile, 'utf8')).classes[0].sizeQuantiles).toHaveLength(101);
    const months = await cli(['simulate', '--profile', profile, '--runs', '50']);
    expect(months.stdout).toMatch(/Task sizes: drawn from the imported history's own distribution/);
  });
  it('a profile saved from a history re-simulates its task count and, within 5%, its BYOK cost', async () => {
    const dir = scratchDir('vc-import-');
    const file = join(dir, 'three-tasks.csv');
    // Three tasks of different sizes on one day: the saved profile's three classes get one each.
    writeFileSync(
      file,
      'timestamp,model,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,task_id\n' +
        '2026-03-02T09:00:00Z,claude-sonnet-4-5,20000,4000,100000,10000,a\n' +
        '2026-03-02T10:00:00Z,claude-sonnet-4-5,40000,9000,400000,30000,b\n' +
        '2026-03-02T11:00:00Z,claude-sonnet-4-5,90000,30000,1500000,60000,c\n',
    );
    const profile = join(dir, 'me.json');
    const imported = await json([file, '--save-profile', profile]);
    const sim = JSON.parse((await cli(['simulate', '--profile', profile, '--format', 'json'])).stdout);
    expect(sim.tasks).toBe(3);
    expect(sim.paths.byok.served.byok).toBe(3);
    const replayed = Number(
      imported.strategies.find((x: {strategy: {id: string}}) => x.strategy.id === 'all-byok').totalUsd,
    );
    expect(Math.abs(Number(sim.paths.byok.totalUsd) / replayed - 1)).toBeLessThan(0.05);
  });
});

describe.skipIf(!hasCorpus)('the real corpus files import and replay', () => {
  it.each([
    ['claude-code.spotter-tool_heavy.jsonl', 4],
    ['claude-code.spotter-short.jsonl', 1],
    ['codex-rollout.localpush.rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl', 6],
    ['anthropic-console-cost.livechat-ringcentral-sync.csv', 24],
    ['openai-usage-api-completions.cookbook-excerpt.json', 2],
  ])('%s', async (file, imported) => {
    const doc = await json([join(CORPUS, 'usage', file)]);
    expect(doc.files[0].imported).toBe(imported);
    expect(doc.strategies.map((s: {strategy: {id: string}}) => s.strategy.id)).toEqual([
      'all-byok',
      'all-platform',
      'all-free',
      'free-then-platform',
    ]);
  });

  it('prices the spotter Claude Code log exactly: opus 4.6 at $5 / $25, 1-hour writes $10, reads $0.50', async () => {
    const doc = await json([join(CORPUS, 'usage', 'claude-code.spotter-tool_heavy.jsonl')]);
    // input 54 × 5 + cache read 88,231 × 0.5 + 1-hour writes 17,696 × 10 + output 212 × 25, per million
    expect(doc.strategies[0].totalUsd).toBe('0.2266455');
  });
});
