import {join} from 'node:path';
import {expect} from 'vitest';
import type {UsageRecord} from '../../../src/core/history/usage-record.js';
import {importUsage, type ImportOptions, type ImportOutcome} from '../../../src/io/usage/import.js';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'usage');
export const fixture = (...parts: string[]) => join(FIXTURES, ...parts);

export interface Totals {
  input: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  output: number;
}

export function totals(records: readonly UsageRecord[]): Totals {
  const t = {input: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0};
  for (const r of records) {
    if (!r.tokens) continue;
    t.input += r.tokens.input;
    t.cacheRead += r.tokens.cacheRead;
    t.cacheWrite5m += r.tokens.cacheWrite5m;
    t.cacheWrite1h += r.tokens.cacheWrite1h;
    t.output += r.tokens.output;
  }
  return t;
}

/** Sums dollars exactly, as cents-free integers of 1e-12 dollars (enough for every fixture). */
export function usd(records: readonly UsageRecord[]): string {
  let pico = 0n;
  for (const r of records) {
    if (r.reportedUsd === undefined) continue;
    const [whole = '0', frac = ''] = r.reportedUsd.split('.');
    pico += BigInt(whole) * 10n ** 12n + BigInt((frac + '0'.repeat(12)).slice(0, 12));
  }
  const s = pico.toString().padStart(13, '0');
  return `${s.slice(0, -12)}.${s.slice(-12)}`.replace(/0+$/, '').replace(/\.$/, '');
}

/** Imports and checks the accounting invariant on every file, whatever the test is about. */
export async function collect(
  inputs: readonly string[],
  options: ImportOptions = {},
): Promise<{records: UsageRecord[]; outcome: ImportOutcome}> {
  const records: UsageRecord[] = [];
  const outcome = await importUsage(inputs, (r) => records.push(r), options);
  for (const a of outcome.accounts) {
    expect(a.read, `${a.file}: read = imported + duplicates + rejected + skipped`).toBe(
      a.imported + a.duplicates + a.rejected + a.skipped,
    );
  }
  for (const r of records) {
    if (!r.tokens) continue;
    for (const v of Object.values(r.tokens))
      expect(Number.isInteger(v) && v >= 0, `${r.file}:${r.line}`).toBe(true);
  }
  return {records, outcome};
}

export const account = (outcome: ImportOutcome, file: string) => {
  const found = outcome.accounts.find((a) => a.file.endsWith(file));
  if (!found) throw new Error(`no account for ${file}`);
  const {read, imported, duplicates, rejected, skipped} = found;
  return {source: found.source, read, imported, duplicates, rejected, skipped};
};
