import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {detectSource} from '../../src/io/usage/import.js';
import {accounts, AGENTS, byok, importJson, tokenTotals} from './agent-import.js';

const FILE = `${AGENTS}/aider/analytics.jsonl`;

describe("vibe-cost import: Aider's analytics log", () => {
  it('reads message_send events, sums each call cost (not the running total), and prices them by hand', async () => {
    const doc = await importJson([FILE]);
    // Six message_send events: three imported, one line written twice
    // (duplicate), a fractional count (rejected), one with no counts (skipped). Other events are not rows.
    expect(accounts(doc)).toEqual({
      'aider/analytics.jsonl': {
        source: 'aider.analytics',
        read: 6,
        imported: 3,
        duplicates: 1,
        rejected: 1,
        skipped: 1,
      },
    });
    expect(doc.rejected).toEqual([
      'aider/analytics.jsonl:8: properties.prompt_tokens is not a whole number of tokens ≥ 0: 1.5',
    ]);
    expect(tokenTotals(doc)).toEqual({
      input: 21000,
      cacheRead: 0,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 1100,
    });
    // claude-sonnet-4-5 $3/$15 per MTok: 20000 in, 1000 out = $0.075; the redacted model is unknown.
    expect(byok(doc)).toBe('0.075');
    expect(doc.unknownModels).toEqual([expect.objectContaining({name: 'openrouter/REDACTED', records: 1})]);
    // cost 0.033 + 0.042, never total_cost (0.033 + 0.075 + …).
    expect(doc.reported?.totalUsd).toBe('0.075');
  });

  it('is told by its content, not its name; a near miss names it as closest', () => {
    const text = readFileSync(FILE, 'utf8');
    expect(detectSource(text)).toEqual({source: 'aider.analytics'});
    expect(detectSource(text.replaceAll('"user_id"', '"uid"'))).toEqual({
      source: null,
      closest: 'aider.analytics',
      missing: ['user_id'],
    });
  });
});
