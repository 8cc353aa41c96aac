/**
 * A worker of the line pool (line-pool.ts): claims files the main thread has not come to, parses the
 * lines holding the marker and posts them back cut down to the fields the reader uses, in batches, in
 * line order.
 */
import {parentPort, workerData} from 'node:worker_threads';
import {CHUNK_BYTES, fileChunks} from './file-chunks.js';
import {MarkerLines} from './marker-lines.js';
import {Claims, type LineJob, type LineBatch, type PoolData} from './line-pool.js';
import {fieldsText} from './skim-fields.js';

const BATCH_BYTES = 8 << 20;
const buffer = Buffer.allocUnsafe(CHUNK_BYTES);

/**
 * A batch's rows as UTF-8 bytes handed over without a copy: JSON texts of rows (Row[]) of at most
 * PIECE bytes, one a line. Posted as one string, 24 MB of rows cost the worker 134 ms; as one text of
 * that size, decoding and parsing them cost the main thread 250 ms, against 60 ms in pieces small
 * enough for the engine's young objects.
 */
class RowBytes {
  private bytes = Buffer.allocUnsafeSlow(1 << 20);
  private at = 0;
  /** Where the piece being written starts. */
  private piece = 0;

  add(row: string): void {
    // At most three bytes a UTF-16 unit, and a separator.
    const most = 3 * row.length + 2;
    if (this.at + most > this.bytes.length) {
      const larger = Buffer.allocUnsafeSlow(Math.max(2 * this.bytes.length, this.at + most));
      this.bytes.copy(larger, 0, 0, this.at);
      this.bytes = larger;
    }
    if (this.at === this.piece) this.bytes[this.at] = OPEN;
    else if (this.at - this.piece + most < PIECE) this.bytes[this.at] = COMMA;
    else {
      this.bytes[this.at++] = CLOSE;
      this.bytes[this.at++] = NEWLINE;
      this.piece = this.at;
      this.add(row);
      return;
    }
    this.at += 1 + this.bytes.write(row, this.at + 1);
  }

  /** The pieces so far, and a fresh buffer for the next. */
  take(): Uint8Array<ArrayBuffer> {
    if (this.at > this.piece) this.bytes[this.at++] = CLOSE;
    const text = new Uint8Array(this.bytes.buffer, 0, this.at);
    this.bytes = Buffer.allocUnsafeSlow(this.bytes.length);
    this.at = 0;
    this.piece = 0;
    return text;
  }
}

const PIECE = 32 << 10;
const OPEN = 91;
const COMMA = 44;
const CLOSE = 93;
const NEWLINE = 10;
const EMPTY = new Uint8Array();

function read(job: LineJob): void {
  const scanner = new MarkerLines(job.marker);
  const rows = new RowBytes();
  let bytes = 0;
  const post = (done: boolean) => {
    const text = rows.take();
    parentPort?.postMessage({id: job.id, rows: text, bytes, done} satisfies LineBatch, [text.buffer]);
    bytes = 0;
  };
  const out = (text: string, n: number) => {
    let row: string;
    try {
      row = `[${n},${fieldsText(text, job.fields)}]`;
    } catch (error) {
      row = `[${n},null,${JSON.stringify((error as Error).message)}]`;
    }
    rows.add(row);
  };
  try {
    for (const chunk of fileChunks(job.path, buffer)) {
      bytes += chunk.length;
      scanner.push(chunk, out);
      if (bytes >= BATCH_BYTES) post(false);
    }
    scanner.end(out);
    post(true);
  } catch {
    // The main thread reads the file itself, and meets the same error where it always did.
    parentPort?.postMessage({
      id: job.id,
      rows: EMPTY,
      bytes: 0,
      done: true,
      failed: true,
    } satisfies LineBatch);
  }
}

const data = workerData as PoolData;
const claims = new Claims(data.claims, data.jobs.length);
for (let id = claims.next(data.slot, data.window); id !== undefined; id = claims.next(data.slot, data.window))
  read(data.jobs[id]!);
