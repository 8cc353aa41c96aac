import {EventEmitter} from 'node:events';
import type {Worker} from 'node:worker_threads';
import {describe, expect, it} from 'vitest';
import {DataError} from '../../../src/errors.js';
import {Progress} from '../../../src/io/usage/input.js';
import {LinePool, PoolReadFailed, type LineJob, type Row} from '../../../src/io/usage/line-pool.js';

/** A worker that hands on `rows` of the first file it is sent, then dies. */
function dyingWorker(rows: Row[]): Worker {
  const worker = new EventEmitter() as EventEmitter & {postMessage: (job: LineJob) => void};
  worker.postMessage = (job) =>
    setImmediate(() => {
      if (rows.length > 0)
        worker.emit('message', {id: job.id, rows: JSON.stringify(rows), bytes: 1, done: false});
      worker.emit('error', new Error('worker ran out of memory'));
    });
  return worker as unknown as Worker;
}

const files = [
  {path: 'a.jsonl', marker: 'usage', fields: {}},
  {path: 'b.jsonl', marker: 'usage', fields: {}},
];
const pool = (rows: Row[]) =>
  new (LinePool as unknown as new (f: typeof files, n: number, spawn: () => Worker) => LinePool)(
    files,
    1,
    () => dyingWorker(rows),
  );

async function drain(lines: AsyncGenerator<readonly Row[]> | undefined): Promise<Row[]> {
  const got: Row[] = [];
  for await (const batch of lines ?? []) got.push(...batch);
  return got;
}

describe('a reading thread that dies', () => {
  it('before handing on a line: its file and the files still waiting are read by the main thread', async () => {
    const p = pool([]);
    await expect(drain(p.lines('a.jsonl', new Progress(undefined, undefined)))).rejects.toBeInstanceOf(
      PoolReadFailed,
    );
    await expect(drain(p.lines('b.jsonl', new Progress(undefined, undefined)))).rejects.toBeInstanceOf(
      PoolReadFailed,
    );
  });

  it('part way through a file: one line of bad data naming the file, never a hang or a crash', async () => {
    const p = pool([[1, {usage: {}}]]);
    const lines = p.lines('a.jsonl', new Progress(undefined, undefined));
    await expect(lines?.next()).resolves.toEqual({done: false, value: [[1, {usage: {}}]]});
    const error = await lines?.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message).toBe(
      'a.jsonl: reading failed part way (the file changed or a reading thread stopped)',
    );
  });
});
