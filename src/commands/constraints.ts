import type {Argv} from 'yargs';
import type {Constraints} from '../core/recommend.js';
import {moneyFlag} from './options.js';

export function constraintOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('budget', {type: 'string', requiresArg: true, describe: 'most you will spend a month, in USD', group: 'Recommendation:'})
    .option('no-key', {type: 'boolean', describe: 'you will not manage a provider key', group: 'Recommendation:'});
}

export function readConstraints(args: {[flag: string]: unknown}, heldKeys: readonly string[] = []): Constraints {
  const budgetUsd = moneyFlag('budget', args['budget']);
  const noKey = args['no-key'] === true;
  return {...(budgetUsd ? {budgetUsd} : {}), ...(noKey ? {noKey} : {}), heldKeys};
}
