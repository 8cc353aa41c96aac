import {closeSync, createReadStream, openSync, readSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {Readable} from 'node:stream';
import {StringDecoder} from 'node:string_decoder';
import {CHUNK_BYTES, fileChunks} from './file-chunks.js';
import {MarkerLines} from './marker-lines.js';

/** How much of a file's start tells its source. */
const HEAD_BYTES = 64 * 1024;

/** One thing to read: a file on disk, or the text given for '-'. */
export interface Input {
  readonly name: string;
  readonly path?: string;
  readonly text?: string;
  readonly size: number;
}

/** Reports bytes read so far, the total, and which file of how many is being read. */
export type ProgressReport = (
  read: number,
  total: number | undefined,
  file: {at: number; of: number},
) => void;

/** Bytes read across every input, reported to the caller's progress line. */
export class Progress {
  private done = 0;
  private readonly total: number | undefined;
  private readonly report: ProgressReport | undefined;
  private readonly file: {at: number; of: number};
  constructor(total: number | undefined, report: ProgressReport | undefined, files = 1) {
    this.total = total;
    this.report = report;
    this.file = {at: 0, of: files};
  }
  /** The next file begins. */
  next(): void {
    this.file.at++;
  }
  add(bytes: number): void {
    this.done += bytes;
    this.report?.(this.done, this.total, this.file);
  }
}

export function byteStream(input: Input, progress: Progress): Readable {
  const stream =
    input.path !== undefined
      ? createReadStream(input.path, {highWaterMark: 1 << 20})
      : Readable.from([Buffer.from(input.text ?? '', 'utf8')]);
  stream.on('data', (chunk: Buffer | string) => progress.add(chunk.length));
  return stream;
}

/** Where each head is read: one buffer, as a head is decoded before the next is read. */
const headBuffer = Buffer.allocUnsafe(HEAD_BYTES);

/**
 * The start of an input, for telling its source. Read synchronously: through the promise API each
 * file's open, read and close cost a trip through the thread pool, about 0.2 ms a file on a tree
 * of 3,000 short sessions, where the three calls take 25 microseconds.
 */
export function readHead(input: Input): string {
  if (input.path === undefined) return (input.text ?? '').slice(0, HEAD_BYTES);
  const fd = openSync(input.path, 'r');
  try {
    const bytes = readSync(fd, headBuffer, 0, HEAD_BYTES, 0);
    // A multi-byte character cut at the end decodes to U+FFFD; harmless for detection.
    return headBuffer.toString('utf8', 0, bytes);
  } finally {
    closeSync(fd);
  }
}

export async function readWhole(input: Input, progress: Progress): Promise<string> {
  if (input.path === undefined) return input.text ?? '';
  const text = await readFile(input.path, 'utf8');
  progress.add(input.size);
  return text;
}

/**
 * Lines of a file with their 1-based numbers, a chunk's worth at a time (one async step per line
 * cost more than most lines' own work). A hand-rolled splitter over 1 MiB chunks: on a generated
 * 400 MB Claude Code tree (4 KB lines) it took 870 ms against 1,060 ms for node:readline.
 */
export async function* lines(
  input: Input,
  progress: Progress,
): AsyncGenerator<readonly (readonly [string, number])[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let n = 0;
  for await (const chunk of byteStream(input, progress)) {
    const text = rest + decoder.write(chunk as Buffer);
    const batch: [string, number][] = [];
    let from = 0;
    let at = text.indexOf('\n');
    while (at !== -1) {
      n++;
      const line =
        at > from && text.charCodeAt(at - 1) === 13 ? text.slice(from, at - 1) : text.slice(from, at);
      batch.push([n === 1 ? line.replace(/^\uFEFF/, '') : line, n]);
      from = at + 1;
      at = text.indexOf('\n', from);
    }
    rest = text.slice(from);
    if (batch.length > 0) yield batch;
  }
  rest += decoder.end();
  if (rest.endsWith('\r')) rest = rest.slice(0, -1);
  if (rest !== '') yield [[n === 0 ? rest.replace(/^\uFEFF/, '') : rest, n + 1]];
}

/**
 * The lines of a file that hold `marker`, with their 1-based numbers (MarkerLines), a chunk's worth
 * at a time: a step of an async loop per line cost more than many a line's own work. The rest are
 * never decoded.
 */
export async function* linesWith(
  input: Input,
  progress: Progress,
  marker: string,
): AsyncGenerator<readonly (readonly [string, number])[]> {
  const scanner = new MarkerLines(marker);
  let found: [string, number][] = [];
  const out = (text: string, n: number) => found.push([text, n]);
  for await (const chunk of input.path === undefined
    ? byteStream(input, progress)
    : syncChunks(input.path, input.size, progress)) {
    scanner.push(chunk as Buffer, out);
    if (found.length === 0) continue;
    yield found;
    found = [];
  }
  scanner.end(out);
  if (found.length > 0) yield found;
}

/**
 * A file's chunks (fileChunks), counted as read. A short file gets a buffer its size (and a byte
 * to see its end), not a megabyte: on a tree of 3,000 short sessions, a megabyte each was 70 ms of
 * page faults, and memory outside the heap that set off collections.
 */
function* syncChunks(path: string, size: number, progress: Progress): Generator<Buffer> {
  for (const chunk of fileChunks(path, Buffer.allocUnsafe(Math.min(CHUNK_BYTES, size + 1)), size)) {
    progress.add(chunk.length);
    yield chunk;
  }
}
