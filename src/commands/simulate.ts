import type {Arguments, Argv} from 'yargs';
import {simulateReport} from '../core/simulate-report.js';
import {simulateJson} from '../output/simulate-json.js';
import {renderSimulateCsv, renderSimulateMarkdown, renderSimulateTable} from '../output/simulate-text.js';
import {constraintOptions, readConstraints} from './constraints.js';
import {loadScenario, wholeNumber, withScenarioOptions, type Format, type ScenarioArgs} from './options.js';
import {print, printJson, terminalStyle} from './output.js';

export const simulateCommand = {
  command: 'simulate',
  describe: 'cost of a batch of tasks on each path (BYOK, platform-paid, free tier), and which to take',
  builder: (yargs: Argv) =>
    constraintOptions(withScenarioOptions(yargs))
      .option('tasks', {type: 'number', describe: "tasks in the batch (default: one month at the profile's pace)", group: 'Usage:'})
      .example('$0 simulate --tasks 1000', "1,000 tasks on the default profile (daily-driver) and plan (vibekit)")
      .example('$0 simulate --profile hobbyist --plan openrouter', 'a month of hobby use on an OpenRouter-style gateway')
      .example('$0 simulate --tasks-per-day 40 --model gpt-5.4 --markup 10 --format json', 'your own pace, model and markup, as JSON')
      .example('$0 simulate --prices litellm.json --model claude-sonnet-4-5', "prices from LiteLLM's JSON"),
  handler: (argv: Arguments) => {
    const args = argv as unknown as ScenarioArgs & {tasks?: number; format: Format};
    const {scenario, book, userStrategies} = loadScenario(args);
    const perMonth = Math.round(scenario.profile.tasksPerDay * scenario.profile.workingDaysPerMonth);
    const tasks = wholeNumber('tasks', args.tasks, 1) ?? Math.max(1, perMonth);
    const report = simulateReport(scenario, tasks, book.sheets, readConstraints(args), userStrategies);
    if (args.format === 'json') printJson(simulateJson(report));
    else if (args.format === 'csv') print(renderSimulateCsv(report));
    else if (args.format === 'markdown') print(renderSimulateMarkdown(report));
    else print(renderSimulateTable(report, terminalStyle()));
  },
};
