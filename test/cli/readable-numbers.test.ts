import {describe, expect, it} from 'vitest';
import {cli} from './in-process.js';

describe('readable numbers', () => {
  it('thousands separators and singular words in the heading', async () => {
    expect((await cli(['simulate', '--tasks-per-day', '1000000', '--tasks', '1', '--wide'])).stdout).toMatch(
      /^1 task · profile daily-driver \(1,000,000 tasks\/day, 21 working days\/month\)/,
    );
    expect(
      (await cli(['simulate', '--tasks-per-day', '1', '--working-days', '1', '--tasks', '1', '--wide']))
        .stdout,
    ).toMatch(/\(1 task\/day, 1 working day\/month\)/);
  });

  it('one number of decimals per column: per-task amounts all to 4 places when one is under a dollar', async () => {
    const rows = (await cli(['simulate', '--tasks', '1000', '--wide'])).stdout
      .split('\n')
      .filter((l) => /^(BYOK|Platform|Free) /.test(l));
    const perTask = rows.map((l) => /\$\d[\d,]*\.(\d+) +\$[\d,]+\.\d\d +[\d,]+ /.exec(l)?.[1]?.length);
    expect(perTask.slice(0, 3)).toEqual([4, 4, 4]);
  });

  it('breakeven CSV: whole tasks a month, and the tasks each path leaves unserved', async () => {
    const [header, ...rows] = (await cli(['breakeven', '--format', 'csv'])).stdout.trim().split('\r\n');
    expect(header).toBe(
      'tasks_per_month,tasks_per_day,byok_monthly_usd,platform_monthly_usd,free_monthly_usd,byok_unserved_tasks,platform_unserved_tasks,free_unserved_tasks,byok_solved_tasks,platform_solved_tasks,free_solved_tasks',
    );
    for (const row of rows) {
      const cells = row.split(',');
      expect(cells[0]).toMatch(/^\d+$/);
      expect(cells.slice(5, 10).every((c) => /^\d+$/.test(c))).toBe(true);
      // The free pool's models mostly have no solve rate: its solved tasks are left empty, not 0.
      expect(cells[10]).toMatch(/^\d*$/);
    }
    expect(rows.some((r) => Number(r.split(',')[7]) > 0)).toBe(true);
  });

  it('--debug stack traces name the source files', async () => {
    const r = await cli(['simulate', '--plan', 'nope', '--debug']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\n\s+at .*src\/io\/load-data\.ts:\d+:\d+/);
  });
});
