import type {Arguments, Argv} from 'yargs';
import {UsageError} from '../errors.js';
import {constraintOptions, readConstraints} from './constraints.js';
import {asOfDate, loadScenario, withScenarioOptions, type ScenarioArgs} from './options.js';
import {ON_LIMIT} from '../core/routing/router.js';
import {readSubscriptions, withSubscriptionOptions, type SubscriptionArgs} from './subscription-options.js';

export interface TerminalEnv {
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  readonly ci: boolean;
}

export function terminalEnv(
  proc: {stdin: {isTTY?: boolean}; stdout: {isTTY?: boolean}; env: NodeJS.ProcessEnv} = process,
): TerminalEnv {
  const ci = proc.env['CI'];
  return {
    stdinIsTTY: Boolean(proc.stdin.isTTY),
    stdoutIsTTY: Boolean(proc.stdout.isTTY),
    ci: ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false',
  };
}

export const NOT_INTERACTIVE =
  'the dashboard needs an interactive terminal; use simulate, recommend or breakeven for piped output';

/** Why the dashboard cannot open here, or undefined when it can: both ends a terminal, and not CI. Decided before Ink loads. */
export function dashboardBlocked(env: TerminalEnv): string | undefined {
  return env.stdinIsTTY && env.stdoutIsTTY && !env.ci ? undefined : NOT_INTERACTIVE;
}

/** Plain `vibe-cost` (no arguments at all) on an interactive terminal opens the dashboard. */
export function opensDashboardByDefault(argv: readonly string[], env?: TerminalEnv): boolean {
  // Asked only of a run with no arguments: process.stdin is made on first touch, a few ms of every start.
  return argv.length === 0 && dashboardBlocked(env ?? terminalEnv()) === undefined;
}

interface DashboardArgs extends ScenarioArgs, SubscriptionArgs {
  import?: string[];
}

export const dashboardCommand = {
  command: 'dashboard',
  describe:
    'an interactive dashboard: change the inputs and watch the costs, breakevens and recommendation move',
  builder: (yargs: Argv) =>
    withSubscriptionOptions(constraintOptions(withScenarioOptions(yargs), {risk: false}))
      .option('import', {
        type: 'string',
        requiresArg: true,
        array: true,
        describe: 'a usage file to replay on opening (exports, agent logs, ccusage JSON)',
        group: 'Usage:',
      })
      .example(
        '$0 dashboard --profile team --plan credits-builder',
        'explore the team preset on a credits plan',
      ),
  handler: async (argv: Arguments) => {
    const args = argv as unknown as DashboardArgs;
    const blocked = dashboardBlocked(terminalEnv());
    if (blocked) throw new UsageError(blocked);
    const loaded = loadScenario(args);
    const constraints = readConstraints(args, loaded.heldKeys);
    const subscriptions = readSubscriptions(args, loaded.scenario, ON_LIMIT);
    const {runDashboard} = await import('../ui/run-dashboard.js');

    await runDashboard({
      loaded,
      date: asOfDate(args['as-of']),
      ...(constraints.budgetUsd ? {budgetUsd: constraints.budgetUsd} : {}),
      ...(constraints.keyWorthUsd ? {keyWorthUsd: constraints.keyWorthUsd} : {}),
      ...(constraints.per === 'solved' ? {per: 'solved' as const} : {}),
      ...(constraints.noKey ? {noKey: true} : {}),
      ...(args.import?.length ? {importFiles: args.import} : {}),
      ...(subscriptions ? {subscriptions} : {}),
    });
  },
};
