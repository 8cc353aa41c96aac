import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {detectSource} from '../../src/io/usage/import.js';
import {accounts, AGENTS, byok, importJson, tokenTotals} from './agent-import.js';
import {scratchDir} from '../scratch.js';

const THREAD = 'amp/threads/T-5f2a9c1e-0b7d-4e61-a3f2-8c9d0e1f2a3b.json';

describe('vibe-cost import: Amp threads', () => {
  it('reads the usage ledger once per event, takes cache counts from the answered message, credits as the bill', async () => {
    const doc = await importJson([`${AGENTS}/amp`]);
    // ev-01, ev-02 imported; ev-01 again (duplicate); ev-03 carries no tokens (skipped); ev-04's time is not one.
    expect(accounts(doc)).toEqual({
      [THREAD]: {source: 'amp.thread', read: 5, imported: 2, duplicates: 1, rejected: 1, skipped: 1},
    });
    expect(doc.rejected).toEqual([`${THREAD}:77: timestamp is not a date or time vibe-cost reads: "soon"`]);
    expect(tokenTotals(doc)).toEqual({
      input: 70,
      cacheRead: 24000,
      cacheWrite5m: 4000,
      cacheWrite1h: 0,
      output: 420,
    });
    // claude-sonnet-4-5 $3/$0.30/$3.75/$15 per MTok: $0.02256 + $0.00615, what the credits say too.
    expect(byok(doc)).toBe('0.02871');
    expect(doc.reported?.totalUsd).toBe('0.02871');
    expect(doc.unknownModels).toEqual([]);
  });

  it('counts a ledger event that is not an object as a rejected row, at the ledger, not as no row at all', async () => {
    const dir = scratchDir('vc-amp-');
    const text = readFileSync(`${AGENTS}/${THREAD}`, 'utf8').replace('"events": [', '"events": [42, ');
    writeFileSync(join(dir, 'T-1.json'), text);
    const doc = await importJson([dir]);
    expect(doc.files.map(({file: _, ...account}) => account)).toEqual([
      {source: 'amp.thread', read: 6, imported: 2, duplicates: 1, rejected: 2, skipped: 1},
    ]);
    expect(doc.rejected.map((r) => r.slice(r.indexOf('T-1.json')))[0]).toBe(
      'T-1.json:38: a ledger event is not an object',
    );
  });

  it('rejects an event with one token count and not the other, naming it, instead of pricing it as zero', async () => {
    const dir = scratchDir('vc-amp-');
    const text = readFileSync(`${AGENTS}/${THREAD}`, 'utf8').replace(
      '"tokens": {"input": 50, "output": 120}',
      '"tokens": {"input": 50}',
    );
    writeFileSync(join(dir, 'T-1.json'), text);
    const doc = await importJson([dir]);
    expect(doc.rejected.map((r) => r.slice(r.indexOf('T-1.json')))[0]).toBe(
      'T-1.json:50: tokens.output is missing beside the other count',
    );
  });

  it('is told by its head (the ledger may lie past the first 64 KiB); a near miss names it as closest', () => {
    const text = readFileSync(`${AGENTS}/${THREAD}`, 'utf8');
    expect(detectSource(text.slice(0, text.indexOf('"usageLedger"')))).toEqual({source: 'amp.thread'});
    expect(detectSource(text.replace('"T-5f2a', '"X-5f2a'))).toEqual({
      source: null,
      closest: 'amp.thread',
      missing: ['a thread id "T-…"'],
    });
  });
});
