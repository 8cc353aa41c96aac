import type {Arguments, Argv} from 'yargs';
import {UsageError} from '../errors.js';
import {pathStrategies} from '../core/routing/candidates.js';
import {simulateMonths} from '../core/simulation/months.js';
import {pickRuns, recommend} from '../core/advice/recommend.js';
import {monthTasks} from '../core/simulation/scenario.js';
import {simulateReport} from '../core/simulation/simulate-report.js';
import {
  monthsJson,
  renderMonthsCsv,
  renderMonthsMarkdown,
  renderMonthsTable,
} from '../output/months-render.js';
import {
  renderSimulateCsv,
  renderSimulateMarkdown,
  renderSimulateTable,
  simulateJson,
} from '../output/simulate-render.js';
import {constraintOptions, readConstraints} from './constraints.js';
import {
  loadScenario,
  wholeNumber,
  withScenarioOptions,
  type OutputArgs,
  type ScenarioArgs,
} from './options.js';
import {stderrIsTerminal} from './stdio.js';
import {print, printJson, progressBar, tableWidth, terminalStyle, terminalWidth} from './output.js';
import {batchLimit} from '../core/simulation/batch-run.js';
import {subscriptionReport} from '../core/subscription/subscription-report.js';
import {
  renderSubscriptionCsv,
  renderSubscriptionMarkdown,
  renderSubscriptionTable,
  subscriptionJson,
} from '../output/subscription-render.js';
import {readSubscriptions, withSubscriptionOptions, type SubscriptionArgs} from './subscription-options.js';

export const simulateCommand = {
  command: 'simulate',
  describe: 'cost of a batch of tasks on each path (BYOK, platform-paid, free tier), and which to take',
  builder: (yargs: Argv) =>
    withSubscriptionOptions(constraintOptions(withScenarioOptions(yargs)))
      .option('tasks', {
        type: 'number',
        requiresArg: true,
        describe: "tasks in the batch (default: one month at the profile's pace)",
        group: 'Usage:',
      })
      .option('runs', {
        type: 'number',
        requiresArg: true,
        describe: 'simulate this many months with random variation (Poisson days, lognormal task sizes)',
        group: 'Month simulation:',
      })
      .option('seed', {
        type: 'number',
        requiresArg: true,
        default: 1,
        describe: 'random seed: the same seed gives the same output',
        group: 'Month simulation:',
      })
      .example(
        '$0 simulate --profile daily-driver --plan credits-builder --runs 1000 --seed 7',
        "the bill's spread and when the credits run out",
      )
      .example(
        '$0 simulate --tasks 1000',
        '1,000 tasks on the default profile (daily-driver) and plan (vibekit)',
      )
      .example(
        '$0 simulate --profile hobbyist --plan openrouter',
        'a month of hobby use on an OpenRouter-style gateway',
      )
      .example(
        '$0 simulate --tasks-per-day 40 --model gpt-5.4 --markup 10 --format json',
        'your own pace, model and markup, as JSON',
      )
      .example('$0 simulate --prices litellm.json --model claude-sonnet-4-5', "prices from LiteLLM's JSON")
      .example(
        '$0 simulate --subscription claude-max-5x --runs 500',
        'is Max 5× worth it at your pace: against your key and the platform, how often its limits bite',
      ),
  handler: (argv: Arguments) => {
    const args = argv as unknown as ScenarioArgs &
      OutputArgs &
      SubscriptionArgs & {tasks?: number; runs?: number; seed: number};
    const {scenario, book, userStrategies, heldKeys} = loadScenario(args);
    const runs = wholeNumber('runs', args.runs, 1);
    const subscriptions = readSubscriptions(args, scenario);
    if (subscriptions) {
      if (args.tasks !== undefined)
        throw new UsageError(
          "--tasks and --subscription do not go together: a subscription's limits are metered through a month's working days",
          "drop --tasks (the month is at the profile's pace: --tasks-per-day sets it)",
        );
      const seed = wholeNumber('seed', args.seed, 0) ?? 1;
      const report = subscriptionReport(
        scenario,
        subscriptions.plans,
        subscriptions.onLimits,
        runs !== undefined ? {runs, seed} : undefined,
      );
      if (args.format === 'json') printJson(subscriptionJson(report, book.sheets));
      else if (args.format === 'csv') print(renderSubscriptionCsv(report));
      else if (args.format === 'markdown') print(renderSubscriptionMarkdown(report));
      else print(renderSubscriptionTable(report, tableWidth(args), terminalStyle()));
      return;
    }
    if (runs !== undefined) {
      if (args.tasks !== undefined)
        throw new UsageError(
          "--tasks and --runs do not go together: --runs simulates whole months at the profile's pace",
          'drop one of them',
        );
      const seed = wholeNumber('seed', args.seed, 0) ?? 1;
      const rec = recommend(scenario, readConstraints(args, heldKeys), userStrategies, pickRuns(scenario));
      const paths = pathStrategies(scenario);
      const strategies = [
        paths.byok,
        paths.platform,
        paths.free,
        ...(Object.values(paths).some((p) => p.id === rec.strategy.id) ? [] : [rec.strategy]),
      ];
      // Long runs show how far they are on a terminal; piped output stays clean.
      const progress = stderrIsTerminal()
        ? progressBar({
            amount: (done) => `${done.toLocaleString('en-US')} of ${runs.toLocaleString('en-US')} months`,
            rate: (perSecond) => `${Math.round(perSecond).toLocaleString('en-US')} months/s`,
          })
        : undefined;
      const result = simulateMonths(scenario, {
        runs,
        seed,
        strategies,
        ...(progress ? {onProgress: progress.update} : {}),
      });
      progress?.done();
      if (args.format === 'json') printJson(monthsJson(result, scenario, book.sheets));
      else if (args.format === 'csv') print(renderMonthsCsv(result));
      else if (args.format === 'markdown') print(renderMonthsMarkdown(result, scenario));
      else print(renderMonthsTable(result, scenario, terminalWidth(), tableWidth(args), terminalStyle()));
      return;
    }
    const tasks = wholeNumber('tasks', args.tasks, 1) ?? Math.max(1, monthTasks(scenario));
    const limit = batchLimit(scenario);
    if (tasks > limit.tasks) {
      throw new UsageError(
        `--tasks: ${tasks.toLocaleString('en-US')} is more than this profile can price exactly: at most ${limit.tasks.toLocaleString('en-US')}, past which ${limit.why()}`,
        'price a smaller batch, or see the monthly figures',
      );
    }
    const report = simulateReport(
      scenario,
      tasks,
      book.sheets,
      readConstraints(args, heldKeys),
      userStrategies,
    );
    if (args.format === 'json') printJson(simulateJson(report));
    else if (args.format === 'csv') print(renderSimulateCsv(report));
    else if (args.format === 'markdown') print(renderSimulateMarkdown(report));
    else print(renderSimulateTable(report, tableWidth(args), terminalStyle()));
  },
};
