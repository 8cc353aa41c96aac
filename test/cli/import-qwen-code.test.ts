import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {detectSource} from '../../src/io/usage/import.js';
import {accounts, AGENTS, byok, importJson, tokenTotals} from './agent-import.js';

const FILE = `${AGENTS}/qwen-code/projects/-home-dev-app/chats/6c1e2f0a-qwen-session.jsonl`;

describe('vibe-cost import: Qwen Code chat recordings', () => {
  it('reads the assistant records once per uuid, takes cached out of the prompt once, and prices them by hand', async () => {
    const doc = await importJson([`${AGENTS}/qwen-code`]);
    // q-a1, q-a2 imported; q-a1 again (duplicate); q-a3 without usage (skipped); q-a4 cached >
    // prompt and a cut-off line (rejected). The telemetry record restating q-a1 is not a row.
    expect(accounts(doc)).toEqual({
      'qwen-code/projects/-home-dev-app/chats/6c1e2f0a-qwen-session.jsonl': {
        source: 'qwen-code.jsonl',
        read: 6,
        imported: 2,
        duplicates: 1,
        rejected: 2,
        skipped: 1,
      },
    });
    expect(doc.rejected).toEqual([
      'qwen-code/projects/-home-dev-app/chats/6c1e2f0a-qwen-session.jsonl:7: usageMetadata.cachedContentTokenCount (400) is larger than usageMetadata.promptTokenCount (100), which includes it',
      expect.stringMatching(/6c1e2f0a-qwen-session\.jsonl:8: not valid JSON/),
    ]);
    // q-a2's total (16200 = 15000 + 1200) says its 300 thoughts are inside the 1200 candidates.
    expect(tokenTotals(doc)).toEqual({
      input: 5000,
      cacheRead: 22000,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 2000,
    });
    // qwen3-coder-plus below 32k tokens, $1/$0.10/$5 per MTok: $0.007 + $0.0102.
    expect(byok(doc)).toBe('0.0172');
    expect(doc.unknownModels).toEqual([]);
  });

  it('is told by its content, not its name, before Claude Code whose fields it shares; a near miss names it', () => {
    const text = readFileSync(FILE, 'utf8');
    expect(detectSource(text)).toEqual({source: 'qwen-code.jsonl'});
    const head = text.split('\n').slice(0, 2).join('\n').replaceAll('"sessionId"', '"session"') + '\n';
    expect(detectSource(head)).toEqual({source: null, closest: 'qwen-code.jsonl', missing: ['sessionId']});
  });
});
