import {closeSync, openSync, readSync} from 'node:fs';

/** A long file's chunk. */
export const CHUNK_BYTES = 1 << 20;

/**
 * A file's bytes in chunks read synchronously into `buffer`, reused for every chunk (the caller
 * copies what it keeps). For marker scans, whose work per chunk is small: an asynchronous read left
 * the thread idle a tenth of a Claude Code import, waiting on each chunk.
 */
export function* fileChunks(path: string, buffer: Buffer, size = Infinity): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    let total = 0;
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      yield buffer.subarray(0, read);
      total += read;
      // A short read past the size the file had when listed is its end: asking again to be told
      // so costs a call per file, a tenth of the reading on a tree of 3,000 short sessions. Short of
      // that size (a file system that reads in pieces), it reads on.
      if (read < buffer.length && total >= size) return;
    }
  } finally {
    closeSync(fd);
  }
}
