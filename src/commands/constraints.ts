import type {Argv} from 'yargs';
import {UsageError} from '../errors.js';
import {parseMoney} from '../core/money.js';
import type {Constraints} from '../core/advice/recommend.js';
import {moneyFlag} from './options.js';

/**
 * The recommendation's flags. `risk: false` where no months are simulated (the dashboard): a share
 * of blocked months would have nothing to act on, so the flag is not taken rather than ignored.
 */
export function constraintOptions<T>(yargs: Argv<T>, {risk = true}: {risk?: boolean} = {}) {
  const withRisk = risk
    ? yargs.option('risk', {
        type: 'string',
        requiresArg: true,
        describe: 'percent of months with tasks blocked by a credit cliff you accept (default 5)',
        group: 'Recommendation:',
      })
    : yargs;
  return withRisk
    .option('budget', {
      type: 'string',
      requiresArg: true,
      describe: 'most you will spend a month, in USD',
      group: 'Recommendation:',
    })
    .option('no-key', {
      type: 'boolean',
      describe: 'you will not manage a provider key',
      group: 'Recommendation:',
    })
    .option('key-worth', {
      type: 'string',
      requiresArg: true,
      describe: 'monthly saving, in USD, that makes a new provider key worth managing (default 10)',
      group: 'Recommendation:',
    })
    .option('per', {
      choices: ['task', 'solved'] as const,
      requiresArg: true,
      describe:
        "rank by the month's bill (task, default) or by cost per solved task (solved), weighing escalation ladders",
      group: 'Recommendation:',
    });
}

export function readConstraints(
  args: {[flag: string]: unknown},
  heldKeys: readonly string[] = [],
): Constraints {
  const budgetUsd = moneyFlag('budget', args['budget']);
  const keyWorthUsd = moneyFlag('key-worth', args['key-worth']);
  const noKey = args['no-key'] === true;
  const risk = args['risk'] === undefined ? undefined : parseMoney(String(args['risk']));
  if (args['risk'] !== undefined && (!risk || risk.isNegative() || risk.gt(100))) {
    throw new UsageError(
      `--risk: expected a percent from 0 to 100, got ${String(args['risk'])}`,
      'for example --risk 10 accepts tasks blocked in 1 month of 10',
    );
  }
  return {
    ...(budgetUsd ? {budgetUsd} : {}),
    ...(noKey ? {noKey} : {}),
    ...(keyWorthUsd ? {keyWorthUsd} : {}),
    ...(risk ? {risk: risk.div(100).toNumber()} : {}),
    ...(args['per'] === 'solved' ? {per: 'solved' as const} : {}),
    heldKeys,
  };
}
