import yargs, {type Arguments, type CommandModule, type MiddlewareFunction} from 'yargs';
import {UserError} from './errors.js';
import {VERSION} from './version.js';
import {usageMessage} from './commands/usage-errors.js';
import {asUserError} from './commands/refusals.js';
import {endWhenWritten, print} from './commands/output.js';
import {COMMANDS, PRICES_ACTIONS} from './commands/names.js';
import {stdoutColumns, writeErr} from './commands/stdio.js';

/** A command whose process ends as soon as its output is written (see endWhenWritten). */
function ending<T extends {handler: (args: Arguments) => unknown}>(command: T): T {
  return {
    ...command,
    // Synchronous where the handler is: yargs builds its help text right after the call returns.
    handler: (args: Arguments) => {
      const result = command.handler(args);
      if (result instanceof Promise) return result.then(endWhenWritten);
      endWhenWritten();
      return undefined;
    },
  };
}

function fail(message: string, hint: string | undefined, code: number, error?: unknown): never {
  writeErr(`vibe-cost: error: ${message}\n${hint ? `  hint: ${hint}\n` : ''}`);
  if (error instanceof Error && debugWanted()) writeErr(`${error.stack ?? ''}\n`);
  process.exit(code);
}

function debugWanted(): boolean {
  return process.argv.includes('--debug') || process.env['VIBE_COST_DEBUG'] === '1';
}

let parser:
  | {
      getOptions: () => {key: Record<string, unknown>};
      getInternalMethods?: () => {getUsageInstance?: () => {cacheHelpMessage?: () => void}};
    }
  | undefined;

/** A command as the program takes it: yargs' own shape, its handler synchronous or not. */
export type Command = CommandModule & {handler: (args: Arguments) => unknown};

/** The values the shell may complete a flag's word with, when ours to offer (see completion.ts). */
export type ValueCompletions = (words: readonly string[]) => string[] | undefined;

async function main(
  commands: readonly Command[],
  argv: string[],
  completions: ValueCompletions | undefined,
): Promise<void> {
  // The value of a flag with a fixed set (--plan cre<TAB>) is ours to offer; the rest is yargs'.
  const asked = argv.indexOf('--get-yargs-completions');
  const values = asked >= 0 ? completions?.(argv.slice(asked + 1)) : undefined;
  if (values) return print(values.join('\n'));
  const program = yargs(argv)
    .scriptName('vibe-cost')
    .usage(
      '$0 <command> [options]\n\nWhat your AI coding-agent work costs on each payment path: your own key (BYOK), platform-paid, or the free tier.',
    )
    .example('$0 simulate --tasks 1000', 'what 1,000 tasks cost on each path, and which to take')
    .example('$0 recommend --profile hobbyist', 'the setup to choose, with the reasons')
    .example('$0 breakeven --plan credits-builder', 'where BYOK and a plan cost the same, with a chart')
    .example('$0 import ~/.claude/projects', 'your own history, re-priced on every path')
    .example('$0 dashboard', 'play with the numbers')
    .epilogue(
      'simulate, recommend, breakeven, import and prices write --format table|json|csv|markdown. Data files and flags: see the README.',
    );
  for (const command of commands) program.command(ending(command));
  await program
    // yargs answers --get-yargs-completions (commands, flags) for the scripts `completion` prints;
    // its own script command is hidden under another name.
    .completion('completion-yargs', false)
    // --no-key is a flag of its own (a user who will not manage a key), not the negation of --key.
    .parserConfiguration({'boolean-negation': false})
    .option('debug', {type: 'boolean', describe: 'print stack traces on errors', global: true})
    // fail() below says which commands there are.
    .demandCommand(1, 'name a command')
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(120, stdoutColumns() || 100))
    // The command's own parser, kept to suggest its flags: yargs hands fail() only its usage printer.
    .middleware(
      ((_argv: unknown, y: unknown) => {
        parser = y as typeof parser;
        // yargs renders a command's whole help once its handler starts, in case a failure later
        // shows it; fail() below never does, and the rendering cost an import 60 ms.
        const usage = parser?.getInternalMethods?.().getUsageInstance?.();
        if (usage?.cacheHelpMessage) usage.cacheHelpMessage = () => undefined;
      }) as unknown as MiddlewareFunction,
      true,
    )
    .fail((message, error) => {
      // yargs' own parse errors (YError) are bad usage too; anything else thrown in a handler is not.
      if (error && error.name !== 'YError') throw error;
      const flags = Object.keys(parser?.getOptions().key ?? {});
      const flagAt = argv.findIndex((a) => a.startsWith('-'));
      const words = flagAt < 0 ? argv : argv.slice(0, flagAt);
      const said = usageMessage(message ?? error?.message ?? 'bad usage', {
        words,
        argv,
        commands: COMMANDS,
        actions: {prices: PRICES_ACTIONS},
        flags,
      });
      fail(said.message, said.hint, 2);
    })
    .parseAsync();
}

/**
 * The CLI with these commands on these arguments: a failure is one line on stderr and an exit
 * code. Every command (main.ts), or the one a start names (a script of its own, see build.mjs).
 */
export function runProgram(
  commands: readonly Command[],
  args: string[],
  completions?: ValueCompletions,
): Promise<void> {
  return main(commands, args, completions).catch((error: unknown) => {
    const said = asUserError(error);
    if (said instanceof UserError) fail(said.message, said.hint, said.exitCode, error);
    fail(
      `unexpected failure: ${error instanceof Error ? error.message : String(error)}`,
      'this is a bug; run again with --debug and report the output',
      1,
      error,
    );
  });
}
