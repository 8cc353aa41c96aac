import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {account, collect, totals, usd} from './collect.js';

const dir = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'corpus', 'usage');
const file = (name: string) => join(dir, name);
if (!existsSync(dir)) console.warn(`usage corpus not found at ${dir}: real-file tests skipped`);

const LOCALPUSH_A =
  'codex-rollout.localpush.rollout-2026-02-23T13-19-38-019c8a70-dda7-7f33-98ea-f30553347322.jsonl';
const LOCALPUSH_B =
  'codex-rollout.localpush.rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl';

describe.skipIf(!existsSync(dir))('real usage files (shared corpus)', () => {
  it('Claude Code tool_heavy: 9 assistant lines → 4 requests, cache_read 88,231, output 212', async () => {
    const {records, outcome} = await collect([file('claude-code.spotter-tool_heavy.jsonl')]);
    expect(account(outcome, 'tool_heavy.jsonl')).toEqual({
      source: 'claude-code.jsonl',
      read: 9,
      imported: 4,
      duplicates: 5,
      rejected: 0,
      skipped: 0,
    });
    expect(totals(records)).toEqual({
      input: 54,
      cacheRead: 88_231,
      cacheWrite5m: 0,
      cacheWrite1h: 17_696,
      output: 212,
    });
    expect(new Set(records.map((r) => r.taskId)).size).toBe(1);
  });

  it('Claude Code short: 5 lines for 1 request (input 3, write 13,835 at 1h, read 11,515)', async () => {
    const {records, outcome} = await collect([file('claude-code.spotter-short.jsonl')]);
    expect(account(outcome, 'short.jsonl')).toMatchObject({read: 5, imported: 1, duplicates: 4});
    expect(totals(records)).toEqual({
      input: 3,
      cacheRead: 11_515,
      cacheWrite5m: 0,
      cacheWrite1h: 13_835,
      output: 13,
    });
  });

  it("ccusage's Claude fixtures: costUSD as estimates, speed fast, writes without TTL at 5m", async () => {
    const {records} = await collect([
      file('claude-code.ccusage-fixture-alpha.jsonl'),
      file('claude-code.ccusage-fixture-beta.jsonl'),
    ]);
    expect(records).toHaveLength(5);
    expect(totals(records)).toEqual({
      input: 730,
      cacheRead: 110,
      cacheWrite5m: 90,
      cacheWrite1h: 0,
      output: 310,
    });
    expect(usd(records)).toBe('1.09');
    expect(records.filter((r) => r.speed === 'fast').map((r) => r.modelRaw)).toEqual([
      'claude-opus-4-20250514',
    ]);
  });

  it('localpush Codex rollout: re-emits dropped, total equals the final cumulative 299,496', async () => {
    const {records, outcome} = await collect([file(LOCALPUSH_B)]);
    expect(account(outcome, LOCALPUSH_B)).toEqual({
      source: 'codex.rollout',
      read: 12,
      imported: 6,
      duplicates: 5,
      rejected: 0,
      skipped: 1,
    });
    const t = totals(records);
    expect(t).toEqual({
      input: 298_373 - 238_848,
      cacheRead: 238_848,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 1123,
    });
    expect(t.input + t.cacheRead + t.output).toBe(299_496);
    expect(
      records.every(
        (r) => r.modelRaw === 'gpt-5.3-codex' && r.taskId === '019c8bfe-ec25-79e0-97d7-bda6a9c575ff',
      ),
    ).toBe(true);
  });

  it('localpush short Codex rollout: one info:null skipped, one turn of 34,900', async () => {
    const {records, outcome} = await collect([file(LOCALPUSH_A)]);
    expect(account(outcome, LOCALPUSH_A)).toMatchObject({read: 2, imported: 1, skipped: 1});
    expect(totals(records)).toEqual({
      input: 34_469 - 3456,
      cacheRead: 3456,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 431,
    });
  });

  it("ccusage's Codex rollout fixture: model from the event, else turn_context", async () => {
    const {records} = await collect([file('codex-rollout.ccusage-fixture.jsonl')]);
    expect(records.map((r) => [r.modelRaw, r.tokens?.input, r.tokens?.cacheRead, r.tokens?.output])).toEqual([
      ['gpt-5.2-codex', 750, 250, 125],
      ['gpt-5.3-codex', 2000, 500, 300],
    ]);
  });

  it('Anthropic Console cost CSV: 24 rows summed to $19.97, the web-search row kept', async () => {
    const {records, outcome} = await collect([file('anthropic-console-cost.livechat-ringcentral-sync.csv')]);
    expect(account(outcome, 'livechat-ringcentral-sync.csv')).toEqual({
      source: 'anthropic.console.cost',
      read: 24,
      imported: 24,
      duplicates: 0,
      rejected: 0,
      skipped: 0,
    });
    expect(usd(records)).toBe('19.97');
    expect(records.filter((r) => r.toolCharge === 'web_search' && r.modelRaw === '')).toHaveLength(1);
  });

  it('OpenAI Usage API excerpt (a bare list of buckets): cached out of input, empty bucket skipped', async () => {
    const {records, outcome} = await collect([file('openai-usage-api-completions.cookbook-excerpt.json')]);
    expect(account(outcome, 'cookbook-excerpt.json')).toEqual({
      source: 'openai.api.usage',
      read: 3,
      imported: 2,
      duplicates: 0,
      rejected: 0,
      skipped: 1,
    });
    expect(totals(records)).toEqual({
      input: 141_201 + 3_718_360 - 76_544,
      cacheRead: 76_544,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 9756 + 97_756,
    });
    expect(records.map((r) => r.requests)).toEqual([470, 3053]);
  });

  it('ccusage snapshots: a bare daily row and a session row split by model breakdown', async () => {
    for (const name of ['ccusage-daily-row-json.snap', 'ccusage-session-row-json.snap']) {
      const {records} = await collect([file(name)]);
      expect(records.map((r) => r.modelRaw)).toEqual(['gpt-5.2-codex', 'claude-sonnet-4-20250514']);
      expect(totals(records)).toEqual({
        input: 1234,
        cacheRead: 10,
        cacheWrite5m: 89,
        cacheWrite1h: 0,
        output: 567,
      });
      expect(usd(records)).toBe('0.42');
    }
    const {records} = await collect([file('ccusage-session-row-json.snap')]);
    expect(records[0]).toMatchObject({start: '2026-01-02', taskId: 'session-a'});
  });

  it("ccusage's codex report snapshot: the daily report read, the other reports counted as restatements", async () => {
    const {records, outcome} = await collect([file('ccusage-codex-report-json.snap')]);
    expect(account(outcome, 'ccusage-codex-report-json.snap')).toEqual({
      source: 'ccusage.report',
      read: 7,
      imported: 2,
      duplicates: 5,
      rejected: 0,
      skipped: 0,
    });
    expect(totals(records)).toEqual({
      input: 110,
      cacheRead: 110,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 17,
    });
    expect(records.map((r) => r.start)).toEqual(['2026-01-02', '2026-01-05']);
  });
});
