import type {Money} from './money.js';
import type {Plan} from './plan.js';
import type {Profile, TaskClass} from './profile.js';
import {BUCKETS, type Bucket} from './tokens.js';

export interface ProfileOverrides {
  readonly tasksPerDay?: number;
  readonly workingDaysPerMonth?: number;
  readonly model?: string;
  readonly tokens?: Partial<Record<Bucket, number>>;
  readonly requestsPerTask?: number;
}

/**
 * Flags over a profile. Token or request flags describe one shape of task, so the mix collapses
 * into a single class: the profile's share-weighted average, with the flags on top, needing what
 * the profile's largest class needs.
 */
export function applyProfileOverrides(profile: Profile, o: ProfileOverrides): Profile {
  let classes = o.model ? profile.classes.map(({model: _ignored, ...c}) => c) : profile.classes;
  const collapse = (o.tokens && Object.keys(o.tokens).length > 0) || o.requestsPerTask !== undefined;
  if (collapse) {
    const largest = [...classes].sort((a, b) => b.share - a.share)[0] as TaskClass;
    const average = (pick: (c: TaskClass) => number) => Math.round(classes.reduce((sum, c) => sum + pick(c) * c.share, 0));
    const tokens = Object.fromEntries(BUCKETS.map((b) => [b, o.tokens?.[b] ?? average((c) => c.tokens[b])])) as Record<Bucket, number>;
    classes = [
      {
        name: 'custom',
        share: 1,
        needs: largest.needs,
        tokens,
        requestsPerTask: o.requestsPerTask ?? Math.max(1, average((c) => c.requestsPerTask)),
        ...(largest.model && !o.model ? {model: largest.model} : {}),
      },
    ];
  }
  return {
    ...profile,
    tasksPerDay: o.tasksPerDay ?? profile.tasksPerDay,
    workingDaysPerMonth: o.workingDaysPerMonth ?? profile.workingDaysPerMonth,
    model: o.model ?? profile.model,
    classes,
  };
}

export interface PlanOverrides {
  readonly markupPct?: Money;
  readonly freeCap?: number;
}

export function applyPlanOverrides(plan: Plan, o: PlanOverrides): Plan {
  return {
    ...plan,
    platform: {...plan.platform, ...(o.markupPct ? {markupPct: o.markupPct} : {})},
    ...(plan.free && o.freeCap !== undefined ? {free: {...plan.free, dailyCap: {...plan.free.dailyCap, count: o.freeCap}}} : {}),
  };
}
