import type {Money} from '../core/money.js';
import {unservedTotal} from '../core/advice/recommend.js';
import {PATHS, totalServed, type PathKind} from '../core/routing/router.js';
import type {RunResult, UnservedReason} from '../core/simulation/batch-run.js';
import type {SimulateReport} from '../core/simulation/simulate-report.js';
import {addTokens, NO_TOKENS, type TokenBuckets} from '../core/tokens.js';
import {describePath, PATH_NAMES, UNSERVED_NAMES} from './describe.js';

/** Figures every renderer of a simulate report shows, derived once. */
export interface PathFigures {
  readonly path: PathKind;
  readonly name: string;
  readonly how: string;
  readonly run: RunResult;
  readonly totalUsd: Money;
  readonly perTaskUsd: Money | undefined;
  readonly monthlyUsd: Money;
  readonly served: number;
  readonly unserved: number;
  readonly unservedWhy: string;
  readonly tokens: TokenBuckets;
  readonly requests: number;
  readonly complete: boolean;
  /** Why the path does not apply; its figures are then not shown. */
  readonly notApplicable?: string;
}

export function pathFigures(report: SimulateReport): PathFigures[] {
  return PATHS.map((path) => {
    const {batch, month, notApplicable} = report.paths[path];
    const served = totalServed(batch.served);
    const tokens = batch.lines.reduce((sum, l) => addTokens(sum, l.tokens), NO_TOKENS);
    const why = (Object.entries(batch.unserved) as [UnservedReason, number][])
      .filter(([, n]) => n > 0)
      .map(([reason, n]) =>
        n === unservedTotal(batch) ? UNSERVED_NAMES[reason] : `${n} ${UNSERVED_NAMES[reason]}`,
      )
      .join(', ');
    return {
      path,
      name: PATH_NAMES[path],
      how: describePath(report.scenario.plan, path),
      run: batch,
      totalUsd: batch.totalUsd,
      perTaskUsd: served > 0 ? batch.totalUsd.div(served) : undefined,
      monthlyUsd: month.totalUsd,
      served,
      unserved: unservedTotal(batch),
      unservedWhy: why,
      tokens,
      requests: batch.lines.reduce((sum, l) => sum + l.requests, 0),
      complete: batch.complete && month.complete,
      ...(notApplicable ? {notApplicable} : {}),
    };
  });
}

export function missingPrices(report: SimulateReport): string[] {
  const seen = new Set<string>();
  for (const path of PATHS.filter((p) => !report.paths[p].notApplicable)) {
    for (const line of [...report.paths[path].batch.lines, ...report.paths[path].month.lines]) {
      for (const bucket of line.missing)
        seen.add(`${line.model} ${bucket}${line.tier === 'long' ? ' (long context)' : ''}`);
    }
  }
  return [...seen].sort();
}
