import {CAPABILITIES, type Capability} from '../capability.js';
import type {TokenBuckets} from '../tokens.js';
import {Reader} from '../json-reader.js';

/** One kind of task in the mix: its share, what it needs, and what one such task consumes. */
export interface TaskClass {
  readonly name: string;
  readonly share: number;
  readonly needs: Capability;
  /** The model this class asks for; the profile's model when absent. */
  readonly model?: string;
  readonly tokens: TokenBuckets;
  /** Agent turns per task. Long-context tiers apply per request, so this matters. */
  readonly requestsPerTask: number;
  /**
   * How much tasks of this class vary in size: p90 over median (lognormal). `tokens` and
   * `requestsPerTask` are the mean task; the month simulation draws around them.
   */
  readonly p90ToMedian?: number;
  /**
   * An empirical size distribution instead of the lognormal: task size over the mean task at
   * evenly spaced quantiles from 0 to 1 (a profile saved from a history carries 101 of them).
   */
  readonly sizeQuantiles?: readonly number[];
}

/** Real agent tasks vary a lot: per-task cost p90 / median is 1.7–4.5 across models (OpenHands Index, 2026-06). */
export const DEFAULT_P90_TO_MEDIAN = 3;

export interface Profile {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly source: string;
  readonly origin: string;
  readonly tasksPerDay: number;
  readonly workingDaysPerMonth: number;
  readonly model: string;
  readonly classes: readonly TaskClass[];
}

const MAX_TOKENS_PER_TASK = 10_000_000_000;

/** A profile as a data/profiles file, loadable with --profile: parseProfile's inverse. */
export function profileDocument(profile: Profile): string {
  const document = {
    schemaVersion: 1,
    id: profile.id,
    name: profile.name,
    description: profile.description,
    source: profile.source,
    tasksPerDay: profile.tasksPerDay,
    workingDaysPerMonth: profile.workingDaysPerMonth,
    model: profile.model,
    classes: profile.classes.map((c) => ({
      name: c.name,
      share: c.share,
      needs: c.needs,
      ...(c.model ? {model: c.model} : {}),
      requestsPerTask: c.requestsPerTask,
      ...(c.p90ToMedian !== undefined ? {p90ToMedian: c.p90ToMedian} : {}),
      ...(c.sizeQuantiles !== undefined ? {sizeQuantiles: c.sizeQuantiles} : {}),
      tokensPerTask: c.tokens,
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function parseProfile(json: unknown, origin: string): Profile {
  const unnamed = Reader.root(json, origin, 'profile');
  const id = unnamed.text('id');
  const r = unnamed.as(`profile "${id}"`);
  const classes = r.list('classes').map((c): TaskClass => {
    const tokens = c.child('tokensPerTask');
    const model = c.has('model') ? c.text('model') : undefined;
    return {
      name: c.text('name'),
      share: c.number('share', 0, 1),
      needs: c.oneOf('needs', CAPABILITIES),
      ...(model ? {model} : {}),
      tokens: {
        input: tokens.integer('input', 0, 0, MAX_TOKENS_PER_TASK),
        cacheRead: tokens.integer('cacheRead', 0, 0, MAX_TOKENS_PER_TASK),
        cacheWrite5m: tokens.integer('cacheWrite5m', 0, 0, MAX_TOKENS_PER_TASK),
        cacheWrite1h: tokens.integer('cacheWrite1h', 0, 0, MAX_TOKENS_PER_TASK),
        output: tokens.integer('output', 0, 0, MAX_TOKENS_PER_TASK),
      },
      requestsPerTask: c.integer('requestsPerTask', 1, 1, 100_000),
      ...(c.has('p90ToMedian') ? {p90ToMedian: c.number('p90ToMedian', 1, 1000)} : {}),
      ...(c.has('sizeQuantiles') ? {sizeQuantiles: c.quantiles('sizeQuantiles')} : {}),
    };
  });
  const shareSum = classes.reduce((sum, c) => sum + c.share, 0);
  if (Math.abs(shareSum - 1) > 1e-9) r.fail('classes', `shares must add up to 1, they add up to ${shareSum}`);
  const names = new Set(classes.map((c) => c.name));
  if (names.size !== classes.length) r.fail('classes', 'two classes have the same name');
  return {
    id,
    name: r.text('name'),
    description: r.text('description'),
    source: r.text('source'),
    origin,
    tasksPerDay: r.number('tasksPerDay', 0, 1_000_000),
    workingDaysPerMonth: r.integer('workingDaysPerMonth', 1, undefined, 31),
    model: r.text('model'),
    classes,
  };
}
