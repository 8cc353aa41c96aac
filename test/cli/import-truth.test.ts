import {copyFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {scratchDir} from '../scratch.js';
import {cli} from './in-process.js';

const T = 'test/fixtures/usage/truth';
const json = async (args: string[]) => {
  const r = await cli(['import', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
};
const strategy = (doc: {strategies: {strategy: {id: string}}[]}, id: string) =>
  doc.strategies.find((s) => s.strategy.id === id) as unknown as Record<string, never>;

describe('unknown is never $0 (OpenAI usage export with a fine-tuned model no sheet prices)', () => {
  const file = `${T}/openai-usage-finetuned.csv`;

  it('JSON: complete false on the strategy and on each day the unpriced tokens fall on', async () => {
    const doc = await json([file]);
    const byok = strategy(doc, 'all-byok');
    expect(byok['complete']).toBe(false);
    // gpt-4.1: 1M input at $2 + 100k output at $8 = $2.80, known; the fine-tuned rows are not in it.
    expect(byok['byDay']).toEqual({
      '2026-03-05': {usd: '2.8', complete: false},
      '2026-03-06': {usd: '0', complete: false},
    });
    expect(byok['byModel']).toEqual({'gpt-4.1': {usd: '2.8', complete: true}});
    // The free tier never pays, whatever the model: its $0 stays exact.
    expect(strategy(doc, 'all-free')['complete']).toBe(true);
    expect(doc.models).toContainEqual({
      model: 'ft:gpt-4o-mini-2024-07-18:acme-shop::9kQ2xYzA',
      priced: false,
      records: 2,
      tokens: {input: 550_000, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 35_000},
    });
  });

  it('table: ≥ on the totals, "unknown" for the day with no price and for the model, never $0.00', async () => {
    const r = await cli(['import', file, '--wide']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/BYOK: your own keys at list price +≥\$2\.80 /);
    expect(r.stdout).toMatch(
      /2026-03-06 +unknown +unknown +\$0\.00 +unknown +- +all-byok, all-platform, free-then-platform/,
    );
    expect(r.stdout).toMatch(
      /ft:gpt-4o-mini-2024-07-18:acme-shop::9kQ2xYzA \(unknown model\) +2 +550k +0 +0 +35k +unknown +unknown +-/,
    );
    expect(r.stdout).not.toMatch(/2026-03-06 +\$0\.00 /);
  });

  it('CSV has a complete column; Markdown a lower-bound column', async () => {
    const csv = (await cli(['import', file, '--format', 'csv'])).stdout.trim().split(/\r?\n/);
    expect(csv[0]).toBe('day,strategy,repriced_usd,complete,reported_usd');
    expect(csv).toContain('2026-03-06,all-byok,0,false,');
    expect(csv).toContain('2026-03-06,all-free,0,true,');
    const md = (await cli(['import', file, '--format', 'markdown'])).stdout;
    expect(md).toMatch(/\| Day +\| all-byok .*\| Lower bound on +\|/);
    expect(md).toMatch(/\| 2026-03-06 +\| +unknown \|.*\| all-byok, all-platform, free-then-platform +\|/);
  });
});

describe("Anthropic's context_window column decides the tier of an aggregated row", () => {
  it('≤ 200k at base, > 200k at the long-context rates, and no lower bound', async () => {
    const doc = await json([`${T}/anthropic-tokens-long-context.csv`]);
    expect(doc.lowerBound.tierUnknownRecords).toBe(0);
    const byok = strategy(doc, 'all-byok');
    expect(byok['complete']).toBe(true);
    // ≤ 200k: 1M input at $3 + 2M reads at $0.30 + 100k output at $15 = $5.10
    // > 200k: 500k input at $6 + 100k 5-minute writes at $7.50 + 1M reads at $0.60 + 50k output at $22.50 = $5.475
    expect(byok['totalUsd']).toBe('10.575');
  });

  it("matches the same day's cost export to the cent rounding: $10.575 re-priced against $10.58 billed", async () => {
    const doc = await json([
      `${T}/anthropic-tokens-long-context.csv`,
      `${T}/anthropic-cost-long-context.csv`,
    ]);
    expect(strategy(doc, 'all-byok')['comparedWithReported']).toEqual({
      days: 1,
      repricedUsd: '10.575',
      reportedUsd: '10.58',
      differenceUsd: '-0.005',
      leftOut: {lowerBound: [], notServed: []},
    });
    expect(doc.models).toEqual([
      expect.objectContaining({model: 'claude-sonnet-4-5', priced: true, records: 9, reportedUsd: '10.58'}),
    ]);
  });
});

describe('reported against re-priced: only days where both are complete', () => {
  it('leaves out a day whose rows carry a cost only in part, and a day with an unpriced model; says so', async () => {
    const file = `${T}/claude-code-partial-cost.jsonl`;
    const doc = await json([file]);
    expect(doc.reported.comparableDays).toEqual(['2026-03-20', '2026-03-22']);
    expect(doc.reported.reportedPartial).toEqual(['2026-03-21']);
    // Two Sonnet 4.5 requests of 1,000 in and 1,000 out at $3 / $15: $0.036 against $0.04 reported.
    expect(strategy(doc, 'all-byok')['comparedWithReported']).toEqual({
      days: 1,
      repricedUsd: '0.036',
      reportedUsd: '0.04',
      differenceUsd: '-0.004',
      leftOut: {lowerBound: ['2026-03-22'], notServed: []},
    });
    const haiku = doc.models.find((m: {model: string}) => m.model === 'claude-haiku-4-5');
    expect(haiku).not.toHaveProperty('reportedUsd');
    const table = (await cli(['import', file, '--wide'])).stdout;
    expect(table).toContain(
      '* Compared is the re-priced amount on the days set beside what was reported for them. 2 days have token records and a reported amount covering them ($0.58 reported in all); left out: 1 day where the reported amount covers only some of the rows; each path is compared on those it re-priced completely and served in full: all-byok on 1 (1 re-priced as a lower bound); all-platform on 1 (1 re-priced as a lower bound); all-free on 0 (2 with rows not served); free-then-platform on 1 (1 re-priced as a lower bound).',
    );
  });
});

describe('every model a real history holds has a price (the long tail from LiteLLM)', () => {
  it('prices show answers for gpt-4o and for the display name "Claude 3 Opus", saying where the price is from', async () => {
    const gpt = await cli(['prices', 'show', 'gpt-4o']);
    expect(gpt.code).toBe(0);
    expect(gpt.stdout).toMatch(/input +\$2\.5\n +output +\$10\n/);
    expect(gpt.stdout).toContain('from sheet    bundled:long-tail/litellm.json');
    const opus = await cli(['prices', 'show', 'Claude 3 Opus']);
    expect(opus.stdout).toMatch(/^claude-3-opus-20240229 \(Claude 3 Opus\)\n/);
    expect(opus.stdout).toContain(
      'source        LiteLLM model_prices_and_context_window.json key "claude-3-opus-20240229" (snapshot 2026-08-01)',
    );
  });

  it("a 2024 history: OpenAI's dated snapshots re-priced, the cost export's display names resolved, the rest listed with its amount", async () => {
    const doc = await json([`${T}/openai-usage-2024.csv`, `${T}/anthropic-cost-2024.csv`]);
    expect(strategy(doc, 'all-byok')['complete']).toBe(true);
    // gpt-4o: 1M uncached at $2.50 + 1M cached at $1.25 + 100k out at $10 = $4.75; gpt-4o-mini: 4M at $0.15 + 400k at $0.60 = $0.84; o1: 100k at $15 + 50k at $60 = $4.50
    expect(strategy(doc, 'all-byok')['byModel']).toEqual({
      'gpt-4o-2024-08-06': {usd: '4.75', complete: true},
      'gpt-4o-mini-2024-07-18': {usd: '0.84', complete: true},
      'o1-2024-12-17': {usd: '4.5', complete: true},
    });
    const reported = Object.fromEntries(
      doc.models
        .filter((m: {reportedUsd?: string}) => m.reportedUsd)
        .map((m: {model: string; reportedUsd: string}) => [m.model, m.reportedUsd]),
    );
    expect(reported).toEqual({
      'claude-3-opus-20240229': '12',
      'claude-3-5-sonnet-20241022': '1.58',
      'claude-3-5-sonnet-20240620': '0.9',
      'claude-3-haiku': '0.02',
      'claude-instant-1.2': '0.08',
      'Claude 2.0': '3.2',
    });
    expect(doc.unknownModels).toEqual([
      {name: 'Claude 2.0', records: 2, reportedUsd: '3.2', nearest: expect.arrayContaining(['claude-2.1'])},
    ]);
    // An Anthropic bill says nothing of the OpenAI tokens of the same day: no comparison.
    expect(doc.reported.reportedPartial).toEqual(['2024-12-02']);
    const table = (await cli(['import', `${T}/anthropic-cost-2024.csv`])).stdout;
    expect(table).toMatch(/Claude 2\.0 \(unknown model\) +2 +0 +0 +0 +0 +unknown +unknown +\$3\.20/);
    expect(table).toContain(
      'not priced: 2 rows of unknown model "Claude 2.0", $3.20 reported (nearest: claude-2.1',
    );
  });
});

describe('an import that imports nothing fails; every file of a folder is accounted for', () => {
  const fails = async (args: string[], message: RegExp) => {
    const r = await cli(['import', ...args]);
    expect(r.code).toBe(65);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toMatch(message);
    expect(r.stderr).not.toContain('No tasks in this history');
  };

  it('all rows rejected, an empty folder, a forced --source that reads no rows: exit 65 with the reason', async () => {
    await fails(
      ['test/fixtures/bad/all-rows-bad.csv'],
      /^vibe-cost: error: nothing imported from test\/fixtures\/bad\/all-rows-bad\.csv: all 2 rows were rejected \(first: test\/fixtures\/bad\/all-rows-bad\.csv:2: input_tokens is not a whole number of tokens ≥ 0: "-1"\)$/,
    );
    const empty = scratchDir('empty-');
    await fails([empty], new RegExp(`^vibe-cost: error: ${empty}: no files in this folder$`));
    await fails(
      ['test/fixtures/usage/ccusage-daily.json', '--source', 'openai.api.usage'],
      /nothing imported from test\/fixtures\/usage\/ccusage-daily\.json: read as --source openai\.api\.usage, it holds no rows of that source$/,
    );
    const onlyNotes = scratchDir('notes-');
    writeFileSync(join(onlyNotes, 'README.txt'), 'exports go here\n');
    await fails(
      [onlyNotes],
      /nothing imported from .*: no file is a usage export or log \(1 passed over; .*README\.txt: not a usage file vibe-cost knows; closest: /,
    );
  });

  it('a walked folder: an insta .snap of ccusage imported; hidden, empty, binary and unknown files listed as passed over', async () => {
    const dir = scratchDir('walk-');
    copyFileSync(`${T}/ccusage-daily.snap`, join(dir, 'daily_row_json.snap'));
    copyFileSync(`${T}/anthropic-tokens-long-context.csv`, join(dir, 'claude_api_tokens_2026_05.csv'));
    writeFileSync(join(dir, '.DS_Store'), Buffer.from([0, 0, 0, 1, 66, 117, 100, 49]));
    writeFileSync(join(dir, 'empty.jsonl'), '');
    writeFileSync(
      join(dir, 'screenshot.png'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    writeFileSync(join(dir, 'notes.md'), '# May usage\n');
    const doc = await json([dir]);
    expect(
      doc.files.map((f: {file: string; source: string}) => [f.file.slice(dir.length + 1), f.source]),
    ).toEqual([
      ['claude_api_tokens_2026_05.csv', 'anthropic.console.tokens'],
      ['daily_row_json.snap', 'ccusage.report'],
    ]);
    expect(
      doc.ignoredFiles.map((f: {file: string; reason: string}) => [
        f.file.slice(dir.length + 1),
        f.reason.replace(/;.*/, ''),
      ]),
    ).toEqual([
      ['.DS_Store', 'hidden (its name starts with a dot)'],
      ['empty.jsonl', 'empty file'],
      ['notes.md', 'not a usage file vibe-cost knows'],
      ['screenshot.png', 'binary data, not a usage export or log'],
    ]);
  });

  it('reads decimal commas and dot thousands in ;-separated files (Excel in many locales)', async () => {
    const doc = await json([`${T}/anthropic-cost-excel-de.csv`, `${T}/openai-usage-excel-de.csv`]);
    // 2,63 + 0,75 + 1.234,50
    expect(doc.reported.totalUsd).toBe('1237.88');
    // 59.200,0 input of which 5.760 cached; 10.646 output; 10,0 requests
    expect(doc.models.find((m: {model: string}) => m.model === 'gpt-4.1').tokens).toEqual({
      input: 53_440,
      cacheRead: 5760,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 10_646,
    });
  });
});

describe('two aggregations of the same usage are counted once, and said', () => {
  it('a daily and an hourly Console export of the same day; a day whose totals differ is kept in both and flagged', async () => {
    const files = [
      'anthropic-tokens-daily-april.csv',
      'anthropic-tokens-hourly-april-02.csv',
      'anthropic-tokens-hourly-april-03-other-workspace.csv',
    ].map((f) => `${T}/${f}`);
    const doc = await json(files);
    expect(doc.files.map((f: {imported: number; duplicates: number}) => [f.imported, f.duplicates])).toEqual([
      [3, 0],
      [0, 3],
      [1, 0],
    ]);
    expect(doc.sameUsage).toEqual([{file: files[1], sameAs: files[0], days: ['2026-04-02'], rows: 3}]);
    expect(doc.differentTotals).toEqual([{file: files[2], other: files[0], days: ['2026-04-03']}]);
    // Haiku 4.5 on the 2nd: 200k in $0.20 + 10k writes $0.0125 + 400k reads $0.04 + 100k out $0.50; Sonnet 4.5: 50k in $0.15 + 5k out $0.075;
    // the 3rd: 1,000 in and 100 out ($0.0015) in one workspace, 7,000 and 700 ($0.0105) in the other.
    expect(strategy(doc, 'all-byok')['totalUsd']).toBe('0.9895');
    // Warnings wrap at the terminal's width: compared with the line breaks taken out.
    const table = (await cli(['import', ...files])).stdout.replace(/\s*\n\s*/g, ' ');
    expect(table).toMatch(
      /anthropic-tokens-hourly-april-02\.csv holds the same usage as .*anthropic-tokens-daily-april\.csv on 1 day \(2026-04-02\): 3 rows not counted twice\./,
    );
    expect(table).toMatch(
      /other-workspace\.csv and .*daily-april\.csv both cover 1 day with different totals \(2026-04-03\): both counted; if they are one account's, import only one\./,
    );
  });
});

describe('server tools: web searches priced per search, tool charges listed as such', () => {
  it("web_search_count at $10 per 1,000 searches matches the cost export's web_search row; that row is a tool charge, not a model", async () => {
    const doc = await json([`${T}/anthropic-tokens-web-search.csv`, `${T}/anthropic-cost-web-search.csv`]);
    // 100k input at $3 + 10k output at $15 + 7 searches at $0.01 = $0.52, as billed.
    expect(strategy(doc, 'all-byok')['comparedWithReported']).toEqual({
      days: 1,
      repricedUsd: '0.52',
      reportedUsd: '0.52',
      differenceUsd: '0',
      leftOut: {lowerBound: [], notServed: []},
    });
    expect(doc.unknownModels).toEqual([]);
    expect(doc.models).toContainEqual({
      model: 'web_search',
      priced: false,
      tool: true,
      records: 1,
      tokens: {input: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0},
      reportedUsd: '0.07',
    });
    expect((await cli(['import', `${T}/anthropic-cost-web-search.csv`])).stdout).toMatch(
      /web_search \(tool charge\) +1 +0 +0 +0 +0 +- +- +\$0\.07/,
    );
  });

  it("Claude Code's server_tool_use.web_search_requests are priced (web fetches are free)", async () => {
    const doc = await json([`${T}/claude-code-web-search.jsonl`]);
    // 2,000 input at $3 + 500 output at $15 + 2 searches at $0.01 = $0.0335
    expect(strategy(doc, 'all-byok')['totalUsd']).toBe('0.0335');
  });
});

describe("a request larger than the model's context window is not served, and not priced", () => {
  it('OpenRouter generations: a 150,000-token prompt to gpt-4o (128,000) is reported as context-window on every path', async () => {
    const doc = await json([`${T}/openrouter-generations-context-window.csv`]);
    const byok = strategy(doc, 'all-byok');
    expect(byok['unserved']).toEqual({
      'free-capability': 0,
      'free-cap-wait': 0,
      'context-window': 1,
      'no-path': 0,
    });
    expect(byok['served']).toEqual({byok: 1, platform: 0, free: 0});
    // Only the 100,000-token request is priced: 100k at $2.50 + 1,000 out at $10 = $0.26.
    expect(byok['totalUsd']).toBe('0.26');
    expect(byok['complete']).toBe(true);
    // Its day is not compared with the $0.65 billed for both: the re-price leaves a row out.
    expect(byok['comparedWithReported']).toEqual({
      days: 0,
      leftOut: {lowerBound: [], notServed: ['2026-07-01']},
    });
    expect((await cli(['import', `${T}/openrouter-generations-context-window.csv`])).stdout).toMatch(
      /BYOK: your own keys at list price +\$0\.26 +- +- +- +1 +1 past the context window/,
    );
    expect((await cli(['prices', 'show', 'gpt-4o'])).stdout).toContain(
      'max input     128,000 tokens a request (larger requests are not served)',
    );
  });
});

describe('prices in more than two prompt-size tiers', () => {
  it("Qwen3-Coder-Plus's four tiers: each request priced whole at the tier its prompt falls in", async () => {
    const doc = await json([`${T}/qwen-prompt-tiers.csv`]);
    // 20k in: $1 / $5 → $0.025; 100k: $1.80 / $9 → $0.189; 200k: $3 / $15 → $0.615; 300k: $6 / $60 → $1.86 (1,000 out each)
    expect(strategy(doc, 'all-byok')['totalUsd']).toBe('2.689');
    expect(strategy(doc, 'all-byok')['complete']).toBe(true);
  });
});
