import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {Script} from 'node:vm';
import {cacheDir} from './io/cache-dir.js';
import {ChecksumMemory} from './code-checksum.js';
import {COMMANDS, FORMATS} from './commands/names.js';

/**
 * Compiling the program is most of a start, and Node 20 keeps no compile cache for modules. The
 * build also writes the CLI as classic scripts, which V8 can cache: dist/main.cjs with every
 * command, and dist/main-NAME.cjs with one, for a start that names it (simulate's reads, loads and
 * evaluates 54% of the whole: 4.5 ms of 96). The first run saves the compiled code in the cache
 * folder, and later runs load it instead of compiling. Each installed copy (`dir`) keeps its own
 * files, so two installs used in turn do not rebuild each other's; a new build there (`hash`, of
 * the scripts' text: V8 checks only the length) or a new Node replaces them.
 *
 * A cache holds only the functions the runs that wrote it compiled: one written by `--version`
 * left `simulate` compiling most of itself at every start (124 ms instead of 105). So each command
 * keeps a file of its own (one holding every command's code is larger, and a start deserializes
 * all of it: simulate took 125 ms instead of 114 with a cache of ten kinds of run), and the file
 * names the kinds of run it covers (the output format, help); the first run of a kind it does not
 * cover writes it again, that run's functions added to those it loaded.
 */
export function runCompiledScript(dir: string, hash: string, ascii: boolean, run: RunKind): void {
  const file = join(dir, run.command ? `main-${run.command}.cjs` : 'main.cjs');
  const folder = join(cacheDir(), 'compiled');
  const install = `${pathKey(dir)}-`;
  const build = `${install}${hash}-${process.version}-${process.arch}-`;
  const cachePath = join(folder, `${build}${run.command || 'none'}.bin`);
  const source = openSync(file, 'r');
  const cache = openCache(cachePath);
  const sourceSize = fstatSync(source).size;
  // One buffer holds the script's bytes, then, once they are text, the cache's: memory a start
  // touches for the first time is most of what it costs on some machines (a virtual machine that
  // maps each page on first use: 13 µs a page, half a megabyte 1.7 ms), and the second read reuses it.
  const memory = new ChecksumMemory(Math.max(sourceSize, cache?.size ?? 0));
  const buffer = memory.buffer;
  // ASCII read as Latin-1 is the same text, without decoding UTF-8: 2 of half a megabyte's 6 ms.
  const text = buffer.toString(ascii ? 'latin1' : 'utf8', 0, readAll(source, buffer));
  // V8 checks a cache's length and version, not its bytes: a cache damaged on disk would run as
  // code and fail every start after it. One whose checksum differs is rewritten instead.
  const cached = cache && readCache(cache.fd, buffer, memory);
  // The build wrote it as a function of a module's five, as Node wraps a CommonJS file.
  const script = new Script(text, {filename: file, ...(cached ? {cachedData: cached.code} : {})});
  const covered = cached && !script.cachedDataRejected ? cached.runs : [];
  // Taken at exit, the cache also holds the functions this run compiled as it went.
  if (!covered.includes(run.kind))
    process.once('exit', () =>
      storeCache(script, [...covered, run.kind], folder, {install, build}, cachePath),
    );
  const module = {exports: {}};
  (script.runInThisContext() as (...args: unknown[]) => void)(
    module.exports,
    createRequire(file),
    module,
    file,
    dir,
  );
}

/** The cache file, open, and its size; undefined when there is none (another run may be replacing it). */
function openCache(path: string): {fd: number; size: number} | undefined {
  try {
    const fd = openSync(path, 'r');
    return {fd, size: fstatSync(fd).size};
  } catch {
    return undefined;
  }
}

/**
 * A cache file: a line with the checksum of V8's code and the kinds of run it covers, then the
 * code. The code is read into the start of `buffer`; undefined when the file cannot be read, is
 * not one, or its code is not what was written.
 */
function readCache(
  fd: number,
  buffer: Buffer,
  memory: ChecksumMemory,
): {runs: string[]; code: Buffer} | undefined {
  try {
    const size = readAll(fd, buffer);
    const end = buffer.indexOf(10);
    const head = end < 0 || end > size ? undefined : CACHE_LINE.exec(buffer.toString('latin1', 0, end));
    if (!head || memory.checksum(end + 1, size - end - 1) !== head[1]) return undefined;
    return {runs: (head[2] as string).split(' ').filter(Boolean), code: buffer.subarray(end + 1, size)};
  } catch {
    return undefined;
  }
}

const CACHE_LINE = /^vibe-cost compiled code ([0-9a-f]{16}) for:(.*)$/;

/** Reads a file into `buffer` until its end or the buffer's, closes it, and says how many bytes came. */
function readAll(fd: number, buffer: Buffer): number {
  let filled = 0;
  try {
    for (let n = 1; n > 0 && filled < buffer.length; filled += n)
      n = readSync(fd, buffer, filled, buffer.length - filled, null);
  } finally {
    closeSync(fd);
  }
  return filled;
}

/** A short name for an install's folder (FNV-1a): node:crypto would cost the start it saves. */
function pathKey(dir: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < dir.length; i++) hash = Math.imul(hash ^ dir.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function storeCache(
  script: Script,
  runs: string[],
  folder: string,
  names: {install: string; build: string},
  path: string,
): void {
  try {
    mkdirSync(folder, {recursive: true});
    // This install's caches of older builds go: each rebuild or Node upgrade would otherwise leave
    // half a megabyte a command.
    for (const name of readdirSync(folder))
      if (name.startsWith(names.install) && !name.startsWith(names.build))
        rmSync(join(folder, name), {force: true});
    const temp = `${path}.${process.pid}`;
    const code = script.createCachedData();
    const memory = new ChecksumMemory(code.length);
    code.copy(memory.buffer);
    const head = `vibe-cost compiled code ${memory.checksum(0, code.length)} for: ${runs.join(' ')}`;
    // The line is padded to a multiple of 8 bytes, so the code after it is aligned as V8 reads it
    // in place; unaligned, V8 would first copy it.
    const line = `${head.padEnd(Math.ceil((head.length + 1) / 8) * 8 - 1)}\n`;
    writeFileSync(temp, Buffer.concat([Buffer.from(line, 'latin1'), code]));
    renameSync(temp, path);
  } catch {
    // A cache that cannot be written (a read-only home) only costs the next start its compile.
  }
}

/** What a run does, for the caches: its command, and within it what else decides the code it runs. */
export interface RunKind {
  readonly command: string;
  readonly kind: string;
}

/**
 * A run's command and kind: its output format, help and version. Words it does not know name none
 * (a typo writes no cache of its own), as does a shell's completion, which may offer any command.
 */
export function runKind(args: readonly string[]): RunKind {
  const first = args.includes('--get-yargs-completions') ? undefined : args.find((a) => !a.startsWith('-'));
  const flag = args.findIndex((a) => a === '--format' || a.startsWith('--format='));
  const format = flag < 0 ? undefined : (args[flag]?.split('=')[1] ?? args[flag + 1]);
  const kind = [
    FORMATS.find((f) => f === format) ?? 'table',
    ...(args.some((a) => a === '--help' || a === '-h') ? ['help'] : []),
    ...(args.includes('--version') ? ['version'] : []),
  ];
  return {command: COMMANDS.find((c) => c === first) ?? '', kind: kind.join('+')};
}
