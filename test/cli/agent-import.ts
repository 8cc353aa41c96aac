import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {expect} from 'vitest';
import {cli} from './in-process.js';
import {scratchDir} from '../scratch.js';

export const AGENTS = 'test/fixtures/usage';

interface Tokens {
  input: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  output: number;
}

export interface Imported {
  files: {
    file: string;
    source: string;
    read: number;
    imported: number;
    duplicates: number;
    rejected: number;
    skipped: number;
  }[];
  models: {model: string; records: number; tokens: Tokens}[];
  unknownModels: {name: string; records: number}[];
  reported: {totalUsd: string} | null;
  strategies: {strategy: {id: string}; totalUsd: string}[];
}

/** Runs `vibe-cost import … --format json` in-process: the command a user runs, its JSON as they get it. */
export async function importJson(
  args: string[],
  env: Record<string, string> = {},
): Promise<Imported & {rejected: string[]}> {
  const rejects = join(scratchDir('vc-agent-'), 'rejects.csv');
  const r = await cli(['import', ...args, '--format', 'json', '--rejects', rejects], env);
  expect(r.code, r.stderr).toBe(0);
  // One line per rejected row, "file:line: reason", with the path from the fixtures folder on.
  const rejected = readFileSync(rejects, 'utf8')
    .split('\r\n')
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => {
      const [, file = '', line, reason = ''] = /^(.*?),(\d+),(.*)$/.exec(l) ?? [];
      return `${file.slice(file.indexOf(AGENTS) + AGENTS.length + 1)}:${line}: ${reason.replace(/^"|"$/g, '').replaceAll('""', '"')}`;
    });
  return {...(JSON.parse(r.stdout) as Imported), rejected};
}

/** The accounting of every file, by its path below the fixtures folder. */
export const accounts = (doc: Imported) =>
  Object.fromEntries(
    doc.files.map(({file, ...account}) => [file.slice(file.indexOf(AGENTS) + AGENTS.length + 1), account]),
  );

export function tokenTotals(doc: Imported): Tokens {
  const t = {input: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0};
  for (const m of doc.models) for (const k of Object.keys(t) as (keyof Tokens)[]) t[k] += m.tokens[k];
  return t;
}

export const byok = (doc: Imported) => doc.strategies.find((s) => s.strategy.id === 'all-byok')?.totalUsd;
