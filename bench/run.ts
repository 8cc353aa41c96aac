/**
 * npm run bench: performance as ratios measured side by side in one run, never as timed tests.
 * Each figure compares vibe-cost with a baseline on the same machine at the same moment.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {writeClaudeTree, writeGenericCsv} from './import-gen.js';
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

const months = (n: number) => [
  node,
  cli,
  'simulate',
  '--profile',
  'team',
  '--runs',
  String(n),
  '--seed',
  '1',
  '--format',
  'json',
];
const small = measured(months(1000));
const large = measured(months(10_000));
report(
  'month simulation: 10,000 months of the team preset (about 20M tasks, each routed for the 3 paths and the recommended strategy), seconds vs the 2 s goal',
  large.seconds / 2,
  1,
  `${large.seconds.toFixed(2)} s; peak memory ${large.maxRssMb.toFixed(0)} MB at 10,000 months vs ${small.maxRssMb.toFixed(0)} MB at 1,000 (ratio ${(large.maxRssMb / small.maxRssMb).toFixed(2)}: flat)`,
);

// The dashboard: a keypress on tasks/day to the new frame, rendered to an in-memory terminal.
const {benchKeypress} = await import('../src/ui/bench.js');
const keys = await benchKeypress({profile: 'team'});
report(
  'dashboard: keypress to new frame on the team preset, against the 16 ms goal',
  keys.medianMs / 16,
  1,
  `${keys.medianMs.toFixed(1)} ms median for the figures and recommendation; the chart (breakeven) follows one frame later in ${keys.chartMedianMs.toFixed(0)} ms`,
);

// Import figures. Inputs are generated once into .bench/ (git-ignored) and reused.
const work = join(root, '.bench');
mkdirSync(work, {recursive: true});
const csv = (rows: number) => {
  const path = join(work, `generic-${rows}.csv`);
  if (!existsSync(path)) writeGenericCsv(path, rows);
  return path;
};
const importArgv = (input: string) => [node, cli, 'import', input, '--format', 'json'];
const csv100k = csv(100_000);
const csv1m = csv(1_000_000);
const ours100k = measured(importArgv(csv100k));
const ours1m = measured(importArgv(csv1m));
const bare1m = measured([node, join(root, 'bench', 'baseline-csv.mjs'), csv1m]);
report(
  'import: 1,000,000-row generic CSV vs a bare csv-parse pass over the same file',
  ours1m.seconds / bare1m.seconds,
  1.2,
  `${ours1m.seconds.toFixed(2)} s vs ${bare1m.seconds.toFixed(2)} s; peak memory ${ours1m.maxRssMb.toFixed(0)} MB at 1M rows vs ${ours100k.maxRssMb.toFixed(0)} MB at 100k (goal ≤ 200 MB and flat)`,
);

const lines = Number(process.env['BENCH_CLAUDE_LINES'] ?? 1_000_000);
if (lines > 0) {
  const tree = join(work, `claude-${lines}`);
  if (!existsSync(join(tree, '.done'))) {
    rmSync(tree, {recursive: true, force: true});
    const wrote = writeClaudeTree(tree, lines, 0.25);
    console.log(
      `    (wrote ${wrote.files} files, ${(wrote.bytes / 1e9).toFixed(1)} GB, ${wrote.requests} requests, ${wrote.duplicates} written twice)`,
    );
    spawnSync('touch', [join(tree, '.done')]);
  }
  const ours = measured(importArgv(tree));
  const plain = measured([node, join(root, 'bench', 'baseline-claude.mjs'), tree]);
  report(
    `import: Claude Code log tree of ${lines.toLocaleString('en-US')} usage lines (a quarter written twice) vs a plain Node streaming reader`,
    ours.seconds / plain.seconds,
    undefined,
    `${ours.seconds.toFixed(1)} s and ${ours.maxRssMb.toFixed(0)} MB vs ${plain.seconds.toFixed(1)} s and ${plain.maxRssMb.toFixed(0)} MB; goal: no slower than ccusage 20 (about 10.6 s, 940 MB on such a tree on these machines) at half its memory (≤ 470 MB)`,
  );
}
