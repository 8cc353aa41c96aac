import {Money, ZERO} from '../money.js';
import type {Dimension} from './usage-record.js';
import type {ReplayedStrategy, ReplayResult} from './replay.js';

/** The group of the rows that do not name one: listed, never dropped. */
export const noGroup = (by: Dimension) => `(no ${by})`;

/** One team's (project's, user's) history, replayed as an account of its own. */
export interface GroupReplay {
  readonly name: string;
  readonly replay: ReplayResult;
}

/**
 * Why a group has no recommended strategy: every strategy leaves rows unserved (or blocked), or the
 * figures of those that serve them all are lower bounds (rows of models no sheet prices, or tokens
 * without a price).
 */
export type NoRecommendation = 'unserved' | 'lower-bound';

export type Recommendation =
  {readonly strategy: ReplayedStrategy} | {readonly strategy?: undefined; readonly why: NoRecommendation};

/** Rows some strategy did not route at all: their model no sheet knows. */
const unpricedRows = (r: ReplayResult) => r.unknownModels.reduce((n, u) => n + u.records, 0);

/** The strategy served every row it routed: none unserved, no row or task blocked by the credits. */
export const servesAll = (s: ReplayedStrategy) =>
  s.blockedRows === 0 && s.blockedTasks === 0 && Object.values(s.unserved).every((n) => n === 0);

/**
 * The strategy a group should take: of those that serve every row, with a figure that is exact,
 * the cheapest (ties: the earlier, as the replay lists them). Each replayed strategy routed every
 * row through route(), so this is the router's answer for the group, priced.
 */
export function recommend(r: ReplayResult): Recommendation {
  const serving = r.strategies.filter(servesAll);
  if (serving.length === 0) return {why: 'unserved'};
  const exact = unpricedRows(r) > 0 ? [] : serving.filter((s) => s.complete);
  if (exact.length === 0) return {why: 'lower-bound'};
  return {strategy: exact.reduce((best, s) => (s.totalUsd.lt(best.totalUsd) ? s : best))};
}

/** Whether every row of a replay carries what it cost, so its reported figure is the whole of it. */
export const reportedAll = (r: ReplayResult) => r.reported !== null && r.reported.records === r.records;

export interface OrgStrategy {
  readonly id: string;
  readonly totalUsd: Money;
  /** False when any group's figure is a lower bound. */
  readonly complete: boolean;
  /** False when some group's rows went unserved on it. */
  readonly servesAll: boolean;
}

export interface OrgTotals {
  /** Per strategy, the sum of the groups' figures. */
  readonly strategies: OrgStrategy[];
  /** What the files reported, summed over the groups; undefined when none reported. */
  readonly reportedUsd: Money | undefined;
  /** Whether every row of every group carries a reported amount. */
  readonly reportedAll: boolean;
  /** Every group on its own recommendation; undefined when some group has none. */
  readonly perGroupUsd: Money | undefined;
}

/** The organisation's figures: the sum of its groups', each group an account of its own. */
export function orgTotals(groups: readonly GroupReplay[]): OrgTotals {
  const ids = groups[0]?.replay.strategies.map((s) => s.strategy.id) ?? [];
  const strategies = ids.map((id, i) => {
    const own = groups.map((g) => g.replay.strategies[i] as ReplayedStrategy);
    return {
      id,
      totalUsd: own.reduce((sum, s) => sum.add(s.totalUsd), ZERO),
      complete: own.every((s) => s.complete),
      servesAll: own.every(servesAll),
    };
  });
  const reported = groups.map((g) => g.replay.reported?.totalUsd).filter((m) => m !== undefined);
  const picks = groups.map((g) => recommend(g.replay).strategy);
  return {
    strategies,
    reportedUsd: reported.length ? reported.reduce((a, b) => a.add(b), ZERO) : undefined,
    reportedAll: groups.every((g) => reportedAll(g.replay)),
    perGroupUsd: picks.every((p) => p !== undefined)
      ? picks.reduce((sum, p) => sum.add(p.totalUsd), ZERO)
      : undefined,
  };
}
