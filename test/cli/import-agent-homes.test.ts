import {cpSync, mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {cli} from './in-process.js';
import {scratchDir} from '../scratch.js';

const F = 'test/fixtures/usage';

/** A home where every agent left its history in its default place (Cline under VS Code's config). */
function fakeHome(): string {
  const home = scratchDir('agents-home-');
  const put = (from: string, ...to: string[]) => {
    mkdirSync(join(home, ...to.slice(0, -1)), {recursive: true});
    cpSync(join(F, from), join(home, ...to), {recursive: true});
  };
  put('claude-projects', '.claude', 'projects');
  put('codex-sessions', 'codex', 'sessions');
  put('gemini-cli/tmp', '.gemini', 'tmp');
  put('qwen-code/projects', '.qwen', 'projects');
  put('copilot-cli/otel', '.copilot', 'otel');
  put('opencode/storage', '.local', 'share', 'opencode', 'storage');
  put('amp/threads', 'amp-data', 'threads');
  put('aider/analytics.jsonl', '.aider', 'analytics.jsonl');
  put('cline/globalStorage', 'config', 'Code', 'User', 'globalStorage');
  mkdirSync(join(home, '.local', 'share', 'goose', 'sessions'), {recursive: true});
  writeFileSync(join(home, '.local', 'share', 'goose', 'sessions', 'sessions.db'), 'SQLite format 3\u0000');
  return home;
}

describe('vibe-cost import with no path', () => {
  it("finds every agent's default place (honouring CODEX_HOME, AMP_DATA_DIR, XDG_CONFIG_HOME) and imports each once", async () => {
    const home = fakeHome();
    const env = {HOME: home, CODEX_HOME: join(home, 'codex'), AMP_DATA_DIR: join(home, 'amp-data')};
    const r = await cli(['import', '--format', 'json'], {...env, XDG_CONFIG_HOME: join(home, 'config')});
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {files: {source: string; imported: number}[]};
    const imported = new Map<string, number>();
    for (const f of doc.files) imported.set(f.source, (imported.get(f.source) ?? 0) + f.imported);
    // The same counts each source's own test imports from its fixture folder.
    expect(Object.fromEntries(imported)).toEqual({
      'claude-code.jsonl': 6,
      'codex.rollout': 3,
      'gemini-cli.json': 1,
      'gemini-cli.jsonl': 2,
      'qwen-code.jsonl': 2,
      'copilot.otel': 2,
      'opencode.message': 2,
      'amp.thread': 2,
      'aider.analytics': 3,
      'cline.ui-messages': 3,
    });
    const said = r.stderr.split('\n');
    expect(said).toContain('import: found Claude Code in ~/.claude/projects');
    expect(said).toContain('import: found Amp in ~/amp-data/threads');
    expect(said).toContain(
      'import: found Cline (Code) in ~/config/Code/User/globalStorage/saoudrizwan.claude-dev/tasks',
    );
    // The SQLite database is named with the export that makes it readable, not opened.
    expect(said).toContainEqual(
      expect.stringMatching(
        /^import: found Goose's database ~\/\.local\/share\/goose\/sessions\/sessions\.db, not read as it is: sqlite3 -json /,
      ),
    );
    expect(said).toContain(
      'import: looked for and did not find: Codex CLI'.replace('Codex CLI', 'Kilo Code'),
    );
  });

  it('says what it looked for when no agent has left anything, and fails as bad usage', async () => {
    const r = await cli(['import']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^import: looked for and did not find: Claude Code, Codex CLI, Gemini CLI, /);
    expect(r.stderr).toMatch(/no agent history in its default place on this machine/);
  });
});
