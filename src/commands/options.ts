import type {Argv} from 'yargs';
import {UsageError} from '../errors.js';
import {parseMoney, type Money} from '../core/money.js';
import {applyPlanOverrides, applyProfileOverrides} from '../core/simulation/overrides.js';
import {buildScenario, type LoadedScenario} from '../core/simulation/scenario.js';
import type {Bucket} from '../core/tokens.js';
import type {UserConfig} from '../core/routing/user-config.js';
import {keysFromEnv} from '../core/routing/provider-env.js';
import {heldKeysStrategy} from '../core/routing/strategy.js';
import {loadConfig} from '../io/config-file.js';
import {loadPlan, loadPriceBook, loadProfile, loadSolveRates} from '../io/load-data.js';
import {withLadder} from '../core/solving/configured-ladder.js';
import type {SolveRates} from '../core/solving/solve-rates.js';
import type {ModelPrice} from '../core/pricing/model-price.js';
import type {PriceBook} from '../core/pricing/price-book.js';
import {priceOn} from '../core/pricing/price-dates.js';
import {FORMATS} from './names.js';

export type Format = (typeof FORMATS)[number];

export interface OutputArgs {
  format: Format;
  wide?: boolean | undefined;
}

function formatValue(value: unknown): Format {
  if (value === '' || typeof value !== 'string')
    throw new UsageError(`--format: needs a value: ${FORMATS.join(', ')}`);
  return value.toLowerCase() as Format;
}

/** --format (any case), --json for --format json (as in gh and ccusage), --wide for tables at full width. */
export function withOutputOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('format', {
      choices: FORMATS,
      requiresArg: true,
      default: 'table' as Format,
      coerce: formatValue,
      describe: 'output format',
      group: 'Output:',
    })
    .option('json', {type: 'boolean', describe: 'same as --format json', group: 'Output:'})
    .option('wide', {
      type: 'boolean',
      describe: 'tables at full width, every column (default: fit the terminal, 80 columns when piped)',
      group: 'Output:',
    })
    .middleware((argv: Record<string, unknown>) => {
      if (argv['json']) argv['format'] = 'json';
    });
}

const TOKEN_FLAGS: Record<string, Bucket> = {
  'input-tokens': 'input',
  'cache-read-tokens': 'cacheRead',
  'cache-write-tokens': 'cacheWrite5m',
  'cache-write-1h-tokens': 'cacheWrite1h',
  'output-tokens': 'output',
};

const TOKENS_GROUP = 'Tokens per task (every task; the mix keeps its classes and needs):';

/** The flags every costing command shares: profile, plan, prices, overrides and output format. */
export function withScenarioOptions<T>(yargs: Argv<T>) {
  return withOutputOptions(yargs)
    .option('config', {
      type: 'string',
      requiresArg: true,
      describe: 'settings file (default: $XDG_CONFIG_HOME/vibe-cost/config.json)',
      group: 'Settings:',
    })
    .option('keys-from-env', {
      type: 'boolean',
      describe: "count a provider's key as held when its usual variable (ANTHROPIC_API_KEY, ...) is set",
      group: 'Settings:',
    })
    .option('profile', {
      type: 'string',
      requiresArg: true,
      describe: 'usage profile: hobbyist, daily-driver (default), team, or a JSON file',
      group: 'Usage:',
    })
    .option('tasks-per-day', {
      type: 'number',
      requiresArg: true,
      describe: "tasks a working day (overrides the profile's pace)",
      group: 'Usage:',
    })
    .option('working-days', {
      type: 'number',
      requiresArg: true,
      describe: 'working days a month',
      group: 'Usage:',
    })
    .option('model', {
      type: 'string',
      requiresArg: true,
      describe: 'model every task asks for (id, alias or display name)',
      group: 'Usage:',
    })
    .option('input-tokens', {
      type: 'number',
      requiresArg: true,
      describe: 'uncached input tokens per task',
      group: TOKENS_GROUP,
    })
    .option('cache-read-tokens', {
      type: 'number',
      requiresArg: true,
      describe: 'cache-read tokens per task',
      group: TOKENS_GROUP,
    })
    .option('cache-write-tokens', {
      type: 'number',
      requiresArg: true,
      describe: '5-minute cache-write tokens per task',
      group: TOKENS_GROUP,
    })
    .option('cache-write-1h-tokens', {
      type: 'number',
      requiresArg: true,
      describe: '1-hour cache-write tokens per task',
      group: TOKENS_GROUP,
    })
    .option('output-tokens', {
      type: 'number',
      requiresArg: true,
      describe: 'output tokens per task, reasoning included',
      group: TOKENS_GROUP,
    })
    .option('requests-per-task', {
      type: 'number',
      requiresArg: true,
      describe: 'agent turns per task (long-context tiers apply per request)',
      group: TOKENS_GROUP,
    })
    .option('plan', {
      type: 'string',
      requiresArg: true,
      describe:
        'platform plan: vibekit (default), openrouter, cursor-pro, credits-builder, credits-cliff, or a JSON file',
      group: 'Plan and prices:',
    })
    .option('markup', {
      type: 'string',
      requiresArg: true,
      describe: "platform markup in percent over list price (overrides the plan's)",
      group: 'Plan and prices:',
    })
    .option('free-cap', {
      type: 'number',
      requiresArg: true,
      describe: "free tier's daily cap, in the plan's unit (requests or tasks)",
      group: 'Plan and prices:',
    })
    .option('prices', {
      type: 'string',
      requiresArg: true,
      array: true,
      describe: "extra price sheet (this project's JSON or LiteLLM's); repeatable, later wins",
      group: 'Plan and prices:',
    })
    .option('solve-rates', {
      type: 'string',
      requiresArg: true,
      describe:
        "first-attempt solve rates per model, for figures per solved task (default: the bundled benchmarks')",
      group: 'Plan and prices:',
    })
    .option('as-of', {
      type: 'string',
      requiresArg: true,
      describe: 'price as of this date, YYYY-MM-DD (default: today)',
      group: 'Plan and prices:',
    });
}

export interface ScenarioArgs {
  config?: string | undefined;
  'keys-from-env'?: boolean | undefined;
  profile?: string | undefined;
  plan?: string | undefined;
  prices?: string[] | undefined;
  'solve-rates'?: string | undefined;
  model?: string | undefined;
  markup?: string | undefined;
  'free-cap'?: number | undefined;
  'tasks-per-day'?: number | undefined;
  'working-days'?: number | undefined;
  'requests-per-task'?: number | undefined;
  [flag: string]: unknown;
}

/** The text typed after a flag (--runs abc, --runs=abc), to quote back when it is not a number. */
function typed(flag: string, argv: readonly string[] = process.argv): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith(`--${flag}=`)) return a.slice(flag.length + 3);
    if (a === `--${flag}`) return argv[i + 1];
  }
  return undefined;
}

/** Refuses NaN and numbers past 2^53 with what is wrong with them, not a bound they seem to miss. */
function checkNumber(flag: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    const text = typed(flag);
    throw new UsageError(
      text === undefined || text.startsWith('-')
        ? `--${flag}: needs a value`
        : `--${flag}: not a number: "${text}"`,
      `for example --${flag} 10`,
    );
  }
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    throw new UsageError(
      `--${flag}: too large: ${typed(flag) ?? String(value)} (at most ${Number.MAX_SAFE_INTEGER.toLocaleString('en-US')})`,
    );
  }
}

export function wholeNumber(flag: string, value: unknown, min: number): number | undefined {
  if (value === undefined) return undefined;
  checkNumber(flag, value);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new UsageError(`--${flag}: expected a whole number of at least ${min}, got ${String(value)}`);
  }
  return value;
}

export function positiveNumber(flag: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  checkNumber(flag, value);
  if (value > 1_000_000)
    throw new UsageError(`--${flag}: too large: ${typed(flag) ?? String(value)} (at most 1,000,000)`);
  if (value <= 0) {
    throw new UsageError(`--${flag}: expected a number above 0, got ${String(value)}`);
  }
  return value;
}

export function moneyFlag(flag: string, value: unknown): Money | undefined {
  if (value === undefined) return undefined;
  const parsed =
    typeof value === 'string' || typeof value === 'number' ? parseMoney(String(value)) : undefined;
  if (!parsed || parsed.isNegative())
    throw new UsageError(`--${flag}: expected a non-negative amount such as 20 or 5.5, got ${String(value)}`);
  return parsed;
}

/**
 * Today in UTC, YYYY-MM-DD. Written from the date's parts: the first toISOString() of a run costs
 * about 0.8 ms, and every simulate reads the date.
 */
export function today(): string {
  const now = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  return `${now.getUTCFullYear()}-${two(now.getUTCMonth() + 1)}-${two(now.getUTCDate())}`;
}

/** The day whose prices apply: --as-of, or today (UTC). The only place the clock is read for prices. */
export function asOfDate(flag: unknown): string {
  if (flag === undefined) return today();
  if (typeof flag !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(flag) || Number.isNaN(Date.parse(flag))) {
    throw new UsageError(`--as-of: expected a date YYYY-MM-DD, got ${String(flag)}`);
  }
  return flag;
}

/** A plan or profile from its flag, else the settings file (whose errors then name the file and key), else the default. */
export function fromSettings(
  key: 'plan' | 'profile',
  flag: string | undefined,
  config: UserConfig,
  fallback: string,
): [string, string] {
  if (flag !== undefined) return [flag, `--${key}`];
  const saved = config[key];
  return saved !== undefined ? [saved, `${config.origin}: key "${key}"`] : [fallback, `--${key}`];
}

/** Each solve-rate entry's first priced model: what a suggested ladder may try first. */
function ladderModels(rates: SolveRates, book: PriceBook, date: string): ModelPrice[] {
  return rates.models.flatMap((entry) => {
    const model = entry.ids.map((id) => book.find(id)).find((m) => m !== undefined);
    return model ? [priceOn(model, date)] : [];
  });
}

export function loadScenario(args: ScenarioArgs): LoadedScenario {
  const tokens: Partial<Record<Bucket, number>> = {};
  for (const [flag, bucket] of Object.entries(TOKEN_FLAGS)) {
    const value = wholeNumber(flag, args[flag], 0);
    if (value !== undefined) tokens[bucket] = value;
  }
  const tasksPerDay = positiveNumber('tasks-per-day', args['tasks-per-day']);
  const workingDays = wholeNumber('working-days', args['working-days'], 1);
  if (workingDays !== undefined && workingDays > 31)
    throw new UsageError(`--working-days: at most 31, got ${workingDays}`);
  const requestsPerTask = wholeNumber('requests-per-task', args['requests-per-task'], 1);
  const freeCap = wholeNumber('free-cap', args['free-cap'], 0);
  const markupPct = moneyFlag('markup', args.markup);
  const config = loadConfig(args.config);
  const book = loadPriceBook(args.prices ?? []);
  const profile = applyProfileOverrides(
    loadProfile(...fromSettings('profile', args.profile, config, 'daily-driver')),
    {
      ...(tasksPerDay !== undefined ? {tasksPerDay} : {}),
      ...(workingDays !== undefined ? {workingDaysPerMonth: workingDays} : {}),
      ...(args.model ? {model: args.model} : {}),
      tokens,
      ...(requestsPerTask !== undefined ? {requestsPerTask} : {}),
    },
  );
  const plan = applyPlanOverrides(loadPlan(...fromSettings('plan', args.plan, config, 'vibekit')), {
    ...(markupPct ? {markupPct} : {}),
    ...(freeCap !== undefined ? {freeCap} : {}),
  });
  const fromEnv = args['keys-from-env'] ?? config.keysFromEnv;
  const heldKeys = [...new Set([...config.keys, ...(fromEnv ? keysFromEnv(process.env) : [])])].sort();
  const held = heldKeys.length ? [heldKeysStrategy(heldKeys)] : [];
  const date = asOfDate(args['as-of']);
  const solveRates = loadSolveRates(args['solve-rates']);
  const apps = config.apps.map((app) => withLadder(app, book, date, solveRates, config.origin));
  return {
    scenario: {
      ...buildScenario(profile, plan, book, date),
      solveRates,
      ladderModels: ladderModels(solveRates, book, date),
    },
    book,
    config,
    heldKeys,
    userStrategies: [...apps, ...held],
  };
}
