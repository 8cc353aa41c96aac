import type {Arguments, Argv} from 'yargs';
import {UsageError} from '../errors.js';
import {CAPABILITIES, type Capability} from '../core/capability.js';
import {DIMENSIONS, type Dimension} from '../core/history/usage-record.js';
import {renderGroupsCsv} from '../output/group-render.js';
import {profileFromHistory} from '../core/history/history-profile.js';
import {profileDocument} from '../core/simulation/profile.js';
import {applyPlanOverrides} from '../core/simulation/overrides.js';
import {agentHistory} from '../io/usage/agent-homes.js';
import {SOURCE_IDS, type SourceId} from '../io/usage/sources/source-ids.js';
import {ENGINE_SOURCES, type EngineSource} from '../io/usage/duckdb/engine-sources.js';
import {pricesFrom} from './sql.js';
import {loadConfig} from '../io/config-file.js';
import {loadPlan, loadPriceBook} from '../io/load-data.js';
import {writeUserFile} from '../io/write-file.js';
import {
  importJson,
  rejectsCsv,
  renderImportCsv,
  renderImportMarkdown,
  renderImportTable,
  type ImportView,
} from '../output/import-render.js';
import {fromSettings, moneyFlag, today, wholeNumber, withOutputOptions, type OutputArgs} from './options.js';
import {stderrIsTerminal, writeErr} from './stdio.js';
import {print, printJson, progressBar, tableWidth, terminalStyle, terminalWidth} from './output.js';
import {readSubscriptions, withSubscriptionOptions, type SubscriptionArgs} from './subscription-options.js';
import {
  subscriptionReplayCsv,
  subscriptionReplayJson,
  subscriptionReplayLines,
  subscriptionReplayMarkdown,
} from '../output/subscription-replay-render.js';

interface ImportArgs extends OutputArgs, SubscriptionArgs {
  inputs: string[];
  source?: SourceId | 'otel';
  engine?: 'duckdb';
  'memory-limit'?: string;
  plan?: string;
  markup?: string;
  'free-cap'?: number;
  prices?: string[];
  config?: string;
  needs?: Capability;
  'task-gap': string;
  'save-profile'?: string;
  rejects?: string;
  strict?: boolean;
  force?: boolean;
  by?: Dimension;
}

/** "10m", "90s", "1h" → milliseconds. */
function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!match) throw new UsageError(`--task-gap: expected a duration such as 10m, 90s or 1h, got "${text}"`);
  const unit = {ms: 1, s: 1000, m: 60_000, h: 3_600_000}[match[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}

/** The source --engine duckdb reads, or undefined for the streaming readers; a combination that cannot run is bad usage. */
function engineSource(args: ImportArgs): EngineSource | undefined {
  const engines = Object.keys(ENGINE_SOURCES).join(' or ');
  if (args.engine === undefined) {
    if (args.source === 'otel')
      throw new UsageError(
        '--source otel is read with --engine duckdb',
        "add --engine duckdb (Copilot's own OTel file export streams as --source copilot.otel)",
      );
    if (args['memory-limit'] !== undefined) throw new UsageError('--memory-limit is for --engine duckdb');
    return undefined;
  }
  if (args.source === undefined || !(args.source in ENGINE_SOURCES))
    throw new UsageError(
      `--engine duckdb: name the source with --source ${engines}${args.source ? ` (not ${args.source})` : ''}`,
    );
  if (
    args['memory-limit'] !== undefined &&
    !/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(args['memory-limit'])
  )
    throw new UsageError(`--memory-limit: expected a size such as 2GB, got "${args['memory-limit']}"`);
  return args.source as EngineSource;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const importCommand = {
  command: 'import [inputs..]',
  describe: 'read past usage (exports, agent logs, ccusage JSON) and re-price it on every path',
  builder: (yargs: Argv) =>
    withSubscriptionOptions(withOutputOptions(yargs))
      .positional('inputs', {
        type: 'string',
        array: true,
        describe:
          "files, folders (read recursively) or - for standard input; none: every agent's default place",
      })
      .option('source', {
        choices: [...SOURCE_IDS, 'otel'],
        requiresArg: true,
        describe:
          'read every input as this source instead of detecting it (otel: OpenTelemetry GenAI spans, with --engine duckdb)',
      })
      .option('engine', {
        choices: ['duckdb'],
        requiresArg: true,
        describe: `read and sum large trees with DuckDB, in parallel (--source ${Object.keys(ENGINE_SOURCES).join(' or ')})`,
      })
      .option('memory-limit', {
        type: 'string',
        requiresArg: true,
        describe:
          "DuckDB's memory limit, such as 2GB (default: 80% of RAM); past it, grouping spills to disk",
      })
      .option('plan', {
        type: 'string',
        requiresArg: true,
        describe: 'platform plan to re-price on (default: vibekit)',
      })
      .option('markup', {type: 'string', requiresArg: true, describe: "the plan's markup, in percent"})
      .option('free-cap', {type: 'number', requiresArg: true, describe: "the free tier's daily cap"})
      .option('prices', {
        type: 'string',
        requiresArg: true,
        array: true,
        describe: 'extra price sheet; repeatable, later wins',
      })
      .option('config', {
        type: 'string',
        requiresArg: true,
        describe: 'settings file: your apps are re-priced too',
      })
      .option('needs', {
        choices: CAPABILITIES,
        requiresArg: true,
        describe: "what the history's tasks need (default: the tier of the model that ran them)",
      })
      .option('task-gap', {
        type: 'string',
        requiresArg: true,
        default: '10m',
        describe: 'idle time that ends a task, where the source has no session id',
      })
      .option('save-profile', {
        type: 'string',
        requiresArg: true,
        describe: 'write a usage profile from the history, for simulate, recommend and the dashboard',
      })
      .option('rejects', {
        type: 'string',
        requiresArg: true,
        describe: 'write every rejected row (file, line, reason) to this CSV',
      })
      .option('by', {
        choices: DIMENSIONS,
        requiresArg: true,
        describe:
          'also replay each team, project or user apart (aggregated usage names them), with a recommendation each',
      })
      .option('strict', {type: 'boolean', describe: 'stop at the first bad row'})
      .option('force', {type: 'boolean', describe: 'overwrite files written by --save-profile and --rejects'})
      .example('$0 import ~/.claude/projects', 'every Claude Code session log, re-priced on each path')
      .example(
        '$0 import claude_api_tokens.csv claude_api_cost.csv',
        "the Console's token export, with the billed cost beside it",
      )
      .example('ccusage daily --json | $0 import -', "ccusage's report from standard input")
      .example('$0 import ~/.codex/sessions --save-profile me.json', 'and a profile of how you work')
      .example(
        '$0 import usage-by-team.csv --by team',
        "each team's cost on every path, and the path to take",
      )
      .example(
        '$0 import spans/ --engine duckdb --source otel',
        'a folder of OpenTelemetry GenAI spans (Parquet or JSON lines), summed by DuckDB',
      )
      .example(
        '$0 import ~/.claude/projects --subscription claude-max-5x',
        'which 5-hour windows and weeks of your history Max 5× would have limited, and its cost beside your key',
      ),
  handler: async (argv: Arguments) => {
    const args = argv as unknown as ImportArgs;
    // yargs drops a lone '-' from positionals; it means standard input, so take it from the raw arguments.
    const named = [...(args.inputs ?? []), ...(process.argv.slice(2).includes('-') ? ['-'] : [])];
    args.inputs = named.length > 0 ? named : agentHistory(process.env, (line) => writeErr(`${line}\n`));
    const gapMs = parseDuration(args['task-gap']);
    const freeCap = wholeNumber('free-cap', args['free-cap'], 0);
    const markupPct = moneyFlag('markup', args.markup);
    const config = loadConfig(args.config);
    const book = loadPriceBook(args.prices ?? []);
    const plan = applyPlanOverrides(loadPlan(...fromSettings('plan', args.plan, config, 'vibekit')), {
      ...(markupPct ? {markupPct} : {}),
      ...(freeCap !== undefined ? {freeCap} : {}),
    });
    const subscriptions = readSubscriptions(args);
    if (args.by && subscriptions && args.format === 'csv')
      throw new UsageError(
        '--format csv writes one table: --by and --subscription each make their own',
        'run them apart, or use --format json for both',
      );
    const engine = engineSource(args);
    const progress = stderrIsTerminal() ? progressBar() : undefined;
    // The importers (and csv-parse) load only when importing: other commands start without them.
    const {replayHistory, nothingImported} = await import('../io/replay-history.js');
    const {
      outcome,
      replay,
      profile: history,
      subscriptions: replayed,
      aggregated,
      groups,
    } = await replayHistory(args.inputs, {
      ...(subscriptions ? {subscriptions} : {}),
      book,
      plan,
      apps: config.apps,
      ...(args.needs ? {needs: args.needs} : {}),
      taskGapMs: gapMs,
      today: today(),
      ...(args.source && !engine ? {format: args.source as SourceId} : {}),
      ...(engine
        ? {
            duckdb: {
              source: engine,
              longContext: (await import('../core/usage-sql/long-context-keys.js')).longContextTable(
                book.keyed(),
              ),
              pricesFrom: pricesFrom(book),
              ...(args['memory-limit'] ? {memoryLimit: args['memory-limit']} : {}),
            },
          }
        : {}),
      strict: args.strict ?? false,
      ...(args.by ? {by: args.by} : {}),
      stdin: readStdin,
      ...(progress ? {onProgress: progress.update} : {}),
    });
    progress?.done();
    const view: ImportView = {
      outcome,
      replay,
      history,
      plan,
      gapMs,
      folders: args.inputs,
      aggregated,
      ...(groups && args.by ? {groups: {by: args.by, groups}} : {}),
    };
    if (args.rejects)
      writeUserFile(args.rejects, rejectsCsv(outcome.rejects), args.force ?? false, '--rejects');
    const nothing = nothingImported(outcome, args.inputs, engine ? undefined : (args.source as SourceId));
    if (nothing) throw nothing;
    if (args['save-profile']) {
      if (history.tasks === 0)
        throw new UsageError(
          '--save-profile: the history has no tasks to build a profile from',
          'aggregated exports (daily or hourly buckets) carry no tasks: import agent logs or per-request exports',
        );
      const capability = (id: string): Capability => args.needs ?? book.find(id)?.capability ?? 'frontier';
      const profile = profileFromHistory(
        history,
        capability,
        args['save-profile'].replace(/^.*\//, '').replace(/\.json$/, ''),
        `vibe-cost import of ${args.inputs.join(', ')}`,
      );
      writeUserFile(args['save-profile'], profileDocument(profile), args.force ?? false, '--save-profile');
    }
    if (args.format === 'json')
      printJson({
        ...importJson(view, book.sheets),
        ...(replayed ? {subscriptions: subscriptionReplayJson(replayed)} : {}),
      });
    // With --subscription, the CSV is the subscription replay's: one table a document.
    else if (args.format === 'csv')
      print(
        replayed
          ? subscriptionReplayCsv(replayed)
          : view.groups
            ? renderGroupsCsv(view.groups)
            : renderImportCsv(view),
      );
    else if (args.format === 'markdown')
      print(renderImportMarkdown(view) + (replayed ? `\n${subscriptionReplayMarkdown(replayed)}\n` : ''));
    else
      print(
        renderImportTable(view, terminalWidth(), tableWidth(args), terminalStyle(), args['save-profile']) +
          (replayed ? `\n${subscriptionReplayLines(replayed, tableWidth(args), terminalStyle())}\n` : ''),
      );
  },
};
