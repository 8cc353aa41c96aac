import fc from 'fast-check';
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

  it('group thousands as en-US does, at every scale', () => {
    const asLocale = (value: number) => {
      const size = Math.abs(value);
      const sign = value < 0 ? '-' : '';
      if (size >= 1e9) return `${sign}$${(Math.round(size / 1e7) / 100).toLocaleString('en-US')}B`;
      if (size >= 1e6) return `${sign}$${(Math.round(size / 1e4) / 100).toLocaleString('en-US')}M`;
      const rounded = size >= 100 ? Math.round(size) : Math.round(size * 10) / 10;
      return `${rounded !== 0 ? sign : ''}$${rounded.toLocaleString('en-US')}`;
    };
    fc.assert(
      fc.property(fc.double({min: -1e15, max: 1e15, noNaN: true}), (value) => {
        expect(dollars(value)).toBe(asLocale(value));
      }),
      {numRuns: 2000},
    );
  });
});
