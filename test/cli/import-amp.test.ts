import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {detectSource} from '../../src/io/usage/import.js';
import {accounts, AGENTS, byok, importJson, tokenTotals} from './agent-import.js';

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
