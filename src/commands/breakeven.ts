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

export const breakevenCommand = {
  command: 'breakeven',
  describe:
    'the tasks a day at which BYOK and the plan cost the same, where the free tier stops being enough, and a chart',
  builder: (yargs: Argv) =>
    withScenarioOptions(yargs)
      .option('max-tasks-per-day', {
        type: 'number',
        requiresArg: true,
        describe: "right end of the range (default: 3× the profile's pace)",
        group: 'Usage:',
      })
      .example('$0 breakeven --plan credits-builder', 'where a credits subscription stops paying off')
      .example('$0 breakeven --plan cursor-pro --format json', 'every figure and the curve as JSON'),
  handler: (argv: Arguments) => {
    const args = argv as unknown as ScenarioArgs & {format: Format; 'max-tasks-per-day'?: number};
    const {scenario, book} = loadScenario(args);
    const max = positiveNumber('max-tasks-per-day', args['max-tasks-per-day']);
    const width = terminalWidth();
    const result = breakeven(scenario, {
      ...(max !== undefined ? {maxTasksPerDay: max} : {}),
      points: chartPoints(width) - 1,
    });
    if (args.format === 'json') printJson(breakevenJson(result, scenario, book.sheets));
    else if (args.format === 'csv') {
      print(breakevenCsv(result, scenario));
    } else if (args.format === 'markdown') {
      print(
        [
          '# vibe-cost breakeven',
          '',
          ...breakevenLines(result, scenario).map((l) => (l.startsWith('  - ') ? l.slice(2) : `- ${l}`)),
        ].join('\n'),
      );
    } else print(renderBreakevenTable(result, scenario, width, terminalStyle()));
  },
};
