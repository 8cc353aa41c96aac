import {EventEmitter} from 'node:events';
import type {Worker} from 'node:worker_threads';
import {describe, expect, it} from 'vitest';
import {DataError} from '../../../src/errors.js';
import {Progress} from '../../../src/io/usage/input.js';
import {Claims, LinePool, PoolReadFailed, type PoolData, type Row} from '../../../src/io/usage/line-pool.js';

const rowBytes = (rows: Row[]) => new Uint8Array(Buffer.from(JSON.stringify(rows)));

/** A worker that claims the first file it can, hands on `rows` of it, then dies. */
function dyingWorker(data: PoolData, rows: Row[]): Worker {
  const worker = new EventEmitter();
  setImmediate(() => {
    const claims = new Claims(data.claims, data.jobs.length);
    const id = claims.next(data.slot, data.window);
    if (id === undefined) return;
    if (rows.length > 0) worker.emit('message', {id, rows: rowBytes(rows), bytes: 1, done: false});
    worker.emit('error', new Error('worker ran out of memory'));
  });
  return worker as unknown as Worker;
}

/** A worker that reads every file it can claim, each as one batch of `rows`. */
function steadyWorker(data: PoolData, rows: Row[]): Worker {
  const worker = Object.assign(new EventEmitter(), {terminate: () => Promise.resolve(0)});
  const claims = new Claims(data.claims, data.jobs.length);
  const step = () => {
    const front = claims.front;
    // Only files already waiting: the test's main thread runs here too, so this worker must not wait.
    for (let id = Math.min(data.jobs.length, front + data.window) - 1; id >= front; id--)
      if (claims.claim(id, Claims.WORKER)) {
        worker.emit('message', {id, rows: rowBytes(rows), bytes: 1, done: true});
        setImmediate(step);
        return;
      }
  };
  setImmediate(step);
  return worker as unknown as Worker;
}

const files = ['a.jsonl', 'b.jsonl', 'c.jsonl', 'd.jsonl'].map((path) => ({
  path,
  marker: 'usage',
  fields: {},
}));
const pool = (spawn: (data: PoolData) => Worker) =>
  new (
    LinePool as unknown as new (f: typeof files, n: number, spawn: (data: PoolData) => Worker) => LinePool
  )(files, 1, spawn);
const progress = () => new Progress(undefined, undefined);

async function drain(lines: AsyncGenerator<readonly Row[]> | undefined): Promise<Row[]> {
  const got: Row[] = [];
  for await (const batch of lines ?? []) got.push(...batch);
  return got;
}

describe('the line pool', () => {
  it('leaves the main thread the files no worker took, and hands on the others in line order', async () => {
    const p = pool((data) =>
      steadyWorker(data, [
        [3, {usage: {}}],
        [9, null, 'Unexpected token'],
      ]),
    );
    await new Promise((resolve) => setImmediate(resolve));
    // The worker took the window's far end first: the main thread reads the near files itself.
    const taken = [];
    for (const f of files) {
      const lines = p.lines(f.path, progress());
      taken.push(lines === undefined ? 'main' : await drain(lines));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const read: Row[] = [
      [3, {usage: {}}],
      [9, null, 'Unexpected token'],
    ];
    // d first, then c once the main thread had moved on to b.
    expect(taken).toEqual(['main', 'main', read, read]);
    await p.close();
  });
});

describe('a reading thread that dies', () => {
  it('before handing on a line: its file is read by the main thread, and so are the files no worker took', async () => {
    const p = pool((data) => dyingWorker(data, []));
    await new Promise((resolve) => setImmediate(resolve));
    // The one worker took the window's farthest file, d, and died on it.
    expect(p.lines('a.jsonl', progress())).toBeUndefined();
    expect(p.lines('b.jsonl', progress())).toBeUndefined();
    expect(p.lines('c.jsonl', progress())).toBeUndefined();
    await expect(drain(p.lines('d.jsonl', progress()))).rejects.toBeInstanceOf(PoolReadFailed);
  });

  it('part way through a file: one line of bad data naming the file, never a hang or a crash', async () => {
    const p = pool((data) => dyingWorker(data, [[1, {usage: {}}]]));
    await new Promise((resolve) => setImmediate(resolve));
    for (const f of ['a.jsonl', 'b.jsonl', 'c.jsonl']) expect(p.lines(f, progress())).toBeUndefined();
    const lines = p.lines('d.jsonl', progress());
    await expect(lines?.next()).resolves.toEqual({done: false, value: [[1, {usage: {}}]]});
    const error = await lines?.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toBe(
      'd.jsonl: reading failed part way (the file changed or a reading thread stopped)',
    );
  });
});
