import type {Arguments, Argv} from 'yargs';
import {breakeven} from '../core/advice/breakeven.js';
import {
  breakevenCsv,
  breakevenJson,
  breakevenLines,
  renderBreakevenTable,
} from '../output/breakeven-render.js';
import {chartPoints} from '../output/chart.js';
import {
  loadScenario,
  positiveNumber,
  withScenarioOptions,
  type Format,
  type ScenarioArgs,
} from './options.js';
import {print, printJson, terminalStyle, terminalWidth} from './output.js';
import {readSubscriptions, withSubscriptionOptions, type SubscriptionArgs} from './subscription-options.js';
import {subscriptionBreakeven} from '../core/subscription/subscription-breakeven.js';
import {subscriptionStrategies} from '../core/subscription/subscription-report.js';
import {subscriptionBreakevenJson, subscriptionBreakevenLines} from '../output/subscription-render.js';
import {wrapProse} from '../output/text-width.js';

export const breakevenCommand = {
  command: 'breakeven',
  describe:
    'the tasks a day at which BYOK and the plan cost the same, where the free tier stops being enough, and a chart',
  builder: (yargs: Argv) =>
    withSubscriptionOptions(withScenarioOptions(yargs))
      .option('max-tasks-per-day', {
        type: 'number',
        requiresArg: true,
        describe: "right end of the range (default: 3× the profile's pace)",
        group: 'Usage:',
      })
      .example('$0 breakeven --plan credits-builder', 'where a credits subscription stops paying off')
      .example('$0 breakeven --plan cursor-pro --format json', 'every figure and the curve as JSON')
      .example(
        '$0 breakeven --subscription claude-max-5x --on-limit key',
        'the tasks a day from which Max 5× plus your key beats your key alone, and where its limits bite',
      ),
  handler: (argv: Arguments) => {
    const args = argv as unknown as ScenarioArgs &
      SubscriptionArgs & {format: Format; 'max-tasks-per-day'?: number};
    const {scenario, book} = loadScenario(args);
    const max = positiveNumber('max-tasks-per-day', args['max-tasks-per-day']);
    const subscriptions = readSubscriptions(args, scenario);
    const width = terminalWidth();
    const result = breakeven(scenario, {
      ...(max !== undefined ? {maxTasksPerDay: max} : {}),
      points: chartPoints(width) - 1,
    });
    const subs = subscriptions && subscriptionSweep(scenario, subscriptions, result.maxTasksPerDay);
    if (subs) {
      if (args.format === 'json')
        printJson({
          ...breakevenJson(result, scenario, book.sheets),
          subscriptions: subscriptionBreakevenJson(subs),
        });
      else {
        const lines = subscriptionBreakevenLines(subs);
        print(
          args.format === 'markdown' || args.format === 'csv'
            ? `${lines.map((l) => (l.startsWith('  - ') ? l.slice(2) : `- ${l}`)).join('\n')}\n`
            : `${renderBreakevenTable(result, scenario, width, terminalStyle())}\n${lines.flatMap((l) => wrapProse(l, Math.min(width, 100))).join('\n')}\n`,
        );
      }
      return;
    }
    if (args.format === 'json') printJson(breakevenJson(result, scenario, book.sheets));
    else if (args.format === 'csv') {
      print(breakevenCsv(result, scenario));
    } else if (args.format === 'markdown') {
      print(
        [
          '# vibe-cost breakeven',
          '',
          // A crossing stays nested under its pair.
          ...breakevenLines(result, scenario).map((l) => (l.startsWith('  - ') ? l : `- ${l}`)),
        ].join('\n'),
      );
    } else print(renderBreakevenTable(result, scenario, width, terminalStyle()));
  },
};

/** Each subscription setup against your key (the platform where no key runs the profile), every half task a day. */
function subscriptionSweep(
  scenario: Parameters<typeof subscriptionStrategies>[0],
  choice: NonNullable<ReturnType<typeof readSubscriptions>>,
  maxTasksPerDay: number,
) {
  const all = subscriptionStrategies(scenario, choice.plans, choice.onLimits);
  const setups = all.filter((s) => s.settings.subscription);
  return subscriptionBreakeven(scenario, all[0]!, setups, maxTasksPerDay, 0.5);
}
