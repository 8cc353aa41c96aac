/**
 * The one keymap: every key the dashboard answers, in one table. keyToAction reads it to handle a
 * key, and the status bar and help overlay read it to explain them, so the help can't drift from
 * what the keys do. Pure: no Ink.
 */
import type {Action, KeyLike, ModeKind} from './actions.js';

export interface Binding {
  readonly modes: readonly ModeKind[];
  /** How the key is written in the help: "↑/↓", "tab", "q". */
  readonly keys: string;
  readonly help: string;
  /** Shown in the status bar, not only in the help overlay. */
  readonly bar?: boolean;
  readonly match: (input: string, key: KeyLike) => boolean;
  readonly action: (input: string) => Action;
}

const ALL: readonly ModeKind[] = ['normal', 'edit', 'pick', 'prompt', 'help'];
const TEXT: readonly ModeKind[] = ['edit', 'pick', 'prompt'];
const plain = (key: KeyLike) => !key.ctrl && !key.meta;
const char = (c: string) => (input: string, key: KeyLike) => input === c && plain(key);
const act = (action: Action) => () => action;

export const KEYMAP: readonly Binding[] = [
  {
    modes: ALL,
    keys: 'ctrl-c',
    help: 'quit',
    match: (i, k) => Boolean(k.ctrl) && i === 'c',
    action: act({type: 'quit'}),
  },
  // Help overlay: any of these closes it.
  {
    modes: ['help'],
    keys: '? / esc',
    help: 'close the help',
    bar: true,
    match: (i, k) => i === '?' || Boolean(k.escape) || Boolean(k.return),
    action: act({type: 'help'}),
  },
  {modes: ['help'], keys: 'q', help: 'quit', bar: true, match: char('q'), action: act({type: 'quit'})},
  // Typing into a number, a picker's filter or a path prompt.
  {
    modes: TEXT,
    keys: 'enter',
    help: 'accept',
    bar: true,
    match: (_, k) => Boolean(k.return),
    action: act({type: 'submit'}),
  },
  {
    modes: TEXT,
    keys: 'esc',
    help: 'cancel',
    bar: true,
    match: (_, k) => Boolean(k.escape),
    action: act({type: 'cancel'}),
  },
  {
    modes: TEXT,
    keys: 'backspace',
    help: 'delete a character',
    match: (_, k) => Boolean(k.backspace || k.delete),
    action: act({type: 'erase'}),
  },
  {
    modes: TEXT,
    keys: 'ctrl-u',
    help: 'clear what was typed',
    match: (i, k) => Boolean(k.ctrl) && i === 'u',
    action: act({type: 'clear'}),
  },
  {
    modes: ['pick'],
    keys: '↑/↓',
    help: 'move in the list',
    bar: true,
    match: (_, k) => Boolean(k.upArrow),
    action: act({type: 'move', delta: -1}),
  },
  {
    modes: ['pick'],
    keys: '↑/↓',
    help: 'move in the list',
    match: (_, k) => Boolean(k.downArrow || k.tab),
    action: act({type: 'move', delta: 1}),
  },
  {
    modes: ['edit'],
    keys: '0-9 .',
    help: 'type a number',
    bar: true,
    match: (i, k) => plain(k) && /^[0-9.]+$/.test(i),
    action: (i) => ({type: 'type', text: i}),
  },
  {
    modes: ['pick'],
    keys: 'type',
    help: 'filter the list',
    bar: true,
    match: (i, k) => plain(k) && i.length > 0 && !/[\u0000-\u001F]/.test(i),
    action: (i) => ({type: 'type', text: i}),
  },
  {
    modes: ['prompt'],
    keys: 'type',
    help: 'a file path',
    bar: true,
    match: (i, k) => plain(k) && i.length > 0 && !/[\u0000-\u001F]/.test(i),
    action: (i) => ({type: 'type', text: i}),
  },
  // The dashboard itself.
  {
    modes: ['normal'],
    keys: '↑/↓ tab',
    help: 'move between fields',
    bar: true,
    match: (_, k) => Boolean(k.downArrow || (k.tab && !k.shift)),
    action: act({type: 'focus', delta: 1}),
  },
  {
    modes: ['normal'],
    keys: 'shift-tab',
    help: 'previous field',
    match: (_, k) => Boolean(k.upArrow || (k.tab && k.shift)),
    action: act({type: 'focus', delta: -1}),
  },
  {
    modes: ['normal'],
    keys: '←/→ -/+',
    help: 'change the value',
    bar: true,
    match: (i, k) => Boolean(k.rightArrow) || char('+')(i, k) || char('=')(i, k),
    action: act({type: 'step', delta: 1}),
  },
  {
    modes: ['normal'],
    keys: '←/-',
    help: 'change the value down',
    match: (i, k) => Boolean(k.leftArrow) || char('-')(i, k),
    action: act({type: 'step', delta: -1}),
  },
  {
    modes: ['normal'],
    keys: '0-9 enter',
    help: 'type a number; enter opens a list or toggles',
    match: (_, k) => Boolean(k.return),
    action: act({type: 'activate'}),
  },
  {
    modes: ['normal'],
    keys: 'space',
    help: 'toggle (free tier, a key, no-key)',
    match: char(' '),
    action: act({type: 'toggle'}),
  },
  {
    modes: ['normal'],
    keys: 'm',
    help: 'pick a model (type to filter)',
    bar: true,
    match: char('m'),
    action: act({type: 'open-pick', pick: 'model'}),
  },
  {
    modes: ['normal'],
    keys: 'p',
    help: 'pick a plan',
    bar: true,
    match: char('p'),
    action: act({type: 'open-pick', pick: 'plan'}),
  },
  {
    modes: ['normal'],
    keys: 'l',
    help: 'load a profile (name or file)',
    match: char('l'),
    action: act({type: 'open-pick', pick: 'profile'}),
  },
  {
    modes: ['normal'],
    keys: 'k',
    help: 'toggle the key of the provider on the keys field',
    bar: true,
    match: char('k'),
    action: act({type: 'toggle-key'}),
  },
  {
    modes: ['normal'],
    keys: 'f',
    help: 'free tier on/off',
    bar: true,
    match: char('f'),
    action: act({type: 'toggle-free'}),
  },
  {
    modes: ['normal'],
    keys: 'c',
    help: "chart: cost vs tasks/day, the month day by day, or the platform's margin by markup",
    bar: true,
    match: char('c'),
    action: act({type: 'chart'}),
  },
  {
    modes: ['normal'],
    keys: 'r',
    help: "the recommendation's reasons in full",
    bar: true,
    match: char('r'),
    action: act({type: 'reasons'}),
  },
  {
    modes: ['normal'],
    keys: 'i',
    help: 'import a usage file and replay it',
    match: char('i'),
    action: act({type: 'open-prompt', prompt: 'import'}),
  },
  {
    modes: ['normal'],
    keys: 's',
    help: 'save the profile as a JSON file',
    match: char('s'),
    action: act({type: 'open-prompt', prompt: 'save'}),
  },
  {
    modes: ['normal'],
    keys: 'e',
    help: 'export the result (.json, .csv or .md)',
    match: char('e'),
    action: act({type: 'open-prompt', prompt: 'export'}),
  },
  {
    modes: ['normal'],
    keys: 'u',
    help: 'undo',
    bar: true,
    match: (i, k) => char('u')(i, k) || (Boolean(k.ctrl) && i === 'z'),
    action: act({type: 'undo'}),
  },
  {
    modes: ['normal'],
    keys: 'esc',
    help: 'close the replay',
    match: (_, k) => Boolean(k.escape),
    action: act({type: 'cancel'}),
  },
  {modes: ['normal'], keys: '?', help: 'help', bar: true, match: char('?'), action: act({type: 'help'})},
  {modes: ['normal'], keys: 'q', help: 'quit', bar: true, match: char('q'), action: act({type: 'quit'})},
  {
    modes: ['normal'],
    keys: '0-9',
    help: 'start typing a number',
    match: (i, k) => plain(k) && /^[0-9.]+$/.test(i),
    action: (i) => ({type: 'type', text: i}),
  },
];

/** The action a key stands for in a mode, or undefined if the key means nothing there. */
export function keyToAction(input: string, key: KeyLike, mode: ModeKind): Action | undefined {
  const binding = KEYMAP.find((b) => b.modes.includes(mode) && b.match(input, key));
  return binding?.action(input);
}

export interface HelpRow {
  readonly keys: string;
  readonly help: string;
}

/** The help for a mode, from the table: all of it for the overlay, the short list for the status bar. */
export function helpRows(mode: ModeKind, only: 'bar' | 'all' = 'all'): HelpRow[] {
  const seen = new Set<string>();
  return KEYMAP.filter((b) => b.modes.includes(mode) && (only === 'all' || b.bar))
    .filter((b) => !seen.has(b.keys + b.help) && Boolean(seen.add(b.keys + b.help)))
    .map(({keys, help}) => ({keys, help}));
}

/**
 * A paste, or keys typed faster than a frame (tmux, scripts), reach useInput as one string
 * ("30\r"). Split it into the keystrokes it stands for, so "30" then Enter means what it says.
 */
export function splitTyped(input: string, key: KeyLike): {input: string; key: KeyLike}[] {
  const special = Object.entries(key).some(([name, on]) => on && name !== 'shift');
  if (input.length <= 1 || special) return [{input, key}];
  return [...input].map((c) =>
    c === '\r' || c === '\n'
      ? {input: '', key: {return: true}}
      : c === '\t'
        ? {input: '', key: {tab: true}}
        : {input: c, key: {}},
  );
}
