import {ESLint} from 'eslint';
import {describe, expect, it} from 'vitest';

// The layer rules of eslint.config.js, run on one-line files placed in each layer, most of them in a
// subfolder: a rule written for '../io/*' alone would let '../../io/usage/x.js' through.
const eslint = new ESLint({cwd: process.cwd()});

async function restricted(filePath: string, from: string, kind: 'import' | 'import type' = 'import') {
  const [result] = await eslint.lintText(`${kind} {x} from '${from}';\nexport const y: unknown = x;\n`, {
    filePath,
  });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const REFUSED: [string, string][] = [
  ['src/core/pricing/x.ts', '../../io/usage/files.js'],
  ['src/core/pricing/x.ts', '../../output/format.js'],
  ['src/core/pricing/x.ts', '../../ui/state.js'],
  ['src/core/pricing/x.ts', '../../commands/options.js'],
  ['src/core/pricing/x.ts', '../../main.js'],
  ['src/core/pricing/x.ts', '../../errors.js'],
  ['src/core/pricing/x.ts', 'node:fs'],
  ['src/core/pricing/x.ts', 'ink'],
  ['src/core/pricing/x.ts', 'yargs'],
  ['src/io/usage/x.ts', '../../ui/state.js'],
  ['src/io/usage/x.ts', '../../commands/options.js'],
  ['src/io/usage/x.ts', '../../cli.js'],
  ['src/io/usage/x.ts', 'ink'],
  ['src/io/usage/x.ts', 'react'],
  ['src/io/usage/x.ts', 'yargs'],
  ['src/output/tables/x.ts', '../../io/read-file.js'],
  ['src/output/tables/x.ts', '../../ui/state.js'],
  ['src/output/tables/x.ts', '../../commands/options.js'],
  ['src/output/tables/x.ts', 'node:fs'],
  ['src/output/tables/x.ts', 'ink'],
  ['src/output/tables/x.ts', 'yargs'],
  ['src/ui/components/x.tsx', '../../commands/options.js'],
  ['src/ui/components/x.tsx', '../../main.js'],
  ['src/ui/components/x.tsx', 'yargs'],
  ['src/commands/x.ts', '../main.js'],
];

const ALLOWED: [string, string][] = [
  ['src/core/pricing/x.ts', '../money.js'],
  ['src/core/pricing/x.ts', '../routing/router.js'],
  ['src/io/usage/x.ts', '../../core/pricing/price-book.js'],
  ['src/io/usage/x.ts', 'node:fs'],
  ['src/output/tables/x.ts', '../../core/money.js'],
  ['src/ui/components/x.tsx', '../../io/load-data.js'],
  ['src/ui/components/x.tsx', '../../output/format.js'],
  ['src/ui/components/x.tsx', 'ink'],
  ['src/commands/x.ts', '../ui/run-dashboard.js'],
];

describe('lint keeps the layers pointing one way, at any depth', () => {
  it.each(REFUSED)('%s may not import %s', async (file, from) => {
    expect(await restricted(file, from)).toHaveLength(1);
  });

  it.each(ALLOWED)('%s may import %s', async (file, from) => {
    expect(await restricted(file, from)).toEqual([]);
  });

  it('a type-only import counts too (the dashboard once took a type from commands/)', async () => {
    expect(
      await restricted('src/ui/run-dashboard.tsx', '../commands/options.js', 'import type'),
    ).toHaveLength(1);
  });

  it('core names no flag in its text; a comment may', async () => {
    const flags = async (code: string) => {
      const [result] = await eslint.lintText(code, {filePath: 'src/core/advice/x.ts'});
      return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax');
    };
    expect(await flags("export const a = 'needs a provider key (--no-key)';\n")).toHaveLength(1);
    expect(await flags('export const a = (n: number) => `blocked in ${n}% (--risk)`;\n')).toHaveLength(1);
    expect(await flags("// what --key-worth sets\nexport const a = 'key worth';\n")).toEqual([]);
  });
});
