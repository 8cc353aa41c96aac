import {describe, expect, it} from 'vitest';
import {ALL_FREE, ALL_PLATFORM} from '../../src/core/routing/candidates.js';
import {Replay} from '../../src/core/history/replay.js';
import {byokSettings} from '../../src/core/routing/strategy.js';
import type {UsageRecord} from '../../src/core/history/usage-record.js';
import {loadPlan, loadPriceBook} from '../../src/io/load-data.js';
import {m} from '../helpers.js';

const book = loadPriceBook([], {cache: false});
const BYOK = {id: 'all-byok', label: 'BYOK', settings: byokSettings(['openai', 'anthropic'])};

function record(over: Partial<UsageRecord>): UsageRecord {
  return {
    source: 'vibe-cost.generic',
    file: 'f.csv',
    line: 2,
    granularity: 'request',
    start: '2026-09-01T10:00:00.000Z',
    modelRaw: 'gpt-5.4',
    requests: 1,
    tokens: {input: 200_000, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 100_000},
    tokensKnown: 'all',
    ...over,
  };
}

function replay(records: UsageRecord[], plan = loadPlan('vibekit')) {
  const r = new Replay({
    plan,
    book,
    strategies: [BYOK, ALL_PLATFORM, ALL_FREE],
    freePool: [book.find('openrouter/free')!],
  });
  records.forEach((rec, i) => r.add(rec, `t${i}`));
  return r.finish();
}

describe('Replay', () => {
  it('prices each record at list price on BYOK and with the markup on platform, by day and model', () => {
    const result = replay([record({}), record({start: '2026-09-02T10:00:00.000Z'})]);
    // gpt-5.4: 200k input at $2.50 + 100k output at $15 = $2.00 a record
    expect(result.strategies[0]?.totalUsd.toFixed()).toBe('4');
    expect(result.strategies[0]?.byDay.get('2026-09-01')?.toFixed()).toBe('2');
    expect(result.strategies[1]?.totalUsd.toFixed()).toBe('4.8');
    expect(result.strategies[2]?.unserved['free-capability']).toBe(2);
  });

  it('routes each model on its own, and a prompt past the window apart, however the rows interleave', () => {
    const openaiOnly = {id: 'openai-key', label: 'OpenAI key', settings: byokSettings(['openai'])};
    const r = new Replay({plan: loadPlan('vibekit'), book, strategies: [openaiOnly], freePool: []});
    const small = {input: 1000, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 100};
    const rows = [
      record({tokens: small}),
      record({modelRaw: 'v0-1.5-md', tokens: small}),
      record({modelRaw: 'claude-sonnet-4-6', tokens: small}),
      record({tokens: {...small, input: 2_000_000}}),
      record({modelRaw: 'v0-1.5-md', tokens: small}),
      record({tokens: small}),
    ];
    rows.forEach((rec, i) => r.add(rec, `t${i}`));
    const [s] = r.finish().strategies;
    // gpt-5.4 on the key; v0 only through the platform; Anthropic with no key and no platform pick: nowhere.
    expect(s?.served).toEqual({byok: 2, platform: 2, free: 0});
    expect(s?.unserved).toMatchObject({'context-window': 1, 'no-path': 1});
  });

  it("counts the reported amounts that are a tool's estimate, unless a bill of the day stands in for them", () => {
    const estimate = record({reportedUsd: '1', reportedKind: 'estimate'});
    const charged = record({line: 3, reportedUsd: '2', reportedKind: 'billed'});
    expect(replay([estimate]).reported?.estimated).toEqual({rows: 1, of: 1, compared: true});
    expect(replay([estimate, charged]).reported?.estimated).toEqual({rows: 1, of: 2, compared: true});
    const bill = record({
      line: 4,
      tokens: null,
      requests: null,
      provider: 'openai',
      reportedUsd: '3',
      reportedKind: 'billed',
    });
    expect(replay([estimate, bill]).reported?.estimated).toEqual({rows: 0, of: 1, compared: false});
    // A bill on another day is an amount reported too: not every amount is then an estimate.
    const billBefore = {...bill, start: '2026-08-31T10:00:00.000Z'};
    expect(replay([estimate, billBefore]).reported?.estimated).toEqual({rows: 1, of: 2, compared: true});
  });

  it('applies a batch multiplier where the sheet gives one, and reports one it lacks', () => {
    expect(replay([record({serviceTier: 'batch'})]).strategies[0]?.totalUsd.toFixed()).toBe('1');
    const noMultiplier = replay([
      record({
        modelRaw: 'claude-sonnet-4-6',
        serviceTier: 'batch',
        tokens: {input: 1000, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0},
      }),
    ]);
    expect(noMultiplier.missing).toContain('claude-sonnet-4-6 batch multiplier');
    expect(noMultiplier.strategies[0]?.complete).toBe(false);
  });

  it('prices a request past the long-context threshold at the long tier, whole', () => {
    const long = replay([
      record({tokens: {input: 300_000, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 10_000}}),
    ]);
    // gpt-5.4 past 272k: $5 / $22.5 → 1.5 + 0.225
    expect(long.strategies[0]?.totalUsd.toFixed()).toBe('1.725');
  });

  it('lists an unknown model instead of pricing it at $0, and keeps reported amounts apart', () => {
    const result = replay([record({modelRaw: 'mystery-9'}), record({reportedUsd: '3.5'})]);
    expect(result.unknownModels).toEqual([{name: 'mystery-9', records: 1, nearest: expect.any(Array)}]);
    expect(result.reported?.totalUsd.toFixed()).toBe('3.5');
    // One of the day's two token rows carries no amount and one has no price: nothing to compare.
    expect(result.reported?.comparableDays).toEqual([]);
    expect(result.reported?.reportedPartial).toEqual(['2026-09-01']);
    expect(result.strategies[0]?.incompleteDays).toEqual(new Set(['2026-09-01']));
    expect(result.models.find((m) => m.model === 'mystery-9')).toMatchObject({
      priced: false,
      records: 1,
      reportedUsd: undefined,
    });
  });

  it('draws credits day by day and blocks at the cliff', () => {
    const cliff = loadPlan('credits-cliff');
    const days = Array.from({length: 15}, (_, i) =>
      record({start: `2026-09-${String(i + 1).padStart(2, '0')}T10:00:00.000Z`}),
    );
    const platform = replay(days, cliff).strategies[1]!;
    // $20 of credits at $2 a record: ten days run, five are blocked; the bill is the fee.
    expect(platform.totalUsd).toEqual(m('20'));
    expect(platform.blockedTasks).toBe(5);
    expect(platform.credits[0]?.runOutDay).toBe(10);
    // A blocked row is not served: served and blocked add up to the rows, and those days are not compared.
    expect(platform.blockedRows).toBe(5);
    expect(platform.served.platform).toBe(10);
    expect(platform.unservedDays.size).toBe(5);
  });

  it('with per-task credits, a blocked task blocks all its rows', () => {
    const cliff = loadPlan('credits-cliff');
    const sub = cliff.platform.subscription!;
    const perTask = {
      ...cliff,
      platform: {
        ...cliff.platform,
        subscription: {...sub, creditUnit: 'task' as const, includedCredits: m('2'), creditsPerTask: m('1')},
      },
    };
    const r = new Replay({plan: perTask, book, strategies: [ALL_PLATFORM], freePool: []});
    // Three tasks on one day, of 2, 1 and 3 rows: two credits run the first two; the third's 3 rows are blocked.
    for (const [task, rows] of [
      ['a', 2],
      ['b', 1],
      ['c', 3],
    ] as const)
      for (let i = 0; i < rows; i++) r.add(record({}), task);
    const platform = r.finish().strategies[0]!;
    expect(platform.blockedTasks).toBe(1);
    expect(platform.blockedRows).toBe(3);
    expect(platform.served.platform).toBe(3);
  });
});
