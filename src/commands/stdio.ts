import {fstatSync, statSync, writeSync} from 'node:fs';

/**
 * Standard output and error, without building process.stdout or process.stderr where they are not
 * terminals. Node builds each stream on first use, loading its stream modules; a start that prints
 * one table needs none of them. A file, pipe, socket or /dev/null is written to directly and
 * synchronously, as Node writes files and pipes on Linux anyway; a terminal, or anything else,
 * gets the stream.
 */
const direct: {1?: boolean; 2?: boolean} = {};
const streamed = {out: false, err: false};

function writesDirectly(fd: 1 | 2): boolean {
  if (direct[fd] === undefined) {
    try {
      const stat = fstatSync(fd);
      direct[fd] =
        stat.isFile() ||
        stat.isFIFO() ||
        stat.isSocket() ||
        (stat.isCharacterDevice() && stat.rdev === statSync('/dev/null').rdev);
    } catch {
      direct[fd] = false;
    }
  }
  return direct[fd];
}

function stdout(): NodeJS.WriteStream {
  if (!streamed.out) {
    streamed.out = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      endOnClosedPipe();
    });
  }
  return process.stdout;
}

function stderr(): NodeJS.WriteStream {
  streamed.err = true;
  return process.stderr;
}

/**
 * A reader that stops early (`| head`) closes the pipe under the output still being written: end
 * quietly, as other Unix tools do when SIGPIPE ends them (128 + 13), not with a stack trace.
 */
function endOnClosedPipe(): never {
  process.exit(141);
}

/** All of `text` to fd 1 or 2; where the descriptor would block (a non-blocking pipe), the rest goes through the stream. */
function writeAll(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text);
  let done = 0;
  try {
    while (done < bytes.length) done += writeSync(fd, bytes, done);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') endOnClosedPipe();
    if (code !== 'EAGAIN') throw error;
    direct[fd] = false;
    (fd === 1 ? stdout() : stderr()).write(bytes.subarray(done));
  }
}

/**
 * Output through process.stdout and process.stderr only (on), or as the descriptors allow again
 * (off): for a caller that replaces the streams' write, as the tests running the CLI in process do.
 */
export function throughStreams(on: boolean): void {
  for (const fd of [1, 2] as const) {
    if (on) direct[fd] = false;
    else delete direct[fd];
  }
}

export function writeOut(text: string): void {
  if (writesDirectly(1)) writeAll(1, text);
  else stdout().write(text);
}

export function writeErr(text: string): void {
  if (writesDirectly(2)) writeAll(2, text);
  else stderr().write(text);
}

export function stdoutIsTerminal(): boolean {
  return !writesDirectly(1) && Boolean(stdout().isTTY);
}

export function stderrIsTerminal(): boolean {
  return !writesDirectly(2) && Boolean(stderr().isTTY);
}

/** The terminal's width, when standard output is one. */
export function stdoutColumns(): number | undefined {
  return stdoutIsTerminal() ? stdout().columns : undefined;
}

/** Output a stream still holds (pipes on some systems are asynchronous); direct writes hold none. */
export function outputPending(): boolean {
  return (
    (streamed.out && process.stdout.writableLength > 0) || (streamed.err && process.stderr.writableLength > 0)
  );
}
