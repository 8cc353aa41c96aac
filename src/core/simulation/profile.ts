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

/** When the work happens and how long it takes: what rate windows are measured against. */
export interface WorkingDay {
  /** Minutes after midnight (UTC) the working day starts and ends; tasks arrive between them. */
  readonly startMinute: number;
  readonly endMinute: number;
  /** How long one agent request runs: a task's hours of use (what weekly caps in hours count). */
  readonly secondsPerRequest: number;
  /** User prompts (messages) a task takes: what limits in prompts and premium requests count. */
  readonly promptsPerTask: number;
  /** Where the figures come from; the bundled default says it is an assumption. */
  readonly source: string;
}

/**
 * The day a profile without a `day` works: an assumption, stated wherever it is used. 30 s a
 * request is a typical agent turn (a model call and its tool run); one prompt starts a task.
 */
export const DEFAULT_WORKING_DAY: WorkingDay = {
  startMinute: 9 * 60,
  endMinute: 18 * 60,
  secondsPerRequest: 30,
  promptsPerTask: 1,
  source:
    'assumed: work from 09:00 to 18:00 UTC on weekdays, 30 s per agent request, one prompt per task (set "day" in the profile)',
};

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
  /** When the work happens; DEFAULT_WORKING_DAY when the profile does not say. */
  readonly day?: WorkingDay;
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
    ...(profile.day ? {day: dayDocument(profile.day)} : {}),
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
  r.sharesOfOne('classes', classes);
  const names = new Set(classes.map((c) => c.name));
  if (names.size !== classes.length) r.fail('classes', 'two classes have the same name');
  const day = r.optionalChild('day');
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
    ...(day ? {day: parseDay(day)} : {}),
  };
}

function parseDay(r: Reader): WorkingDay {
  const minute = (field: string, fallback: string) => {
    const text = r.text(field, fallback);
    const m = /^(\d{2}):(\d{2})$/.exec(text);
    const value = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
    if (!(value >= 0 && value <= 24 * 60)) r.fail(field, `expected a time HH:MM, got "${text}"`);
    return value;
  };
  const startMinute = minute('start', '09:00');
  const endMinute = minute('end', '18:00');
  if (endMinute <= startMinute) r.fail('end', 'the working day must end after it starts');
  return {
    startMinute,
    endMinute,
    secondsPerRequest: r.number('secondsPerRequest', 0, 86_400, DEFAULT_WORKING_DAY.secondsPerRequest),
    promptsPerTask: r.integer('promptsPerTask', 1, 1, 10_000),
    source: r.text('source'),
  };
}

const hhmm = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

function dayDocument(day: WorkingDay) {
  return {
    start: hhmm(day.startMinute),
    end: hhmm(day.endMinute),
    secondsPerRequest: day.secondsPerRequest,
    promptsPerTask: day.promptsPerTask,
    source: day.source,
  };
}
