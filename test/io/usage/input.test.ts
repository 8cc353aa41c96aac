import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {lines, linesWith, Progress} from '../../../src/io/usage/input.js';
import {scratchDir} from '../../scratch.js';

async function all<T>(found: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of found) out.push(item);
  return out;
}

describe('linesWith', () => {
  it('finds the lines holding the marker with the numbers lines() gives them, across chunks, CRLF, a BOM and no last newline', async () => {
    const long = `{"usage":${'9'.repeat(3 << 20)}}`;
    const text = [
      '\uFEFF{"usage":1}',
      'prompt',
      long,
      '',
      'tool "usage" é\r',
      'prompt ü',
      'x'.repeat(1 << 20),
      'last "usage"',
    ].join('\n');
    const path = join(scratchDir('vibe-input-'), 'log.jsonl');
    writeFileSync(path, text);
    const input = {name: path, path, size: text.length};
    const expected = (await all(lines(input, new Progress(undefined, undefined))))
      .flat()
      .filter(([line]) => line.includes('"usage"'));
    const found = (await all(linesWith(input, new Progress(undefined, undefined), '"usage"'))).flat();
    expect(found.map(([, n]) => n)).toEqual([1, 3, 5, 8]);
    expect(found).toEqual(expected);
    expect(found[0]![0]).toBe('{"usage":1}');
    expect(found[2]![0]).toBe('tool "usage" é');
  });
});
