import type {Arguments, Argv} from 'yargs';
import {UsageError} from '../errors.js';
import {nearestNames} from '../core/pricing/model-names.js';
import {recommend} from '../core/advice/recommend.js';
import {
  recommendJson,
  renderRecommendMarkdown,
  renderRecommendTable,
  type RecommendView,
} from '../output/recommend-render.js';
import {renderCsv} from '../output/table.js';
import {usd} from '../output/json.js';
import {cliText} from '../output/setting-flags.js';
import {constraintOptions, readConstraints} from './constraints.js';
import {loadScenario, withScenarioOptions, type OutputArgs, type ScenarioArgs} from './options.js';
import {print, printJson, tableWidth, terminalStyle} from './output.js';
import {ON_LIMIT, totalServed} from '../core/routing/router.js';
import {subscriptionReport} from '../core/subscription/subscription-report.js';
import {
  recommendSubscriptionLines,
  renderSubscriptionCsv,
  subscriptionJson,
} from '../output/subscription-render.js';
import {wrapProse} from '../output/text-width.js';
import {readSubscriptions, withSubscriptionOptions, type SubscriptionArgs} from './subscription-options.js';
import {perSolvedUsd} from '../core/solving/solving.js';

export const recommendCommand = {
  command: 'recommend',
  describe:
    'the path (or mix of paths) to take, ranked by monthly cost under your constraints, with the reasons',
  builder: (yargs: Argv) =>
    withSubscriptionOptions(constraintOptions(withScenarioOptions(yargs)))
      .option('current', {
        type: 'string',
        requiresArg: true,
        describe:
          'your current setup, to show the saving: all-byok, all-platform, all-free, free-then-platform, your-keys, app:NAME',
        group: 'Recommendation:',
      })
      .example('$0 recommend --profile daily-driver', 'what a daily user should do')
      .example(
        '$0 recommend --profile hobbyist --no-key --budget 20',
        'no key to manage, at most $20 a month',
      )
      .example(
        '$0 recommend --per solved',
        'ranked by cost per solved task, escalation ladders weighed ("a cheap model, then yours on failure")',
      )
      .example(
        '$0 recommend --current all-platform --format json',
        'the saving against paying the platform for everything',
      )
      .example(
        '$0 recommend --subscription claude-max-5x',
        'Max 5× (waiting, your key, the platform or extra usage past its limits) beside your key and the platform',
      ),
  handler: (argv: Arguments) => {
    const args = argv as unknown as ScenarioArgs & OutputArgs & SubscriptionArgs & {current?: string};
    const {scenario, book, userStrategies, heldKeys} = loadScenario(args);
    const subscriptions = readSubscriptions(args, scenario, ON_LIMIT);
    const subs = subscriptions && subscriptionReport(scenario, subscriptions.plans, subscriptions.onLimits);
    const rec = recommend(scenario, readConstraints(args, heldKeys), userStrategies);
    let current;
    if (args.current) {
      current = rec.ranked.find((c) => c.strategy.id === args.current);
      if (!current) {
        const ids = rec.ranked.map((c) => c.strategy.id);
        throw new UsageError(
          `--current: unknown setup "${args.current}"; nearest: ${nearestNames(args.current, ids).join(', ')}`,
          `choose one of ${ids.join(', ')}`,
        );
      }
    }
    const view: RecommendView = {rec, scenario, heldKeys, ...(current ? {current} : {})};
    if (args.format === 'json')
      printJson({
        ...recommendJson(view, book.sheets),
        ...(subs ? {subscriptions: subscriptionJson(subs, book.sheets)} : {}),
      });
    else if (args.format === 'markdown')
      print(
        renderRecommendMarkdown(view) +
          (subs
            ? `\n## Subscriptions\n\n${subscriptionAdvice(subs)
                .map((l) => `- ${l}`)
                .join('\n')}\n`
            : ''),
      );
    // With --subscription, the CSV is the subscription comparison's: one table a document.
    else if (args.format === 'csv' && subs) print(renderSubscriptionCsv(subs));
    else if (args.format === 'csv') {
      print(
        renderCsv(
          [
            'rank',
            'strategy',
            'monthly_usd',
            'p90_monthly_usd',
            'run_out_share',
            'blocked_share',
            'served',
            'tasks',
            'eligible',
            'violations',
            'warnings',
            'attempts',
            'solved',
            'solved_not_known',
            'per_solved_usd',
          ],
          rec.ranked.map((c, i) => [
            String(i + 1),
            c.strategy.id,
            usd(c.month.totalUsd),
            c.variability ? usd(c.variability.p90Usd) : '',
            String(c.variability?.runOutShare ?? ''),
            String(c.variability?.blockedShare ?? ''),
            String(totalServed(c.month.served)),
            String(c.month.tasks),
            String(c.violations.length === 0),
            c.violations.map(cliText).join('; '),
            c.warnings.join('; '),
            String(c.month.solving.attempts),
            String(c.month.solving.solved),
            String(c.month.solving.unknown),
            perSolvedUsd(c.month)?.toDecimalPlaces(8).toString() ?? '',
          ]),
        ),
      );
    } else {
      const width = tableWidth(args);
      const lines = subs ? subscriptionAdvice(subs).flatMap((l) => wrapProse(l, Math.min(width, 100))) : [];
      print(
        renderRecommendTable(view, width, terminalStyle()) +
          (subs ? `\n${terminalStyle().bold('Subscriptions at this pace:')}\n${lines.join('\n')}\n` : ''),
      );
    }
  },
};

/** The subscription lines, and where the CLI user sets a limit of their own. */
function subscriptionAdvice(report: Parameters<typeof recommendSubscriptionLines>[0]): string[] {
  return [
    ...recommendSubscriptionLines(report),
    'Every limit, its source and whether it is an estimate: simulate --subscription; your own figure: --limit ID=COUNT.',
  ];
}
