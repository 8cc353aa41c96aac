/**
 * npm run bench: performance as ratios measured side by side in one run, never as timed tests.
 * Each figure compares vibe-cost with a baseline on the same machine at the same moment.
 */
import {join} from 'node:path';
import {report, timeCommands} from './measure.js';

const root = join(import.meta.dirname, '..');
const node = process.execPath;
const runs = Number(process.env['BENCH_RUNS'] ?? 15);

console.log(`vibe-cost bench · node ${process.version} · ${runs} interleaved runs each, medians\n`);

const [bare, simulate] = timeCommands(
  [
    {label: 'node -e 0', argv: [node, '-e', '0']},
    {label: 'vibe-cost simulate --tasks 1000', argv: [node, join(root, 'dist', 'cli.js'), 'simulate', '--tasks', '1000']},
  ],
  runs,
);
if (!bare || !simulate) throw new Error('no timings');
report(
  'cold start: `vibe-cost simulate --tasks 1000` vs bare `node -e 0`',
  simulate.medianMs / bare.medianMs,
  1.5,
  `${simulate.medianMs.toFixed(0)} ms vs ${bare.medianMs.toFixed(0)} ms`,
);
