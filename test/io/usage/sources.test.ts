import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import yargs from 'yargs';
import {describe, expect, it} from 'vitest';
import {importCommand} from '../../../src/commands/import.js';
import {DataError} from '../../../src/errors.js';
import {detectSource, importUsage} from '../../../src/io/usage/import.js';
import {parseWhole} from '../../../src/io/usage/json.js';
import {SOURCES} from '../../../src/io/usage/sources/registry.js';
import {SOURCE_IDS} from '../../../src/io/usage/sources/source-ids.js';
import {FIXTURES} from './collect.js';
import {ENGINE_SOURCES} from '../../../src/io/usage/duckdb/engine-sources.js';

const ENGINE_ONLY = Object.keys(ENGINE_SOURCES).filter(
  (id) => !(SOURCE_IDS as readonly string[]).includes(id),
);

const README = readFileSync(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The import command's options as yargs holds them (getOptions is yargs API its types leave out). */
function importOptions(): {key: Record<string, unknown>; choices: Record<string, unknown>} {
  const argv = importCommand.builder(yargs([])) as unknown as {
    getOptions(): ReturnType<typeof importOptions>;
  };
  return argv.getOptions();
}

async function hintOf(run: () => Promise<unknown> | unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof DataError && error.hint) return error.hint;
    throw error;
  }
  throw new Error('expected a DataError');
}

describe('the source registry', () => {
  it('holds each id once, in the order of the id list --source offers, and every id is one of its choices', () => {
    expect(new Set(SOURCE_IDS).size).toBe(SOURCES.length);
    expect(SOURCES.map((s) => s.id)).toEqual(SOURCE_IDS);
    // Plus the sources only --engine duckdb reads (OTel spans in Parquet).
    expect(importOptions().choices['source']).toEqual([...SOURCE_IDS, ...ENGINE_ONLY]);
  });

  it('has, for every source, a fixture under test/fixtures/usage that is detected as it', () => {
    const detected = new Set(
      files(FIXTURES).map((path) => detectSource(readFileSync(path, 'utf8').slice(0, 64 * 1024)).source),
    );
    expect(SOURCE_IDS.filter((id) => !detected.has(id))).toEqual([]);
  });

  it('is listed in the README table of what import reads, every source', () => {
    const section = README.slice(
      README.indexOf('### `vibe-cost import'),
      README.indexOf('### `vibe-cost prices'),
    );
    const table = section.split('\n').filter((line) => line.startsWith('| `'));
    expect(SOURCE_IDS.filter((id) => !table.some((row) => row.includes(`\`${id}\``)))).toEqual([]);
  });

  it('tries sources in its order: near misses name the earlier one', () => {
    expect(detectSource('{"object": "list"}')).toEqual({
      source: null,
      closest: 'openai.api.cost',
      missing: ['object "organization.costs.result"'],
    });
    expect(detectSource('{"a": 1}\n{"b": 2}\n')).toMatchObject({source: null, closest: 'codex.rollout'});
    expect(detectSource('{"inputTokens": 1, "outputTokens": 2}')).toMatchObject({closest: 'ccusage.report'});
    expect(detectSource('a,b\n1,2\n')).toMatchObject({source: null, closest: 'anthropic.console.tokens'});
  });
});

describe('the hints an import failure gives', () => {
  const hints = async () => [
    await hintOf(() => importUsage(['-'], () => {}, {stdin: async () => '{"a": 1}'})),
    await hintOf(() => parseWhole('{"a": ', 'cut.json')),
  ];

  it('name only flags the import command accepts, and the one that forces a source takes the source ids', async () => {
    const {key, choices} = importOptions();
    const all = await hints();
    const named = all.flatMap((hint) => [...hint.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]!));
    expect(named.filter((flag) => key[flag] === undefined)).toEqual([]);
    const forcing = /force a source with --([a-z-]+)/.exec(all[0]!)?.[1];
    expect(forcing).toBeDefined();
    expect(choices[forcing!]).toEqual([...SOURCE_IDS, ...ENGINE_ONLY]);
  });

  it('name README sections by a heading that exists', async () => {
    const headings = README.split('\n')
      .filter((line) => line.startsWith('#'))
      .map((line) => line.replace(/^#+\s*/, '').replaceAll('`', ''));
    const sections = (await hints()).flatMap((hint) =>
      [...hint.matchAll(/"([^"]+)" in the README/g)].map((m) => m[1]!),
    );
    expect(sections.length).toBe(2);
    for (const section of sections) expect(headings.some((h) => h.startsWith(section))).toBe(true);
  });
});
