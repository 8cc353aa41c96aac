import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {detectSource} from '../../src/io/usage/import.js';
import {accounts, AGENTS, byok, importJson, tokenTotals} from './agent-import.js';

const DIR = `${AGENTS}/gemini-cli`;
const CHATS = `${DIR}/tmp/4f1c9a/chats`;

describe('vibe-cost import: Gemini CLI chat recordings', () => {
  it('keeps the last copy of a re-emitted message, takes cached out of input once, and prices it by hand', async () => {
    const doc = await importJson([DIR]);
    expect(accounts(doc)).toEqual({
      'gemini-cli/tmp/4f1c9a/chats/session-2026-03-09T17-30-0a9d33c2.json': {
        source: 'gemini-cli.json',
        read: 1,
        imported: 1,
        duplicates: 0,
        rejected: 0,
        skipped: 0,
      },
      // g1 twice (one duplicate), g2, g3 (cached > input: rejected), g4 (no tokens: skipped), a cut-off line.
      'gemini-cli/tmp/4f1c9a/chats/session-2026-03-10T09-00-5e2b7d41.jsonl': {
        source: 'gemini-cli.jsonl',
        read: 6,
        imported: 2,
        duplicates: 1,
        rejected: 2,
        skipped: 1,
      },
    });
    expect(doc.rejected).toEqual([
      'gemini-cli/tmp/4f1c9a/chats/session-2026-03-10T09-00-5e2b7d41.jsonl:7: tokens.cached (600) is larger than tokens.input (500), which includes it',
      expect.stringMatching(/session-2026-03-10T09-00-5e2b7d41\.jsonl:10: not valid JSON/),
    ]);
    // input: (1000 − 0) + (3000 − 2000 + 10 tool) + (200 − 100); output: 50 + 20 thoughts + 100 + 30 + 10 thoughts.
    expect(tokenTotals(doc)).toEqual({
      input: 2110,
      cacheRead: 2100,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 210,
    });
    // gemini-2.5-pro $1.25/$0.125/$10 per MTok: 2010 in, 2000 cached, 170 out = $0.0044625;
    // gemini-2.5-flash $0.30/$0.03/$2.50: 100, 100, 40 = $0.000133.
    expect(byok(doc)).toBe('0.0045955');
    expect(doc.unknownModels).toEqual([]);
    expect(doc.reported).toBeNull();
  });

  it('is told by its content, not its name; a near miss names it as closest', () => {
    const jsonl = readFileSync(`${CHATS}/session-2026-03-10T09-00-5e2b7d41.jsonl`, 'utf8');
    expect(detectSource(jsonl)).toEqual({source: 'gemini-cli.jsonl'});
    expect(detectSource(readFileSync(`${CHATS}/session-2026-03-09T17-30-0a9d33c2.json`, 'utf8'))).toEqual({
      source: 'gemini-cli.json',
    });
    expect(detectSource(jsonl.replace('"projectHash"', '"project"'))).toEqual({
      source: null,
      closest: 'gemini-cli.jsonl',
      missing: ['projectHash'],
    });
  });
});
