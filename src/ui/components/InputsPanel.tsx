import type {Scenario} from '../../core/simulation/scenario.js';
import {formatCount} from '../../output/format.js';
import {
  FIELDS,
  markupValue,
  requestsValue,
  tokenValue,
  type Field,
  type Inputs,
  type Mode,
} from '../state.js';
import {fit, pad} from '../text.js';
import {Lines, type Line} from './Lines.js';

interface Props {
  readonly inputs: Inputs;
  readonly scenario: Scenario | undefined;
  readonly focus: number;
  readonly mode: Mode;
  readonly providers: readonly string[];
  readonly keyCursor: number;
  readonly width: number;
  readonly colour: boolean;
}

const LABELS: Record<Field, string> = {
  profile: 'profile',
  tasksPerDay: 'tasks/day',
  workingDays: 'working days',
  input: 'input tok',
  cacheRead: 'cache read',
  cacheWrite5m: 'cache write',
  output: 'output tok',
  requestsPerTask: 'requests/task',
  model: 'model',
  plan: 'plan',
  markup: 'markup %',
  freeTier: 'free tier',
  keys: 'keys',
  noKey: 'no-key',
};

function value(field: Field, p: Props): string {
  const {inputs, scenario} = p;
  const averaged = (overridden: boolean, n: number) => `${overridden ? '' : '≈'}${formatCount(n)}`;
  switch (field) {
    case 'profile':
      return inputs.profile.id;
    case 'tasksPerDay':
      return String(inputs.tasksPerDay);
    case 'workingDays':
      return String(inputs.workingDays);
    case 'input':
    case 'cacheRead':
    case 'cacheWrite5m':
    case 'output':
      return averaged(inputs.tokens[field] !== undefined, tokenValue(inputs, field));
    case 'requestsPerTask':
      return averaged(inputs.requestsPerTask !== undefined, requestsValue(inputs));
    case 'model':
      return scenario
        ? [...new Set(scenario.classes.map((c) => c.resolvedModel.id))].join(', ')
        : (inputs.model ?? inputs.profile.model);
    case 'plan':
      return inputs.plan.id;
    case 'markup':
      return `${markupValue(inputs).toString()}%`;
    case 'freeTier': {
      const cap = inputs.plan.free?.dailyCap;
      if (!cap) return 'none on this plan';
      return inputs.freeTier ? `on (${formatCount(inputs.freeCap ?? cap.count)} ${cap.unit}/day)` : 'off';
    }
    case 'keys': {
      const at = p.providers[p.keyCursor] ?? '';
      return `‹${at}› ${inputs.keys.includes(at) ? '✓ held' : 'not held'} · ${inputs.keys.length ? inputs.keys.join(',') : 'none'}`;
    }
    case 'noKey':
      return inputs.noKey ? 'yes: no key setups' : 'no';
  }
}

/** The inputs, one field a line, and the task mix under the token fields. */
export function InputsPanel(props: Props) {
  const {inputs, focus, mode, width} = props;
  const labelWidth = 14;
  const lines: Line[] = [];
  FIELDS.forEach((field, i) => {
    const focused = i === focus;
    const editing = mode.kind === 'edit' && mode.field === field && focused;
    const shown = editing ? `${mode.text}█` : value(field, props);
    lines.push({
      text: pad(`${focused ? '›' : ' '} ${pad(LABELS[field], labelWidth)}${shown}`, width),
      inverse: focused,
      bold: editing,
    });
    if (field === 'requestsPerTask') {
      const mix =
        Object.keys(inputs.tokens).length === 0 && inputs.requestsPerTask === undefined
          ? inputs.profile.classes.map((c) => `${c.name} ${Math.round(c.share * 100)}%`).join(' · ')
          : 'one class (token fields set)';
      lines.push({text: fit(`  ${pad('task mix', labelWidth)}${mix}`, width), dim: true});
    }
  });
  return <Lines lines={lines} width={width} colour={props.colour} />;
}
