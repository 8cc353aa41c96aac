import type {Money} from '../core/money.js';
import type {Unpriced} from '../core/bound.js';
import type {PlatformReport} from '../core/platform/platform-report.js';
import {marginAfterChurn, type SegmentMonth, type UserMonth} from '../core/platform/platform-month.js';
import {renderLineChart, resample, chartPoints} from './chart.js';
import {boundFigure} from './figure.js';
import {formatCount, formatNumber, formatUsd, listed, plural} from './format.js';
import {SCHEMA_VERSION, usd} from './json.js';
import type {Style} from './style.js';
import {renderCsv, renderMarkdownTable, renderTable, type Column} from './table.js';
import {wrapProse} from './text-width.js';

const COLUMNS: Column[] = [
  {header: 'Users', fit: 'wrap'},
  {header: 'Count', align: 'right'},
  {header: 'Setup', fit: 'wrap'},
  {header: 'User pays', align: 'right', short: 'Pays'},
  // Narrow, the cost side goes first: the summary under the table gives each in total.
  {header: 'Revenue', align: 'right', drop: 3},
  {header: 'To providers', align: 'right', short: 'Providers', drop: 2},
  {header: 'Free tier', align: 'right', drop: 1},
  {header: 'Margin', align: 'right'},
  {header: 'BYOK saves', align: 'right'},
  {header: 'Leaves', fit: 'wrap'},
];

/** A figure as far as the prices known show it: exact, ≥, ≤ or not known. */
const money = (value: Money, unpriced: Unpriced) => boundFigure(value, unpriced.bound);

/** "a margin of ≥$455.70", or "a margin not known". */
const aMargin = (value: Money, unpriced: Unpriced) =>
  unpriced.bound === 'not-known' ? 'a margin not known' : `a margin of ${money(value, unpriced)}`;

const leavesWord = (s: SegmentMonth) =>
  s.leaves === undefined ? 'not known' : s.leaves ? 'expected to' : 'no';

function segmentRow(s: SegmentMonth): string[] {
  const u = s.stays;
  return [
    s.segment.profile,
    formatNumber(s.users),
    s.segment.setup,
    money(u.userPaysUsd, u.unpriced.userPays),
    money(u.revenueUsd, u.unpriced.revenue),
    money(u.providerCostUsd, u.unpriced.providerCost),
    money(u.freeCostUsd, u.unpriced.freeCost),
    money(u.marginUsd, u.unpriced.margin),
    s.byokSavingUsd && s.byokSavingUnpriced
      ? money(s.byokSavingUsd, s.byokSavingUnpriced)
      : 'no key reaches its models',
    leavesWord(s),
  ];
}

/** Whether any margin of the sweep is not exact: the best is then the best of the priced parts. */
const sweepBounded = (r: PlatformReport) => r.markups.points.some((p) => !p.result.complete);

function summary(r: PlatformReport): string[] {
  const {month, plan, markups} = r;
  const names = (which: (s: SegmentMonth) => boolean) =>
    month.segments.filter(which).map((s) => s.segment.profile);
  const leaving = names((s) => s.leaves === true);
  const undecided = names((s) => s.leaves === undefined);
  const current = plan.platform.markupPct;
  const after = aMargin(month.marginAfterChurnUsd, month.unpriced.marginAfterChurn);
  const best = markups.best.result;
  const open = undecided.length
    ? ` Whether it saves the ${listed(undecided)} users that much is not known (a price is missing), so the margin after churn is not known.`
    : '';
  const lines = [
    `A month over ${plural(month.users, 'user')}: revenue ${money(month.revenueUsd, month.unpriced.revenue)}, paid to providers ${money(month.providerCostUsd, month.unpriced.providerCost)}, free tier ${money(month.freeCostUsd, month.unpriced.freeCost)}; margin ${money(month.marginUsd, month.unpriced.margin)} if every user stays.`,
    ...(month.complete
      ? []
      : [
          'Some tokens have no price: ≥ marks a lower bound, ≤ an upper bound (a cost the platform pays at an unknown price makes its margin smaller), and a figure that could lie either way is not known.',
        ]),
    leaving.length
      ? `BYOK saves the ${listed(leaving)} users at least ${formatUsd(r.keyWorthUsd)} a month (the key-worth threshold): ${plural(month.usersLeaving, 'user')} expected to bring their own key, leaving ${after}.${open}`
      : undecided.length
        ? `No user is known to save ${formatUsd(r.keyWorthUsd)} a month or more on their own key (the key-worth threshold).${open}`
        : `No user saves ${formatUsd(r.keyWorthUsd)} a month or more on their own key (the key-worth threshold): none is expected to leave.`,
    `Per user and month in the table; per-user figures times the user count give the totals.`,
    `${sweepBounded(r) ? 'Of the markups tried, by the priced part of each margin (a price is missing), the best' : 'Best markup of those tried'}: ${formatNumber(markups.best.value)}%, ${aMargin(best.marginAfterChurnUsd, best.unpriced.marginAfterChurn)} a month after ${plural(best.usersLeaving, 'user')} leave${best.usersUndecided ? ` (whether ${formatNumber(best.usersUndecided)} more do is not known)` : ''}; at the plan's ${formatNumber(current.toNumber())}%: ${money(month.marginAfterChurnUsd, month.unpriced.marginAfterChurn)}.`,
    r.freePaidAt
      ? `Free-tier tokens are costed at ${r.freePaidAt.id}'s list prices (what the platform pays to host its pool).`
      : month.freeCostUsd.isZero() && month.unpriced.freeCost.bound === 'exact'
        ? `Free-tier tokens cost the platform nothing here: the pool's models list $0, within their providers' rate limits. Give --free-paid-at MODEL if the platform pays to host them.`
        : `Free-tier tokens are costed at the pool's own list prices (${money(month.freeCostUsd, month.unpriced.freeCost)} a month). Give --free-paid-at MODEL if the platform pays another rate to host them.`,
  ];
  const caps = r.freeCaps;
  if (!plan.free) lines.push(`Plan ${plan.id} has no free tier.`);
  else if (!caps)
    lines.push(
      `Give --conversion PERCENT (free-tier users who become paying users a month) to find the free cap that pays for itself.`,
    );
  else if (caps.points.every((p) => p.freeCostUsd.isZero() && p.freeCostUnpriced.bound === 'exact'))
    lines.push(
      `The free tier costs the platform nothing at any cap tried, so it pays for itself at every one.`,
    );
  else {
    const to = month.segments[caps.convertsTo];
    const rate = `At ${formatNumber(caps.conversionRate * 100)}% conversion to ${to?.segment.profile}`;
    const openCaps = caps.points.filter((p) => p.paysForItself === undefined).length;
    const unsure = openCaps
      ? ` At ${plural(openCaps, 'cap')} tried, a price missing leaves open whether it pays for itself.`
      : '';
    const paying = caps.largestPaying;
    const converted = to && marginAfterChurn(to);
    lines.push(
      (paying
        ? `${rate}, the free tier pays for itself ${caps.everySmallerPays ? 'up to a cap of' : 'at a cap of'} ${plural(paying.value, plan.free.dailyCap.unit.slice(0, -1), plan.free.dailyCap.unit)} a day${caps.everySmallerPays ? '' : ', the largest tried that does (not at every smaller one)'} (it costs ${money(paying.freeCostUsd, paying.freeCostUnpriced)} a month, conversions bring ${money(paying.conversionValueUsd, paying.conversionValueUnpriced)}).`
        : `${rate}, no cap tried that costs anything ${openCaps ? 'is known to pay' : 'pays'} for itself: a converted user brings ${converted ? money(converted.usd, converted.unpriced) : '-'} a month${to?.leaves ? ', as they are expected to move to their own key' : ''}.`) +
        unsure,
    );
  }
  return lines;
}

function markupChart(r: PlatformReport, width: number, colour: boolean): string {
  const points = chartPoints(width);
  const xs = r.markups.points;
  const last = xs[xs.length - 1]?.value ?? 0;
  const at = (i: number) => xs[Math.round((i / (points - 1)) * (xs.length - 1))]?.value ?? last;
  const best = xs.indexOf(r.markups.best);
  return renderLineChart(
    [
      {
        name: 'if all stay',
        values: resample(
          xs.map((p) => p.result.marginUsd.toNumber()),
          points,
        ),
      },
      {
        name: 'after churn',
        values: resample(
          xs.map((p) => p.result.marginAfterChurnUsd.toNumber()),
          points,
        ),
      },
    ],
    {
      width,
      height: 10,
      xLabel: (i) => `${formatNumber(at(i))}% markup`,
      markers: [{at: Math.round((best / Math.max(1, xs.length - 1)) * (points - 1)), label: 'best'}],
      ...(colour ? {colour: true} : {}),
    },
  );
}

/** `width` the terminal's, for the chart; `tableWidth` the table's and the prose's (no limit with --wide). */
export function renderPlatformTable(
  r: PlatformReport,
  width: number,
  tableWidth: number,
  style: Style,
): string {
  const prose = (lines: readonly string[]) => lines.flatMap((l) => wrapProse(l, tableWidth));
  const drawn = sweepBounded(r) ? '; a price is missing: the priced part of each margin is drawn' : '';
  return [
    ...prose([
      `Platform · plan ${r.plan.id} (markup ${formatNumber(r.plan.platform.markupPct.toNumber())}%${r.plan.free ? `, free cap ${r.plan.free.dailyCap.count} ${r.plan.free.dailyCap.unit} a day` : ''}) · population ${r.population.id} (${plural(r.population.users, 'user')})`,
    ]).map(style.dim),
    '',
    renderTable(COLUMNS, r.month.segments.map(segmentRow), tableWidth),
    '',
    ...prose(summary(r)),
    '',
    style.dim(`Margin a month by markup (▲ marks the best${drawn})`),
    markupChart(r, width, style.bold('x') !== 'x'),
    '',
  ].join('\n');
}

export function renderPlatformMarkdown(r: PlatformReport): string {
  return [
    `# vibe-cost platform: plan ${r.plan.id}, population ${r.population.id}`,
    '',
    renderMarkdownTable(COLUMNS, r.month.segments.map(segmentRow)),
    '',
    ...summary(r).map((l) => `- ${l}`),
    '',
    '| Markup | Margin if all stay | Margin after churn | Users leaving |',
    '|---:|---:|---:|---:|',
    ...r.markups.points.map(
      (p) =>
        `| ${formatNumber(p.value)}% | ${money(p.result.marginUsd, p.result.unpriced.margin)} | ${money(p.result.marginAfterChurnUsd, p.result.unpriced.marginAfterChurn)} | ${formatCount(p.result.usersLeaving)} |`,
    ),
  ].join('\n');
}

/** One row per markup tried, and the free caps when weighed: what a spreadsheet sweeps over. */
export function renderPlatformCsv(r: PlatformReport): string {
  const header = [
    'sweep',
    'value',
    'revenue_usd',
    'provider_usd',
    'free_tier_usd',
    'margin_usd',
    'margin_after_churn_usd',
    'users_leaving',
    'conversion_value_usd',
    'pays_for_itself',
    'complete',
    'revenue_bound',
    'provider_bound',
    'free_tier_bound',
    'margin_bound',
    'margin_after_churn_bound',
    'pays_for_itself_known',
  ];
  const markups = r.markups.points.map((p) => [
    'markup_pct',
    String(p.value),
    ...totals(p.result),
    '',
    '',
    String(p.result.complete),
    ...bounds(p.result),
    '',
  ]);
  const caps = (r.freeCaps?.points ?? []).map((p) => [
    'free_cap',
    String(p.value),
    ...totals(p.result),
    usd(p.conversionValueUsd),
    String(p.paysForItself === true),
    String(p.result.complete),
    ...bounds(p.result),
    String(p.paysForItself !== undefined),
  ]);
  return renderCsv(header, [...markups, ...caps]);
}

type Month = PlatformReport['month'];

/** The month's figures as decimal strings: the priced part, which the bounds beside them qualify. */
const figures = (m: Month) => ({
  revenueUsd: usd(m.revenueUsd),
  providerCostUsd: usd(m.providerCostUsd),
  freeTierCostUsd: usd(m.freeCostUsd),
  marginUsd: usd(m.marginUsd),
  marginAfterChurnUsd: usd(m.marginAfterChurnUsd),
});

/** Each figure's bound: exact, at-least (≥), at-most (≤) or not-known. */
const monthBounds = (m: Month) => ({
  revenueUsd: m.unpriced.revenue.bound,
  providerCostUsd: m.unpriced.providerCost.bound,
  freeTierCostUsd: m.unpriced.freeCost.bound,
  marginUsd: m.unpriced.margin.bound,
  marginAfterChurnUsd: m.unpriced.marginAfterChurn.bound,
});

/** The CSV's figure columns, in the header's order. */
function totals(m: Month): string[] {
  const f = figures(m);
  return [
    f.revenueUsd,
    f.providerCostUsd,
    f.freeTierCostUsd,
    f.marginUsd,
    f.marginAfterChurnUsd,
    formatNumber(m.usersLeaving),
  ];
}

/** The CSV's bound columns, in the header's order. */
function bounds(m: Month): string[] {
  const b = monthBounds(m);
  return [b.revenueUsd, b.providerCostUsd, b.freeTierCostUsd, b.marginUsd, b.marginAfterChurnUsd];
}

function userJson(u: UserMonth) {
  return {
    userPaysUsd: usd(u.userPaysUsd),
    revenueUsd: usd(u.revenueUsd),
    providerCostUsd: usd(u.providerCostUsd),
    freeTierCostUsd: usd(u.freeCostUsd),
    marginUsd: usd(u.marginUsd),
    tasks: u.month.tasks,
    served: u.month.served,
    complete: u.complete,
    bounds: {
      userPaysUsd: u.unpriced.userPays.bound,
      revenueUsd: u.unpriced.revenue.bound,
      providerCostUsd: u.unpriced.providerCost.bound,
      freeTierCostUsd: u.unpriced.freeCost.bound,
      marginUsd: u.unpriced.margin.bound,
    },
  };
}

export function platformJson(r: PlatformReport) {
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'platform',
    plan: {
      id: r.plan.id,
      origin: r.plan.origin,
      markupPct: usd(r.plan.platform.markupPct),
      free: r.plan.free ?? null,
    },
    population: {
      id: r.population.id,
      origin: r.population.origin,
      users: r.population.users,
      source: r.population.source,
    },
    keyWorthUsd: usd(r.keyWorthUsd),
    freePaidAt: r.freePaidAt?.id ?? null,
    segments: r.month.segments.map((s) => {
      const saving = s.byokSavingUnpriced?.bound ?? 'exact';
      return {
        profile: s.segment.profile,
        setup: s.segment.setup,
        share: s.segment.share,
        users: s.users,
        perUser: userJson(s.stays),
        onByok: s.onByok ? userJson(s.onByok) : null,
        byokSavingUsd: s.byokSavingUsd ? usd(s.byokSavingUsd) : null,
        leaves: s.leaves === true,
        // False where a price missing leaves open whether the saving reaches the threshold.
        leavesKnown: s.leaves !== undefined,
        bounds: {byokSavingUsd: saving},
      };
    }),
    month: {
      ...figures(r.month),
      usersLeaving: r.month.usersLeaving,
      usersUndecided: r.month.usersUndecided,
      complete: r.month.complete,
      bounds: monthBounds(r.month),
    },
    markupSweep: {
      best: r.markups.best.value,
      // The best by the priced part of each margin where some are not exact.
      complete: r.markups.points.every((p) => p.result.complete),
      points: r.markups.points.map(({value, result: m}) => ({
        markupPct: value,
        marginUsd: usd(m.marginUsd),
        marginAfterChurnUsd: usd(m.marginAfterChurnUsd),
        usersLeaving: m.usersLeaving,
        bounds: {marginUsd: m.unpriced.margin.bound, marginAfterChurnUsd: m.unpriced.marginAfterChurn.bound},
      })),
    },
    freeCapSweep: r.freeCaps
      ? {
          conversionRate: r.freeCaps.conversionRate,
          convertsTo: r.month.segments[r.freeCaps.convertsTo]?.segment.profile ?? null,
          largestPayingCap: r.freeCaps.largestPaying?.value ?? null,
          paysAtEverySmallerCap: r.freeCaps.everySmallerPays,
          points: r.freeCaps.points.map((p) => ({
            cap: p.value,
            freeTierCostUsd: usd(p.freeCostUsd),
            conversionValueUsd: usd(p.conversionValueUsd),
            paysForItself: p.paysForItself === true,
            paysForItselfKnown: p.paysForItself !== undefined,
            marginAfterChurnUsd: usd(p.result.marginAfterChurnUsd),
            bounds: {
              freeTierCostUsd: p.freeCostUnpriced.bound,
              conversionValueUsd: p.conversionValueUnpriced.bound,
              marginAfterChurnUsd: p.result.unpriced.marginAfterChurn.bound,
            },
          })),
        }
      : null,
  };
}
