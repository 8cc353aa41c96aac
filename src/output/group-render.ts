import {
  noGroup,
  orgTotals,
  recommend,
  reportedAll,
  servesAll,
  type GroupReplay,
  type Recommendation,
} from '../core/history/groups.js';
import type {Money} from '../core/money.js';
import type {Dimension} from '../core/history/usage-record.js';
import {figure} from './figure.js';
import {formatCount, formatUsd} from './format.js';
import {usd as usdText} from './json.js';
import {renderCsv, renderMarkdownTable, type Column} from './table.js';

/** The replay per team, project or user, as `import --by` asks. */
export interface GroupsView {
  readonly by: Dimension;
  readonly groups: readonly GroupReplay[];
}

/** A strategy's id as a narrow table heads its column. */
export const shortStrategyId = (id: string) =>
  id.replace(/^all-/, '').replace('free-then-platform', 'free→plat');

const ORG = '(all)';

export function groupColumns(v: GroupsView): Column[] {
  return [
    {header: v.by[0]?.toUpperCase() + v.by.slice(1), fit: 'wrap'},
    {header: 'Rows', align: 'right', drop: 1},
    ...(v.groups[0]?.replay.strategies ?? []).map((s) => ({
      header: s.strategy.id,
      short: shortStrategyId(s.strategy.id),
      align: 'right' as const,
    })),
    {header: 'Reported', align: 'right'},
    {header: 'Recommended', fit: 'wrap'},
  ];
}

/** A group's figure on one strategy; † when the strategy leaves some of its rows unserved (not in the figure). */
const cell = (usd: Money, complete: boolean, all: boolean) => `${figure(usd, complete)}${all ? '' : '†'}`;

function recommendedCell(r: Recommendation): string {
  if (r.strategy) return `${r.strategy.strategy.id} ${formatUsd(r.strategy.totalUsd)}`;
  return r.why === 'unserved' ? 'none serves every row' : 'none exact (lower bounds)';
}

export function groupRows(v: GroupsView): string[][] {
  const org = orgTotals(v.groups);
  return [
    ...v.groups.map((g) => [
      g.name,
      formatCount(g.replay.records),
      ...g.replay.strategies.map((s) => cell(s.totalUsd, s.complete, servesAll(s))),
      g.replay.reported
        ? `${formatUsd(g.replay.reported.totalUsd)}${reportedAll(g.replay) ? '' : ' (part)'}`
        : '-',
      recommendedCell(recommend(g.replay)),
    ]),
    [
      ORG,
      formatCount(v.groups.reduce((n, g) => n + g.replay.records, 0)),
      ...org.strategies.map((s) => cell(s.totalUsd, s.complete, s.servesAll)),
      org.reportedUsd ? `${formatUsd(org.reportedUsd)}${org.reportedAll ? '' : ' (part)'}` : '-',
      org.perGroupUsd ? `per ${v.by} ${formatUsd(org.perGroupUsd)}` : '-',
    ],
  ];
}

export function groupTitle(v: GroupsView): string {
  return `By ${v.by}: each ${v.by} replayed as an account of its own`;
}

/** What the table's marks and last row mean; only the sentences its figures need. */
export function groupNotes(v: GroupsView): string[] {
  const rows = groupRows(v);
  const any = (mark: RegExp) => rows.some((r) => r.some((c) => mark.test(c)));
  return [
    `Each ${v.by} has its own free-tier cap, platform credits and fee waiver; ${ORG} is the sum of the ${v.by}s, every strategy's figure the sum of theirs.`,
    ...(v.groups.some((g) => g.name === noGroup(v.by))
      ? [`${noGroup(v.by)}: the rows that name no ${v.by}.`]
      : []),
    `Recommended: of the strategies that serve every row of the ${v.by} with an exact figure, the cheapest (each was routed row by row through the router); on the ${ORG} row, every ${v.by} on its own recommendation, ${orgTotals(v.groups).perGroupUsd ? 'summed' : `not known while some ${v.by} has none`}.`,
    ...(any(/\u2020$/)
      ? ['†: the strategy leaves some of the rows unserved; their cost is not in the figure.']
      : []),
    ...(any(/\(part\)$/)
      ? ['Reported (part): only some of the rows carry what they cost; the amount is theirs alone.']
      : []),
  ];
}

export function renderGroupsMarkdown(v: GroupsView): string {
  return [
    `## ${groupTitle(v)}`,
    '',
    renderMarkdownTable(groupColumns(v), groupRows(v)),
    '',
    ...groupNotes(v).map((l) => `- ${l}`),
  ].join('\n');
}

/** One row per group and strategy, then the organisation's: the shape a spreadsheet wants. */
export function renderGroupsCsv(v: GroupsView): string {
  const org = orgTotals(v.groups);
  const rows = v.groups.flatMap((g) => {
    const picked = recommend(g.replay).strategy;
    return g.replay.strategies.map((s) => [
      g.name,
      s.strategy.id,
      usdText(s.totalUsd),
      String(s.complete),
      String(servesAll(s)),
      g.replay.reported ? usdText(g.replay.reported.totalUsd) : '',
      String(s === picked),
    ]);
  });
  const orgRows = [
    ...org.strategies.map((s) => [ORG, s.id, usdText(s.totalUsd), String(s.complete), String(s.servesAll)]),
    ...(org.perGroupUsd ? [[ORG, 'recommended-per-group', usdText(org.perGroupUsd), 'true', 'true']] : []),
  ].map((r) => [...r, org.reportedUsd ? usdText(org.reportedUsd) : '', '']);
  // complete=false: repriced_usd is a lower bound; serves_all=false: rows left unserved are not in it.
  return renderCsv(
    [v.by, 'strategy', 'repriced_usd', 'complete', 'serves_all', 'reported_usd', 'recommended'],
    [...rows, ...orgRows],
  );
}

export function groupsJson(v: GroupsView) {
  const org = orgTotals(v.groups);
  return {
    by: v.by,
    groups: v.groups.map((g) => {
      const r = recommend(g.replay);
      return {
        name: g.name,
        named: g.name !== noGroup(v.by),
        rows: g.replay.records,
        reported: g.replay.reported
          ? {usd: usdText(g.replay.reported.totalUsd), allRows: reportedAll(g.replay)}
          : null,
        strategies: g.replay.strategies.map((s) => ({
          id: s.strategy.id,
          totalUsd: usdText(s.totalUsd),
          complete: s.complete,
          servesAll: servesAll(s),
          served: s.served,
          unserved: s.unserved,
          blockedRows: s.blockedRows,
        })),
        recommended: r.strategy
          ? {strategy: r.strategy.strategy.id, totalUsd: usdText(r.strategy.totalUsd)}
          : null,
        ...(r.strategy ? {} : {noRecommendation: r.why}),
      };
    }),
    org: {
      rows: v.groups.reduce((n, g) => n + g.replay.records, 0),
      reported: org.reportedUsd ? {usd: usdText(org.reportedUsd), allRows: org.reportedAll} : null,
      strategies: org.strategies.map((s) => ({
        id: s.id,
        totalUsd: usdText(s.totalUsd),
        complete: s.complete,
        servesAll: s.servesAll,
      })),
      recommendedPerGroupUsd: org.perGroupUsd ? usdText(org.perGroupUsd) : null,
    },
  };
}
