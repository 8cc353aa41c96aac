// Bundles the CLI so a cold start reads one file instead of resolving hundreds of modules.
// The dashboard is a separate chunk, imported only when it runs, so Ink never loads for `simulate`.
import {rmSync} from 'node:fs';
import {build} from 'esbuild';

// Chunk names carry content hashes: clear the old ones so dist/ holds one build.
rmSync('dist', {recursive: true, force: true});

await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  // Ink loads its devtools only when DEV=true; the package is an optional peer, never installed.
  external: ['react-devtools-core'],
  sourcemap: 'linked',
  minify: process.env.VC_NO_MINIFY !== '1',
  keepNames: false,
  logLevel: 'warning',
  banner: {
    // Bundled CommonJS dependencies (yargs helpers, react) call require(); give them one.
    js: "#!/usr/bin/env node\nimport {createRequire as __vcRequire} from 'node:module';\nconst require = __vcRequire(import.meta.url);",
  },
  define: {'process.env.NODE_ENV': '"production"'},
});
