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

/** A batch of one file's marker lines, as the JSON text of its rows. */
export interface LineBatch {
  readonly id: number;
  readonly rows: string;
  readonly bytes: number;
  readonly done: boolean;
  /** The worker could not read the file: the reader reads it itself. */
  readonly failed?: true;
}

interface Stream {
  readonly job: LineJob;
  readonly batches: LineBatch[];
  wake?: (() => void) | undefined;
  done: boolean;
  /** Sent to a worker, and so counted among the files read ahead until its reader is done with it. */
  sent: boolean;
}

/** Below this much JSONL a pool costs more to start than it saves. */
const MIN_BYTES = 16 << 20;

/**
 * Worker threads that read and parse the marker lines of the JSONL files ahead of the readers, in
 * the order the import will read them; each reader takes its file's lines in line order, so the
 * import's records, duplicates and rejects come out exactly as when the main thread reads alone.
 * At most a few files per worker are read ahead, which bounds the memory held.
 */
export class LinePool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  /** The file each busy worker is reading. */
  private readonly serving = new Map<Worker, number>();
  private readonly waiting: LineJob[] = [];
  private readonly streams = new Map<number, Stream>();
  private readonly byPath = new Map<string, Stream[]>();
  private readonly ahead: number;
  private unread = 0;

  /**
   * A pool for these files, or undefined where one would not pay: little to read, no built worker, or
   * fewer than four cores (on two, the main thread's own work per record is most of an import, and
   * the workers only take cores from it: 100k usage lines took 2.9 s alone, 4.3 s with two workers).
   */
  static async start(files: readonly Omit<LineJob, 'id'>[], bytes: number): Promise<LinePool | undefined> {
    const setting = process.env['VIBE_COST_THREADS'];
    const threads = setting === undefined ? Math.min(availableParallelism(), 8) : Number(setting);
    if (
      !(threads >= 1) ||
      files.length === 0 ||
      (setting === undefined && (bytes < MIN_BYTES || threads < 4))
    )
      return undefined;
    // Built, the worker sits beside this module in dist/; run from the TypeScript sources there is none.
    const url = new URL('./line-worker.js', import.meta.url);
    if (!existsSync(fileURLToPath(url))) return undefined;
    // Loaded here, not at start: worker_threads costs every run 2 ms, and most never use it.
    const {Worker} = await import('node:worker_threads');
    return new LinePool(files, Math.floor(threads), () => new Worker(url));
  }

  private constructor(files: readonly Omit<LineJob, 'id'>[], threads: number, spawn: () => Worker) {
    this.ahead = threads * 4;
    files.forEach((f, id) => {
      const job = {...f, id};
      this.waiting.push(job);
      const stream: Stream = {job, batches: [], done: false, sent: false};
      this.streams.set(id, stream);
      this.byPath.set(f.path, [...(this.byPath.get(f.path) ?? []), stream]);
    });
    for (let i = 0; i < threads; i++) {
      const worker = spawn();
      worker.on('message', (batch: LineBatch) => this.received(worker, batch));
      worker.on('error', () => this.lost(worker));
      this.workers.push(worker);
      this.idle.push(worker);
    }
    this.dispatch();
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.waiting.length > 0 && this.unread < this.ahead) {
      this.unread++;
      const worker = this.idle.pop() as Worker;
      const job = this.waiting.shift() as LineJob;
      (this.streams.get(job.id) as Stream).sent = true;
      this.serving.set(worker, job.id);
      worker.postMessage(job);
    }
  }

  /**
   * A worker that died (out of memory, a crash) fails the file it was reading, as a read that failed;
   * when none is left, so do the files still waiting, which their readers then read themselves.
   */
  private lost(worker: Worker): void {
    this.workers.splice(this.workers.indexOf(worker), 1);
    if (this.idle.includes(worker)) this.idle.splice(this.idle.indexOf(worker), 1);
    const id = this.serving.get(worker);
    this.serving.delete(worker);
    const failed = id === undefined ? [] : [id];
    if (this.workers.length === 0) failed.push(...this.waiting.splice(0).map((job) => job.id));
    for (const at of failed) {
      const stream = this.streams.get(at);
      if (!stream) continue;
      stream.batches.push({id: at, rows: '[]', bytes: 0, done: true, failed: true});
      stream.wake?.();
    }
  }

  private received(worker: Worker, batch: LineBatch): void {
    const stream = this.streams.get(batch.id) as Stream;
    stream.batches.push(batch);
    if (batch.done) {
      stream.done = true;
      this.serving.delete(worker);
      this.idle.push(worker);
      this.dispatch();
    }
    stream.wake?.();
  }

  /** The marker lines of `path`, read ahead by a worker, a batch at a time; undefined when the pool does not read that file. */
  lines(path: string, progress: Progress): AsyncGenerator<readonly Row[]> | undefined {
    const stream = this.byPath.get(path)?.shift();
    return stream && this.take(stream, progress);
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
        const rows = JSON.parse(batch.rows) as Row[];
        taken += rows.length;
        yield rows;
        if (batch.done) return;
      }
    } finally {
      this.streams.delete(stream.job.id);
      // A file failed before any worker took it (the last one died) was never counted.
      if (stream.sent) this.unread--;
      this.dispatch();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** The worker could not read a file before handing any of it on: the reader reads it itself. */
export class PoolReadFailed extends Error {}
