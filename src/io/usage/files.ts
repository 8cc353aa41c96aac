import {createHash} from 'node:crypto';
import {createReadStream} from 'node:fs';
import {readdir, realpath, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {UsageError} from '../../errors.js';
import type {Input} from './input.js';

/** A folder yields the files an export or agent log can be; the content still decides the format. */
const LOG_FILE = /\.(jsonl|json|csv|tsv)$/i;

export interface Found extends Input {
  /** Found by walking a folder: empty files there are passed over instead of failing the import. */
  readonly walked: boolean;
  /** The canonical path, to notice one file named twice. */
  readonly real: string;
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, {withFileTypes: true});
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, out);
    else if (entry.isFile() && LOG_FILE.test(entry.name)) out.push(path);
  }
}

/** Code-point order, so `<session>.jsonl` comes before `<session>/subagents/…` and parents before forks. */
const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function expandInputs(inputs: readonly string[], stdin: (() => Promise<string>) | undefined): Promise<Found[]> {
  const found: Found[] = [];
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
      throw new UsageError(`${name}: no such file or folder`, 'give a usage export, an agent log, or a folder of them');
    }
    if (info.isDirectory()) {
      const paths: string[] = [];
      await walk(name, paths);
      paths.sort(byPath);
      for (const path of paths) {
        const s = await stat(path);
        found.push({name: path, path, size: s.size, walked: true, real: await realpath(path)});
      }
    } else {
      found.push({name, path: name, size: info.size, walked: false, real: await realpath(name)});
    }
  }
  return found;
}

async function contentHash(input: Input): Promise<string> {
  const hash = createHash('sha256');
  if (input.path === undefined) return hash.update(input.text ?? '').digest('hex');
  for await (const chunk of createReadStream(input.path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Notices inputs whose bytes were already imported. Only files of equal size and equal first
 * 64 KB are hashed whole, so a tree of distinct logs is never read twice.
 */
export class RepeatFinder {
  private readonly byReal = new Map<string, string>();
  private readonly bySize = new Map<string, {input: Input; hash?: string}[]>();

  async sameAs(input: Found, head: string): Promise<string | undefined> {
    const named = this.byReal.get(input.real);
    if (named !== undefined && input.real !== '-') return named;
    const key = `${input.size}:${createHash('sha256').update(head).digest('hex')}`;
    const peers = this.bySize.get(key) ?? [];
    let mine: string | undefined;
    for (const peer of peers) {
      peer.hash ??= await contentHash(peer.input);
      mine ??= await contentHash(input);
      if (peer.hash === mine) return peer.input.name;
    }
    peers.push(mine === undefined ? {input} : {input, hash: mine});
    this.bySize.set(key, peers);
    this.byReal.set(input.real, input.name);
    return undefined;
  }
}
