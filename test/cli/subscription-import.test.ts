import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {scratchDir} from '../scratch.js';
import {cli} from './in-process.js';

const H = 3_600_000;
const MIN = 60_000;
const T0 = Date.UTC(2027, 2, 1, 9); // Monday 1 March 2027, 09:00 UTC
/** Every request: 1,000 input, 8,000 cache-write, 1,000 output (10,000 tokens a limit counts) and 50,000 cache reads. */
const COUNTED = 10_000;
const LIMIT = 30_000;

interface Burst {
  readonly at: number;
  readonly requests: number;
  readonly session: string;
}

/** A Claude Code session log: one assistant message a request, a minute apart within a burst. */
function generate(bursts: readonly Burst[]): {dir: string; times: number[]} {
  const dir = scratchDir('claude-');
  const project = join(dir, '-home-dev-app');
  mkdirSync(project, {recursive: true});
  const times: number[] = [];
  const files = new Map<string, string[]>();
  let n = 0;
  for (const b of bursts) {
    for (let k = 0; k < b.requests; k++) {
      const time = b.at + k * MIN;
      times.push(time);
      n++;
      const line = {
        type: 'assistant',
        sessionId: b.session,
        uuid: `u${n}`,
        requestId: `req_${n}`,
        timestamp: new Date(time).toISOString(),
        message: {
          id: `msg_${n}`,
          model: 'claude-sonnet-4-5-20250929',
          role: 'assistant',
          usage: {
            input_tokens: 1000,
            cache_creation_input_tokens: 8000,
            cache_read_input_tokens: 50_000,
            output_tokens: 1000,
            cache_creation: {ephemeral_5m_input_tokens: 8000, ephemeral_1h_input_tokens: 0},
          },
        },
      };
      files.set(b.session, [...(files.get(b.session) ?? []), JSON.stringify(line)]);
    }
  }
  for (const [session, lines] of files)
    writeFileSync(join(project, `${session}.jsonl`), `${lines.join('\n')}\n`);
  return {dir, times: times.sort((a, b) => a - b)};
}

/**
 * The test's own reading of a 5-hour session limit: a window opens at the first request after the
 * last one ended and lasts five hours; a request that would take it past the limit is refused (it
 * goes to the key, so time does not shift).
 */
function throttledWindows(times: readonly number[]): {start: string; end: string; refused: number}[] {
  const out: {start: number; used: number; refused: number}[] = [];
  let current: {start: number; used: number; refused: number} | undefined;
  for (const t of times) {
    if (!current || t >= current.start + 5 * H) out.push((current = {start: t, used: 0, refused: 0}));
    if (current.used + COUNTED > LIMIT) current.refused++;
    else current.used += COUNTED;
  }
  return out
    .filter((w) => w.refused > 0)
    .map((w) => ({
      start: new Date(w.start).toISOString(),
      end: new Date(w.start + 5 * H).toISOString(),
      refused: w.refused,
    }));
}

interface Setup {
  id: string;
  totalUsd: string;
  tasksPastLimit: number;
  windowsReached: {limit: string; start: string; end: string; refused: number}[];
}

describe('import --subscription on a generated Claude Code history', async () => {
  // A morning burst that overfills its window, a second task inside the same window, an afternoon
  // burst that overfills a new window, and a quiet next day.
  const {dir, times} = generate([
    {at: T0, requests: 5, session: 's1'},
    {at: T0 + 3 * H, requests: 2, session: 's2'},
    {at: T0 + 6 * H, requests: 4, session: 's3'},
    {at: T0 + 25 * H, requests: 1, session: 's4'},
  ]);
  const r = await cli([
    'import',
    dir,
    '--subscription',
    'claude-pro',
    '--on-limit',
    'key',
    '--limit',
    `session=${LIMIT}`,
    '--json',
  ]);
  const doc = JSON.parse(r.stdout) as {subscriptions: {requests: number; setups: Setup[]}};
  const setup = (id: string) => doc.subscriptions.setups.find((s) => s.id === id) as Setup;

  it('reports the 5-hour windows that hit the limit, as the test derives them', () => {
    expect(r.code).toBe(0);
    const expected = throttledWindows(times);
    expect(expected).toHaveLength(2);
    const reached = setup('claude-pro+key')
      .windowsReached.filter((w) => w.limit === 'session')
      .map(({start, end, refused}) => ({start, end, refused}));
    expect(reached).toEqual(expected);
    // Three tasks had requests sent to the key: s1 and s2 in the morning window, s3 in the afternoon's.
    expect(setup('claude-pro+key').tasksPastLimit).toBe(3);
  });

  it('bills the $20 fee plus the refused requests on your key, beside your key for everything', () => {
    const refused = throttledWindows(times).reduce((n, w) => n + w.refused, 0);
    // Every request is the same: the refused ones cost their share of the BYOK bill.
    const byok = Number(setup('all-byok').totalUsd);
    expect(Number(setup('claude-pro+key').totalUsd)).toBeCloseTo(20 + (byok * refused) / times.length, 10);
  });

  it('prints the windows in the table too', async () => {
    const t = await cli([
      'import',
      dir,
      '--subscription',
      'claude-pro',
      '--on-limit',
      'key',
      '--limit',
      `session=${LIMIT}`,
    ]);
    expect(t.stdout).toContain('session 2027-03-01 09:00 → 14:00 UTC: 4 requests refused');
    expect(t.stdout).toContain('session 2027-03-01 15:00 → 20:00 UTC: 1 request refused');
  });
});
