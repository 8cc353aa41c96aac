import {describe, expect, it} from 'vitest';
import {parseProfile, profileDocument} from '../../src/core/simulation/profile.js';
import {buildScenario, monthTasks} from '../../src/core/simulation/scenario.js';
import {expectedMonth, MONTH_END, MonthSampler} from '../../src/core/subscription/month-tasks.js';
import {loadPlan, loadPriceBook, loadProfile} from '../../src/io/load-data.js';

const book = loadPriceBook([], {cache: false});
const H = 3_600_000;

describe('tasks through the working day', () => {
  const scenario = buildScenario(loadProfile('daily-driver'), loadPlan('vibekit'), book, '2026-11-27');

  it('the expected month holds the month of tasks, the mix by share, inside 09:00–18:00 on weekdays', () => {
    const tasks = expectedMonth(scenario);
    expect(tasks).toHaveLength(monthTasks(scenario));
    const byModel = new Map<number, number>();
    for (const t of tasks) byModel.set(t.task.requests, (byModel.get(t.task.requests) ?? 0) + 1);
    // 252 tasks: 126 simple (12 requests), 88 features (35; 88.2 by share), 38 refactors (80; 37.8).
    expect(Object.fromEntries(byModel)).toEqual({12: 126, 35: 88, 80: 38});
    for (const t of tasks) {
      const d = new Date(t.time);
      expect(d.getUTCHours()).toBeGreaterThanOrEqual(9);
      expect(d.getUTCHours()).toBeLessThan(18);
      expect([0, 6]).not.toContain(d.getUTCDay());
      expect(t.time).toBeLessThan(MONTH_END);
    }
    // A task's hours are its requests at 30 s each: a refactor of 80 requests is 40 minutes.
    expect(tasks.find((t) => t.task.requests === 80)?.use.hours).toBeCloseTo(80 / 120, 10);
  });

  it('random months come in time order and average the profile pace', () => {
    const sampler = new MonthSampler(scenario, 5);
    let count = 0;
    for (let i = 0; i < 50; i++) {
      const month = sampler.next();
      count += month.length;
      expect(month.every((t, k) => k === 0 || t.time >= month[k - 1]!.time)).toBe(true);
    }
    expect(count / 50 / 21).toBeGreaterThan(11);
    expect(count / 50 / 21).toBeLessThan(13);
  });

  it("a profile's own day is read, kept when saved, and refused when it ends before it starts", () => {
    const base = JSON.parse(profileDocument(loadProfile('hobbyist'))) as Record<string, unknown>;
    const day = {start: '20:00', end: '23:30', secondsPerRequest: 45, promptsPerTask: 3, source: 'evenings'};
    const profile = parseProfile({...base, day}, 'me.json');
    expect(profile.day).toEqual({
      startMinute: 1200,
      endMinute: 1410,
      secondsPerRequest: 45,
      promptsPerTask: 3,
      source: 'evenings',
    });
    expect(JSON.parse(profileDocument(profile)).day).toEqual(day);
    const evening = expectedMonth(buildScenario(profile, loadPlan('vibekit'), book, '2026-11-27'));
    expect(evening.every((t) => (t.time % (24 * H)) / H >= 20)).toBe(true);
    expect(() => parseProfile({...base, day: {...day, end: '19:00'}}, 'me.json')).toThrow(
      /me\.json: profile "hobbyist": field day\.end: the working day must end after it starts/,
    );
  });
});
