import {copyFileSync, readFileSync, realpathSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {DataError, UsageError} from '../../../src/errors.js';
import {expandInputs} from '../../../src/io/usage/files.js';
import {detectSource, importUsage} from '../../../src/io/usage/import.js';
import {account, collect, fixture, totals, usd} from './collect.js';
import {scratchDir} from '../../scratch.js';

const scratch = () => scratchDir('vibe-usage-');
function write(name: string, content: string | Buffer): string {
  const path = join(scratch(), name);
  writeFileSync(path, content);
  return path;
}
async function failure(run: Promise<unknown>): Promise<Error> {
  try {
    await run;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

describe('OpenAI Usage and Costs API JSON', () => {
  it('reads a usage page: cached out of input, an empty bucket skipped', async () => {
    const {records, outcome} = await collect([fixture('openai-api-usage.json')]);
    expect(account(outcome, 'openai-api-usage.json')).toEqual({
      source: 'openai.api.usage',
      read: 3,
      imported: 2,
      duplicates: 0,
      rejected: 0,
      skipped: 1,
    });
    expect(totals(records)).toEqual({
      input: 6000,
      cacheRead: 1000,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 1300,
    });
    expect(records.map((r) => [r.modelRaw, r.requests, r.serviceTier, r.start])).toEqual([
      ['gpt-4.1-mini', 12, 'default', '2026-03-05T00:00:00.000Z'],
      ['o3', 4, 'batch', '2026-03-05T00:00:00.000Z'],
    ]);
    expect(records[0]?.line).toBe(9);
  });

  it('reads a costs page in dollars', async () => {
    const {records} = await collect([fixture('openai-api-cost.json')]);
    expect(records.map((r) => [r.modelRaw, r.reportedUsd, r.tokensKnown])).toEqual([
      ['gpt-4.1-mini, input', '0.0123456789', 'none'],
      ['', '0.5', 'none'],
    ]);
    expect(usd(records)).toBe('0.5123456789');
  });
});

describe('detectSource', () => {
  const head = (name: string) => readFileSync(fixture(name), 'utf8');
  it.each([
    ['anthropic-tokens-daily.csv', 'anthropic.console.tokens'],
    ['anthropic-tokens-legacy.csv', 'anthropic.console.tokens'],
    ['anthropic-cost.csv', 'anthropic.console.cost'],
    ['openai-usage.csv', 'openai.dashboard.usage'],
    ['openai-usage-spreadsheet.tsv', 'openai.dashboard.usage'],
    ['openai-cost.csv', 'openai.dashboard.cost'],
    ['openai-api-usage.json', 'openai.api.usage'],
    ['openai-api-cost.json', 'openai.api.cost'],
    ['openrouter-generations.csv', 'openrouter.generations'],
    ['openrouter-activity.csv', 'openrouter.activity'],
    ['generic-semicolon.csv', 'vibe-cost.generic'],
    ['ccusage-daily.json', 'ccusage.report'],
    ['ccusage20-daily.json', 'ccusage.report'],
    ['ccusage20-sections.json', 'ccusage.report'],
    ['codex-sessions/2026/03/05/rollout-2026-03-05T09-00-00-p-1.jsonl', 'codex.rollout'],
    ['claude-projects/-home-dev-blog/sess-2.jsonl', 'claude-code.jsonl'],
  ])('%s → %s', (name, source) => {
    expect(detectSource(head(name))).toEqual({source});
  });

  it('takes an OpenAI header of time columns alone as an empty usage export', async () => {
    expect(detectSource('start_time,end_time,start_time_iso,end_time_iso\n')).toEqual({
      source: 'openai.dashboard.usage',
    });
    const {records, outcome} = await collect([
      write('empty-export.csv', 'start_time,end_time,start_time_iso,end_time_iso\n'),
    ]);
    expect(records).toEqual([]);
    expect(outcome.accounts[0]).toMatchObject({read: 0, source: 'openai.dashboard.usage'});
  });

  it('names the closest source and its missing columns', () => {
    expect(detectSource('usage_date_utc,model_version,usage_output_tokens\n2026-01-01,x,1\n')).toEqual({
      source: null,
      closest: 'anthropic.console.tokens',
      missing: ['usage_input_tokens_no_cache'],
    });
  });
});

describe('errors', () => {
  it('an unrecognised file is a DataError naming the closest source and the missing columns', async () => {
    const path = write('mystery.csv', 'usage_date_utc,model_version,usage_output_tokens\n2026-01-01,x,1\n');
    const error = await failure(importUsage([path], () => {}));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toBe(
      `${path}: not a usage file vibe-cost knows; closest: anthropic.console.tokens (missing columns: usage_input_tokens_no_cache)`,
    );
    expect((error as DataError).hint).toBe(
      'force a source with --source ID, or see "vibe-cost import FILE|DIR|- ..." in the README',
    );
    expect((error as DataError).exitCode).toBe(65);
  });

  it('an empty file is a DataError', async () => {
    const path = write('empty.csv', '\uFEFF\n');
    const error = await failure(importUsage([path], () => {}));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toBe(`${path}: file is empty`);
  });

  it('a missing path is a UsageError (exit 2)', async () => {
    const error = await failure(importUsage(['/no/such/usage.csv'], () => {}));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect(error.message).toMatch(/^\/no\/such\/usage\.csv: no such file/);
  });

  it('truncated JSON is one DataError at file:line', async () => {
    const text = readFileSync(fixture('openai-api-usage.json'), 'utf8');
    const path = write('cut.json', text.slice(0, 400));
    const error = await failure(importUsage([path], () => {}));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(new RegExp(`^${path.replaceAll('/', '\\/')}:\\d+: not valid JSON`));
  });

  it('binary data is one DataError at file:line', async () => {
    const path = write('blob.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x0a, 0x00, 0x00, 0x01]));
    const error = await failure(importUsage([path], () => {}));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toBe(`${path}:2: binary data, not a usage export or log`);
  });

  it('strict turns the first rejected row into a DataError', async () => {
    const error = await failure(importUsage([fixture('generic-bad.csv')], () => {}, {strict: true}));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toBe(
      `${fixture('generic-bad.csv')}:2: input_tokens is not a whole number of tokens ≥ 0: "-5"`,
    );
  });

  it('a forced format reads a file the detector would not choose', async () => {
    const path = write(
      'rows.csv',
      'date,model,input_tokens,output_tokens,slug,usage,prompt_tokens,completion_tokens\n2026-01-01,m,1,2,s,0.5,3,4\n',
    );
    expect(detectSource(readFileSync(path, 'utf8'))).toEqual({source: 'openrouter.activity'});
    const {records} = await collect([path], {format: 'vibe-cost.generic'});
    expect(records[0]).toMatchObject({source: 'vibe-cost.generic', tokens: {input: 1, output: 2}});
  });
});

describe('repeats, stdin and progress', () => {
  it('the same bytes under another name, and the same path twice, are repeats counted as duplicates', async () => {
    const copy = join(scratch(), 'again.tsv');
    copyFileSync(fixture('openai-usage-spreadsheet.tsv'), copy);
    const original = fixture('openai-usage-spreadsheet.tsv');
    const {records, outcome} = await collect([original, copy, original]);
    expect(records).toHaveLength(2);
    expect(outcome.repeatedFiles).toEqual([
      {file: copy, sameAs: original},
      {file: original, sameAs: original},
    ]);
    expect(outcome.accounts.map((a) => [a.read, a.imported, a.duplicates])).toEqual([
      [2, 2, 0],
      [2, 0, 2],
      [2, 0, 2],
    ]);
  });

  it('files of one size repeat only when every byte does; a file in a folder, also named alone, is one file', async () => {
    const dir = scratch();
    const header = 'timestamp,model,input_tokens,output_tokens,task_id\n';
    // Past the 64 KB compared first, so the last row decides.
    const rows = (last: number) =>
      header +
      Array.from({length: 2000}, (_, i) => `2026-03-01T12:00:00Z,gpt-5,${100 + (i % 10)},20,t-${i}\n`).join(
        '',
      ) +
      `2026-03-02T12:00:00Z,gpt-5,${last},20,t-last\n`;
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const a = write('a.csv', rows(1));
    const tail = write('b.csv', rows(2));
    const copy = write('c.csv', rows(1));
    const head = write('d.csv', rows(1).replace('gpt-5,100,', 'gpt-5,900,'));
    expect(new Set([a, tail, copy, head].map((f) => readFileSync(f).length)).size).toBe(1);
    // The folder through a link: its files' canonical paths are the folder's own (the content
    // check below would find the repeat anyway, so the paths are asserted themselves).
    const link = join(scratch(), 'link');
    symlinkSync(dir, link);
    const {found} = await expandInputs([link, a], undefined);
    expect(found.map((f) => f.real)).toEqual([
      ...[a, tail, copy, head].map((f) => realpathSync(f)).sort(),
      realpathSync(a),
    ]);
    const {outcome} = await collect([link, a]);
    expect(outcome.repeatedFiles).toEqual([
      {file: join(link, 'c.csv'), sameAs: join(link, 'a.csv')},
      {file: a, sameAs: join(link, 'a.csv')},
    ]);
    expect(outcome.accounts.map((x) => x.imported)).toEqual([2001, 2001, 0, 2001, 0]);
  });

  it("reads '-' from the stdin option", async () => {
    const text = readFileSync(fixture('generic.csv'), 'utf8');
    const {records, outcome} = await collect(['-'], {stdin: async () => text});
    expect(records).toHaveLength(2);
    expect(outcome.accounts[0]).toMatchObject({file: '-', source: 'vibe-cost.generic'});
    await expect(importUsage(['-'], () => {})).rejects.toBeInstanceOf(UsageError);
  });

  it('reports progress up to the total size', async () => {
    const calls: [number, number | undefined, string][] = [];
    await collect([fixture('claude-projects'), fixture('openai-usage.csv')], {
      onProgress: (read, total, file) => calls.push([read, total, `${file.at} of ${file.of}`]),
    });
    const last = calls.at(-1)!;
    expect(last[0]).toBe(last[1]);
    const files = Number(last[2].split(' of ')[1]);
    expect(files).toBeGreaterThan(1);
    expect(last[2]).toBe(`${files} of ${files}`);
  });
});
