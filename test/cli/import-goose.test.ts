import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {scratchDir} from '../scratch.js';
import {describe, expect, it} from 'vitest';
import {detectSource} from '../../src/io/usage/import.js';
import {accounts, AGENTS, byok, importJson, tokenTotals} from './agent-import.js';

const FILE = `${AGENTS}/goose/goose-sessions-export.json`;

describe('vibe-cost import: Goose sessions (the sqlite3 -json export of sessions.db)', () => {
  it('imports each session once as an aggregate with no cache split, priced by hand and flagged not exact', async () => {
    const doc = await importJson([FILE]);
    // Sessions 1 and 3; session 2 never called a model (skipped); session 1 again (duplicate); a bad count.
    expect(accounts(doc)).toEqual({
      'goose/goose-sessions-export.json': {
        source: 'goose.sessions',
        read: 5,
        imported: 2,
        duplicates: 1,
        rejected: 1,
        skipped: 1,
      },
    });
    expect(doc.rejected).toEqual([
      'goose/goose-sessions-export.json:5: accumulated_input_tokens is not a whole number of tokens ≥ 0: "lots"',
    ]);
    expect(tokenTotals(doc)).toEqual({
      input: 160000,
      cacheRead: 0,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      output: 7000,
    });
    // gpt-5 $1.25/$10 per MTok: $0.20; claude-sonnet-4-5 $3/$15: $0.15. Goose keeps no cache split:
    // the figure is flagged as not exact.
    expect(byok(doc)).toBe('0.35');
    const all = doc.strategies.find((s) => s.strategy.id === 'all-byok') as unknown as {complete: boolean};
    expect(all.complete).toBe(false);
    expect(
      (doc as unknown as {lowerBound: {noCacheSplitRecords: number}}).lowerBound.noCacheSplitRecords,
    ).toBe(2);
  });

  it('a session that is not an object, or has one total without the other, is rejected, never priced as zero', async () => {
    const file = join(scratchDir('goose-'), 'sessions.json');
    const session = JSON.parse(readFileSync(FILE, 'utf8'))[0];
    const {accumulated_output_tokens: _gone, output_tokens: _also, ...inputOnly} = session;
    writeFileSync(file, JSON.stringify([session, 42, {...inputOnly, id: 'other'}], null, 1));
    const doc = await importJson([file]);
    expect(Object.values(accounts(doc))[0]).toMatchObject({read: 3, imported: 1, rejected: 2});
    expect(doc.rejected.map((r) => r.replace(/^.*sessions\.json:/, ''))).toEqual([
      '1: a session is not an object',
      expect.stringMatching(/^\d+: accumulated_output_tokens is missing beside the other total$/),
    ]);
  });

  it('is told by its content, not its name; a near miss names it as closest', () => {
    const text = readFileSync(FILE, 'utf8');
    expect(detectSource(text)).toEqual({source: 'goose.sessions'});
    expect(detectSource(text.replaceAll('"working_dir"', '"cwd"'))).toEqual({
      source: null,
      closest: 'goose.sessions',
      missing: ['working_dir'],
    });
  });
});
