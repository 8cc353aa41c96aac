import {describe, expect, it} from 'vitest';
import {dollars, renderLineChart} from '../../src/output/chart.js';
import {cli} from '../cli/in-process.js';

const options = {width: 80, height: 8, xLabel: (i: number) => `${i}`};

describe('chart legends and labels', () => {
  it('joins names with "=" only for lines equal at every point; lines that only end together are listed', () => {
    const rising = Array.from({length: 40}, (_, i) => i * 10);
    const chart = renderLineChart(
      [
        {name: 'BYOK', values: rising},
        {name: 'Pl', values: rising.map((v, i) => (i < 10 ? v + 20 : v))},
        {name: 'Cp', values: [...rising]},
      ],
      options,
    );
    expect(chart).toMatch(/ BYOK = Cp, Pl$/m);
    expect(chart).not.toMatch(/BYOK = Pl/);
  });

  it('at a million tasks a day the y labels keep one width, so the axis stays straight', async () => {
    const out = (await cli(['breakeven', '--tasks-per-day', '1000000', '--max-tasks-per-day', '1000000']))
      .stdout;
    const axis = out.split('\n').filter((l) => /^ *\$[\d.,]+[MB]? [┼┤]/.test(l));
    expect(axis.length).toBeGreaterThan(5);
    expect(new Set(axis.map((l) => l.search(/[┼┤]/))).size).toBe(1);
    expect(out).toMatch(/\$[\d.]+M ┼/);
  });
});

describe('y labels', () => {
  it('put the minus before the dollar sign at every scale, and never print -$0', () => {
    expect([-85.64, -1234, -2.5e6, -3e9, -0.01, 0, 54.7].map(dollars)).toEqual([
      '-$85.6',
      '-$1,234',
      '-$2.5M',
      '-$3B',
      '$0',
      '$0',
      '$54.7',
    ]);
  });
});
