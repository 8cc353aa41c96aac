import type {HelpRow} from '../keymap.js';
import type {Mode} from '../state.js';
import {fit} from '../text.js';
import {Lines} from './Lines.js';

interface Props {
  readonly mode: Mode;
  /** The status bar's rows of the keymap for this mode. */
  readonly help: readonly HelpRow[];
  readonly notice: string | undefined;
  readonly busy: boolean;
  readonly width: number;
  readonly colour: boolean;
}

const PROMPTS = {
  import: 'Import usage file',
  save: 'Save profile to',
  export: 'Export result to (.json/.csv/.md)',
};

export function StatusBar({mode, help, notice, busy, width, colour}: Props) {
  // Help and quit first: the rest is cut at the width, and ? shows it all.
  const first = (h: HelpRow) => h.keys === '?' || h.keys === 'q';
  const keys = [...help.filter(first), ...help.filter((h) => !first(h))]
    .map((h) => `${h.keys} ${h.help}`)
    .join(' · ');
  const text =
    mode.kind === 'prompt'
      ? `${PROMPTS[mode.prompt]}: ${mode.selected ? `[${mode.text}] (typing replaces it)` : `${mode.text}█  (enter · esc · ctrl-u clears)`}`
      : `${busy ? 'working… ' : ''}${notice ? `${notice} │ ` : ''}${keys}`;
  return <Lines lines={[{text: fit(text, width), inverse: true}]} width={width} colour={colour} />;
}
