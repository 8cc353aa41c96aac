/**
 * npm run bench: performance as ratios measured side by side in one run, never as timed tests.
 * Each figure compares vibe-cost with a baseline on the same machine at the same moment.
 */
import {spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {report, timeCommands} from './measure.js';

const root = join(import.meta.dirname, '..');
const node = process.execPath;
const cli = join(root, 'dist', 'cli.js');
const runs = Number(process.env['BENCH_RUNS'] ?? 15);

console.log(`vibe-cost bench · node ${process.version} · medians of interleaved runs\n`);

const [bare, simulate] = timeCommands(
  [
    {label: 'node -e 0', argv: [node, '-e', '0']},
    {label: 'vibe-cost simulate --tasks 1000', argv: [node, cli, 'simulate', '--tasks', '1000']},
  ],
  runs,
);
report(
  'cold start: `vibe-cost simulate --tasks 1000` vs bare `node -e 0`',
  (simulate?.medianMs ?? 0) / (bare?.medianMs ?? 1),
  1.5,
  `${simulate?.medianMs.toFixed(0)} ms vs ${bare?.medianMs.toFixed(0)} ms`,
);

/** Wall time and peak memory of one command, through GNU time. */
function measured(argv: string[]): {seconds: number; maxRssMb: number} {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', ...argv], {encoding: 'utf8', maxBuffer: 1 << 30});
  const [seconds, kb] = (result.stderr.trim().split('\n').at(-1) ?? '0 0').split(' ').map(Number);
  return {seconds: seconds ?? 0, maxRssMb: (kb ?? 0) / 1024};
}

const months = (n: number) => [node, cli, 'simulate', '--profile', 'team', '--runs', String(n), '--seed', '1', '--format', 'json'];
const small = measured(months(1000));
const large = measured(months(10_000));
report(
  'month simulation: 10,000 months of the team preset (about 20M tasks, 3 strategies), seconds vs the 2 s goal',
  large.seconds / 2,
  1,
  `${large.seconds.toFixed(2)} s; peak memory ${large.maxRssMb.toFixed(0)} MB at 10,000 months vs ${small.maxRssMb.toFixed(0)} MB at 1,000 (ratio ${(large.maxRssMb / small.maxRssMb).toFixed(2)}: flat)`,
);
