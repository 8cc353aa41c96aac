import {closeSync, openSync, readSync} from 'node:fs';

/** A long file's chunk. */
export const CHUNK_BYTES = 1 << 20;

/**
 * A file's bytes in chunks read synchronously into `buffer`, reused for every chunk (the caller
 * copies what it keeps). For marker scans, whose work per chunk is small: an asynchronous read left
 * the thread idle a tenth of a Claude Code import, waiting on each chunk.
 */
export function* fileChunks(path: string, buffer: Buffer): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer))
      yield buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
