import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {detectSource} from '../../src/io/usage/import.js';
import {accounts, AGENTS, byok, importJson, tokenTotals} from './agent-import.js';

const DIR = `${AGENTS}/cursor`;

describe("vibe-cost import: Cursor's usage export", () => {
  it('takes the cache write from the two input columns, names Cursor models by the price book, and prices it by hand', async () => {
    const doc = await importJson([DIR]);
    expect(accounts(doc)).toEqual({
      // The layout without Kind and Max Mode.
      'cursor/usage-events-2025-06-older.csv': {
        source: 'cursor.usage',
        read: 1,
        imported: 1,
        duplicates: 0,
        rejected: 0,
        skipped: 0,
      },
      // A gpt-5 row written twice, an errored request with no usage, input w/o write > input w/ write.
      'cursor/usage-events-2026-03.csv': {
        source: 'cursor.usage',
        read: 6,
        imported: 3,
        duplicates: 1,
        rejected: 1,
        skipped: 1,
      },
    });
    expect(doc.rejected).toEqual([
      'cursor/usage-events-2026-03.csv:6: input_(w/o_cache_write) (1200) is larger than input_(w/_cache_write) (1000), which includes it',
    ]);
    expect(tokenTotals(doc)).toEqual({
      input: 10000,
      cacheRead: 50000,
      cacheWrite5m: 10000,
      cacheWrite1h: 0,
      output: 2900,
    });
    // claude-4.5-sonnet is claude-sonnet-4-5: 2000 in, 40000 read, 10000 written, 1500 out at
    // $3/$0.30/$3.75/$15 = $0.078; gpt-5 $0.013; gpt-4.1 ($2/$8) $0.012. "auto" names no model:
    // listed as unknown, and the total is a lower bound.
    expect(doc.models.map((m) => m.model).sort()).toEqual(['auto', 'claude-sonnet-4-5', 'gpt-4.1', 'gpt-5']);
    expect(byok(doc)).toBe('0.103');
    expect(doc.unknownModels).toEqual([expect.objectContaining({name: 'auto', records: 1})]);
    // Cursor's Cost where it is money ("Included" is none): $0.21 + $0.02 + $0.012.
    expect(doc.reported?.totalUsd).toBe('0.242');
  });

  it('is told by its header, not its name; a near miss names it as closest', () => {
    const csv = readFileSync(`${DIR}/usage-events-2026-03.csv`, 'utf8');
    expect(detectSource(csv)).toEqual({source: 'cursor.usage'});
    expect(detectSource(csv.replace('Cache Read', 'Cached'))).toEqual({
      source: null,
      closest: 'cursor.usage',
      missing: ['cache_read'],
    });
  });
});
