/**
 * The dashboard's state and its one reducer. Pure: no I/O, no clock, no Ink. Anything that needs
 * the disk (loading a plan, importing a file, saving) is asked for through `request`; App runs it
 * and dispatches the outcome back in.
 */
import {Money, parseMoney} from '../core/money.js';
import type {Plan} from '../core/billing/plan.js';
import type {Profile} from '../core/simulation/profile.js';
import {mixMean} from '../core/simulation/overrides.js';
import type {Bucket} from '../core/tokens.js';
import type {Action, PickKind, PromptKind, ReplaySummary} from './actions.js';
import {keyToAction} from './keymap.js';

/** What the user can change: everything the scenario is built from. */
export interface Inputs {
  /** The profile and plan as loaded; the fields below override them. */
  readonly profile: Profile;
  readonly plan: Plan;
  readonly tasksPerDay: number;
  readonly workingDays: number;
  /** Token overrides for every task: the mix keeps its classes and needs (as the flags do). */
  readonly tokens: Partial<Record<Bucket, number>>;
  readonly requestsPerTask: number | undefined;
  /** A model override for every class; undefined keeps the profile's models. */
  readonly model: string | undefined;
  /** The plan's markup in percent, as a decimal string; undefined keeps the plan's. */
  readonly markupPct: string | undefined;
  readonly freeTier: boolean;
  /** The free tier's daily cap, in the plan's unit; undefined keeps the plan's. */
  readonly freeCap: number | undefined;
  /** Providers whose key the user holds. */
  readonly keys: readonly string[];
  /** Constraint: the user will not manage a provider key. */
  readonly noKey: boolean;
}

export const FIELDS = [
  'profile',
  'tasksPerDay',
  'workingDays',
  'input',
  'cacheRead',
  'cacheWrite5m',
  'output',
  'requestsPerTask',
  'model',
  'plan',
  'markup',
  'freeTier',
  'keys',
  'noKey',
] as const;
export type Field = (typeof FIELDS)[number];

export const NUMERIC_FIELDS: readonly Field[] = [
  'tasksPerDay',
  'workingDays',
  'input',
  'cacheRead',
  'cacheWrite5m',
  'output',
  'requestsPerTask',
  'markup',
];
export const TOKEN_FIELDS = [
  'input',
  'cacheRead',
  'cacheWrite5m',
  'output',
] as const satisfies readonly Bucket[];

/** The lists the pickers offer; fixed for a session. */
export interface Catalog {
  readonly models: readonly string[];
  readonly plans: readonly string[];
  readonly profiles: readonly string[];
  /** Providers a key can be added for. */
  readonly providers: readonly string[];
}

export type Mode =
  | {readonly kind: 'normal'}
  | {readonly kind: 'edit'; readonly field: Field; readonly text: string}
  | {readonly kind: 'pick'; readonly pick: PickKind; readonly filter: string; readonly index: number}
  | {
      readonly kind: 'prompt';
      readonly prompt: PromptKind;
      readonly text: string;
      /** The suggested file name, shown selected: the first key typed replaces it, backspace clears it. */
      readonly suggested?: string;
      readonly selected?: boolean;
    }
  | {readonly kind: 'help'};

/** Work for App to do outside the reducer; `id` tells one request from the next. */
export type Request =
  | {readonly id: number; readonly kind: 'load-profile' | 'load-plan'; readonly name: string}
  | {
      readonly id: number;
      readonly kind: PromptKind;
      readonly path: string;
      /** For import: several inputs, read together (--import a b). */ readonly paths?: readonly string[];
    };

export type ChartView = 'breakeven' | 'month' | 'platform';

/** c cycles the charts: the user's costs, their month, then the platform builder's margin. */
const NEXT_CHART: Record<ChartView, ChartView> = {
  breakeven: 'month',
  month: 'platform',
  platform: 'breakeven',
};

export interface DashboardState {
  readonly inputs: Inputs;
  /** Earlier inputs, most recent last: undo pops. */
  readonly history: readonly Inputs[];
  readonly focus: number;
  /** Which provider the keys field points at. */
  readonly keyCursor: number;
  readonly mode: Mode;
  readonly chart: ChartView;
  /** The bottom panel shows the recommendation's reasons in full instead of the chart. */
  readonly reasons: boolean;
  readonly catalog: Catalog;
  readonly request: Request | undefined;
  readonly nextRequestId: number;
  readonly replay: ReplaySummary | undefined;
  /** One line for the status bar: what just happened, or what went wrong. */
  readonly notice: string | undefined;
  /** q or ctrl-c was pressed: App exits. */
  readonly quitting: boolean;
}

export const MIN_TASKS_PER_DAY = 0.1;
export const MAX_TASKS_PER_DAY = 1_000_000;
const MAX_TOKENS = 10_000_000_000;
const HISTORY_LIMIT = 200;

export function inputsFrom(
  profile: Profile,
  plan: Plan,
  keys: readonly string[],
  options: {noKey?: boolean} = {},
): Inputs {
  return {
    profile,
    plan,
    tasksPerDay: profile.tasksPerDay,
    workingDays: profile.workingDaysPerMonth,
    tokens: {},
    requestsPerTask: undefined,
    model: undefined,
    markupPct: undefined,
    freeTier: Boolean(plan.free),
    freeCap: undefined,
    keys: [...keys].sort(),
    noKey: options.noKey ?? false,
  };
}

export function initialState(inputs: Inputs, catalog: Catalog, keyProvider?: string): DashboardState {
  return {
    inputs,
    history: [],
    focus: 1,
    keyCursor: Math.max(0, keyProvider ? catalog.providers.indexOf(keyProvider) : 0),
    mode: {kind: 'normal'},
    chart: 'breakeven',
    reasons: false,
    catalog,
    request: undefined,
    nextRequestId: 1,
    replay: undefined,
    notice: undefined,
    quitting: false,
  };
}

function focusedField(state: DashboardState): Field {
  return FIELDS[state.focus] as Field;
}

/** The token figure a field shows: the override (every task's), or the mix's mean task. */
export function tokenValue(inputs: Inputs, bucket: Bucket): number {
  return inputs.tokens[bucket] ?? Math.round(mixMean(inputs.profile.classes, (c) => c.tokens[bucket]));
}

export function requestsValue(inputs: Inputs): number {
  return (
    inputs.requestsPerTask ??
    Math.max(1, Math.round(mixMean(inputs.profile.classes, (c) => c.requestsPerTask)))
  );
}

export function markupValue(inputs: Inputs): Money {
  return inputs.markupPct !== undefined ? new Money(inputs.markupPct) : inputs.plan.platform.markupPct;
}

/** The entries a picker shows: those containing the filter (case-insensitive), in catalog order. */
export function pickItems(catalog: Catalog, pick: PickKind, filter: string): readonly string[] {
  const all = pick === 'model' ? catalog.models : pick === 'plan' ? catalog.plans : catalog.profiles;
  const needle = filter.trim().toLowerCase();
  return needle ? all.filter((item) => item.toLowerCase().includes(needle)) : all;
}

/** Whole tasks look natural above one a day; below, tenths. */
function stepTasks(value: number, delta: 1 | -1): number {
  const step = value > 1 || (value === 1 && delta > 0) ? 1 : 0.1;
  return Math.round((value + delta * step) * 10) / 10;
}

function stepTokens(value: number, delta: 1 | -1): number {
  // About a tenth of the value, in whole thousands, never less than a thousand.
  const step = Math.max(1000, Math.round(value / 10 / 1000) * 1000);
  return value + delta * step;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** Applies a change to the inputs, pushing the old ones on the undo stack; unchanged inputs push nothing. */
function change(state: DashboardState, next: Inputs, notice?: string): DashboardState {
  if (next === state.inputs) return notice ? {...state, notice} : state;
  return {...state, inputs: next, history: [...state.history, state.inputs].slice(-HISTORY_LIMIT), notice};
}

/** A numeric field set to `value`, within its bounds; undefined if the value is not a number. */
function setNumber(inputs: Inputs, field: Field, value: number): Inputs | undefined {
  if (!Number.isFinite(value)) return undefined;
  switch (field) {
    case 'tasksPerDay':
      return {
        ...inputs,
        tasksPerDay: clamp(Math.round(value * 1000) / 1000, MIN_TASKS_PER_DAY, MAX_TASKS_PER_DAY),
      };
    case 'workingDays':
      return {...inputs, workingDays: clamp(Math.round(value), 1, 31)};
    case 'requestsPerTask':
      return {...inputs, requestsPerTask: clamp(Math.round(value), 1, 100_000)};
    case 'input':
    case 'cacheRead':
    case 'cacheWrite5m':
    case 'output':
      return {...inputs, tokens: {...inputs.tokens, [field]: clamp(Math.round(value), 0, MAX_TOKENS)}};
    default:
      return undefined;
  }
}

/** A typed markup stays a decimal from the text on: money never passes through a float. */
function setMarkup(inputs: Inputs, text: string): Inputs | undefined {
  const pct = parseMoney(text);
  return pct && !pct.isNegative() ? {...inputs, markupPct: Money.min(pct, 10_000).toString()} : undefined;
}

function step(state: DashboardState, delta: 1 | -1): DashboardState {
  const field = focusedField(state);
  const {inputs} = state;
  switch (field) {
    case 'tasksPerDay':
      return change(state, setNumber(inputs, field, stepTasks(inputs.tasksPerDay, delta)) ?? inputs);
    case 'workingDays':
      return change(state, setNumber(inputs, field, inputs.workingDays + delta) ?? inputs);
    case 'requestsPerTask':
      return change(state, setNumber(inputs, field, requestsValue(inputs) + delta) ?? inputs);
    case 'input':
    case 'cacheRead':
    case 'cacheWrite5m':
    case 'output':
      return change(state, setNumber(inputs, field, stepTokens(tokenValue(inputs, field), delta)) ?? inputs);
    case 'markup': {
      // Exact decimal arithmetic on the percentage: 5.5 + 1 is 6.5, never 6.499999.
      const next = Money.max(0, markupValue(inputs).add(delta));
      return change(state, {...inputs, markupPct: next.toString()});
    }
    case 'keys': {
      const count = state.catalog.providers.length;
      return count ? {...state, keyCursor: (state.keyCursor + delta + count) % count} : state;
    }
    case 'freeTier': {
      // ←/→ move the cap (the builder's slider); enter or space turns the tier on and off.
      const cap = inputs.plan.free?.dailyCap.count;
      if (cap === undefined || !inputs.freeTier) return toggle(state);
      return change(state, {...inputs, freeCap: Math.max(0, (inputs.freeCap ?? cap) + delta)});
    }
    case 'noKey':
      return toggle(state);
    case 'model':
    case 'plan':
    case 'profile':
      return cycle(state, field, delta);
  }
}

/** ←/→ on a list field: the next entry of its list, loaded like a pick. */
function cycle(state: DashboardState, pick: PickKind, delta: 1 | -1): DashboardState {
  const items = pickItems(state.catalog, pick, '');
  if (items.length === 0) return state;
  const current =
    pick === 'model'
      ? (state.inputs.model ?? state.inputs.profile.model)
      : pick === 'plan'
        ? state.inputs.plan.id
        : state.inputs.profile.id;
  const at = items.indexOf(current);
  const next = items[(at + delta + items.length) % items.length] as string;
  return choose(state, pick, next);
}

function choose(state: DashboardState, pick: PickKind, item: string): DashboardState {
  const normal = {...state, mode: {kind: 'normal'} as const};
  if (pick === 'model') return change(normal, {...state.inputs, model: item}, `model: ${item}`);
  const id = state.nextRequestId;
  return {
    ...normal,
    request: {id, kind: pick === 'plan' ? 'load-plan' : 'load-profile', name: item},
    nextRequestId: id + 1,
  };
}

function toggle(state: DashboardState): DashboardState {
  const {inputs} = state;
  switch (focusedField(state)) {
    case 'freeTier':
      return toggleFree(state);
    case 'noKey':
      return change(state, {...inputs, noKey: !inputs.noKey});
    case 'keys': {
      const provider = state.catalog.providers[state.keyCursor];
      return provider ? toggleKey(state, provider) : state;
    }
    default:
      return state;
  }
}

function toggleFree(state: DashboardState): DashboardState {
  if (!state.inputs.plan.free) return {...state, notice: `plan ${state.inputs.plan.id} has no free tier`};
  return change(state, {...state.inputs, freeTier: !state.inputs.freeTier});
}

function toggleKey(state: DashboardState, provider: string): DashboardState {
  const {keys} = state.inputs;
  const next = keys.includes(provider) ? keys.filter((k) => k !== provider) : [...keys, provider].sort();
  return change(
    state,
    {...state.inputs, keys: next},
    `${provider} key ${next.includes(provider) ? 'held' : 'dropped'}`,
  );
}

function activate(state: DashboardState): DashboardState {
  const field = focusedField(state);
  if (field === 'model' || field === 'plan' || field === 'profile')
    return {...state, mode: {kind: 'pick', pick: field, filter: '', index: 0}};
  if (NUMERIC_FIELDS.includes(field)) return {...state, mode: {kind: 'edit', field, text: ''}};
  return toggle(state);
}

function submit(state: DashboardState): DashboardState {
  const {mode} = state;
  const normal = {...state, mode: {kind: 'normal'} as const};
  if (mode.kind === 'edit') {
    if (mode.text === '') return normal;
    const next =
      mode.field === 'markup'
        ? setMarkup(state.inputs, mode.text)
        : setNumber(state.inputs, mode.field, Number(mode.text));
    return next ? change(normal, next) : {...normal, notice: `not a number: ${mode.text}`};
  }
  if (mode.kind === 'pick') {
    const items = pickItems(state.catalog, mode.pick, mode.filter);
    const item = items[clamp(mode.index, 0, items.length - 1)];
    // A profile or plan can also be a path to a JSON file: load it as typed.
    const path =
      mode.pick !== 'model' && (mode.filter.endsWith('.json') || mode.filter.includes('/'))
        ? mode.filter.trim()
        : undefined;
    if (path) return choose(state, mode.pick, path);
    return item ? choose(state, mode.pick, item) : {...normal, notice: `nothing matches "${mode.filter}"`};
  }
  if (mode.kind === 'prompt') {
    const path = promptPath(mode.text, mode.suggested);
    if (!path) return normal;
    const id = state.nextRequestId;
    return {...normal, request: {id, kind: mode.prompt, path}, nextRequestId: id + 1};
  }
  return state;
}

function typeText(state: DashboardState, text: string): DashboardState {
  const {mode} = state;
  if (mode.kind === 'edit') {
    const allowed = text.replace(/[^0-9.]/g, '');
    return {...state, mode: {...mode, text: (mode.text + allowed).slice(0, 14)}};
  }
  if (mode.kind === 'pick') return {...state, mode: {...mode, filter: mode.filter + text, index: 0}};
  if (mode.kind === 'prompt')
    return {...state, mode: {...mode, text: mode.selected ? text : mode.text + text, selected: false}};
  // Digits in normal mode start editing the focused number with what was typed.
  const field = focusedField(state);
  if (NUMERIC_FIELDS.includes(field) && /^[0-9.]+$/.test(text))
    return {...state, mode: {kind: 'edit', field, text}};
  return state;
}

function erase(state: DashboardState): DashboardState {
  const {mode} = state;
  if (mode.kind === 'edit') return {...state, mode: {...mode, text: mode.text.slice(0, -1)}};
  if (mode.kind === 'pick') return {...state, mode: {...mode, filter: mode.filter.slice(0, -1), index: 0}};
  if (mode.kind === 'prompt')
    return {...state, mode: {...mode, text: mode.selected ? '' : mode.text.slice(0, -1), selected: false}};
  return state;
}

/** Ctrl-U: the whole line typed so far. */
function clear(state: DashboardState): DashboardState {
  const {mode} = state;
  if (mode.kind === 'edit') return {...state, mode: {...mode, text: ''}};
  if (mode.kind === 'pick') return {...state, mode: {...mode, filter: '', index: 0}};
  if (mode.kind === 'prompt') return {...state, mode: {...mode, text: '', selected: false}};
  return state;
}

/**
 * The file a prompt writes. A folder ("exports/") gets the suggested name inside it; the suggested
 * name is never taken as a folder (typing on after it, "vibe-cost-result.json/x.csv", means x.csv).
 */
export function promptPath(text: string, suggested: string | undefined): string {
  let path = text.trim();
  if (suggested && path.startsWith(`${suggested}/`)) path = path.slice(suggested.length + 1) || suggested;
  if (suggested && (path.endsWith('/') || path === '.')) path = `${path.replace(/\/?$/, '/')}${suggested}`;
  return path;
}

export function reducer(state: DashboardState, action: Action): DashboardState {
  switch (action.type) {
    case 'key': {
      // A key means what the keymap says in the mode the state is in now, even if keys come faster than frames.
      const meant = keyToAction(action.input, action.key, state.mode.kind);
      return meant ? reducer(state, meant) : state;
    }
    case 'focus':
      return {
        ...state,
        focus: (state.focus + action.delta + FIELDS.length) % FIELDS.length,
        notice: undefined,
      };
    case 'step':
      return step(state, action.delta);
    case 'activate':
      return activate(state);
    case 'toggle':
      return toggle(state);
    case 'toggle-key': {
      // The provider the keys field points at (it starts at the profile model's provider).
      const provider = state.catalog.providers[state.keyCursor];
      return provider ? toggleKey(state, provider) : state;
    }
    case 'toggle-free':
      return toggleFree(state);
    case 'open-pick':
      return {...state, mode: {kind: 'pick', pick: action.pick, filter: '', index: 0}, notice: undefined};
    case 'open-prompt': {
      const suggested =
        action.prompt === 'save'
          ? `${state.inputs.profile.id}-edited.json`
          : action.prompt === 'export'
            ? 'vibe-cost-result.json'
            : '';
      return {
        ...state,
        mode: {
          kind: 'prompt',
          prompt: action.prompt,
          text: suggested,
          ...(suggested ? {suggested, selected: true} : {}),
        },
        notice: undefined,
      };
    }
    case 'type':
      return typeText(state, action.text);
    case 'erase':
      return erase(state);
    case 'clear':
      return clear(state);
    case 'move': {
      if (state.mode.kind !== 'pick') return state;
      const count = pickItems(state.catalog, state.mode.pick, state.mode.filter).length;
      return {
        ...state,
        mode: {...state.mode, index: count ? (state.mode.index + action.delta + count) % count : 0},
      };
    }
    case 'submit':
      return submit(state);
    case 'cancel':
      if (state.mode.kind === 'normal') return state.replay ? {...state, replay: undefined} : state;
      return {...state, mode: {kind: 'normal'}};
    case 'undo': {
      const previous = state.history[state.history.length - 1];
      if (!previous) return {...state, notice: 'nothing to undo'};
      return {...state, inputs: previous, history: state.history.slice(0, -1), notice: 'undone'};
    }
    case 'chart':
      // From the reasons, c goes back to the chart it left; on the chart, it switches charts.
      return state.reasons ? {...state, reasons: false} : {...state, chart: NEXT_CHART[state.chart]};
    case 'reasons':
      return {...state, reasons: !state.reasons};
    case 'help':
      return {...state, mode: state.mode.kind === 'help' ? {kind: 'normal'} : {kind: 'help'}};
    case 'quit':
      return {...state, quitting: true};
    case 'profile-loaded': {
      const {profile} = action;
      const next: Inputs = {
        ...state.inputs,
        profile,
        tasksPerDay: profile.tasksPerDay,
        workingDays: profile.workingDaysPerMonth,
        tokens: {},
        requestsPerTask: undefined,
        model: undefined,
      };
      return {...change(state, next, `profile ${profile.id} loaded`), request: undefined};
    }
    case 'plan-loaded': {
      const {plan} = action;
      const next: Inputs = {
        ...state.inputs,
        plan,
        markupPct: undefined,
        freeTier: Boolean(plan.free),
        freeCap: undefined,
      };
      return {...change(state, next, `plan ${plan.id} loaded`), request: undefined};
    }
    case 'replay-loaded':
      return {...state, replay: action.replay, request: undefined, notice: `imported ${action.replay.path}`};
    case 'done':
      return {...state, request: undefined, notice: action.notice};
  }
}
