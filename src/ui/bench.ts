/**
 * Keypress to frame: how long the dashboard takes from a key (an action dispatched through the
 * keymap and reducer) to the new frame string, recomputing the month, the recommendation and the
 * breakeven chart. Ink renders into an in-memory terminal in debug mode (every render written at
 * once, no frame throttle), so the time is the dashboard's own. For `npm run bench`.
 */
import {EventEmitter} from 'node:events';
import {performance} from 'node:perf_hooks';
import {createElement} from 'react';
import {render} from 'ink';
import {EMPTY_CONFIG} from '../core/routing/user-config.js';
import {buildScenario} from '../core/simulation/scenario.js';
import {loadPlan, loadPriceBook, loadProfile} from '../io/load-data.js';
import {App} from './App.js';
import type {DashboardIO} from './io.js';
import {openingState} from './run-dashboard.js';

class Terminal extends EventEmitter {
  columns: number;
  rows: number;
  isTTY = true;
  frames = 0;
  last = '';
  constructor(columns: number, rows: number) {
    super();
    this.columns = columns;
    this.rows = rows;
  }
  write = (frame: string) => {
    this.frames++;
    this.last = frame;
    this.emit('frame');
    return true;
  };
}

class Keyboard extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string) {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = () => {
    const {data} = this;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

export interface KeypressBench {
  readonly profile: string;
  /** The first press after the opening frame: the dashboard's code still compiling as it runs. */
  readonly firstMs: number;
  /** Key to the frame with the new figures (month, strategies, recommendation), after the warm-up presses. */
  readonly samples: readonly number[];
  readonly medianMs: number;
  readonly p90Ms: number;
  /** Key to the frame with the new chart too (breakeven() redrawn a frame later). */
  readonly chartMedianMs: number;
}

const NO_IO: DashboardIO = {
  loadProfile: () => {
    throw new Error('not in the bench');
  },
  loadPlan: () => {
    throw new Error('not in the bench');
  },
  replay: () => Promise.reject(new Error('not in the bench')),
  write: () => undefined,
};

/**
 * Presses → and ← on tasks/day on a preset (default team), timing each to its frame: `warmup`
 * presses (default 10) first, then `runs` (default 30) measured. The first presses of a session run
 * while V8 still compiles the dashboard's code (40 ms and more, then 10 to 13 ms): the first is
 * reported apart, the median is of the presses after the warm-up.
 */
export async function benchKeypress(
  options: {
    profile?: string;
    plan?: string;
    runs?: number;
    warmup?: number;
    columns?: number;
    rows?: number;
  } = {},
): Promise<KeypressBench> {
  const warmup = options.warmup ?? 10;
  const profileName = options.profile ?? 'team';
  const book = loadPriceBook([], {cache: false});
  const scenario = buildScenario(
    loadProfile(profileName),
    loadPlan(options.plan ?? 'vibekit'),
    book,
    '2026-11-27',
  );
  const {state, context} = openingState({
    loaded: {scenario, book, config: EMPTY_CONFIG, heldKeys: [], userStrategies: []},
    date: '2026-11-27',
  });
  const stdout = new Terminal(options.columns ?? 100, options.rows ?? 30);
  const stdin = new Keyboard();
  const nextFrame = () => new Promise<void>((resolve) => stdout.once('frame', () => resolve()));
  const first = nextFrame();
  const instance = render(createElement(App, {initial: state, context, io: NO_IO, colour: false}), {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: new Terminal(100, 30) as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  await first;
  // The opening chart lands a frame after the first.
  await nextFrame();
  const samples: number[] = [];
  const charts: number[] = [];
  for (let i = 0; i < warmup + (options.runs ?? 30); i++) {
    const before = stdout.last;
    const framesAtStart = stdout.frames;
    // The second frame after the key: the figures first, then the chart.
    const chartFrame = new Promise<void>((resolve) => {
      const onFrame = () => {
        if (stdout.frames < framesAtStart + 2) return;
        stdout.off('frame', onFrame);
        resolve();
      };
      stdout.on('frame', onFrame);
    });
    const start = performance.now();
    stdin.write(i % 2 === 0 ? '\u001B[C' : '\u001B[D');
    // The frame that shows the change (a render may also come first with nothing new).
    while (stdout.last === before) await nextFrame();
    samples.push(performance.now() - start);
    await chartFrame;
    charts.push(performance.now() - start);
  }
  instance.unmount();
  instance.cleanup();
  const at = (values: number[], q: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  };
  const measured = samples.slice(warmup);
  return {
    profile: profileName,
    firstMs: samples[0] ?? 0,
    samples: measured,
    medianMs: at(measured, 0.5),
    p90Ms: at(measured, 0.9),
    chartMedianMs: at(charts.slice(warmup), 0.5),
  };
}
