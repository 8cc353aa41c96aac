import {describe, expect, it} from 'vitest';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {scratchDir} from '../scratch.js';
import {cli} from './in-process.js';

interface MonthJson {
  id: string;
  monthlyUsd: string;
  feeUsd: string;
  vendorExtraUsd: string;
  overflowUsd: string;
  tasks: {total: number; onSubscription: number; overflow: number; unserved: Record<string, number>};
}

const json = async (args: string[]) => {
  const r = await cli([...args, '--json']);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as {
    month: MonthJson[];
    subscriptions: {limits: {id: string; estimate: boolean; count: string}[]}[];
  };
};

describe('simulate --subscription (the real binary)', () => {
  it('prices the month beside your key and the platform, the same month the batch prices', async () => {
    const batch = JSON.parse((await cli(['simulate', '--json'])).stdout) as {
      paths: {byok: {totalUsd: string}; platform: {totalUsd: string}};
    };
    const doc = await json(['simulate', '--subscription', 'claude-max-5x']);
    const by = (id: string) => doc.month.find((m) => m.id === id) as MonthJson;
    expect(by('all-byok').monthlyUsd).toBe(batch.paths.byok.totalUsd);
    expect(by('all-platform').monthlyUsd).toBe(batch.paths.platform.totalUsd);
    // Your key past the limit: the fee plus what the tasks sent to the key cost, and every task served.
    const key = by('claude-max-5x+key');
    expect(Number(key.monthlyUsd)).toBeCloseTo(100 + Number(key.overflowUsd), 10);
    expect(key.tasks.onSubscription + key.tasks.overflow).toBe(key.tasks.total);
    // Waiting costs only the fee; tasks larger than a whole 5-hour window are not served.
    const wait = by('claude-max-5x+wait');
    expect(wait.monthlyUsd).toBe('100');
    expect(wait.tasks.unserved['never-fits']).toBeGreaterThan(0);
  });

  it('says which limits are estimates, and takes your own figure with --limit', async () => {
    const estimated = await json(['simulate', '--subscription', 'claude-max-5x']);
    expect(estimated.subscriptions[0]?.limits.find((l) => l.id === 'session')).toMatchObject({
      estimate: true,
      count: '88000',
    });
    const own = await json(['simulate', '--subscription', 'claude-max-5x', '--limit', 'session=1000000']);
    expect(own.subscriptions[0]?.limits.find((l) => l.id === 'session')).toMatchObject({
      estimate: false,
      count: '1000000',
    });
    // With room for every task, nothing goes past the limit: the month is the fee.
    expect(own.month.find((m) => m.id === 'claude-max-5x+key')?.monthlyUsd).toBe('100');
  });

  it('takes a plan file of your own', async () => {
    const file = join(scratchDir('plan-'), 'my-plan.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'my-max',
        name: 'My Max',
        vendor: 'Anthropic',
        description: 'my own limits',
        fee: {usdPerMonth: '100', source: 'my invoice', asOf: '2026-12-01'},
        covers: {providers: ['anthropic'], source: 'vendor', asOf: '2026-12-01'},
        limits: [
          {
            id: 'session',
            unit: 'tokens',
            window: '5h',
            count: '5000000',
            source: 'my p90',
            asOf: '2026-12-01',
          },
        ],
        pastLimit: {kind: 'wait', source: 'vendor', asOf: '2026-12-01'},
      }),
    );
    const doc = await json(['simulate', '--subscription', file, '--on-limit', 'wait']);
    expect(doc.month.map((m) => [m.id, m.monthlyUsd])).toContainEqual(['my-max+wait', '100']);
  });

  it.each([
    [['--subscription', 'nope'], /unknown subscription "nope"/],
    [['--subscription', 'copilot-pro-legacy'], /runs none of the profile's models \(claude-sonnet-4-6\)/],
    [['--subscription', 'claude-pro', '--limit', 'foo=3'], /no plan given has a limit "foo"/],
    [['--subscription', 'claude-pro', '--on-limit', 'bogus'], /unknown choice "bogus"/],
    [['--on-limit', 'key'], /--on-limit: needs --subscription/],
    [['--subscription', 'claude-pro', '--tasks', '5'], /--tasks and --subscription do not go together/],
  ])('refuses %j in one line, exit 2', async (args, message) => {
    const r = await cli(['simulate', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(2);
  });
});
