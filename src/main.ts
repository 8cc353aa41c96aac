import {hideBin} from 'yargs/helpers';
import {breakevenCommand} from './commands/breakeven.js';
import {completionCommand, valueCompletions} from './commands/completion.js';
import {dashboardCommand, opensDashboardByDefault} from './commands/dashboard.js';
import {importCommand} from './commands/import.js';
import {platformCommand} from './commands/platform.js';
import {pricesCommand} from './commands/prices.js';
import {recommendCommand} from './commands/recommend.js';
import {simulateCommand} from './commands/simulate.js';
import {sqlCommand} from './commands/sql.js';
import {runProgram, type Command} from './program.js';

/** Every command, in the order help lists them (COMMANDS in commands/names.ts). */
export const ALL_COMMANDS: readonly Command[] = [
  simulateCommand,
  recommendCommand,
  breakevenCommand,
  importCommand,
  platformCommand,
  dashboardCommand,
  pricesCommand,
  sqlCommand,
  completionCommand,
];

/** The whole CLI on these arguments: a failure is one line on stderr and an exit code. */
export function runCli(args: string[] = hideBin(process.argv)): Promise<void> {
  // Plain `vibe-cost` on an interactive terminal opens the dashboard.
  return runProgram(ALL_COMMANDS, opensDashboardByDefault(args) ? ['dashboard'] : args, valueCompletions);
}
