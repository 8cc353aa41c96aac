import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {detectSource} from '../../src/io/usage/import.js';
import {accounts, AGENTS, byok, importJson, tokenTotals} from './agent-import.js';

const DIR = `${AGENTS}/cline/globalStorage`;
const CLINE = 'cline/globalStorage/saoudrizwan.claude-dev/tasks/1773500000000';
const ROO = 'cline/globalStorage/rooveterinaryinc.roo-cline/tasks/0c6f3b2e-roo';

describe('vibe-cost import: Cline and Roo Code task logs', () => {
  it("reads each api_req_started once, takes the model from the task's conversation, and prices it by hand", async () => {
    const doc = await importJson([DIR]);
    const clean = {duplicates: 0, rejected: 0, skipped: 0};
    expect(accounts(doc)).toEqual({
      [`${ROO}/ui_messages.json`]: {source: 'cline.ui-messages', read: 1, imported: 1, ...clean},
      // Two requests; one written twice (duplicate); one cancelled before usage (skipped); a negative count.
      [`${CLINE}/ui_messages.json`]: {
        source: 'cline.ui-messages',
        read: 5,
        imported: 2,
        duplicates: 1,
        rejected: 1,
        skipped: 1,
      },
    });
    expect(doc.rejected).toEqual([
      `${CLINE}/ui_messages.json:7: tokensIn is not a whole number of tokens ≥ 0: -5`,
    ]);
    expect(tokenTotals(doc)).toEqual({
      input: 1042,
      cacheRead: 9000,
      cacheWrite5m: 9500,
      cacheWrite1h: 0,
      output: 770,
    });
    // Cline's conversation names claude-sonnet-4-5-20250929 ($3/$0.30/$3.75/$15 per MTok):
    // 12 in, 9000 written, 420 out = $0.040086; 30 in, 9000 read, 500 written, 250 out = $0.008415.
    // Roo Code names no model: its request is listed as unknown and the total is a lower bound.
    expect(byok(doc)).toBe('0.048501');
    expect(doc.unknownModels).toEqual([expect.objectContaining({records: 1, reportedUsd: '0.0045'})]);
    // The extensions' own cost figures, Roo's included.
    expect(doc.reported?.totalUsd).toBe('0.053001');
  });

  it('is told by its content, not its name; a near miss names it as closest', () => {
    const text = readFileSync(`${AGENTS}/${CLINE}/ui_messages.json`, 'utf8');
    expect(detectSource(text)).toEqual({source: 'cline.ui-messages'});
    expect(detectSource(text.replaceAll('"ts"', '"time"'))).toEqual({
      source: null,
      closest: 'cline.ui-messages',
      missing: ['ts'],
    });
  });
});
