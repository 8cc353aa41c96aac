import {copyFileSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {account, collect, fixture, totals, usd} from './collect.js';
import {scratchDir} from '../../scratch.js';

const CLAUDE = fixture('claude-projects');
const CODEX = fixture('codex-sessions');

describe('Claude Code session logs', () => {
  it('walks the projects tree, keeps the fullest copy of each request, drops synthetic and sidechain copies', async () => {
    const {records, outcome} = await collect([CLAUDE]);
    // Path order: -home-dev-blog/sess-2 before -home-dev-shop/sess-1, before its subagents folder.
    expect(outcome.accounts.map((a) => a.file.slice(CLAUDE.length + 1))).toEqual([
      '-home-dev-blog/sess-2.jsonl',
      '-home-dev-shop/sess-1.jsonl',
      '-home-dev-shop/sess-1/subagents/agent-x1.jsonl',
    ]);
    // sess-2: msg_B, msg_F kept; a truncated last line rejected.
    expect(account(outcome, 'sess-2.jsonl')).toEqual({
      source: 'claude-code.jsonl',
      read: 3,
      imported: 2,
      duplicates: 0,
      rejected: 1,
      skipped: 0,
    });
    // sess-1: 9 usage lines. msg_A ×3 (output 5 → 40 → 90), msg_B again (already in sess-2), <synthetic>,
    // msg_C sidechain + main-line copy, msg_D ×2 without requestId.
    expect(account(outcome, 'sess-1.jsonl')).toEqual({
      source: 'claude-code.jsonl',
      read: 9,
      imported: 3,
      duplicates: 5,
      rejected: 0,
      skipped: 1,
    });
    expect(account(outcome, 'agent-x1.jsonl')).toEqual({
      source: 'claude-code.jsonl',
      read: 2,
      imported: 1,
      duplicates: 1,
      rejected: 0,
      skipped: 0,
    });
    expect(totals(records)).toEqual({
      input: 30,
      cacheRead: 2150,
      cacheWrite5m: 1000,
      cacheWrite1h: 1000,
      output: 142,
    });
    expect(outcome.rejects[0]).toMatchObject({line: 3});
    expect(outcome.rejects[0]?.reason).toMatch(/^not valid JSON/);
  });

  it('keeps the right copy and carries session, cost, speed and the 5m fallback', async () => {
    const {records} = await collect([CLAUDE]);
    const byModel = (m: string) => records.filter((r) => r.modelRaw === m);
    const a = records.find((r) => r.tokens?.cacheWrite1h === 1000);
    expect(a).toMatchObject({
      line: 5,
      taskId: 'sess-1',
      start: '2026-03-10T10:00:02.000Z',
      tokens: {input: 10, cacheRead: 2000, cacheWrite5m: 0, cacheWrite1h: 1000, output: 90},
    });
    // No cache_creation object: all cache_creation_input_tokens are 5-minute writes.
    expect(byModel('claude-opus-4-6')).toEqual([
      expect.objectContaining({
        taskId: 'sess-2',
        speed: 'fast',
        reportedUsd: '0.0123',
        reportedKind: 'estimate',
        tokens: {input: 3, cacheRead: 100, cacheWrite5m: 500, cacheWrite1h: 0, output: 20},
      }),
    ]);
    // The main-line copy of msg_C (output 9) wins over its sidechain copy (output 11).
    expect(records.find((r) => r.tokens?.cacheWrite5m === 300)).toMatchObject({
      line: 10,
      tokens: {output: 9},
    });
    // Ties keep the later line.
    expect(byModel('glm-4.6-unknown')).toEqual([expect.objectContaining({line: 12})]);
    expect(records.some((r) => r.modelRaw === '<synthetic>')).toBe(false);
  });

  it('is detected by content under any name', async () => {
    const path = join(scratchDir('vibe-usage-'), 'export.csv');
    copyFileSync(fixture('claude-projects', '-home-dev-shop', 'sess-1', 'subagents', 'agent-x1.jsonl'), path);
    const {outcome} = await collect([path]);
    expect(account(outcome, 'export.csv').source).toBe('claude-code.jsonl');
  });
});

describe('Codex rollouts', () => {
  it('takes steps between cumulative totals, drops re-emits and the fork replay', async () => {
    const {records, outcome} = await collect([CODEX]);
    expect(account(outcome, 'p-1.jsonl')).toEqual({
      source: 'codex.rollout',
      read: 5,
      imported: 2,
      duplicates: 2,
      rejected: 0,
      skipped: 1,
    });
    expect(account(outcome, 'f-1.jsonl')).toEqual({
      source: 'codex.rollout',
      read: 3,
      imported: 1,
      duplicates: 2,
      rejected: 0,
      skipped: 0,
    });
    // Parent: (1000−200, 200, 50) then (1500−1000, 1000, 80). Fork's own turn: (1500−1000, 1000, 70).
    expect(records.map((r) => [r.taskId, r.tokens?.input, r.tokens?.cacheRead, r.tokens?.output])).toEqual([
      ['p-1', 800, 200, 50],
      ['p-1', 500, 1000, 80],
      ['f-1', 500, 1000, 70],
    ]);
    expect(totals(records)).toEqual({
      input: 1800,
      cacheRead: 2200,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 200,
    });
    expect(records.every((r) => r.modelRaw === 'gpt-5.3-codex' && r.granularity === 'request')).toBe(true);
  });

  it('drops the replayed prefix of a fork read on its own', async () => {
    const {records} = await collect([
      fixture('codex-sessions', '2026', '03', '05', 'rollout-2026-03-05T10-00-00-f-1.jsonl'),
    ]);
    expect(totals(records)).toEqual({
      input: 500,
      cacheRead: 1000,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 70,
    });
  });
});

describe('ccusage reports', () => {
  it('reads daily rows per model breakdown, or one record for the first model', async () => {
    const {records, outcome} = await collect([fixture('ccusage-daily.json')]);
    expect(account(outcome, 'ccusage-daily.json')).toEqual({
      source: 'ccusage.report',
      read: 3,
      imported: 3,
      duplicates: 0,
      rejected: 0,
      skipped: 0,
    });
    expect(records.map((r) => [r.start, r.modelRaw, r.reportedUsd])).toEqual([
      ['2026-03-10', 'claude-sonnet-4-5-20250929', '0.5'],
      ['2026-03-20', 'claude-opus-4-6', '0.7'],
      ['2026-03-20', 'claude-haiku-4-5-20251001', '0.2'],
      ['2026-03-21', 'claude-sonnet-4-20250514', '0.01'],
    ]);
    expect(records.every((r) => r.granularity === 'day' && r.reportedKind === 'estimate')).toBe(true);
    expect(totals(records)).toEqual({
      input: 330,
      cacheRead: 3106,
      cacheWrite5m: 1847,
      cacheWrite1h: 0,
      output: 199,
    });
  });

  it('drops days the Claude Code logs already hold, and says so', async () => {
    // The report is named first but read last.
    const {records, outcome} = await collect([fixture('ccusage-daily.json'), CLAUDE]);
    expect(account(outcome, 'ccusage-daily.json')).toEqual({
      source: 'ccusage.report',
      read: 3,
      imported: 2,
      duplicates: 1,
      rejected: 0,
      skipped: 0,
    });
    expect(outcome.accounts[0]?.source).toBe('ccusage.report');
    expect(outcome.overlaps).toEqual([
      {source: 'ccusage.report', keptSource: 'claude-code.jsonl', days: ['2026-03-10'], rows: 1},
    ]);
    expect(records.filter((r) => r.source === 'ccusage.report').map((r) => r.start)).toEqual([
      '2026-03-20',
      '2026-03-20',
      '2026-03-21',
    ]);
  });

  it("reads ccusage 20's unified report, whose rows name their day `period`, as the older one", async () => {
    const older = await collect([fixture('ccusage-daily.json')]);
    const {records, outcome} = await collect([fixture('ccusage20-daily.json')]);
    expect(account(outcome, 'ccusage20-daily.json')).toMatchObject({source: 'ccusage.report', imported: 3});
    const shape = (r: (typeof records)[number]) => [r.start, r.modelRaw, r.tokens, r.reportedUsd];
    expect(records.map(shape)).toEqual(older.records.map(shape));
    // Its days are known, so the Claude Code logs' own day is kept and the report's dropped.
    const both = await collect([fixture('ccusage20-daily.json'), CLAUDE]);
    expect(both.outcome.overlaps).toEqual([
      {source: 'ccusage.report', keptSource: 'claude-code.jsonl', days: ['2026-03-10'], rows: 1},
    ]);
  });

  it("reads ccusage 20's --sections at the finest report, the others counted as restating it", async () => {
    const {records, outcome} = await collect([fixture('ccusage20-sections.json')]);
    // 3 daily rows read; 2 weekly, 1 monthly and 2 session rows restate them.
    expect(account(outcome, 'ccusage20-sections.json')).toEqual({
      source: 'ccusage.report',
      read: 8,
      imported: 3,
      duplicates: 5,
      rejected: 0,
      skipped: 0,
    });
    expect(totals(records).output).toBe(199);
  });

  it("reads ccusage 20's session report: the period is the session, the day its last activity", async () => {
    const sections = JSON.parse(readFileSync(fixture('ccusage20-sections.json'), 'utf8')) as {
      session: unknown[];
    };
    const path = join(scratchDir('ccusage20-'), 'sessions.json');
    writeFileSync(path, JSON.stringify({session: sections.session}));
    const {records} = await collect([path]);
    expect(records.map((r) => [r.start, r.taskId, r.tokens?.output])).toEqual([
      ['2026-03-10', '5b7e1c2a-session-one', 121],
      ['2026-03-21', '9c41d0e3-session-two', 78],
    ]);
  });

  it('subtracts cachedInputTokens from input in the legacy codex report', async () => {
    const {records} = await collect([fixture('ccusage-codex-legacy.json')]);
    expect(records).toEqual([
      expect.objectContaining({
        modelRaw: 'gpt-5-codex',
        start: '2026-02-01',
        tokens: {input: 2000, cacheRead: 3000, cacheWrite5m: 0, cacheWrite1h: 0, output: 400},
      }),
    ]);
    expect(usd(records)).toBe('0.012');
  });
});
