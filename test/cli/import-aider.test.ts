import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {detectSource} from '../../src/io/usage/import.js';
import {accounts, AGENTS, byok, importJson, tokenTotals} from './agent-import.js';
import {scratchDir} from '../scratch.js';

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

  it('rejects a call that gives one count without the other: the missing one is not known, not zero', async () => {
    const dir = scratchDir('vc-aider-');
    const file = join(dir, 'analytics.jsonl');
    const call = (counts: string) =>
      `{"event": "message_send", "properties": {"main_model": "anthropic/claude-sonnet-4-5-20250929", ${counts}}, "user_id": "u", "time": 1773655600}`;
    writeFileSync(
      file,
      [
        call('"prompt_tokens": 1000, "completion_tokens": 10'),
        call('"completion_tokens": 20'),
        call('"prompt_tokens": 3000'),
      ].join('\n'),
    );
    const doc = await importJson([dir]);
    expect(doc.files.map(({file: _, ...account}) => account)).toEqual([
      {source: 'aider.analytics', read: 3, imported: 1, duplicates: 0, rejected: 2, skipped: 0},
    ]);
    expect(doc.rejected.map((r) => r.slice(r.indexOf('analytics.jsonl')))).toEqual([
      'analytics.jsonl:2: properties.prompt_tokens is empty',
      'analytics.jsonl:3: properties.completion_tokens is empty',
    ]);
    expect(tokenTotals(doc)).toMatchObject({input: 1000, output: 10});
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
