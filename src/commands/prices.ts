import type {Arguments, Argv} from 'yargs';
import {UsageError, UserError} from '../errors.js';
import {diffPrices, holdSuspicious, SUSPICIOUS_FACTOR} from '../core/pricing/price-diff.js';
import {parsePriceSheet} from '../core/pricing/parse-sheet.js';
import {normalizeModelName} from '../core/pricing/model-names.js';
import {loadPriceBook, loadSheet} from '../io/load-data.js';
import {fetchText, LITELLM_URL, readCachedMeta, storeSheet} from '../io/price-cache.js';
import {
  priceDiffCsv,
  priceDiffMarkdown,
  renderPriceDiff,
  priceDiffJson,
} from '../output/price-diff-render.js';
import {
  modelJson,
  priceShowCsv,
  priceShowMarkdown,
  pricesJson,
  renderPriceShow,
  renderPricesList,
} from '../output/prices-render.js';
import {plural} from '../output/format.js';
import {renderCsv} from '../output/table.js';
import {SCHEMA_VERSION} from '../output/json.js';
import {describeSources} from '../output/describe.js';
import {asOfDate, today, withOutputOptions, type OutputArgs} from './options.js';
import {print, printJson, tableWidth} from './output.js';

const pricesOption = <T>(y: Argv<T>) =>
  y.option('prices', {
    type: 'string',
    requiresArg: true,
    array: true,
    describe: 'extra price sheet; repeatable, later wins',
  });

export const pricesCommand = {
  command: 'prices <action>',
  describe: 'list, show, validate and update the prices in use',
  builder: (yargs: Argv) =>
    yargs
      .command({
        command: 'list',
        describe: 'every priced model, filtered by provider or text',
        builder: (y: Argv) =>
          withOutputOptions(pricesOption(y))
            .option('provider', {type: 'string', requiresArg: true, describe: 'only this provider'})
            .option('search', {type: 'string', describe: 'only models whose name contains this'}),
        handler: (argv: Arguments) => {
          const args = argv as unknown as OutputArgs & {
            prices?: string[];
            provider?: string;
            search?: string;
          };
          const book = loadPriceBook(args.prices ?? []);
          const search = args.search ? normalizeModelName(args.search) : undefined;
          const models = book
            .allModels()
            .filter((m) => !args.provider || m.provider === args.provider)
            .filter(
              (m) =>
                !search ||
                [m.id, ...m.aliases, m.displayName ?? ''].some((n) => normalizeModelName(n).includes(search)),
            )
            .sort((a, b) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id));
          if (
            models.length === 0 &&
            args.provider &&
            !book.allModels().some((m) => m.provider === args.provider)
          ) {
            throw new UsageError(
              `--provider: no models from "${args.provider}"`,
              `providers: ${[...new Set(book.allModels().map((m) => m.provider))].sort().join(', ')}`,
            );
          }
          if (args.format === 'json') printJson(pricesJson(models, book.sheets));
          else print(renderPricesList(models, args.format, tableWidth(args)));
        },
      })
      .command({
        command: 'show <model>',
        describe: 'every tier of one model, its aliases, BYOK-ability, capability, date and source',
        builder: (y: Argv) =>
          withOutputOptions(pricesOption(y)).positional('model', {type: 'string', demandOption: true}),
        handler: (argv: Arguments) => {
          const args = argv as unknown as OutputArgs & {prices?: string[]; model: string};
          const model = loadPriceBook(args.prices ?? []).resolve(args.model, 'prices show');
          if (args.format === 'json')
            printJson({schemaVersion: SCHEMA_VERSION, command: 'prices show', model: modelJson(model)});
          else if (args.format === 'csv') print(priceShowCsv(model));
          else if (args.format === 'markdown') print(priceShowMarkdown(model));
          else print(renderPriceShow(model, tableWidth(args)));
        },
      })
      .command({
        command: 'validate <file>',
        describe: "check a price sheet (this project's format or LiteLLM's) without using it",
        builder: (y: Argv) => withOutputOptions(y).positional('file', {type: 'string', demandOption: true}),
        handler: (argv: Arguments) => {
          const args = argv as unknown as OutputArgs & {file: string};
          const {summary} = loadSheet(args.file);
          const format = {litellm: "LiteLLM's", openrouter: "OpenRouter's", 'vibe-cost': 'vibe-cost'}[
            summary.format
          ];
          if (args.format === 'json')
            printJson({
              schemaVersion: SCHEMA_VERSION,
              command: 'prices validate',
              valid: true,
              file: summary.origin,
              format: summary.format,
              models: summary.models,
              asOf: summary.asOf || null,
            });
          else if (args.format === 'csv')
            print(
              renderCsv(
                ['file', 'valid', 'format', 'models', 'as_of'],
                [[summary.origin, 'true', summary.format, String(summary.models), summary.asOf]],
              ),
            );
          else
            print(
              `${args.format === 'markdown' ? '- ' : ''}${summary.origin}: valid ${format} price sheet, ${plural(summary.models, 'model')}${summary.asOf ? `, as of ${summary.asOf}` : ''}.`,
            );
        },
      })
      .command({
        command: 'update',
        describe:
          "fetch LiteLLM's price list (or OpenRouter's model list), show what changed, and use it from now on",
        builder: (y: Argv) =>
          withOutputOptions(y)
            .option('from', {
              type: 'string',
              requiresArg: true,
              describe: `URL or file (default: ${LITELLM_URL})`,
            })
            .option('dry-run', {type: 'boolean', describe: 'show the changes, store nothing'})
            .option('as-of', {
              type: 'string',
              requiresArg: true,
              describe: "the prices' date, for a file that does not say it (YYYY-MM-DD)",
            })
            .option('accept-suspicious', {
              type: 'boolean',
              describe: `apply price changes over ${SUSPICIOUS_FACTOR}× too (held back by default)`,
            }),
        handler: async (argv: Arguments) => {
          const args = argv as unknown as OutputArgs & {
            from?: string;
            'dry-run'?: boolean;
            'as-of'?: string;
            'accept-suspicious'?: boolean;
          };
          const from = args.from ?? LITELLM_URL;
          const asOfFlag = args['as-of'] === undefined ? undefined : asOfDate(args['as-of']);
          const inUse = loadPriceBook();
          const fetched = await fetchText(from);
          if ('error' in fetched) {
            throw new UserError(
              `could not fetch prices (${fetched.error}); still using ${describeSources(inUse.sheets)}`,
              69,
              'check the address or the network, or give a file with --from FILE',
            );
          }
          const sheet = parsePriceSheet(fetched.text, from);
          const retrieved = today();
          // The prices' own date: a file can be a snapshot read months after it was taken.
          const asOf =
            asOfFlag ??
            (sheet.summary.asOf ||
              /\d{4}-\d{2}-\d{2}/.exec(from.replace(/^.*\//, ''))?.[0] ||
              (/^https?:\/\//.test(from) ? retrieved : undefined));
          if (!asOf)
            throw new UsageError(
              `prices update: ${from} does not say the date of its prices`,
              'give it with --as-of YYYY-MM-DD (the day the snapshot was taken)',
            );
          const diff = diffPrices(inUse, sheet.models, readCachedMeta()?.models ?? []);
          const models = args['accept-suspicious'] ? sheet.models : holdSuspicious(inUse, sheet.models);
          const stored = args['dry-run']
            ? undefined
            : await storeSheet(models, fetched.text, from, {retrievedAt: retrieved, asOf});
          const view = {
            from,
            retrievedAt: retrieved,
            asOf,
            models: sheet.models.length,
            diff,
            stored,
            inUse: inUse.sheets,
            suspiciousApplied: args['accept-suspicious'] ?? false,
          };
          if (args.format === 'json') printJson(priceDiffJson(view));
          else if (args.format === 'csv') print(priceDiffCsv(view));
          else if (args.format === 'markdown') print(priceDiffMarkdown(view));
          else print(renderPriceDiff(view));
        },
      })
      // usage-errors.ts says which actions there are, from the parser's own list.
      .demandCommand(1, 'name an action'),
  handler: () => undefined,
};
