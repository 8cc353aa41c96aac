import {taskListCost} from '../pricing/context-tiers.js';
import {Random} from '../simulation/random.js';
import {DEFAULT_WORKING_DAY, type WorkingDay} from '../simulation/profile.js';
import {classTask, type ResolvedClass, type Scenario} from '../simulation/scenario.js';
import {SIZE_TABLE_ENTRIES, sizeTable} from '../simulation/task-size.js';
import type {TokenBuckets} from '../tokens.js';
import type {TimedTask} from './timeline.js';
import {meteredTokens} from './subscription-plan.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

/**
 * The simulated month's calendar: Monday 1 March 2027, a 31-day month, so up to 23 working days
 * fall on weekdays inside one calendar month (monthly allowances reset with it); a profile working
 * more days a month works weekends too. Only weekdays and the hours of the day matter here.
 */
const MONTH_START = Date.UTC(2027, 2, 1);
export const MONTH_END = Date.UTC(2027, 3, 1);

export function workingDay(scenario: Scenario): WorkingDay {
  return scenario.profile.day ?? DEFAULT_WORKING_DAY;
}

/** Midnight (UTC) of the d-th working day (0-based). */
function workingDate(d: number, days: number): number {
  const offset = days <= 23 ? Math.floor(d / 5) * 7 + (d % 5) : d;
  return MONTH_START + offset * DAY;
}

/** A task of class `c` at `time`, its tokens and turns as given: what it draws and what it lists at. */
function timedTask(
  c: ResolvedClass,
  day: WorkingDay,
  time: number,
  dayIndex: number,
  tokens: TokenBuckets,
  requests: number,
): TimedTask {
  const list = taskListCost(c.resolvedModel, tokens, requests);
  return {
    time,
    day: dayIndex,
    task: {...classTask(c), requests},
    tokens,
    list,
    use: {
      tokens: meteredTokens(tokens),
      usd: list.usd,
      prompts: day.promptsPerTask,
      requests,
      hours: (requests * day.secondsPerRequest) / 3600,
    },
  };
}

/**
 * The month at the profile's pace with no chance in it: each working day its share of the month's
 * tasks, evenly spaced through the working hours, classes interleaved by share, every task its
 * class's mean. What `simulate` without --runs prices.
 */
export function expectedMonth(scenario: Scenario): TimedTask[] {
  const {profile, classes} = scenario;
  const day = workingDay(scenario);
  const days = profile.workingDaysPerMonth;
  const perClass = classes.map((c) => timedTask(c, day, 0, 0, c.tokens, c.requestsPerTask));
  const assigned = classes.map(() => 0);
  const tasks: TimedTask[] = [];
  let n = 0;
  for (let d = 0; d < days; d++) {
    const today = Math.round(profile.tasksPerDay * (d + 1)) - Math.round(profile.tasksPerDay * d);
    const start = workingDate(d, days) + day.startMinute * MINUTE;
    const span = (day.endMinute - day.startMinute) * MINUTE;
    for (let k = 0; k < today; k++) {
      n++;
      // The class furthest behind its share so far: the mix holds at every point of the month.
      let cls = 0;
      for (let i = 1; i < classes.length; i++) {
        const lag = (i: number) => classes[i]!.share * n - assigned[i]!;
        if (lag(i) > lag(cls) + 1e-12) cls = i;
      }
      assigned[cls]!++;
      tasks.push({...perClass[cls]!, time: start + Math.floor(((k + 0.5) * span) / today), day: d});
    }
  }
  return tasks;
}

/**
 * Random months as the month simulation draws them: a Poisson count of tasks a working day,
 * arriving uniformly through the working hours, class by share, size from the class's
 * distribution around its mean.
 */
export class MonthSampler {
  private readonly random: Random;
  private readonly tables: Float64Array[];
  private readonly scenario: Scenario;

  constructor(scenario: Scenario, seed: number) {
    this.scenario = scenario;
    this.random = new Random(seed);
    this.tables = scenario.classes.map(sizeTable);
  }

  next(): TimedTask[] {
    const {profile, classes} = this.scenario;
    const day = workingDay(this.scenario);
    const days = profile.workingDaysPerMonth;
    const tasks: TimedTask[] = [];
    for (let d = 0; d < days; d++) {
      const start = workingDate(d, days) + day.startMinute * MINUTE;
      const span = (day.endMinute - day.startMinute) * MINUTE;
      const count = this.random.poisson(profile.tasksPerDay);
      const times = Array.from({length: count}, () => start + Math.floor(this.random.uniform() * span)).sort(
        (a, b) => a - b,
      );
      for (const time of times) {
        const u = this.random.uniform();
        let cls = 0;
        let sum = classes[0]!.share;
        while (cls < classes.length - 1 && u >= sum) sum += classes[++cls]!.share;
        const c = classes[cls]!;
        const factor = this.tables[cls]![(this.random.uniform() * SIZE_TABLE_ENTRIES) | 0]!;
        const scale = (n: number) => Math.floor(n * factor + 0.5);
        const tokens = {
          input: scale(c.tokens.input),
          cacheRead: scale(c.tokens.cacheRead),
          cacheWrite5m: scale(c.tokens.cacheWrite5m),
          cacheWrite1h: scale(c.tokens.cacheWrite1h),
          output: scale(c.tokens.output),
        };
        tasks.push(timedTask(c, day, time, d, tokens, Math.max(1, scale(c.requestsPerTask))));
      }
    }
    return tasks;
  }
}
