/**
 * An independent oracle: the README's rules priced by hand from the bundled data files, without
 * any of the engine's code, against what `simulate` and `recommend` print, to the cent.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {Decimal} from 'decimal.js';
import {describe, expect, it} from 'vitest';
import {cli} from './in-process.js';
import {ROOT} from './run.js';

type Tokens = {input: number; cacheRead: number; cacheWrite5m: number; cacheWrite1h: number; output: number};
interface ProfileFile {
  tasksPerDay: number;
  workingDaysPerMonth: number;
  model: string;
  classes: {name: string; share: number; tokensPerTask: Tokens; requestsPerTask: number}[];
}
interface PlanFile {
  id: string;
  byok: {feePct: string; feeWaivedRequestsPerMonth?: number; feeUsdPerMTok?: string};
  platform: {
    markupPct: string;
    feeUsdPerMTok?: string;
    subscription?: {
      monthlyFeeUsd: string;
      includedCredits: string;
      creditUnit: 'usd' | 'task';
      creditsPerTask?: string;
      overage: {kind: string; packCredits?: string; packPriceUsd?: string; usdPerCredit?: string};
    };
  };
}

const read = <T>(path: string): T => JSON.parse(readFileSync(join(ROOT, 'data', path), 'utf8')) as T;
const D = (x: string | number) => new Decimal(x);
const cents = (x: Decimal) => x.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** Rates of a model in the bundled Anthropic sheet (every bundled profile asks for Claude Sonnet 4.6). */
function rates(model: string): Record<keyof Tokens, Decimal> {
  const sheet = read<{models: {id: string; usdPerMTok: Record<string, string>; longContext?: unknown}[]}>(
    'prices/anthropic.json',
  );
  const m = sheet.models.find((x) => x.id === model);
  if (!m) throw new Error(`oracle: ${model} is not in the Anthropic sheet`);
  // Long-context tiers would change the arithmetic below: the profiles' model has none.
  expect(m.longContext).toBeUndefined();
  return {
    input: D(m.usdPerMTok['input'] as string),
    cacheRead: D(m.usdPerMTok['cacheRead'] as string),
    cacheWrite5m: D(m.usdPerMTok['cacheWrite5m'] as string),
    cacheWrite1h: D(m.usdPerMTok['cacheWrite1h'] as string),
    output: D(m.usdPerMTok['output'] as string),
  };
}

/** n tasks split by shares, largest remainder, ties to the earlier class. */
function split(shares: number[], n: number): number[] {
  const quotas = shares.map((s) => D(s).mul(n));
  const counts = quotas.map((q) => q.floor().toNumber());
  const order = quotas
    .map((q, i) => [q.sub(q.floor()), i] as const)
    .sort((a, b) => b[0].cmp(a[0]) || a[1] - b[1]);
  let left = n - counts.reduce((a, b) => a + b, 0);
  for (const [, i] of order) if (left-- > 0) counts[i] = (counts[i] as number) + 1;
  return counts;
}

function oracle(profileId: string, planId: string) {
  const profile = read<ProfileFile>(`profiles/${profileId}.json`);
  const plan = read<PlanFile>(`platforms/${planId}.json`);
  const r = rates(profile.model);
  const tasks = Math.round(profile.tasksPerDay * profile.workingDaysPerMonth);
  const counts = split(
    profile.classes.map((c) => c.share),
    tasks,
  );
  let list = D(0);
  let mtok = D(0);
  let requests = 0;
  profile.classes.forEach((c, i) => {
    const n = counts[i] as number;
    const t = c.tokensPerTask;
    const perTask = (Object.keys(r) as (keyof Tokens)[])
      .reduce((sum, b) => sum.add(r[b].mul(t[b])), D(0))
      .div(1e6);
    list = list.add(perTask.mul(n));
    mtok = mtok.add(
      D(t.input + t.cacheRead + t.cacheWrite5m + t.cacheWrite1h + t.output)
        .mul(n)
        .div(1e6),
    );
    requests += c.requestsPerTask * n;
  });
  // BYOK: list price, plus the plan's cut of BYOK usage.
  const byok = list.add(mtok.mul(plan.byok.feeUsdPerMTok ?? 0));
  // A percentage fee starts past the month's free requests (1M on OpenRouter): no bundled profile gets there.
  if (D(plan.byok.feePct).gt(0))
    expect(requests).toBeLessThanOrEqual(plan.byok.feeWaivedRequestsPerMonth ?? 0);
  // Platform-paid: list × (1 + markup) plus a token fee; or a subscription's credits, then its overage.
  const usage = list
    .mul(D(1).add(D(plan.platform.markupPct).div(100)))
    .add(mtok.mul(plan.platform.feeUsdPerMTok ?? 0));
  const s = plan.platform.subscription;
  let platform = usage;
  if (s) {
    const drawn = s.creditUnit === 'usd' ? usage : D(s.creditsPerTask ?? 1).mul(tasks);
    const short = Decimal.max(0, drawn.sub(s.includedCredits));
    const overage =
      s.overage.kind === 'payg'
        ? short.mul(s.overage.usdPerCredit ?? 0)
        : s.overage.kind === 'packs'
          ? short
              .div(s.overage.packCredits ?? 1)
              .ceil()
              .mul(s.overage.packPriceUsd ?? 0)
          : D(0);
    platform = D(s.monthlyFeeUsd).add(overage);
  }
  return {tasks, byok: cents(byok), platform: cents(platform), free: '0.00'};
}

const PROFILES = ['hobbyist', 'daily-driver', 'team'];
const PLANS = ['vibekit', 'openrouter', 'cursor-pro', 'credits-builder', 'credits-cliff'];

describe('an independent oracle prices every bundled profile on every bundled plan, to the cent', () => {
  for (const profile of PROFILES) {
    for (const plan of PLANS) {
      it(`${profile} on ${plan}`, async () => {
        const want = oracle(profile, plan);
        const doc = JSON.parse(
          (await cli(['simulate', '--profile', profile, '--plan', plan, '--format', 'json'])).stdout,
        );
        const got = (path: string) => cents(D(doc.paths[path].monthlyUsd));
        expect(doc.tasks).toBe(want.tasks);
        expect({byok: got('byok'), platform: got('platform'), free: got('free')}).toEqual({
          byok: want.byok,
          platform: want.platform,
          free: want.free,
        });
        // recommend weighs the same months: its all-BYOK and all-platform candidates carry the same bills.
        const ranked = new Map(
          doc.recommendation.ranked.map((c: {strategy: string; monthlyUsd: string}) => [
            c.strategy,
            cents(D(c.monthlyUsd)),
          ]),
        );
        expect(ranked.get('all-byok')).toBe(want.byok);
        expect(ranked.get('all-platform')).toBe(want.platform);
      });
    }
  }
});
