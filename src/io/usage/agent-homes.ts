import {existsSync, readdirSync, statSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {UsageError} from '../../errors.js';

/** Where one agent writes its usage on this machine, and whether it is there. */
interface AgentPlace {
  readonly agent: string;
  readonly path: string;
  /** Set when the place exists but cannot be read as it is (a SQLite database): what to run instead. */
  readonly export?: string;
}

const EDITORS = ['Code', 'Code - Insiders', 'Cursor', 'Windsurf', 'VSCodium'];
const EXTENSIONS: readonly (readonly [string, string])[] = [
  ['Cline', 'saoudrizwan.claude-dev'],
  ['Roo Code', 'rooveterinaryinc.roo-cline'],
  ['Kilo Code', 'kilocode.kilo-code'],
];

/**
 * Every agent's default place, honouring the variables each agent reads to move its home
 * (CLAUDE_CONFIG_DIR, CODEX_HOME, OPENCODE_DATA_DIR, AMP_DATA_DIR, XDG_DATA_HOME, XDG_CONFIG_HOME,
 * APPDATA). Cursor keeps no usage on disk (its dashboard exports a CSV), so it has no place here.
 */
function agentPlaces(env: Readonly<Record<string, string | undefined>>, home: string): AgentPlace[] {
  const set = (name: string) => (env[name] !== undefined && env[name] !== '' ? env[name] : undefined);
  const data = set('XDG_DATA_HOME') ?? join(home, '.local', 'share');
  const opencode = set('OPENCODE_DATA_DIR') ?? join(data, 'opencode');
  const goose = join(data, 'goose', 'sessions', 'sessions.db');
  const editorRoots = [
    join(set('XDG_CONFIG_HOME') ?? join(home, '.config')),
    join(home, 'Library', 'Application Support'),
    ...(set('APPDATA') ? [set('APPDATA')!] : []),
  ];
  return [
    {agent: 'Claude Code', path: join(set('CLAUDE_CONFIG_DIR') ?? join(home, '.claude'), 'projects')},
    {agent: 'Codex CLI', path: join(set('CODEX_HOME') ?? join(home, '.codex'), 'sessions')},
    {agent: 'Gemini CLI', path: join(home, '.gemini', 'tmp')},
    {agent: 'Qwen Code', path: join(home, '.qwen', 'projects')},
    {agent: 'GitHub Copilot CLI', path: join(home, '.copilot', 'otel')},
    {agent: 'opencode', path: join(opencode, 'storage', 'message')},
    {
      agent: 'opencode',
      path: join(opencode, 'opencode.db'),
      export: `sqlite3 -json ${join(opencode, 'opencode.db')} "select id, session_id, data from message" > opencode.json`,
    },
    {agent: 'Amp', path: join(set('AMP_DATA_DIR') ?? join(data, 'amp'), 'threads')},
    {
      agent: 'Goose',
      path: goose,
      export: `sqlite3 -json ${goose} "select * from sessions" > goose.json`,
    },
    {agent: 'Aider', path: join(home, '.aider', 'analytics.jsonl')},
    ...editorRoots.flatMap((root) =>
      EDITORS.flatMap((editor) =>
        EXTENSIONS.map(([agent, id]) => ({
          agent: `${agent} (${editor})`,
          path: join(root, editor, 'User', 'globalStorage', id, 'tasks'),
        })),
      ),
    ),
  ];
}

/** The places that exist: a folder or file with something in it. */
function presentPlaces(places: readonly AgentPlace[]): AgentPlace[] {
  return places.filter((p) => {
    if (!existsSync(p.path)) return false;
    const info = statSync(p.path);
    return info.isDirectory() ? readdirSync(p.path).length > 0 : info.size > 0;
  });
}

/** What `import` with no path says on stderr: which agents it found where, and which it looked for. */
function placesNote(places: readonly AgentPlace[], present: readonly AgentPlace[], home: string): string[] {
  const short = (path: string) => (path.startsWith(home) ? `~${path.slice(home.length)}` : path);
  const found = new Set(present.map((p) => p.agent));
  const missing = [...new Set(places.map((p) => p.agent.replace(/ \(.*\)$/, '')))].filter(
    (agent) => ![...found].some((f) => f.startsWith(agent)),
  );
  return [
    ...present
      .filter((p) => p.export === undefined)
      .map((p) => `import: found ${p.agent} in ${short(p.path)}`),
    ...present
      .filter((p) => p.export !== undefined)
      .map(
        (p) =>
          `import: found ${p.agent}'s database ${short(p.path)}, not read as it is: ${p.export}, then import that file`,
      ),
    ...(missing.length > 0 ? [`import: looked for and did not find: ${missing.join(', ')}`] : []),
  ];
}

/** No path given: every agent's default place on this machine, said line by line; none at all is a usage error. */
export function agentHistory(
  env: Readonly<Record<string, string | undefined>>,
  say: (line: string) => void,
): string[] {
  const home = env['HOME'] || homedir();
  const places = agentPlaces(env, home);
  const present = presentPlaces(places);
  for (const line of placesNote(places, present, home)) say(line);
  const readable = present.filter((p) => p.export === undefined).map((p) => p.path);
  if (readable.length === 0)
    throw new UsageError(
      'import: no agent history in its default place on this machine; name the files or folders to read, or - for standard input',
      'vibe-cost import ~/.claude/projects',
    );
  return readable;
}
