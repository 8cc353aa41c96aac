import type {Money} from '../money.js';
import type {Plan} from '../billing/plan.js';
import type {Profile, TaskClass} from './profile.js';
import type {Bucket} from '../tokens.js';

export interface ProfileOverrides {
  readonly tasksPerDay?: number;
  readonly workingDaysPerMonth?: number;
  readonly model?: string;
  readonly tokens?: Partial<Record<Bucket, number>>;
  readonly requestsPerTask?: number;
}

/**
 * Flags over a profile. A token or request flag sets that figure for every task: the mix keeps
 * its classes, shares and needs (a flag must not hand frontier work to the free tier's open models).
 */
export function applyProfileOverrides(profile: Profile, o: ProfileOverrides): Profile {
  const classes = profile.classes.map(({model, ...c}): TaskClass => ({
    ...c,
    ...(model && !o.model ? {model} : {}),
    tokens: {...c.tokens, ...o.tokens},
    requestsPerTask: o.requestsPerTask ?? c.requestsPerTask,
  }));
  return {
    ...profile,
    tasksPerDay: o.tasksPerDay ?? profile.tasksPerDay,
    workingDaysPerMonth: o.workingDaysPerMonth ?? profile.workingDaysPerMonth,
    model: o.model ?? profile.model,
    classes,
  };
}

/** The mix's share-weighted mean of a figure: what the dashboard shows until it is set. */
export function mixMean(classes: readonly TaskClass[], pick: (c: TaskClass) => number): number {
  return classes.reduce((sum, c) => sum + pick(c) * c.share, 0);
}

export interface PlanOverrides {
  readonly markupPct?: Money;
  readonly freeCap?: number;
}

export function applyPlanOverrides(plan: Plan, o: PlanOverrides): Plan {
  return {
    ...plan,
    platform: {...plan.platform, ...(o.markupPct ? {markupPct: o.markupPct} : {})},
    ...(plan.free && o.freeCap !== undefined
      ? {free: {...plan.free, dailyCap: {...plan.free.dailyCap, count: o.freeCap}}}
      : {}),
  };
}
