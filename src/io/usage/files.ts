import type {Hash} from 'node:crypto';
import {createReadStream, readdirSync, statSync} from 'node:fs';
import {realpath, stat} from 'node:fs/promises';
import {join, relative} from 'node:path';
import {DataError, UsageError} from '../../errors.js';
import {readHead, type Input} from './input.js';

export interface Found extends Input {
  /** Found by walking a folder: a file there that is no usage file is passed over instead of failing the import. */
  readonly walked: boolean;
  /** The canonical path, to notice one file named twice. */
  readonly real: string;
}

/** Every entry of a folder is read or passed over with its reason: the content, never the name, says what a file is. */
function walk(dir: string, out: string[], passedOver: {file: string; reason: string}[]): void {
  // Synchronous, as the stats and starts after it: awaited folder by folder, a tree of 250 project
  // folders took 60 ms to list against 20 ms.
  const entries = readdirSync(dir, {withFileTypes: true});
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.name.startsWith('.'))
      passedOver.push({file: path, reason: 'hidden (its name starts with a dot)'});
    else if (entry.isDirectory()) walk(path, out, passedOver);
    else if (entry.isFile()) out.push(path);
    else passedOver.push({file: path, reason: 'not a regular file'});
  }
}

/** Code-point order, so `<session>.jsonl` comes before `<session>/subagents/…` and parents before forks. */
const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function expandInputs(
  inputs: readonly string[],
  stdin: (() => Promise<string>) | undefined,
): Promise<{found: Found[]; passedOver: {file: string; reason: string}[]}> {
  const found: Found[] = [];
  const passedOver: {file: string; reason: string}[] = [];
  for (const name of inputs) {
    if (name === '-') {
      if (!stdin) throw new UsageError("'-' reads usage from standard input, but none was given");
      const text = await stdin();
      found.push({name: '-', text, size: Buffer.byteLength(text), walked: false, real: '-'});
      continue;
    }
    let info;
    try {
      info = await stat(name);
    } catch {
      throw new UsageError(
        `${name}: no such file or folder`,
        'give a usage export, an agent log, or a folder of them',
      );
    }
    if (info.isDirectory()) {
      const paths: string[] = [];
      walk(name, paths, passedOver);
      paths.sort(byPath);
      if (paths.length === 0)
        throw new DataError(
          `${name}: no files in this folder${passedOver.length ? ` (only ${passedOver.map((p) => p.file).join(', ')})` : ''}`,
          'give the folder your exports or agent logs are in',
        );
      // The walk follows no link, so a file's canonical path is the folder's and the rest of its own.
      const root = await realpath(name);
      // Synchronous, as readHead is: awaited one by one, a stat costs 60 microseconds a file.
      for (const path of paths)
        found.push({
          name: path,
          path,
          size: statSync(path).size,
          walked: true,
          real: join(root, relative(name, path)),
        });
    } else {
      found.push({name, path: name, size: info.size, walked: false, real: await realpath(name)});
    }
  }
  return {found, passedOver};
}

/**
 * node:crypto, loaded the first time two inputs have one size (loaded with the importer, it cost
 * every import 6 ms, and most never compare two files), then kept: in the cached script each
 * import() of it copies the module's every export anew.
 */
let cryptoModule: Promise<typeof import('node:crypto')> | undefined;

async function sha256(): Promise<Hash> {
  const {createHash} = await (cryptoModule ??= import('node:crypto'));
  return createHash('sha256');
}

async function contentHash(input: Input): Promise<string> {
  const hash = await sha256();
  if (input.path === undefined) return hash.update(input.text ?? '').digest('hex');
  for await (const chunk of createReadStream(input.path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

interface Seen {
  readonly input: Input;
  /** Of its first 64 KB, then of all of it: each taken only when a file of its size comes. */
  head?: string;
  whole?: string;
}

const headHash = async (input: Input) => (await sha256()).update(readHead(input)).digest('hex');

/**
 * Notices inputs whose bytes were already imported. Only files of equal size have their starts
 * compared, and only those with equal first 64 KB are hashed whole, so a tree of distinct logs is
 * never read twice.
 */
export class RepeatFinder {
  private readonly byReal = new Map<string, string>();
  private readonly bySize = new Map<number, Seen[]>();

  async sameAs(input: Found): Promise<string | undefined> {
    const named = this.byReal.get(input.real);
    if (named !== undefined && input.real !== '-') return named;
    const peers = this.bySize.get(input.size) ?? [];
    const mine: Seen = {input};
    for (const peer of peers) {
      peer.head ??= await headHash(peer.input);
      mine.head ??= await headHash(input);
      if (peer.head !== mine.head) continue;
      peer.whole ??= await contentHash(peer.input);
      mine.whole ??= await contentHash(input);
      if (peer.whole === mine.whole) return peer.input.name;
    }
    peers.push(mine);
    this.bySize.set(input.size, peers);
    this.byReal.set(input.real, input.name);
    return undefined;
  }
}
