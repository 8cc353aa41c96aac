import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {renderCsv, renderMarkdownTable} from '../../src/output/table.js';
import {cli} from '../cli/in-process.js';
import {scratchDir} from '../scratch.js';

describe('safe output', () => {
  it.each(['=1+1', '+1', '-1+2', '@SUM(A1)', '\tcmd', '\rcmd', '=HYPERLINK("http://x","y")'])(
    'a CSV cell %j cannot run as a formula',
    (cell) => {
      const csv = renderCsv(['a'], [[cell]]);
      const value = csv.split('\r\n')[1] as string;
      expect(value.replace(/^"/, '')).toMatch(/^'/);
    },
  );

  it('plain numbers, negative ones too, stay numbers', () => {
    expect(renderCsv(['a', 'b'], [['-12.5', '3']])).toBe('a,b\r\n-12.5,3\r\n');
  });

  it('Markdown escapes pipes and newlines in cells', () => {
    expect(renderMarkdownTable([{header: 'Model'}], [['a|b\nc']])).toContain('a\\|b c');
  });

  it('a hostile model name in a price sheet comes out neutralised in CSV and Markdown', async () => {
    const dir = scratchDir('vc-safe-');
    const sheet = join(dir, 'evil.json');
    writeFileSync(
      sheet,
      JSON.stringify({
        '=HYPERLINK("http://evil","x")|y': {
          input_cost_per_token: 1e-6,
          output_cost_per_token: 2e-6,
          litellm_provider: 'openai',
          mode: 'chat',
        },
      }),
    );
    const csv = (await cli(['prices', 'list', '--prices', sheet, '--search', 'hyperlink', '--format', 'csv']))
      .stdout;
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")|y"`);
    const md = (
      await cli(['prices', 'list', '--prices', sheet, '--search', 'hyperlink', '--format', 'markdown'])
    ).stdout;
    expect(md).toContain('=HYPERLINK("http://evil","x")\\|y');
  });
});

describe('secrets', () => {
  const secret = 'sk-ant-api03-FAKEFAKEFAKE-0123456789';
  const env = {
    ANTHROPIC_API_KEY: secret,
    OPENAI_API_KEY: secret,
    GEMINI_API_KEY: secret,
    OPENROUTER_API_KEY: secret,
    DEEPSEEK_API_KEY: secret,
  };

  it('no command ever prints a key, in any format, and no saved file holds one', async () => {
    const dir = scratchDir('vc-secret-');
    const commands: string[][] = [];
    for (const format of ['table', 'json', 'csv', 'markdown']) {
      commands.push(
        ['simulate', '--format', format],
        ['recommend', '--format', format],
        ['breakeven', '--format', format],
        ['prices', 'list', '--format', format],
      );
      commands.push(['import', 'test/fixtures/usage/claude-projects', '--format', format]);
    }
    commands.push(
      ['simulate', '--runs', '20', '--format', 'json'],
      ['prices', 'show', 'gpt-5'],
      ['dashboard'],
      ['simulate', '--model', 'nope'],
      ['--help'],
    );
    commands.push([
      'import',
      'test/fixtures/usage/claude-projects',
      '--save-profile',
      join(dir, 'p.json'),
      '--rejects',
      join(dir, 'r.csv'),
    ]);
    for (const args of commands) {
      const r = await cli(args, env);
      expect(`${r.stdout}${r.stderr}`, args.join(' ')).not.toContain('FAKEFAKE');
    }
    expect(readFileSync(join(dir, 'p.json'), 'utf8')).not.toContain('FAKEFAKE');
    expect(readFileSync(join(dir, 'r.csv'), 'utf8')).not.toContain('FAKEFAKE');
  });
});
