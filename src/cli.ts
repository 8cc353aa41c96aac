// The entry point. With --debug, stack traces name the src/*.ts lines (through dist/*.js.map): the
// maps must be on before the code loads, and only then, since reading them costs start-up time.
if (process.argv.includes('--debug') || process.env['VIBE_COST_DEBUG'] === '1')
  process.setSourceMapsEnabled(true);
// Not awaited: a run the event loop leaves pending ends quietly, as a script does, not with a top-level-await warning.
void (await import('./main.js')).runCli();
