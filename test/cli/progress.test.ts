import {describe, expect, it} from 'vitest';
import {progressBar} from '../../src/commands/output.js';

describe('progress line', () => {
  it('stays silent for the first 2 s, then shows share, amount, file, rate and time left, and is cleared at the end', () => {
    let now = 0;
    const written: string[] = [];
    const bar = progressBar(
      undefined,
      () => now,
      (text) => written.push(text),
    );
    now = 1500;
    bar.update(100e6, 400e6, {at: 1, of: 3});
    expect(written).toEqual([]);
    now = 4000;
    bar.update(200e6, 400e6, {at: 2, of: 3});
    expect(written).toEqual([
      '\r\u001B[2K[###############               ]  50% 200 of 400 MB · file 2 of 3 · 50 MB/s · 0:04 left',
    ]);
    now = 4050;
    bar.update(210e6, 400e6, {at: 2, of: 3});
    expect(written).toHaveLength(1);
    bar.done();
    expect(written.at(-1)).toBe('\r\u001B[2K');
  });

  it('counts in the unit it is given', () => {
    let now = 0;
    const written: string[] = [];
    const bar = progressBar(
      {amount: (done, total) => `${done} of ${total} months`, rate: (perSecond) => `${perSecond} months/s`},
      () => now,
      (text) => written.push(text),
    );
    now = 125_000;
    bar.update(1000, 10_000);
    expect(written).toEqual([
      '\r\u001B[2K[###                           ]  10% 1000 of 10000 months · 8 months/s · 18:45 left',
    ]);
  });

  it('writes nothing to clear when it never drew', () => {
    const written: string[] = [];
    progressBar(
      undefined,
      () => 0,
      (text) => written.push(text),
    ).done();
    expect(written).toEqual([]);
  });
});
