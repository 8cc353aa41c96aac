import {Readable} from 'node:stream';
import {format} from 'node:util';
import {runCli} from '../../src/main.js';
import {throughStreams} from '../../src/commands/stdio.js';
import {baseEnv, BIN, type Ran} from './run.js';

/** Thrown in place of process.exit: the run stops where the real process would have ended. */
class Exited extends Error {}

type Write = typeof process.stdout.write;

/**
 * Runs the CLI's real entry (main.ts) in this process, as `run` runs the built binary: the same
 * arguments, a pinned environment, piped (non-terminal) output, and the exit code process.exit or
 * process.exitCode would have given. A spawn costs ~0.5 s of start-up; this costs milliseconds.
 */
export async function cli(args: string[], env: Record<string, string> = {}, input = ''): Promise<Ran> {
  const out: string[] = [];
  const err: string[] = [];
  let code: number | undefined;
  // A process that has exited writes nothing more: what the code does after exit() is discarded.
  const capture =
    (into: string[]): Write =>
    (chunk: string | Uint8Array, ...rest: unknown[]) => {
      if (code === undefined) into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    };
  const saved = {
    argv: process.argv,
    env: process.env,
    exit: process.exit,
    exitCode: process.exitCode,
    stdin: Object.getOwnPropertyDescriptor(process, 'stdin'),
    stdoutWrite: process.stdout.write,
    stderrWrite: process.stderr.write,
    log: console.log,
    error: console.error,
    tty: [process.stdout, process.stderr].map((s) => ({isTTY: s.isTTY, columns: s.columns})),
  };
  process.argv = [process.execPath, BIN, ...args];
  process.env = baseEnv(env);
  process.exitCode = undefined;
  process.exit = ((c?: number) => {
    code ??= c ?? Number(process.exitCode ?? 0);
    throw new Exited();
  }) as typeof process.exit;
  Object.defineProperty(process, 'stdin', {value: Readable.from([Buffer.from(input)]), configurable: true});
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  // yargs writes help, versions and its own errors through console.
  console.log = (...a: unknown[]) => void process.stdout.write(`${format(...a)}\n`);
  console.error = (...a: unknown[]) => void process.stderr.write(`${format(...a)}\n`);
  for (const s of [process.stdout, process.stderr]) Object.assign(s, {isTTY: false, columns: undefined});
  throughStreams(true);
  try {
    await runCli(args);
  } catch (error) {
    if (!(error instanceof Exited)) throw error;
  } finally {
    code ??= Number(process.exitCode ?? 0);
    process.argv = saved.argv;
    process.env = saved.env;
    process.exit = saved.exit;
    process.exitCode = saved.exitCode;
    if (saved.stdin) Object.defineProperty(process, 'stdin', saved.stdin);
    process.stdout.write = saved.stdoutWrite;
    process.stderr.write = saved.stderrWrite;
    console.log = saved.log;
    console.error = saved.error;
    [process.stdout, process.stderr].forEach((s, i) => Object.assign(s, saved.tty[i]));
    throughStreams(false);
  }
  return {code, stdout: out.join(''), stderr: err.join('')};
}
