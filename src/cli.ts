import {existsSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {runCompiledScript, runKind} from './compiled-script.js';

/** Set by the build: the hash of the text of the scripts, dist/main.cjs and dist/main-NAME.cjs (see compiled-script.ts). */
declare const __VC_SCRIPT_HASH__: string | undefined;
/** Set by the build: whether those scripts are ASCII throughout. */
declare const __VC_SCRIPT_ASCII__: boolean;

// The entry point. With --debug, stack traces name the src/*.ts lines (through dist/*.js.map): the
// maps must be on before the code loads, and only then, since reading them costs start-up time.
const debug = process.argv.includes('--debug') || process.env['VIBE_COST_DEBUG'] === '1';
if (debug) process.setSourceMapsEnabled(true);
const args = process.argv.slice(2);
const dir = dirname(fileURLToPath(import.meta.url));
// The dashboard (Ink awaits at the top of its modules, which a script cannot hold) runs as modules,
// as does --debug for its source maps, and a run from src/ (npm run dev), where no script is built.
// The rest run as the cached script; import's reading threads start line-worker.js, a module of its own.
const asModules =
  debug ||
  args.length === 0 ||
  args.includes('dashboard') ||
  typeof __VC_SCRIPT_HASH__ !== 'string' ||
  // The cache's checksum is WebAssembly, which `node --jitless` leaves out.
  !('WebAssembly' in globalThis) ||
  !existsSync(join(dir, 'main.cjs'));
// Not awaited: a run the event loop leaves pending ends quietly, as a script does, not with a top-level-await warning.
if (asModules) void import('./main.js').then((main) => main.runCli());
else runCompiledScript(dir, __VC_SCRIPT_HASH__, __VC_SCRIPT_ASCII__, runKind(args));
