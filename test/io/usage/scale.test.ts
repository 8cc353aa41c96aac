import {readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {writeClaudeTree, writeGenericCsv} from '../../../bench/import-gen.js';
import {DataError} from '../../../src/errors.js';
import {importUsage} from '../../../src/io/usage/import.js';
import {MAX_KEPT_REJECTS, RejectLog} from '../../../src/io/usage/sink.js';
import {collect, totals, type Totals} from './collect.js';
import {scratchDir} from '../../scratch.js';

describe('benchmark generators', () => {
  it('writeClaudeTree: the import finds exactly the requests, copies and output it wrote', async () => {
    const dir = scratchDir('vibe-usage-');
    const wrote = writeClaudeTree(dir, 3000, 0.5);
    expect(wrote).toMatchObject({requests: 2000, duplicates: 1000, files: 1});
    // About 2.4 KB a line, as the tree of real sessions (4.3 GB for 1.8 M lines): 3000 usage lines, 2000 user lines.
    const perLine = wrote.bytes / (3000 + 2000);
    expect(perLine).toBeGreaterThan(2000);
    expect(perLine).toBeLessThan(2800);
    // Short lines dense with small strings and long ones, in each of the shapes a session mixes.
    const usage = readdirSync(dir).flatMap((project) =>
      readdirSync(join(dir, project)).flatMap((session) =>
        readFileSync(join(dir, project, session), 'utf8')
          .split('\n')
          .filter((l) => l.includes('"usage"')),
      ),
    );
    expect(usage.some((l) => l.length < 2048) && usage.some((l) => l.length >= 2048)).toBe(true);
    for (const shape of ['"type":"text"', '"type":"tool_use"', '"type":"thinking"'])
      expect(usage.some((l) => l.includes(shape))).toBe(true);
    let output = 0;
    const {outcome} = await collect([dir]);
    await importUsage([dir], (r) => (output += r.tokens?.output ?? 0));
    expect(outcome.accounts.reduce((n, a) => n + a.imported, 0)).toBe(2000);
    expect(outcome.accounts.reduce((n, a) => n + a.duplicates, 0)).toBe(1000);
    expect(output).toBe(wrote.output);
    rmSync(dir, {recursive: true});
  });

  it("writeClaudeTree: each model's tokens of every kind are those of a plain sum over the last copy of each response", async () => {
    const dir = scratchDir('vibe-usage-');
    writeClaudeTree(dir, 3000, 0.2);
    const plain = new Map<string, Totals>();
    for (const project of readdirSync(dir))
      for (const session of readdirSync(join(dir, project))) {
        // The generator writes a response's fuller copy last: a later copy simply replaces an earlier one.
        const last = new Map<
          string,
          {model: string; usage: Record<string, number> & {cache_creation: Record<string, number>}}
        >();
        for (const text of readFileSync(join(dir, project, session), 'utf8').split('\n')) {
          if (text === '') continue;
          const line = JSON.parse(text);
          if (line.type === 'assistant') last.set(`${line.message.id} ${line.requestId}`, line.message);
        }
        for (const {model, usage} of last.values()) {
          const t = plain.get(model) ?? {input: 0, cacheRead: 0, cacheWrite5m: 0, cacheWrite1h: 0, output: 0};
          t.input += usage['input_tokens']!;
          t.cacheRead += usage['cache_read_input_tokens']!;
          t.cacheWrite5m += usage.cache_creation['ephemeral_5m_input_tokens']!;
          t.cacheWrite1h += usage.cache_creation['ephemeral_1h_input_tokens']!;
          t.output += usage['output_tokens']!;
          plain.set(model, t);
        }
      }
    const {records} = await collect([dir]);
    const models = [...new Set(records.map((r) => r.modelRaw))].sort();
    expect(models).toEqual([...plain.keys()].sort());
    expect(models.length).toBeGreaterThan(3);
    for (const model of models)
      expect(totals(records.filter((r) => r.modelRaw === model))).toEqual(plain.get(model));
    rmSync(dir, {recursive: true});
  });

  it('writeGenericCsv: every row imports', async () => {
    const path = join(scratchDir('vibe-usage-'), 'rows.csv');
    const wrote = writeGenericCsv(path, 5000);
    const {records} = await collect([path]);
    expect(records).toHaveLength(5000);
    expect(records.reduce((n, r) => n + (r.tokens?.input ?? 0), 0)).toBe(wrote.input);
  });
});

describe('rejects', () => {
  it('keeps the first 100,000 and counts the rest in a last line', () => {
    const log = new RejectLog(false);
    for (let i = 0; i < MAX_KEPT_REJECTS + 3; i++) log.add({file: 'f.csv', line: i + 2, reason: 'bad'});
    const list = log.list();
    expect(list).toHaveLength(MAX_KEPT_REJECTS + 1);
    expect(list.at(-1)?.reason).toBe('3 more rejected rows not listed (kept the first 100000)');
  });

  it('an unclosed quote is one DataError at file:line', async () => {
    const path = join(scratchDir('vibe-usage-'), 'cut.csv');
    writeFileSync(path, 'timestamp,model,input_tokens,output_tokens\n2026-01-01T00:00:00Z,"m,1,2\n');
    await expect(importUsage([path], () => {})).rejects.toThrow(
      new DataError(
        `${path}:2: not readable as delimited text (Quote Not Closed: the parsing is finished with an opening quote at line 2)`,
      ),
    );
  });
});
