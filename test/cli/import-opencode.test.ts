import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {detectSource} from '../../src/io/usage/import.js';
import {accounts, AGENTS, byok, importJson, tokenTotals} from './agent-import.js';

const DIR = `${AGENTS}/opencode`;
const clean = {duplicates: 0, rejected: 0, skipped: 0};

describe('vibe-cost import: opencode messages (legacy storage and the database export)', () => {
  it('counts a message copied into a fork once, puts its cost beside the re-price, and prices it by hand', async () => {
    const doc = await importJson([DIR]);
    const o = 'opencode.message';
    expect(accounts(doc)).toEqual({
      // msg_20 and msg_01 imported; msg_21 is a user message (a row of the table, nothing to price).
      'opencode/opencode-db-export.json': {source: o, read: 3, imported: 2, ...clean, skipped: 1},
      'opencode/storage/message/ses_A/msg_01.json': {
        source: o,
        read: 1,
        imported: 0,
        ...clean,
        duplicates: 1,
      },
      'opencode/storage/message/ses_A/msg_02.json': {source: o, read: 0, imported: 0, ...clean},
      'opencode/storage/message/ses_A/msg_03.json': {source: o, read: 1, imported: 1, ...clean},
      'opencode/storage/message/ses_A/msg_04.json': {source: o, read: 1, imported: 0, ...clean, rejected: 1},
      'opencode/storage/message/ses_A/msg_05.json': {source: o, read: 1, imported: 0, ...clean, skipped: 1},
      // The fork's copy of msg_01.
      'opencode/storage/message/ses_B/msg_01.json': {
        source: o,
        read: 1,
        imported: 0,
        ...clean,
        duplicates: 1,
      },
    });
    expect(doc.rejected).toEqual([
      'opencode/storage/message/ses_A/msg_04.json:1: time.created is not a time in milliseconds: "yesterday"',
    ]);
    // msg_03's total (3500 = 1000 + 300 + 200 + 2000) says reasoning is apart from output: 300 + 200.
    expect(tokenTotals(doc)).toEqual({
      input: 1600,
      cacheRead: 7000,
      cacheWrite5m: 1000,
      cacheWrite1h: 0,
      output: 1300,
    });
    // claude-sonnet-4-5 $3/$15, cache read $0.30, write $3.75 per MTok: msg_01 $0.00855, msg_20 $0.0105;
    // gpt-5 $1.25/$10, cache read $0.125: msg_03 $0.0065.
    expect(byok(doc)).toBe('0.02555');
    // opencode's own amounts; msg_03's cost 0 (no price known to opencode) is no amount at all.
    expect(doc.reported?.totalUsd).toBe('0.01905');
    expect(doc.unknownModels).toEqual([]);
  });

  it('is told by its content, not its name; a near miss names it as closest', () => {
    const message = readFileSync(`${DIR}/storage/message/ses_A/msg_03.json`, 'utf8');
    expect(detectSource(message)).toEqual({source: 'opencode.message'});
    expect(detectSource(readFileSync(`${DIR}/opencode-db-export.json`, 'utf8'))).toEqual({
      source: 'opencode.message',
    });
    expect(detectSource(message.replace('"time"', '"when"'))).toEqual({
      source: null,
      closest: 'opencode.message',
      missing: ['time.created'],
    });
  });
});
