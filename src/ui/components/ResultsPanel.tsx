import {unservedTotal} from '../../core/advice/recommend.js';
import {PATHS, type PathKind} from '../../core/routing/router.js';
import type {SimulateReport} from '../../core/simulation/simulate-report.js';
import {PATH_NAMES} from '../../output/describe.js';
import {formatCount, formatUsd, plural, unitUsdDecimals} from '../../output/format.js';
import {fit} from '../text.js';
import {Lines, type Line} from './Lines.js';
import {totalServed} from '../../core/routing/router.js';
import {perSolvedUsd} from '../../core/solving/solving.js';

interface Props {
  readonly report: SimulateReport;
  readonly width: number;
  /** Lines to fill: the strategies take what the paths leave. */
  readonly height: number;
  readonly colour: boolean;
}

/** A month at the current inputs: each path, the free tier, the credits, and every strategy weighed. */
export function ResultsPanel({report, width, height, colour}: Props) {
  const {scenario} = report;
  const lines: Line[] = [
    {
      text: fit(`A month: ${plural(report.tasks, 'task')} · cheapest ${PATH_NAMES[report.cheapest]}`, width),
      bold: true,
    },
  ];
  const perTaskOf = (path: PathKind) => {
    const {month} = report.paths[path];
    const served = totalServed(month.served);
    return served > 0 && !report.paths[path].notApplicable ? month.totalUsd.div(served) : undefined;
  };
  // One number of decimals down the column: four for all when any is under a dollar.
  const decimals = unitUsdDecimals(PATHS.map(perTaskOf));
  for (const path of PATHS) {
    const notApplicable = report.paths[path].notApplicable;
    if (notApplicable) {
      lines.push({
        text: fit(`${PATH_NAMES[path].padEnd(9)}not applicable: ${notApplicable}`, width),
        dim: true,
      });
      continue;
    }
    const run = report.paths[path].month;
    const lower = run.complete ? '' : '≥';
    const unit = perTaskOf(path);
    const perTask = unit ? `${lower}${formatUsd(unit, decimals)}/task` : 'serves none';
    const unserved = unservedTotal(run);
    const solved = perSolvedUsd(run);
    const perSolved = !scenario.solveRates
      ? ''
      : solved
        ? ` · ${lower}${formatUsd(solved, decimals)}/solved`
        : ' · ?/solved';
    const text = `${PATH_NAMES[path].padEnd(9)}${`${lower}${formatUsd(run.totalUsd)}`.padStart(11)}/mo  ${perTask}${perSolved}${unserved ? ` · ${formatCount(unserved)} unserved` : ''}`;
    lines.push({text: fit(text, width), ...(path === report.cheapest ? {color: 'green'} : {})});
  }
  const free = scenario.plan.free;
  const freeRun =
    report.recommendation.ranked.find((c) => c.strategy.id === 'free-then-platform')?.month ??
    report.paths.free.month;
  lines.push({
    text: fit(
      free
        ? `Free tier serves ${formatCount(freeRun.served.free)} of ${formatCount(freeRun.tasks)} tasks (cap ${formatCount(free.dailyCap.count)} ${free.dailyCap.unit}/day)`
        : 'Free tier: off or none on this plan',
      width,
    ),
  });
  const subscription = scenario.plan.platform.subscription;
  const credits = report.paths.platform.month.credits[0];
  if (subscription && credits) {
    const left = subscription.includedCredits.sub(credits.used);
    const unit =
      subscription.creditUnit === 'usd'
        ? (n: typeof left) => formatUsd(n)
        : (n: typeof left) => `${n.toDecimalPlaces(0).toString()} credits`;
    const leftText = left.gt(0)
      ? `${unit(left)} of ${unit(subscription.includedCredits)} left`
      : `all ${unit(subscription.includedCredits)} used`;
    lines.push({
      text: fit(
        `Credits: ${leftText}${credits.runOutDay ? ` · run out on day ${credits.runOutDay}` : ''}`,
        width,
      ),
      ...(credits.runOutDay ? {color: 'yellow'} : {}),
    });
  } else {
    lines.push({text: fit('Credits: none on this plan', width), dim: true});
  }
  const room = Math.max(0, height - lines.length);
  report.recommendation.ranked.slice(0, room).forEach((c, i) => {
    const mark = i === 0 ? '★' : c.violations.length ? '✗' : ' ';
    const cost = `${c.month.complete ? '' : '≥'}${formatUsd(c.month.totalUsd)}`;
    lines.push({
      text: fit(
        `${mark} ${fit(c.strategy.label, Math.max(8, width - cost.length - 3)).padEnd(Math.max(8, width - cost.length - 3))} ${cost}`,
        width,
      ),
      dim: c.violations.length > 0,
    });
  });
  return <Lines lines={lines} width={width} colour={colour} />;
}
