// Bundles the CLI so a cold start reads one file instead of resolving hundreds of modules.
// The dashboard is a separate chunk, imported only when it runs, so Ink never loads for `simulate`.
import {createHash} from 'node:crypto';
import {chmodSync, readFileSync, rmSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build, transform} from 'esbuild';

// VC_OUTDIR lets the build test rebuild into its own folder while other tests run dist/.
const outdir = process.env.VC_OUTDIR ?? 'dist';
const minify = process.env.VC_NO_MINIFY !== '1';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** What every bundle shares. */
const common = {outdir, bundle: true, platform: 'node', target: 'node20', minify, logLevel: 'warning'};
/**
 * The CLI's own code, as a script and as modules. Ink loads its devtools only when DEV=true; the
 * package is an optional peer, never installed. DuckDB is a native addon: loaded from node_modules
 * when --engine duckdb runs, never bundled.
 */
const program = {
  ...common,
  packages: 'bundle',
  external: ['react-devtools-core', '@duckdb/node-api'],
  keepNames: false,
};

// Chunk names carry content hashes: clear the old ones so dist/ holds one build.
rmSync(outdir, {recursive: true, force: true});

/**
 * string-width builds an Intl.Segmenter and Unicode-property regular expressions when its module is
 * evaluated: about 16 ms of every start, though most runs measure no wide text. Its body is wrapped
 * so that happens on the first call, and a text of printable ASCII alone (one column a character,
 * most of what is measured) is answered by its length without them: `simulate --help` segmented
 * every word of its help. Applied to each copy (ours, cliui's, wrap-ansi's).
 */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onLoad({filter: /[\\/]string-width[\\/]index\.js$/}, ({path}) => {
      const source = readFileSync(path, 'utf8');
      const lines = source.split('\n');
      const imports = lines.filter((l) => l.startsWith('import '));
      const body = lines.filter((l) => !l.startsWith('import ')).join('\n');
      const head = 'export default function stringWidth(';
      if (body.split(head).length !== 2 || /^export /m.test(body.replace(head, '')))
        throw new Error(`${path}: not the string-width module the build knows how to make lazy`);
      const contents = [
        ...imports,
        'let measure;',
        'const PRINTABLE_ASCII = /^[\\x20-\\x7e]*$/;',
        'export default function stringWidth(...args) {',
        "  if (typeof args[0] === 'string' && PRINTABLE_ASCII.test(args[0])) return args[0].length;",
        `  measure ??= (() => {${body.replace(head, 'function stringWidth(')}\nreturn stringWidth;})();`,
        '  return measure(...args);',
        '}',
      ].join('\n');
      return {contents, loader: 'js'};
    });
  },
};

/**
 * yargs imports node:assert for two checks of its own arguments; loading assert also builds
 * process.stderr for its colours: about 1% of the instructions of `simulate --tasks 1000`. The two
 * checks, without the module.
 */
const yargsAssert = {
  name: 'yargs-assert',
  setup(b) {
    b.onResolve({filter: /^assert$/}, ({importer}) =>
      /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/.test(importer)
        ? {path: 'yargs-assert', namespace: 'yargs-assert'}
        : undefined,
    );
    b.onLoad({filter: /.*/, namespace: 'yargs-assert'}, () => ({
      contents: [
        'const check = (ok, message) => { if (!ok) throw new Error(message ?? "yargs: internal check failed"); };',
        'export const strictEqual = (actual, expected, message) => check(actual === expected, message);',
        'export const notStrictEqual = (actual, expected, message) => check(actual !== expected, message);',
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/**
 * Two changes to yargs' platform shim:
 * - yargs reads the terminal's width when its module is evaluated, which builds process.stdout and
 *   with it Node's stream modules, where src/commands/stdio.ts writes without them. The width is
 *   read when yargs asks for it instead.
 * - Every new yargs guesses its --version from the nearest package.json, which it looks for from
 *   the working directory up (a bundle is in no node_modules), reading each folder on the way and
 *   parsing the file it finds: a start in a user's home folder read it whole. The CLI gives its
 *   version, and takes no yargs settings from a package.json, so the search finds nothing.
 */
const yargsShim = {
  name: 'yargs-shim',
  setup(b) {
    b.onLoad({filter: /[\\/]yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/}, ({path}) => {
      const edits = [
        [
          "stdColumns: typeof process.stdout.columns !== 'undefined' ? process.stdout.columns : null",
          "get stdColumns() { return typeof process.stdout.columns !== 'undefined' ? process.stdout.columns : null; }",
        ],
        ['findUp: escalade,', 'findUp: () => undefined,'],
      ];
      let source = readFileSync(path, 'utf8');
      for (const [from, to] of edits) {
        if (source.split(from).length !== 2)
          throw new Error(`${path}: not the yargs shim the build knows how to change ("${from}")`);
        source = source.replace(from, to);
      }
      return {contents: source, loader: 'js'};
    });
  },
};

/**
 * yargs checks the types of the arguments of each of its own methods at every call, by parsing a
 * signature such as '<string|object> [object]' with regular expressions: 218 calls in
 * `simulate --tasks 1000`, a quarter of the time yargs takes there. The calls are ours and fixed,
 * and a misuse would only be warned of; the check is left out.
 */
const yargsArgsert = {
  name: 'yargs-argsert',
  setup(b) {
    b.onLoad({filter: /[\\/]yargs[\\/]build[\\/]lib[\\/]argsert\.js$/}, () => ({
      contents: 'export function argsert() {}',
      loader: 'js',
    }));
  },
};

/** The edits to dependencies above, made in the scripts and the modules alike. */
const dependencyEdits = [lazyStringWidth, yargsAssert, yargsArgsert, yargsShim];

/**
 * The commands with a script of their own: every one but the dashboard, which runs as modules. A
 * start that names one reads and loads only that command's code. Their names are the CLI's own
 * list (src/commands/names.ts), read through esbuild, since this script runs before any build.
 */
const names = await transform(readFileSync(join(root, 'src', 'commands', 'names.ts'), 'utf8'), {
  loader: 'ts',
  format: 'esm',
});
const {COMMANDS} = await import(`data:text/javascript;base64,${Buffer.from(names.code).toString('base64')}`);
const COMMAND_SCRIPTS = COMMANDS.filter((name) => name !== 'dashboard');

/** `command-script:NAME`: the program with that one command, as src/main.ts runs it with all. */
const commandScripts = {
  name: 'command-scripts',
  setup(b) {
    b.onResolve({filter: /^command-script:/}, ({path}) => ({path, namespace: 'command-script'}));
    b.onLoad({filter: /.*/, namespace: 'command-script'}, ({path}) => {
      const name = path.slice('command-script:'.length);
      return {
        contents: [
          "import {runProgram} from './src/program.ts';",
          `import {${name}Command} from './src/commands/${name}.ts';`,
          "import {hideBin} from 'yargs/helpers';",
          `void runProgram([${name}Command], hideBin(process.argv));`,
        ].join('\n'),
        resolveDir: root,
        loader: 'ts',
      };
    });
  },
};

/**
 * The CLI again as classic scripts, which src/compiled-script.ts runs through a V8 code cache
 * (Node 20 caches no module's compiled code): main.cjs with every command, for help, completion
 * and anything not naming one, and main-NAME.cjs for each of COMMAND_SCRIPTS. The dashboard stays
 * out: Ink awaits at the top of its modules, which a script cannot; cli.ts runs it as modules.
 */
await build({
  ...program,
  plugins: [
    ...dependencyEdits,
    commandScripts,
    {
      name: 'dashboard-outside',
      setup(b) {
        b.onResolve({filter: /[\\/]run-dashboard\.js$/}, ({path}) => ({path, external: true}));
      },
    },
  ],
  entryPoints: {
    main: 'src/main-script.ts',
    ...Object.fromEntries(COMMAND_SCRIPTS.map((name) => [`main-${name}`, `command-script:${name}`])),
  },
  outExtension: {'.js': '.cjs'},
  format: 'cjs',
  // import() of a built-in (node:crypto for prices update) becomes require(): a cached script has
  // no module loader to ask.
  supported: {'dynamic-import': false},
  // Where the modules read import.meta.url (the data folder, yargs' own files), the script's file.
  // Written as the function compiled-script.ts runs, so its text is the script as read, not a copy
  // made by wrapping it at every start.
  banner: {
    js: "(function (exports, require, module, __filename, __dirname) {const __vcImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  },
  footer: {js: '})'},
  define: {'process.env.NODE_ENV': '"production"', 'import.meta.url': '__vcImportMetaUrl'},
});
// V8 holds a source with any character past ASCII as two bytes a character: the cached script's
// whole text, read at every start, doubles. esbuild escapes strings but leaves regular expressions.
// A build kept readable (VC_NO_MINIFY=1, for profiles) keeps comments, whose text may be anything,
// and is read as UTF-8; an ASCII script is read as Latin-1 at each start (see compiled-script.ts).
const scriptHash = createHash('sha256');
let scriptAscii = true;
for (const name of ['main', ...COMMAND_SCRIPTS.map((c) => `main-${c}`)]) {
  const script = readFileSync(join(outdir, `${name}.cjs`));
  scriptHash.update(script);
  const nonAscii = /[^\0-\x7f]/.exec(script.toString('utf8'));
  if (nonAscii && minify)
    throw new Error(
      `${name}.cjs: "${nonAscii[0]}" is not ASCII; write it as \\u${nonAscii[0].charCodeAt(0).toString(16).padStart(4, '0')} in its regular expression`,
    );
  scriptAscii &&= nonAscii === null;
}

// The CLI as modules, for the dashboard, import and --debug: cli.cjs imports main.js.
await build({
  ...program,
  plugins: dependencyEdits,
  // The line pool's worker is an entry of its own, beside main.js (src/io/usage/line-pool.ts finds it there).
  entryPoints: {main: 'src/main.ts', 'line-worker': 'src/io/usage/line-worker.ts'},
  splitting: true,
  format: 'esm',
  sourcemap: 'linked',
  banner: {
    // Bundled CommonJS dependencies (yargs helpers, react) call require(); give them one.
    js: "import {createRequire as __vcRequire} from 'node:module';\nconst require = __vcRequire(import.meta.url);",
  },
  define: {'process.env.NODE_ENV': '"production"'},
});

/**
 * The bin: a CommonJS file, which Node starts without its module loader (about 2% of a start), that
 * runs main.cjs from its cache or imports main.js (see src/cli.ts).
 */
await build({
  ...common,
  plugins: [
    {
      name: 'modules-outside',
      setup(b) {
        b.onResolve({filter: /^\.\/main\.js$/}, () => ({path: './main.js', external: true}));
      },
    },
  ],
  entryPoints: {cli: 'src/cli.ts'},
  outExtension: {'.js': '.cjs'},
  format: 'cjs',
  banner: {
    js: "#!/usr/bin/env node\nconst __vcImportMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  },
  define: {
    'import.meta.url': '__vcImportMetaUrl',
    __VC_SCRIPT_HASH__: JSON.stringify(scriptHash.digest('hex').slice(0, 16)),
    __VC_SCRIPT_ASCII__: JSON.stringify(scriptAscii),
  },
});

// npm sets the bin's executable bit only when it links the package (npm ci, the first npx); a
// rebuild after that (npm test) writes a new file, which must keep the bit or `npx vibe-cost` fails.
chmodSync(join(outdir, 'cli.cjs'), 0o755);
