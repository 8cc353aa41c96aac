import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import type {UsageRecord} from '../../../src/core/history/usage-record.js';
import {UserError} from '../../../src/errors.js';
import {asUserError} from '../../../src/commands/refusals.js';
import {importUsage} from '../../../src/io/usage/import.js';
import type {SourceId} from '../../../src/io/usage/sources/source-ids.js';
import {fixture} from './collect.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 300);

/** Each agent's fixture, and the source that reads it. */
const AGENTS: readonly (readonly [string, SourceId])[] = [
  ['gemini-cli/tmp/4f1c9a/chats/session-2026-03-10T09-00-5e2b7d41.jsonl', 'gemini-cli.jsonl'],
  ['gemini-cli/tmp/4f1c9a/chats/session-2026-03-09T17-30-0a9d33c2.json', 'gemini-cli.json'],
  ['opencode/opencode-db-export.json', 'opencode.message'],
  ['opencode/storage/message/ses_A/msg_03.json', 'opencode.message'],
  ['copilot-cli/otel/copilot-otel-2026-03-13.jsonl', 'copilot.otel'],
  ['qwen-code/projects/-home-dev-app/chats/6c1e2f0a-qwen-session.jsonl', 'qwen-code.jsonl'],
  ['cline/globalStorage/saoudrizwan.claude-dev/tasks/1773500000000/ui_messages.json', 'cline.ui-messages'],
  ['amp/threads/T-5f2a9c1e-0b7d-4e61-a3f2-8c9d0e1f2a3b.json', 'amp.thread'],
  ['goose/goose-sessions-export.json', 'goose.sessions'],
  ['aider/analytics.jsonl', 'aider.analytics'],
];

/** Every path to a value inside a parsed document. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))].filter((p) => p.length > 0);
}

function replaced(root: unknown, path: (string | number)[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}

const anything = fc.oneof(
  fc.jsonValue({maxDepth: 2}),
  fc.constantFrom(-1, 1.5, 1e300, '12', '', null, 'NaN', '2026-02-30T25:00:00Z', '{"tokensIn":'),
);

/** One field of the fixture (of one line, for JSON lines) replaced by anything; sometimes cut short too. */
function mutants(text: string): fc.Arbitrary<string> {
  const jsonl =
    !text.trimStart().startsWith('[') &&
    text.trim().split('\n').length > 1 &&
    !text.trimStart().startsWith('{\n');
  if (!jsonl) {
    const root: unknown = JSON.parse(text);
    return fc
      .tuple(fc.constantFrom(...paths(root)), anything, fc.nat({max: 20}))
      .map(([path, value, cut]) => {
        const out = JSON.stringify(replaced(root, path, value), null, 1);
        return cut === 0 ? out.slice(0, out.length - 9) : out;
      });
  }
  const lines = text.trim().split('\n');
  return fc.nat({max: lines.length - 1}).chain((i) => {
    let root: unknown;
    try {
      root = JSON.parse(lines[i]!);
    } catch {
      return fc.constant(text);
    }
    return fc
      .tuple(fc.constantFrom(...paths(root)), anything)
      .map(([path, value]) =>
        [...lines.slice(0, i), JSON.stringify(replaced(root, path, value)), ...lines.slice(i + 1)].join('\n'),
      );
  });
}

async function importText(text: string, format?: SourceId): Promise<void> {
  const records: UsageRecord[] = [];
  try {
    const outcome = await importUsage(['-'], (r) => records.push(r), {
      stdin: async () => text,
      ...(format ? {format} : {}),
    });
    for (const a of outcome.accounts) expect(a.read).toBe(a.imported + a.duplicates + a.rejected + a.skipped);
    for (const r of records) {
      for (const n of Object.values(r.tokens ?? {})) expect(Number.isSafeInteger(n) && n >= 0).toBe(true);
      expect(Number.isNaN(Date.parse(r.start))).toBe(false);
    }
  } catch (error) {
    const said = asUserError(error);
    if (!(said instanceof UserError)) throw error;
    expect(said.message).not.toMatch(/\n/);
  }
}

describe(`fuzzing the agent importers (${RUNS} mutants of each fixture)`, () => {
  for (const [file, source] of AGENTS) {
    it(`${source}: ${file.split('/').at(-1)}, detected and forced`, async () => {
      const text = readFileSync(fixture(file), 'utf8');
      await fc.assert(
        fc.asyncProperty(mutants(text), fc.boolean(), (mutant, forced) =>
          importText(mutant, forced ? source : undefined),
        ),
        {numRuns: RUNS},
      );
    });
  }
});
