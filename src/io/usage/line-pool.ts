import {existsSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {fileURLToPath} from 'node:url';
import type {Worker} from 'node:worker_threads';
import type {Fields} from './line-fields.js';
import type {Progress} from './input.js';
import {DataError} from '../../errors.js';

export interface LineJob {
  readonly id: number;
  readonly path: string;
  readonly marker: string;
  readonly fields: Fields;
}

/** A marker line: its number, and the parsed line cut to its fields, or the parser's words. */
export type Row = [number, unknown, string?];

/** A batch of one file's marker lines, as the UTF-8 bytes of the JSON text of its rows. */
export interface LineBatch {
  readonly id: number;
  readonly rows: Uint8Array<ArrayBuffer>;
  readonly bytes: number;
  readonly done: boolean;
  /** The worker could not read the file: the reader reads it itself. */
  readonly failed?: true;
}

/** What a worker starts with: every file, and the memory where the threads claim them (Claims). */
export interface PoolData {
  readonly jobs: readonly LineJob[];
  readonly claims: SharedArrayBuffer;
  /** This worker's slot in claims: the file it is reading. */
  readonly slot: number;
  readonly window: number;
}

/**
 * The files' states, the main thread's place and each worker's file, in memory every thread shares:
 * a worker claims its next file itself, without waiting for the main thread's event loop, which does
 * not turn while the main thread reads a file of its own.
 */
export class Claims {
  static readonly WAITING = 0;
  static readonly WORKER = 1;
  static readonly MAIN = 2;
  private readonly cells: Int32Array;
  readonly files: number;

  constructor(memory: SharedArrayBuffer, files: number) {
    this.cells = new Int32Array(memory);
    this.files = files;
  }

  static memory(files: number, workers: number): SharedArrayBuffer {
    return new SharedArrayBuffer(4 * (1 + files + workers));
  }

  /** The first file the main thread has not yet come to. */
  get front(): number {
    return Atomics.load(this.cells, 0);
  }

  /** The main thread is done: a worker waiting for the window to move finds no file left and stops. */
  finish(): void {
    Atomics.store(this.cells, 0, this.files);
    Atomics.notify(this.cells, 0);
  }

  /** Takes file `id` for `by` if it is still waiting; true if taken. */
  claim(id: number, by: number): boolean {
    return Atomics.compareExchange(this.cells, 1 + id, Claims.WAITING, by) === Claims.WAITING;
  }

  /** The main thread comes to file `id`: it is the main thread's unless a worker took it; true if a worker did. */
  reach(id: number): boolean {
    if (id + 1 > this.front) {
      Atomics.store(this.cells, 0, id + 1);
      Atomics.notify(this.cells, 0);
    }
    return !this.claim(id, Claims.MAIN);
  }

  /**
   * For the worker in `slot`, done with its last file: the farthest waiting file of the window after
   * the main thread's, claimed and noted as the one it reads; waits while the window has none;
   * undefined when no file will ever wait again.
   */
  next(slot: number, window: number): number | undefined {
    this.setReading(slot, -1);
    for (;;) {
      const front = this.front;
      const end = Math.min(this.files, front + window);
      for (let id = end - 1; id >= front; id--)
        if (this.claim(id, Claims.WORKER)) {
          this.setReading(slot, id);
          return id;
        }
      if (end === this.files) return undefined;
      Atomics.wait(this.cells, 0, front);
    }
  }

  /** The file the worker in `slot` reads (-1: none), to fail if it stops. */
  reading(slot: number): number {
    return Atomics.load(this.cells, 1 + this.files + slot);
  }

  setReading(slot: number, id: number): void {
    Atomics.store(this.cells, 1 + this.files + slot, id);
  }
}

interface Stream {
  readonly job: LineJob;
  readonly batches: LineBatch[];
  wake?: (() => void) | undefined;
}

/** Below this much JSONL a pool costs more to start than it saves. */
const MIN_BYTES = 16 << 20;

/**
 * Below this a file is left to the main thread: handing it over (a message, a turn of the event
 * loop, the wait for it) costs more than the parsing it moves. On a tree of 3,000 sessions of 18 KB
 * each, a pool over them made the import 1.16 s against 0.94 s without one.
 */
const MIN_FILE_BYTES = 1 << 20;

/**
 * The main thread's share of a record read by a worker (taking in its fields, building, pricing)
 * is about a third of the worker's (Claude Code tree, 2 cores): past three workers it is the main
 * thread that sets the pace, and more would only hold more memory. Not measured on more cores.
 */
const MAX_WORKERS = 3;

/** Files a worker may read ahead of the main thread. */
const WINDOW_PER_WORKER = 4;

/**
 * Worker threads that read and parse the marker lines of JSONL files beside the main thread, which
 * reads the files no worker has taken: the readers go through the files in import order, and each
 * takes its file's lines in line order, so the import's records, duplicates and rejects come out
 * exactly as when the main thread reads alone.
 *
 * Workers take files from the far end of a window of the files after the one being read, the main
 * thread from the near end, so each side does as many as its speed allows and the main thread seldom
 * waits on a file still being read. Only the window's files are read ahead, which bounds the memory
 * held.
 */
export class LinePool {
  private readonly workers: Worker[] = [];
  private readonly streams: Stream[] = [];
  private readonly byPath = new Map<string, Stream[]>();
  private readonly claims: Claims;

  /**
   * A pool for the long ones of these files (MIN_FILE_BYTES), or undefined where one would not pay:
   * little to read, no built worker, or one core. The main thread reads too, so a core beside it is
   * worth a worker.
   */
  static async start(
    candidates: readonly (Omit<LineJob, 'id'> & {readonly size: number})[],
  ): Promise<LinePool | undefined> {
    const setting = process.env['VIBE_COST_THREADS'];
    const threads =
      setting === undefined ? Math.min(availableParallelism() - 1, MAX_WORKERS) : Number(setting);
    const long = candidates.filter((f) => f.size >= MIN_FILE_BYTES);
    // A number set by the user puts every file on the pool (the tests' way to exercise it on small files).
    const files = (setting === undefined ? long : candidates).map(({path, marker, fields}) => ({
      path,
      marker,
      fields,
    }));
    const bytes = long.reduce((n, f) => n + f.size, 0);
    if (!(threads >= 1) || files.length < 2 || (setting === undefined && bytes < MIN_BYTES)) return undefined;
    // Built, the worker sits beside this module in dist/; run from the TypeScript sources there is none.
    const url = new URL('./line-worker.js', import.meta.url);
    if (!existsSync(fileURLToPath(url))) return undefined;
    // Loaded here, not at start: worker_threads costs every run 2 ms, and most never use it.
    const {Worker} = await import('node:worker_threads');
    return new LinePool(files, Math.floor(threads), (workerData) => new Worker(url, {workerData}));
  }

  private constructor(
    files: readonly Omit<LineJob, 'id'>[],
    threads: number,
    spawn: (data: PoolData) => Worker,
  ) {
    const jobs = files.map((f, id) => ({...f, id}));
    const memory = Claims.memory(jobs.length, threads);
    this.claims = new Claims(memory, jobs.length);
    for (const job of jobs) {
      const stream: Stream = {job, batches: []};
      this.streams.push(stream);
      this.byPath.set(job.path, [...(this.byPath.get(job.path) ?? []), stream]);
    }
    for (let slot = 0; slot < threads; slot++) {
      this.claims.setReading(slot, -1);
      const worker = spawn({jobs, claims: memory, slot, window: threads * WINDOW_PER_WORKER});
      worker.on('message', (batch: LineBatch) => this.received(batch));
      worker.on('error', () => this.lost(slot));
      worker.on('exit', () => this.lost(slot));
      this.workers.push(worker);
    }
  }

  /** A worker that died (out of memory, a crash) or stopped fails the file it was reading, as a read that failed. */
  private lost(slot: number): void {
    const id = this.claims.reading(slot);
    if (id === -1) return;
    this.claims.setReading(slot, -1);
    this.received({id, rows: new Uint8Array(), bytes: 0, done: true, failed: true});
  }

  private received(batch: LineBatch): void {
    const stream = this.streams[batch.id] as Stream;
    stream.batches.push(batch);
    stream.wake?.();
  }

  /**
   * The marker lines of `path`, read by a worker, a batch at a time; undefined when no worker has
   * taken the file, which the caller then reads itself.
   */
  lines(path: string, progress: Progress): AsyncGenerator<readonly Row[]> | undefined {
    const stream = this.byPath.get(path)?.shift();
    return stream && this.claims.reach(stream.job.id) ? this.take(stream, progress) : undefined;
  }

  private async *take(stream: Stream, progress: Progress): AsyncGenerator<readonly Row[]> {
    try {
      let taken = 0;
      for (;;) {
        const batch = stream.batches.shift();
        if (batch === undefined) {
          await new Promise<void>((wake) => (stream.wake = wake));
          stream.wake = undefined;
          continue;
        }
        if (batch.failed) {
          if (taken > 0)
            throw new DataError(
              `${stream.job.path}: reading failed part way (the file changed or a reading thread stopped)`,
              'run again; VIBE_COST_THREADS=0 reads every file on the main thread',
            );
          throw new PoolReadFailed();
        }
        progress.add(batch.bytes);
        const rows = batchRows(batch.rows);
        taken += rows.length;
        yield rows;
        if (batch.done) return;
      }
    } finally {
      // Its rows are taken: nothing of it is held any longer.
      stream.batches.length = 0;
    }
  }

  async close(): Promise<void> {
    this.claims.finish();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** A batch's rows, from the JSON texts of its pieces, one a line (line-worker.ts). */
function batchRows(bytes: Uint8Array<ArrayBuffer>): Row[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const rows: Row[] = [];
  for (let from = 0; from < text.length;) {
    const end = text.indexOf(10, from);
    const to = end === -1 ? text.length : end;
    for (const row of JSON.parse(text.toString('utf8', from, to)) as Row[]) rows.push(row);
    from = to + 1;
  }
  return rows;
}

/** The worker could not read a file before handing any of it on: the reader reads it itself. */
export class PoolReadFailed extends Error {}
