import {describe, expect, it} from 'vitest';
import {loadPlan, loadProfile} from '../../src/io/load-data.js';
import {
  FIELDS,
  MIN_TASKS_PER_DAY,
  pickItems,
  promptPath,
  reducer,
  tokenValue,
  type DashboardState,
  type Field,
} from '../../src/ui/state.js';
import type {Action} from '../../src/ui/actions.js';
import {CATALOG, pureState} from './helpers.js';

const run = (state: DashboardState, ...actions: Action[]) => actions.reduce(reducer, state);
const focusOn = (state: DashboardState, field: Field) => ({...state, focus: FIELDS.indexOf(field)});

describe('dashboard reducer', () => {
  it('moves focus around the fields, wrapping', () => {
    const s = pureState();
    expect(run(s, {type: 'focus', delta: 1}).focus).toBe(s.focus + 1);
    expect(run(focusOn(s, 'profile'), {type: 'focus', delta: -1}).focus).toBe(FIELDS.length - 1);
    expect(run(focusOn(s, 'noKey'), {type: 'focus', delta: 1}).focus).toBe(0);
  });

  it('steps tasks per day by one, by tenths below one, never under 0.1', () => {
    const s = focusOn(pureState(), 'tasksPerDay');
    expect(run(s, {type: 'step', delta: 1}).inputs.tasksPerDay).toBe(13);
    const low = {...s, inputs: {...s.inputs, tasksPerDay: 1}};
    expect(run(low, {type: 'step', delta: -1}).inputs.tasksPerDay).toBe(0.9);
    expect(run(low, {type: 'step', delta: 1}).inputs.tasksPerDay).toBe(2);
    const floor = run(low, ...Array.from({length: 30}, () => ({type: 'step', delta: -1}) as const));
    expect(floor.inputs.tasksPerDay).toBe(MIN_TASKS_PER_DAY);
  });

  it('types a number then enter; bounds and junk are handled', () => {
    const s = focusOn(pureState(), 'tasksPerDay');
    const typed = run(s, {type: 'type', text: '4'}, {type: 'type', text: '0'}, {type: 'type', text: 'x'});
    expect(typed.mode).toEqual({kind: 'edit', field: 'tasksPerDay', text: '40'});
    expect(run(typed, {type: 'submit'}).inputs.tasksPerDay).toBe(40);
    expect(run(s, {type: 'type', text: '0'}, {type: 'submit'}).inputs.tasksPerDay).toBe(MIN_TASKS_PER_DAY);
    expect(
      run(s, {type: 'type', text: '5'}, {type: 'erase'}, {type: 'type', text: '7'}, {type: 'submit'}).inputs
        .tasksPerDay,
    ).toBe(7);
    expect(run(s, {type: 'type', text: '.'}, {type: 'submit'}).notice).toMatch(/not a number/);
    expect(run(s, {type: 'type', text: '9'}, {type: 'cancel'}).inputs.tasksPerDay).toBe(12);
    const days = focusOn(pureState(), 'workingDays');
    expect(
      run(days, {type: 'activate'}, {type: 'type', text: '99'}, {type: 'submit'}).inputs.workingDays,
    ).toBe(31);
  });

  it('token fields start from the mix average and set every task once typed', () => {
    const s = focusOn(pureState(), 'output');
    const average = tokenValue(s.inputs, 'output');
    expect(average).toBe(Math.round(8000 * 0.5 + 25000 * 0.35 + 60000 * 0.15));
    const up = run(s, {type: 'step', delta: 1});
    expect(up.inputs.tokens.output).toBe(average + 2000);
    expect(
      run(focusOn(pureState(), 'requestsPerTask'), {type: 'step', delta: -1}).inputs.requestsPerTask,
    ).toBe(29);
  });

  it('takes a typed markup as the decimal typed', () => {
    const s = focusOn(pureState(), 'markup');
    const typed = (text: string) =>
      run(s, ...[...text].map((c): Action => ({type: 'type', text: c})), {type: 'submit'});
    expect(typed('12.35').inputs.markupPct).toBe('12.35');
    expect(typed('0.015').inputs.markupPct).toBe('0.015');
    expect(typed('99999').inputs.markupPct).toBe('10000');
  });

  it('steps the markup in exact decimals and never below zero', () => {
    const s = focusOn(pureState(), 'markup');
    expect(run(s, {type: 'step', delta: 1}).inputs.markupPct).toBe('21');
    const typed = run(s, {type: 'type', text: '5.5'}, {type: 'submit'}, {type: 'step', delta: 1});
    expect(typed.inputs.markupPct).toBe('6.5');
    const zero = run(s, {type: 'type', text: '0.5'}, {type: 'submit'}, {type: 'step', delta: -1});
    expect(zero.inputs.markupPct).toBe('0');
  });

  it('toggles keys, the free tier and no-key', () => {
    const s = pureState();
    const held = run(s, {type: 'toggle-key'});
    expect(held.inputs.keys).toEqual(['anthropic']);
    expect(run(held, {type: 'toggle-key'}).inputs.keys).toEqual([]);
    const onKeys = focusOn(s, 'keys');
    const google = run(onKeys, {type: 'step', delta: 1}, {type: 'toggle'});
    expect(google.inputs.keys).toEqual(['google']);
    expect(run(onKeys, {type: 'step', delta: -1}).keyCursor).toBe(CATALOG.providers.length - 1);
    expect(run(s, {type: 'toggle-free'}).inputs.freeTier).toBe(false);
    expect(run(focusOn(s, 'noKey'), {type: 'activate'}).inputs.noKey).toBe(true);
    const noFree = {...s, inputs: {...s.inputs, plan: loadPlan('cursor-pro'), freeTier: false}};
    expect(run(noFree, {type: 'toggle-free'}).notice).toMatch(/no free tier/);
  });

  it("moves the free tier's daily cap with ←/→, never below 0; enter still turns the tier off", () => {
    const s = focusOn(pureState(), 'freeTier');
    const cap = s.inputs.plan.free?.dailyCap.count as number;
    expect(run(s, {type: 'step', delta: 1}).inputs.freeCap).toBe(cap + 1);
    const floor = run(s, ...Array.from({length: cap + 3}, () => ({type: 'step', delta: -1}) as const));
    expect(floor.inputs.freeCap).toBe(0);
    expect(run(s, {type: 'activate'}).inputs.freeTier).toBe(false);
    // Off, ←/→ turn it back on rather than moving a cap no one sees.
    const off = run(s, {type: 'activate'});
    expect(run(off, {type: 'step', delta: 1}).inputs).toMatchObject({freeTier: true, freeCap: undefined});
  });

  it('undoes every change in order, and says when there is nothing left', () => {
    const s = focusOn(pureState(), 'tasksPerDay');
    const changed = run(s, {type: 'step', delta: 1}, {type: 'step', delta: 1}, {type: 'toggle-key'});
    expect(changed.history).toHaveLength(3);
    const once = run(changed, {type: 'undo'});
    expect(once.inputs.keys).toEqual([]);
    expect(once.inputs.tasksPerDay).toBe(14);
    const all = run(once, {type: 'undo'}, {type: 'undo'});
    expect(all.inputs).toBe(s.inputs);
    expect(run(all, {type: 'undo'}).notice).toBe('nothing to undo');
    // Moving focus or opening a list is not a change: nothing to undo.
    expect(run(s, {type: 'focus', delta: 1}, {type: 'open-pick', pick: 'model'}).history).toHaveLength(0);
  });

  it('filters pick lists and picks a model directly, a plan or profile through a request', () => {
    expect(pickItems(CATALOG, 'model', 'GPT')).toEqual(['gpt-5.4']);
    expect(pickItems(CATALOG, 'plan', '')).toEqual(CATALOG.plans);
    expect(pickItems(CATALOG, 'profile', 'zzz')).toEqual([]);
    const s = pureState();
    const model = run(
      s,
      {type: 'open-pick', pick: 'model'},
      {type: 'type', text: 'g'},
      {type: 'move', delta: 1},
      {type: 'submit'},
    );
    expect(model.inputs.model).toBe('gemini-3-pro');
    expect(model.mode.kind).toBe('normal');
    const wrapped = run(s, {type: 'open-pick', pick: 'model'}, {type: 'move', delta: -1});
    expect(wrapped.mode).toMatchObject({index: CATALOG.models.length - 1});
    const plan = run(s, {type: 'open-pick', pick: 'plan'}, {type: 'type', text: 'cur'}, {type: 'submit'});
    expect(plan.request).toEqual({id: 1, kind: 'load-plan', name: 'cursor-pro'});
    const file = run(
      s,
      {type: 'open-pick', pick: 'profile'},
      {type: 'type', text: './me.json'},
      {type: 'submit'},
    );
    expect(file.request).toMatchObject({kind: 'load-profile', name: './me.json'});
    expect(
      run(s, {type: 'open-pick', pick: 'plan'}, {type: 'type', text: 'zzz'}, {type: 'submit'}).notice,
    ).toMatch(/nothing matches/);
    // ←/→ on the plan field asks for the next plan.
    expect(run(focusOn(s, 'plan'), {type: 'step', delta: 1}).request).toMatchObject({
      kind: 'load-plan',
      name: 'credits-builder',
    });
  });

  it('takes loaded profiles and plans as changes that undo', () => {
    const s = focusOn(pureState(), 'markup');
    const edited = run(s, {type: 'step', delta: 1});
    const plan = run(edited, {type: 'plan-loaded', plan: loadPlan('cursor-pro')});
    expect(plan.inputs.plan.id).toBe('cursor-pro');
    expect(plan.inputs.markupPct).toBeUndefined();
    expect(plan.inputs.freeTier).toBe(false);
    const profile = run(plan, {type: 'profile-loaded', profile: loadProfile('team')});
    expect(profile.inputs.tasksPerDay).toBe(96);
    expect(run(profile, {type: 'undo'}, {type: 'undo'}).inputs).toBe(edited.inputs);
  });

  it('prompts for paths, and asks App to import, save or export', () => {
    const s = pureState();
    const save = run(s, {type: 'open-prompt', prompt: 'save'});
    expect(save.mode).toEqual({
      kind: 'prompt',
      prompt: 'save',
      text: 'daily-driver-edited.json',
      suggested: 'daily-driver-edited.json',
      selected: true,
    });
    const exp = run(
      s,
      {type: 'open-prompt', prompt: 'import'},
      {type: 'type', text: 'usage.csv'},
      {type: 'submit'},
    );
    expect(exp.request).toEqual({id: 1, kind: 'import', path: 'usage.csv'});
    expect(run(s, {type: 'open-prompt', prompt: 'import'}, {type: 'submit'}).request).toBeUndefined();
    const done = run(exp, {
      type: 'replay-loaded',
      replay: {path: 'usage.csv', records: 1, days: 1, rows: []},
    });
    expect(done.replay?.path).toBe('usage.csv');
    expect(done.request).toBeUndefined();
    expect(run(done, {type: 'cancel'}).replay).toBeUndefined();
    expect(run(exp, {type: 'done', notice: 'error: x'}).notice).toBe('error: x');
  });

  it('save and export prompts: the suggested name is selected, so typing replaces it; ctrl-u clears; never a folder named after it', () => {
    const s = pureState();
    const typed = run(
      s,
      {type: 'open-prompt', prompt: 'export'},
      {type: 'type', text: 'out.csv'},
      {type: 'submit'},
    );
    expect(typed.request).toEqual({id: 1, kind: 'export', path: 'out.csv'});
    expect(run(s, {type: 'open-prompt', prompt: 'export'}, {type: 'submit'}).request).toMatchObject({
      path: 'vibe-cost-result.json',
    });
    const erased = run(s, {type: 'open-prompt', prompt: 'save'}, {type: 'erase'});
    expect(erased.mode).toMatchObject({text: '', selected: false});
    const cleared = run(
      s,
      {type: 'open-prompt', prompt: 'export'},
      {type: 'type', text: 'a'},
      {type: 'type', text: 'bc'},
      {type: 'key', input: 'u', key: {ctrl: true}},
    );
    expect(cleared.mode).toMatchObject({text: ''});
    expect(
      run(s, {type: 'open-prompt', prompt: 'export'}, {type: 'type', text: 'exports/'}, {type: 'submit'})
        .request,
    ).toMatchObject({path: 'exports/vibe-cost-result.json'});
    expect(promptPath('vibe-cost-result.json/x.csv', 'vibe-cost-result.json')).toBe('x.csv');
    expect(promptPath('vibe-cost-result.json/', 'vibe-cost-result.json')).toBe('vibe-cost-result.json');
  });

  it('switches the chart, the reasons and the help', () => {
    const s = pureState();
    expect(run(s, {type: 'chart'}).chart).toBe('month');
    expect(run(s, {type: 'chart'}, {type: 'chart'}).chart).toBe('platform');
    expect(run(s, {type: 'chart'}, {type: 'chart'}, {type: 'chart'}).chart).toBe('breakeven');
    const reasons = run(s, {type: 'reasons'});
    expect(reasons.reasons).toBe(true);
    expect(run(reasons, {type: 'chart'})).toMatchObject({reasons: false, chart: 'breakeven'});
    expect(run(s, {type: 'help'}).mode.kind).toBe('help');
    expect(run(s, {type: 'help'}, {type: 'help'}).mode.kind).toBe('normal');
    expect(run(s, {type: 'quit'}).quitting).toBe(true);
  });

  it('reads keys through the keymap in the mode the state is in', () => {
    const s = focusOn(pureState(), 'tasksPerDay');
    // Typed faster than frames: each key still means what it means in the mode the previous one left.
    const typed = run(
      s,
      {type: 'key', input: 'p', key: {}},
      {type: 'key', input: 'c', key: {}},
      {type: 'key', input: 'u', key: {}},
    );
    expect(typed.mode).toEqual({kind: 'pick', pick: 'plan', filter: 'cu', index: 0});
    const edited = run(
      s,
      {type: 'key', input: '3', key: {}},
      {type: 'key', input: '0', key: {}},
      {type: 'key', input: '', key: {return: true}},
    );
    expect(edited.inputs.tasksPerDay).toBe(30);
    expect(run(s, {type: 'key', input: 'x', key: {}})).toBe(s);
    expect(run(s, {type: 'key', input: 'q', key: {}}).quitting).toBe(true);
  });
});
