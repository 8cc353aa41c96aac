import {spawnSync} from 'node:child_process';

export interface Timing {
  readonly label: string;
  readonly medianMs: number;
  readonly runs: number[];
}

/** Wall time of a command, run `n` times interleaved with the others so machine noise hits all alike. */
export function timeCommands(
  commands: {label: string; argv: string[]; env?: NodeJS.ProcessEnv}[],
  n: number,
): Timing[] {
  const runs = commands.map(() => [] as number[]);
  for (let i = 0; i < n; i++) {
    commands.forEach((command, j) => {
      const start = process.hrtime.bigint();
      const result = spawnSync(command.argv[0] as string, command.argv.slice(1), {
        stdio: ['ignore', 'ignore', 'pipe'],
        ...(command.env ? {env: command.env} : {}),
      });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (result.status !== 0) throw new Error(`${command.label} failed: ${result.stderr.toString()}`);
      (runs[j] as number[]).push(ms);
    });
  }
  return commands.map((c, j) => ({
    label: c.label,
    runs: runs[j] as number[],
    medianMs: median(runs[j] as number[]),
  }));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Times a function in-process: median of `n` runs after one warm-up. */
export function timeFunction(fn: () => void, n: number): number {
  fn();
  const runs: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    fn();
    runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(runs);
}

export function report(name: string, ratio: number, goal: number | undefined, detail: string): void {
  const verdict =
    goal === undefined ? '' : ratio <= goal ? `  (goal ≤ ${goal}×: met)` : `  (goal ≤ ${goal}×: NOT met)`;
  console.log(`${name}: ${ratio.toFixed(2)}×${verdict}\n    ${detail}`);
}
