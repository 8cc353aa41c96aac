/**
 * A worker of the line pool (line-pool.ts): reads the files it is sent, parses the lines holding the
 * marker and posts them back cut down to the fields the reader uses, in batches, in line order.
 */
import {parentPort} from 'node:worker_threads';
import {fileChunks} from './file-chunks.js';
import {MarkerLines} from './marker-lines.js';
import type {LineJob, LineBatch, Row} from './line-pool.js';
import {parseFields} from './skim-fields.js';

const BATCH_BYTES = 8 << 20;
const buffer = Buffer.allocUnsafe(1 << 20);

parentPort?.on('message', (job: LineJob) => {
  const scanner = new MarkerLines(job.marker);
  let rows: Row[] = [];
  let bytes = 0;
  const post = (done: boolean) => {
    // As one JSON text: the main thread parses that several times faster than it takes in a cloned array of objects.
    parentPort?.postMessage({id: job.id, rows: JSON.stringify(rows), bytes, done} satisfies LineBatch);
    rows = [];
    bytes = 0;
  };
  const out = (text: string, n: number) => {
    try {
      rows.push([n, parseFields(text, job.fields)]);
    } catch (error) {
      rows.push([n, undefined, (error as Error).message]);
    }
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
    parentPort?.postMessage({id: job.id, rows: '[]', bytes: 0, done: true, failed: true} satisfies LineBatch);
  }
});
