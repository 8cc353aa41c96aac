import type {Arguments, Argv} from 'yargs';
import {UsageError} from '../errors.js';
import {Money} from '../core/money.js';
import {KEY_WORTH_USD_PER_MONTH} from '../core/advice/recommend.js';
import {SETUPS, type Setup} from '../core/platform/population.js';
import {platformReport} from '../core/platform/platform-report.js';
import {applyPlanOverrides} from '../core/simulation/overrides.js';
import {buildScenario} from '../core/simulation/scenario.js';
import {loadPlan, loadPopulation, loadPriceBook} from '../io/load-data.js';
import {
  platformJson,
  renderPlatformCsv,
  renderPlatformMarkdown,
  renderPlatformTable,
} from '../output/platform-render.js';
import {asOfDate, moneyFlag, wholeNumber, withOutputOptions, type OutputArgs} from './options.js';
import {print, printJson, tableWidth, terminalStyle, terminalWidth} from './output.js';

interface PlatformArgs extends OutputArgs {
  population: string;
  plan: string;
  markup?: string;
  'free-cap'?: number;
  prices?: string[];
  'as-of'?: string;
  'key-worth'?: string;
  'free-paid-at'?: string;
  markups?: string;
  'free-caps'?: string;
  conversion?: string;
  setup: Setup;
}

/** "0,5,10" or "0:100:5" (from:to:step): the values a sweep tries. */
function sweepList(flag: string, text: string, whole: boolean): number[] {
  const range = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(text);
  const values = range
    ? Array.from(
        {length: Math.floor((Number(range[2]) - Number(range[1])) / Number(range[3]) + 1e-9) + 1},
        (_, i) => Number(range[1]) + i * Number(range[3]),
      )
    : text.split(',').map((v) => Number(v.trim()));
  const bad = values.find((v) => !Number.isFinite(v) || v < 0 || (whole && !Number.isInteger(v)));
  if (values.length === 0 || values.length > 1000 || bad !== undefined || (range && Number(range[3]) <= 0))
    throw new UsageError(
      `--${flag}: expected ${whole ? 'whole numbers' : 'numbers'} ≥ 0 as a list (0,5,10) or a range from:to:step (0:100:5), at most 1,000 of them, got "${text}"`,
    );
  return [...new Set(values.map((v) => Math.round(v * 1e6) / 1e6))].sort((a, b) => a - b);
}

export const platformCommand = {
  command: 'platform',
  describe:
    "the platform builder's month: revenue, provider and free-tier cost, margin per user type, who leaves for BYOK, the best markup",
  builder: (yargs: Argv) =>
    withOutputOptions(yargs)
      .option('population', {
        type: 'string',
        requiresArg: true,
        default: 'indie-mix',
        describe:
          'users as a mix of profiles: indie-mix (default), a population JSON file, or a folder of saved profiles',
        group: 'Platform:',
      })
      .option('setup', {
        choices: SETUPS,
        default: 'all-platform' as Setup,
        describe: 'how the users of a folder of profiles are set up today',
        group: 'Platform:',
      })
      .option('plan', {
        type: 'string',
        requiresArg: true,
        default: 'vibekit',
        describe: 'the plan the platform offers: a bundled plan or a JSON file',
        group: 'Platform:',
      })
      .option('markup', {
        type: 'string',
        requiresArg: true,
        describe: "markup in percent (overrides the plan's)",
        group: 'Platform:',
      })
      .option('free-cap', {
        type: 'number',
        requiresArg: true,
        describe: "the free tier's daily cap (overrides the plan's)",
        group: 'Platform:',
      })
      .option('free-paid-at', {
        type: 'string',
        requiresArg: true,
        describe:
          "a model whose list prices the platform pays for free-tier tokens (default: the pool's own, $0 for free models)",
        group: 'Platform:',
      })
      .option('key-worth', {
        type: 'string',
        requiresArg: true,
        describe: `monthly saving, in USD, from which a user brings their own key (default ${KEY_WORTH_USD_PER_MONTH})`,
        group: 'Platform:',
      })
      .option('markups', {
        type: 'string',
        requiresArg: true,
        default: '0:100:5',
        describe: 'markups to sweep, percent: 0,10,20 or from:to:step',
        group: 'Sweeps:',
      })
      .option('free-caps', {
        type: 'string',
        requiresArg: true,
        describe: "free caps to weigh (default 0 to twice the plan's, step 1)",
        group: 'Sweeps:',
      })
      .option('conversion', {
        type: 'string',
        requiresArg: true,
        describe: 'percent of free-tier users who become paying users each month: weighs the free tier',
        group: 'Sweeps:',
      })
      .option('prices', {
        type: 'string',
        array: true,
        requiresArg: true,
        describe: 'extra price sheet; repeatable',
        group: 'Plan and prices:',
      })
      .option('as-of', {
        type: 'string',
        requiresArg: true,
        describe: 'price as of this date, YYYY-MM-DD',
        group: 'Plan and prices:',
      })
      .example('$0 platform', 'the bundled indie mix on the VibeKit-style plan')
      .example(
        '$0 platform --markup 10 --conversion 3 --free-paid-at deepseek-v4-flash',
        'a markup, a conversion rate, a hosted pool',
      ),
  handler: (argv: Arguments) => {
    const args = argv as unknown as PlatformArgs;
    const book = loadPriceBook(args.prices ?? []);
    const date = asOfDate(args['as-of']);
    const markupPct = moneyFlag('markup', args.markup);
    const freeCap = wholeNumber('free-cap', args['free-cap'], 0);
    const plan = applyPlanOverrides(loadPlan(args.plan), {
      ...(markupPct ? {markupPct} : {}),
      ...(freeCap !== undefined ? {freeCap} : {}),
    });
    const {population, profiles} = loadPopulation(args.population, args.setup);
    const inputs = population.segments.map((segment, i) => ({
      segment,
      scenario: buildScenario(profiles[i]!, plan, book, date),
      users: segment.share * population.users,
    }));
    const conversion = moneyFlag('conversion', args.conversion);
    if (conversion?.gt(100))
      throw new UsageError(`--conversion: at most 100 percent, got ${args.conversion}`);
    const cap = plan.free?.dailyCap.count ?? 0;
    const report = platformReport({
      population,
      inputs,
      plan,
      keyWorthUsd: moneyFlag('key-worth', args['key-worth']) ?? new Money(KEY_WORTH_USD_PER_MONTH),
      ...(args['free-paid-at'] ? {freePaidAt: book.resolve(args['free-paid-at'], '--free-paid-at')} : {}),
      markups: sweepList('markups', args.markups ?? '0:100:5', false),
      freeCaps: args['free-caps']
        ? sweepList('free-caps', args['free-caps'], true)
        : Array.from({length: 2 * cap + 1}, (_, i) => i),
      ...(conversion ? {conversionRate: conversion.div(100).toNumber()} : {}),
    });
    if (args.format === 'json') printJson(platformJson(report));
    else if (args.format === 'csv') print(renderPlatformCsv(report));
    else if (args.format === 'markdown') print(renderPlatformMarkdown(report));
    else print(renderPlatformTable(report, terminalWidth(), tableWidth(args), terminalStyle()));
  },
};
