import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cli} from './in-process.js';
import {scratchDir} from '../scratch.js';

const F = 'test/fixtures/usage/aggregated-equivalence';
const HEADER =
  'day,model,tier,requests,input_tokens,cache_read_tokens,cache_write_5m_tokens,cache_write_1h_tokens,output_tokens,tasks';

interface Strategy {
  strategy: {id: string};
  totalUsd: string;
  complete: boolean;
  byDay: Record<string, {usd: string; complete: boolean}>;
}

async function replayed(args: string[]): Promise<{strategies: Strategy[]; lowerBound: object}> {
  const r = await cli(['import', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
}

/** Each strategy's total and days, to the cent: what must not change when the requests are summed. */
const figures = (doc: {strategies: Strategy[]}) =>
  doc.strategies.map((s) => ({
    id: s.strategy.id,
    total: Number(s.totalUsd).toFixed(2),
    exact: s.totalUsd,
    complete: s.complete,
    days: Object.fromEntries(Object.entries(s.byDay).map(([d, f]) => [d, [f.usd, f.complete]])),
  }));

describe('aggregated rows price exactly as the requests they sum', () => {
  const cases = [
    ['vibekit'],
    ['openrouter'],
    ['cursor-pro'],
    ['credits-cliff'],
    ['credits-builder'],
    ['vibekit', '--needs', 'open'],
    ['openrouter', '--needs', 'open'],
  ];
  it.each(['base', 'long'])(
    '%s tier: every path of every plan gives the same totals and days',
    async (tier) => {
      for (const [plan, ...rest] of cases) {
        const options = ['--plan', plan as string, ...rest];
        const requests = await replayed([`${F}/${tier}-requests.jsonl`, ...options]);
        const rows = await replayed([`${F}/${tier}-aggregated.csv`, ...options]);
        expect(figures(rows), options.join(' ')).toEqual(figures(requests));
        for (const s of figures(rows)) expect(s.complete, `${s.id} ${options.join(' ')}`).toBe(true);
        expect(rows.lowerBound).toEqual({noCacheSplitRecords: 0, tierUnknownRecords: 0});
      }
    },
  );

  it('the long fixture does reach the long-context rates (a base-only replay would be cheaper)', async () => {
    const doc = await replayed([`${F}/long-aggregated.csv`]);
    const byok = doc.strategies.find((s) => s.strategy.id === 'all-byok');
    // 2026-03-03 is one request of 60,000 input, 140,000 cache reads, 8,000 5-minute writes and 5,200
    // output at the long-context rates of claude-sonnet-4-5 ($6, $0.60, $7.50, $22.50 per million).
    expect(byok?.byDay['2026-03-03']).toEqual({usd: '0.621', complete: true});
  });
});

describe('what an aggregated row cannot tell', () => {
  const write = (name: string, rows: string[]) => {
    const file = join(scratchDir('agg-'), name);
    writeFileSync(file, [HEADER, ...rows, ''].join('\n'));
    return file;
  };

  it('a long row of a model priced in several prompt-size steps is a lower bound: the step is not known', async () => {
    const file = write('qwen.csv', ['2026-03-02,qwen3-coder-plus,long,2,300000,0,0,0,1000,']);
    const doc = await replayed([file]);
    expect(doc.lowerBound).toEqual({noCacheSplitRecords: 0, tierUnknownRecords: 1});
    expect(doc.strategies.find((s) => s.strategy.id === 'all-byok')?.complete).toBe(false);
  });

  it("the free tier's cap on tasks counts a row's tasks, and takes or refuses the row whole", async () => {
    const day = (a: number, b: number) => [
      `2026-03-02,claude-haiku-4-5,base,20,1000,0,0,0,100,${a}`,
      `2026-03-02,claude-sonnet-4-5,base,20,1000,0,0,0,100,${b}`,
    ];
    const paid = async (tasks: [number, number]) => {
      const doc = await replayed([write(`t${tasks.join('-')}.csv`, day(...tasks)), '--needs', 'open']);
      return doc.strategies.find((s) => s.strategy.id === 'free-then-platform')?.totalUsd;
    };
    // vibekit's free tier takes 10 tasks a day: 4 + 6 fit, 4 + 7 sends the second row to the platform.
    expect(await paid([4, 6])).toBe('0');
    expect(await paid([4, 7])).toBe('0.0054');
  });

  it("credits per task draw a row's tasks", async () => {
    // credits-builder: $25 a month with 100 task credits, then packs of 50 for $15.
    const platform = async (tasks: string) => {
      const file = write(`c${tasks || 'none'}.csv`, [
        `2026-03-02,claude-haiku-4-5,base,300,1000,0,0,0,100,${tasks}`,
      ]);
      const doc = await replayed([file, '--plan', 'credits-builder']);
      return doc.strategies.find((s) => s.strategy.id === 'all-platform')?.totalUsd;
    };
    expect(await platform('')).toBe('25');
    expect(await platform('100')).toBe('25');
    expect(await platform('120')).toBe('40');
  });
});
