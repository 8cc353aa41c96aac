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
import {setFlagsFromString} from 'node:v8';
import {Script} from 'node:vm';
import {cacheDir} from './io/cache-dir.js';

/**
 * Compiling the program is most of a start, and Node 20 keeps no compile cache for modules. The
 * build also writes the CLI as one classic script, dist/main.cjs, which V8 can cache: the first run
 * saves the compiled code in the cache folder, and later runs load it instead of compiling. Each
 * installed copy (`dir`) keeps its own file, so two installs used in turn do not rebuild each
 * other's; a new build there (`hash`, of the script's text: V8 checks only the length) or a new
 * Node replaces it.
 */
export function runCompiledScript(dir: string, hash: string, ascii: boolean): void {
  const file = join(dir, 'main.cjs');
  const folder = join(cacheDir(), 'compiled');
  const install = `${pathKey(dir)}-`;
  const cachePath = join(folder, `${install}${hash}-${process.version}-${process.arch}.bin`);
  // V8 checks a code cache's length and version, not its bytes, unless asked: a cache damaged on
  // disk would run as code and fail every start after it. With the checksum, it is rejected and rewritten.
  setFlagsFromString('--verify-snapshot-checksum');
  const source = openSync(file, 'r');
  const cache = openCache(cachePath);
  const sourceSize = fstatSync(source).size;
  // One buffer holds the script's bytes, then, once they are text, the cache's: memory a start
  // touches for the first time is most of what it costs on some machines (a virtual machine that
  // maps each page on first use: 13 µs a page, half a megabyte 1.7 ms), and the second read reuses it.
  const buffer = Buffer.allocUnsafeSlow(Math.max(sourceSize, cache?.size ?? 0));
  // ASCII read as Latin-1 is the same text, without decoding UTF-8: 2 of half a megabyte's 6 ms.
  const text = buffer.toString(ascii ? 'latin1' : 'utf8', 0, readAll(source, buffer));
  const cached = cache && readCache(cache.fd, buffer);
  // The build wrote it as a function of a module's five, as Node wraps a CommonJS file.
  const script = new Script(text, {filename: file, ...(cached ? {cachedData: cached} : {})});
  // Taken at exit, the cache also holds the functions this run compiled as it went.
  if (!cached || script.cachedDataRejected)
    process.once('exit', () => storeCache(script, folder, install, cachePath));
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

/** The cache's bytes at the start of `buffer`; undefined when it cannot be read whole. */
function readCache(fd: number, buffer: Buffer): Buffer | undefined {
  try {
    return buffer.subarray(0, readAll(fd, buffer));
  } catch {
    return undefined;
  }
}

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

function storeCache(script: Script, folder: string, install: string, path: string): void {
  try {
    mkdirSync(folder, {recursive: true});
    // This install's older caches go: each rebuild or Node upgrade would otherwise leave half a megabyte.
    for (const name of readdirSync(folder))
      if (name.startsWith(install)) rmSync(join(folder, name), {force: true});
    const temp = `${path}.${process.pid}`;
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, path);
  } catch {
    // A cache that cannot be written (a read-only home) only costs the next start its compile.
  }
}
