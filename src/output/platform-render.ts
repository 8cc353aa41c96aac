import type {Money} from '../core/money.js';
import type {PlatformReport} from '../core/platform/platform-report.js';
import type {SegmentMonth, UserMonth} from '../core/platform/platform-month.js';
import {renderLineChart, resample, chartPoints} from './chart.js';
import {formatCount, formatNumber, formatUsd, plural} from './format.js';
import {SCHEMA_VERSION, usd} from './json.js';
import type {Style} from './style.js';
import {renderCsv, renderMarkdownTable, renderTable, type Column} from './table.js';
import {wrapProse} from './text-width.js';

const COLUMNS: Column[] = [
  {header: 'Users', fit: 'wrap'},
  {header: 'Count', align: 'right'},
  {header: 'Setup', fit: 'wrap'},
  {header: 'User pays', align: 'right'},
  {header: 'Revenue', align: 'right'},
  {header: 'To providers', align: 'right'},
  {header: 'Free tier', align: 'right'},
  {header: 'Margin', align: 'right'},
  {header: 'BYOK saves', align: 'right'},
  {header: 'Leaves', fit: 'wrap'},
];

/** A figure that is a lower bound (some fronted tokens had no price) says so. */
const money = (value: Money, complete = true) => `${complete ? '' : '≥'}${formatUsd(value)}`;

function segmentRow(s: SegmentMonth): string[] {
  const u = s.stays;
  return [
    s.segment.profile,
    formatNumber(s.users),
    s.segment.setup,
    money(u.userPaysUsd, u.complete),
    // Every charge grows with the usage it bills, so with a price missing revenue too is a lower bound.
    money(u.revenueUsd, u.complete),
    money(u.providerCostUsd, u.complete),
    money(u.freeCostUsd, u.complete),
    money(u.marginUsd, u.complete),
    s.byokSavingUsd ? formatUsd(s.byokSavingUsd) : 'no key reaches its models',
    s.leaves ? 'expected to' : 'no',
  ];
}

function summary(r: PlatformReport): string[] {
  const {month, plan, markups} = r;
  const leaving = month.segments.filter((s) => s.leaves).map((s) => s.segment.profile);
  const current = plan.platform.markupPct;
  const lines = [
    `A month over ${plural(month.users, 'user')}: revenue ${money(month.revenueUsd, month.complete)}, paid to providers ${money(month.providerCostUsd, month.complete)}, free tier ${money(month.freeCostUsd, month.complete)}; margin ${money(month.marginUsd, month.complete)} if every user stays.`,
    leaving.length
      ? `BYOK saves the ${leaving.join(', ')} users at least ${formatUsd(r.keyWorthUsd)} a month (the key-worth threshold): ${plural(month.usersLeaving, 'user')} expected to bring their own key, leaving a margin of ${money(month.marginAfterChurnUsd, month.complete)}.`
      : `No user saves ${formatUsd(r.keyWorthUsd)} a month or more on their own key (the key-worth threshold): none is expected to leave.`,
    `Per user and month in the table; per-user figures times the user count give the totals.`,
    `Best markup of those tried: ${formatNumber(markups.best.value)}%, a margin of ${money(markups.best.result.marginAfterChurnUsd, markups.best.result.complete)} a month after ${plural(markups.best.result.usersLeaving, 'user')} leave; at the plan's ${formatNumber(current.toNumber())}%: ${money(month.marginAfterChurnUsd, month.complete)}.`,
    r.freePaidAt
      ? `Free-tier tokens are costed at ${r.freePaidAt.id}'s list prices (what the platform pays to host its pool).`
      : month.freeCostUsd.isZero() && month.complete
        ? `Free-tier tokens cost the platform nothing here: the pool's models list $0, within their providers' rate limits. Give --free-paid-at MODEL if the platform pays to host them.`
        : `Free-tier tokens are costed at the pool's own list prices (${money(month.freeCostUsd, month.complete)} a month). Give --free-paid-at MODEL if the platform pays another rate to host them.`,
  ];
  const caps = r.freeCaps;
  if (!plan.free) lines.push(`Plan ${plan.id} has no free tier.`);
  else if (!caps)
    lines.push(
      `Give --conversion PERCENT (free-tier users who become paying users a month) to find the free cap that pays for itself.`,
    );
  else if (caps.points.every((p) => p.freeCostUsd.isZero()))
    lines.push(
      `The free tier costs the platform nothing at any cap tried, so it pays for itself at every one.`,
    );
  else
    lines.push(
      caps.largestPaying
        ? `At ${formatNumber(caps.conversionRate * 100)}% conversion to ${r.month.segments[caps.convertsTo]?.segment.profile}, the free tier pays for itself up to a cap of ${plural(caps.largestPaying.value, plan.free.dailyCap.unit.slice(0, -1), plan.free.dailyCap.unit)} a day (it costs ${formatUsd(caps.largestPaying.freeCostUsd)} a month, conversions bring ${formatUsd(caps.largestPaying.conversionValueUsd)}).`
        : `At ${formatNumber(caps.conversionRate * 100)}% conversion to ${r.month.segments[caps.convertsTo]?.segment.profile}, no cap tried that costs anything pays for itself: a converted user brings ${formatUsd(convertValue(r, caps.convertsTo))} a month${r.month.segments[caps.convertsTo]?.leaves ? ', as they are expected to move to their own key' : ''}.`,
    );
  return lines;
}

/** What one converted user earns the platform a month, after they move to BYOK if they are expected to. */
function convertValue(r: PlatformReport, segment: number): Money {
  const s = r.month.segments[segment] as SegmentMonth;
  return s.leaves && s.onByok ? s.onByok.marginUsd : s.stays.marginUsd;
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
  return [
    ...prose([
      `Platform · plan ${r.plan.id} (markup ${formatNumber(r.plan.platform.markupPct.toNumber())}%${r.plan.free ? `, free cap ${r.plan.free.dailyCap.count} ${r.plan.free.dailyCap.unit} a day` : ''}) · population ${r.population.id} (${plural(r.population.users, 'user')})`,
    ]).map(style.dim),
    '',
    renderTable(COLUMNS, r.month.segments.map(segmentRow), tableWidth),
    '',
    ...prose(summary(r)),
    '',
    style.dim('Margin a month by markup (▲ marks the best)'),
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
        `| ${formatNumber(p.value)}% | ${formatUsd(p.result.marginUsd)} | ${formatUsd(p.result.marginAfterChurnUsd)} | ${formatCount(p.result.usersLeaving)} |`,
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
  ];
  const markups = r.markups.points.map((p) => [
    'markup_pct',
    String(p.value),
    ...totals(p.result),
    '',
    '',
    String(p.result.complete),
  ]);
  const caps = (r.freeCaps?.points ?? []).map((p) => [
    'free_cap',
    String(p.value),
    ...totals(p.result),
    usd(p.conversionValueUsd),
    String(p.paysForItself),
    String(p.result.complete),
  ]);
  return renderCsv(header, [...markups, ...caps]);
}

function totals(m: PlatformReport['month']): string[] {
  return [
    usd(m.revenueUsd),
    usd(m.providerCostUsd),
    usd(m.freeCostUsd),
    usd(m.marginUsd),
    usd(m.marginAfterChurnUsd),
    formatNumber(m.usersLeaving),
  ];
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
    segments: r.month.segments.map((s) => ({
      profile: s.segment.profile,
      setup: s.segment.setup,
      share: s.segment.share,
      users: s.users,
      perUser: userJson(s.stays),
      onByok: s.onByok ? userJson(s.onByok) : null,
      byokSavingUsd: s.byokSavingUsd ? usd(s.byokSavingUsd) : null,
      leaves: s.leaves,
    })),
    month: {
      revenueUsd: usd(r.month.revenueUsd),
      providerCostUsd: usd(r.month.providerCostUsd),
      freeTierCostUsd: usd(r.month.freeCostUsd),
      marginUsd: usd(r.month.marginUsd),
      marginAfterChurnUsd: usd(r.month.marginAfterChurnUsd),
      usersLeaving: r.month.usersLeaving,
      complete: r.month.complete,
    },
    markupSweep: {
      best: r.markups.best.value,
      points: r.markups.points.map((p) => ({
        markupPct: p.value,
        marginUsd: usd(p.result.marginUsd),
        marginAfterChurnUsd: usd(p.result.marginAfterChurnUsd),
        usersLeaving: p.result.usersLeaving,
      })),
    },
    freeCapSweep: r.freeCaps
      ? {
          conversionRate: r.freeCaps.conversionRate,
          convertsTo: r.month.segments[r.freeCaps.convertsTo]?.segment.profile ?? null,
          largestPayingCap: r.freeCaps.largestPaying?.value ?? null,
          points: r.freeCaps.points.map((p) => ({
            cap: p.value,
            freeTierCostUsd: usd(p.freeCostUsd),
            conversionValueUsd: usd(p.conversionValueUsd),
            paysForItself: p.paysForItself,
            marginAfterChurnUsd: usd(p.result.marginAfterChurnUsd),
          })),
        }
      : null,
  };
}
