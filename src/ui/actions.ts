/**
 * What the dashboard's reducer is told: a key, or the outcome of a request. Its own module so the
 * keymap (which turns keys into actions) and the state (which reduces them) both import it and
 * neither imports the other's types. Types only; Ink's Key type, no Ink at runtime.
 */
import type {Key} from 'ink';
import type {Money} from '../core/money.js';
import type {Plan} from '../core/billing/plan.js';
import type {Profile} from '../core/simulation/profile.js';

/** The parts of Ink's Key the keymap looks at; tests pass only what they need. */
export type KeyLike = Partial<
  Pick<
    Key,
    | 'upArrow'
    | 'downArrow'
    | 'leftArrow'
    | 'rightArrow'
    | 'return'
    | 'escape'
    | 'ctrl'
    | 'shift'
    | 'tab'
    | 'backspace'
    | 'delete'
    | 'meta'
  >
>;

/** The dashboard's modes: a key means something different in each (state.ts holds what each carries). */
export type ModeKind = 'normal' | 'edit' | 'pick' | 'prompt' | 'help';
export type PickKind = 'profile' | 'model' | 'plan';
export type PromptKind = 'import' | 'save' | 'export';

/** Replay totals of an imported usage file, per strategy. */
export interface ReplaySummary {
  readonly path: string;
  readonly records: number;
  readonly days: number;
  readonly rows: readonly {
    readonly label: string;
    readonly totalUsd: Money;
    readonly unserved: number;
    readonly complete: boolean;
  }[];
}

export type Action =
  | {readonly type: 'key'; readonly input: string; readonly key: KeyLike}
  | {readonly type: 'focus'; readonly delta: number}
  | {readonly type: 'step'; readonly delta: 1 | -1}
  | {readonly type: 'activate'}
  | {readonly type: 'toggle'}
  | {readonly type: 'toggle-key'}
  | {readonly type: 'toggle-free'}
  | {readonly type: 'open-pick'; readonly pick: PickKind}
  | {readonly type: 'open-prompt'; readonly prompt: PromptKind}
  | {readonly type: 'type'; readonly text: string}
  | {readonly type: 'erase'}
  | {readonly type: 'clear'}
  | {readonly type: 'move'; readonly delta: number}
  | {readonly type: 'submit'}
  | {readonly type: 'cancel'}
  | {readonly type: 'undo'}
  | {readonly type: 'chart'}
  | {readonly type: 'reasons'}
  | {readonly type: 'help'}
  | {readonly type: 'quit'}
  | {readonly type: 'profile-loaded'; readonly profile: Profile}
  | {readonly type: 'plan-loaded'; readonly plan: Plan}
  | {readonly type: 'replay-loaded'; readonly replay: ReplaySummary}
  | {readonly type: 'done'; readonly notice: string};
