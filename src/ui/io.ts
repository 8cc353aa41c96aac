/**
 * The dashboard's side effects, behind one interface so App stays testable: loading a profile or
 * plan, replaying a usage file, writing a file. The real ones reuse the io layer, the replay
 * pipeline of `vibe-cost import` among them.
 */
import type {Plan} from '../core/billing/plan.js';
import type {PriceBook} from '../core/pricing/price-book.js';
import type {Profile} from '../core/simulation/profile.js';
import type {Strategy} from '../core/routing/strategy.js';
import {loadPlan, loadProfile} from '../io/load-data.js';
import {replayHistory} from '../io/replay-history.js';
import {writeUserFile} from '../io/write-file.js';
import type {ReplaySummary} from './actions.js';

export interface DashboardIO {
  loadProfile(nameOrPath: string): Profile;
  loadPlan(nameOrPath: string): Plan;
  replay(paths: readonly string[], plan: Plan): Promise<ReplaySummary>;
  /** Writes a file the user named; never overwrites one (writeUserFile, atomic). */
  write(path: string, text: string, what: string): void;
}

/** The default idle gap that ends a task, as `vibe-cost import` uses. */
const TASK_GAP_MS = 10 * 60_000;

export function realIO(book: PriceBook, apps: readonly Strategy[], date: string): DashboardIO {
  return {
    loadProfile,
    loadPlan,
    write: (path, text, what) => writeUserFile(path, text, false, what),
    replay: async (paths, plan) => {
      const path = paths.join(', ');
      const {replay: result} = await replayHistory(paths, {
        book,
        plan,
        apps,
        taskGapMs: TASK_GAP_MS,
        today: date,
      });
      return {
        path,
        records: result.records,
        days: result.days.length,
        rows: result.strategies.map((s) => ({
          label: s.strategy.label,
          totalUsd: s.totalUsd,
          unserved: Object.values(s.unserved).reduce((a, b) => a + b, 0) + s.blockedRows,
          complete: s.complete,
        })),
      };
    },
  };
}
