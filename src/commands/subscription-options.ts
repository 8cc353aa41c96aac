import type {Argv} from 'yargs';
import {UsageError} from '../errors.js';
import {parseMoney} from '../core/money.js';
import {ON_LIMIT, type OnLimit} from '../core/routing/router.js';
import type {Scenario} from '../core/simulation/scenario.js';
import {coversProfile} from '../core/subscription/setups.js';
import {
  withLimit,
  type SubscriptionChoice,
  type SubscriptionPlan,
} from '../core/subscription/subscription-plan.js';
import {bundledNames, bundledSubscriptionPlans, loadSubscriptionPlan} from '../io/load-data.js';

const GROUP = 'Subscriptions (Claude Max, ChatGPT Pro, Cursor, Copilot, Google AI):';

/** --subscription, --on-limit and --limit: vendor plans weighed beside your key and the platform. */
export function withSubscriptionOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('subscription', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe: `a vendor plan to weigh (repeatable): ${bundledNames('subscriptions').join(', ')}; all (every bundled plan that runs the profile's models); or a JSON file`,
      group: GROUP,
    })
    .option('on-limit', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe:
        "past the plan's limit: wait (for the reset), key (your key), platform, extra (the vendor's extra usage); repeatable (default: wait and key)",
      group: GROUP,
    })
    .option('limit', {
      type: 'string',
      array: true,
      requiresArg: true,
      describe: "your own figure for a plan's limit, ID=COUNT (e.g. session=150000); repeatable",
      group: GROUP,
    });
}

export interface SubscriptionArgs {
  subscription?: string[] | undefined;
  'on-limit'?: string[] | undefined;
  limit?: string[] | undefined;
}

/** The plans and choices the flags ask for; undefined without --subscription (every output as before). */
export function readSubscriptions(
  args: SubscriptionArgs,
  scenario?: Scenario,
  defaultOnLimits: readonly OnLimit[] = ['wait', 'key'],
): SubscriptionChoice | undefined {
  const names = args.subscription;
  if (!names?.length) {
    for (const flag of ['on-limit', 'limit'] as const)
      if (args[flag]?.length)
        throw new UsageError(`--${flag}: needs --subscription`, 'for example --subscription claude-max-5x');
    return undefined;
  }
  let plans: SubscriptionPlan[] = names.flatMap((name) => {
    if (name !== 'all') return [loadSubscriptionPlan(name)];
    const covering = bundledSubscriptionPlans().filter((p) => !scenario || coversProfile(scenario, p));
    if (!covering.length && scenario)
      throw new UsageError(
        `--subscription all: no bundled plan runs the profile's models (${models(scenario)})`,
        'give a plan file with --subscription ./my-plan.json',
      );
    return covering;
  });
  plans = plans.filter((p, i) => plans.findIndex((q) => q.id === p.id) === i);
  for (const p of plans) {
    if (scenario && !coversProfile(scenario, p))
      throw new UsageError(
        `--subscription ${p.id}: ${p.name} runs none of the profile's models (${models(scenario)})`,
        `it covers ${p.covers.models?.join(', ') ?? `${p.covers.providers.join(', ')} models`}; choose a plan for them, or --model`,
      );
  }
  for (const text of args.limit ?? []) plans = applyLimit(plans, text);
  const onLimits = (args['on-limit']?.length ? args['on-limit'] : defaultOnLimits).map((v) => {
    if (!(ON_LIMIT as readonly string[]).includes(v))
      throw new UsageError(`--on-limit: unknown choice "${v}"`, `choose one of ${ON_LIMIT.join(', ')}`);
    return v as OnLimit;
  });
  return {plans, onLimits: [...new Set(onLimits)]};
}

function models(scenario: Scenario): string {
  return [...new Set(scenario.classes.map((c) => c.resolvedModel.id))].join(', ');
}

function applyLimit(plans: SubscriptionPlan[], text: string): SubscriptionPlan[] {
  const m = /^([^=]+)=(.+)$/.exec(text);
  const count = m ? parseMoney(m[2] as string) : undefined;
  if (!m || !count || !count.gt(0))
    throw new UsageError(
      `--limit: expected ID=COUNT with COUNT above 0, got "${text}"`,
      'for example --limit session=150000',
    );
  const id = m[1] as string;
  let found = false;
  const next = plans.map((p) => {
    const changed = withLimit(p, id, count, `--limit ${text}`);
    if (changed) found = true;
    return changed ?? p;
  });
  if (!found) {
    const ids = [...new Set(plans.flatMap((p) => p.limits.map((l) => l.id)))];
    throw new UsageError(
      `--limit: no plan given has a limit "${id}"`,
      `the plans' limits: ${ids.join(', ')}`,
    );
  }
  return next;
}
