import {describe, expect, it} from 'vitest';
import {helpRows, KEYMAP, keyToAction, splitTyped} from '../../src/ui/keymap.js';

describe('keymap', () => {
  it('maps the dashboard keys in normal mode', () => {
    expect(keyToAction('', {downArrow: true}, 'normal')).toEqual({type: 'focus', delta: 1});
    expect(keyToAction('', {tab: true}, 'normal')).toEqual({type: 'focus', delta: 1});
    expect(keyToAction('', {tab: true, shift: true}, 'normal')).toEqual({type: 'focus', delta: -1});
    expect(keyToAction('', {upArrow: true}, 'normal')).toEqual({type: 'focus', delta: -1});
    expect(keyToAction('', {rightArrow: true}, 'normal')).toEqual({type: 'step', delta: 1});
    expect(keyToAction('+', {}, 'normal')).toEqual({type: 'step', delta: 1});
    expect(keyToAction('-', {}, 'normal')).toEqual({type: 'step', delta: -1});
    expect(keyToAction('', {leftArrow: true}, 'normal')).toEqual({type: 'step', delta: -1});
    expect(keyToAction('', {return: true}, 'normal')).toEqual({type: 'activate'});
    expect(keyToAction(' ', {}, 'normal')).toEqual({type: 'toggle'});
    expect(keyToAction('7', {}, 'normal')).toEqual({type: 'type', text: '7'});
    expect(keyToAction('m', {}, 'normal')).toEqual({type: 'open-pick', pick: 'model'});
    expect(keyToAction('p', {}, 'normal')).toEqual({type: 'open-pick', pick: 'plan'});
    expect(keyToAction('l', {}, 'normal')).toEqual({type: 'open-pick', pick: 'profile'});
    expect(keyToAction('k', {}, 'normal')).toEqual({type: 'toggle-key'});
    expect(keyToAction('f', {}, 'normal')).toEqual({type: 'toggle-free'});
    expect(keyToAction('c', {}, 'normal')).toEqual({type: 'chart'});
    expect(keyToAction('r', {}, 'normal')).toEqual({type: 'reasons'});
    expect(keyToAction('i', {}, 'normal')).toEqual({type: 'open-prompt', prompt: 'import'});
    expect(keyToAction('s', {}, 'normal')).toEqual({type: 'open-prompt', prompt: 'save'});
    expect(keyToAction('e', {}, 'normal')).toEqual({type: 'open-prompt', prompt: 'export'});
    expect(keyToAction('u', {}, 'normal')).toEqual({type: 'undo'});
    expect(keyToAction('z', {ctrl: true}, 'normal')).toEqual({type: 'undo'});
    expect(keyToAction('?', {}, 'normal')).toEqual({type: 'help'});
    expect(keyToAction('q', {}, 'normal')).toEqual({type: 'quit'});
    expect(keyToAction('x', {}, 'normal')).toBeUndefined();
  });

  it('quits on ctrl-c in every mode, and on q only where q is not text', () => {
    for (const mode of ['normal', 'edit', 'pick', 'prompt', 'help'] as const)
      expect(keyToAction('c', {ctrl: true}, mode)).toEqual({type: 'quit'});
    expect(keyToAction('q', {}, 'help')).toEqual({type: 'quit'});
    expect(keyToAction('q', {}, 'pick')).toEqual({type: 'type', text: 'q'});
    expect(keyToAction('q', {}, 'prompt')).toEqual({type: 'type', text: 'q'});
    expect(keyToAction('q', {}, 'edit')).toBeUndefined();
  });

  it('types, erases, accepts and cancels in the text modes', () => {
    expect(keyToAction('4', {}, 'edit')).toEqual({type: 'type', text: '4'});
    expect(keyToAction('', {backspace: true}, 'edit')).toEqual({type: 'erase'});
    expect(keyToAction('', {delete: true}, 'prompt')).toEqual({type: 'erase'});
    expect(keyToAction('', {return: true}, 'pick')).toEqual({type: 'submit'});
    expect(keyToAction('', {escape: true}, 'prompt')).toEqual({type: 'cancel'});
    expect(keyToAction('', {upArrow: true}, 'pick')).toEqual({type: 'move', delta: -1});
    expect(keyToAction('', {downArrow: true}, 'pick')).toEqual({type: 'move', delta: 1});
    expect(keyToAction('/tmp/a b.json', {}, 'prompt')).toEqual({type: 'type', text: '/tmp/a b.json'});
    expect(keyToAction('m', {}, 'pick')).toEqual({type: 'type', text: 'm'});
    expect(keyToAction('?', {}, 'help')).toEqual({type: 'help'});
    expect(keyToAction('', {escape: true}, 'help')).toEqual({type: 'help'});
  });

  it('builds the help from the same table', () => {
    const all = helpRows('normal');
    expect(all.length).toBe(
      new Set(KEYMAP.filter((b) => b.modes.includes('normal')).map((b) => b.keys + b.help)).size,
    );
    expect(all).toContainEqual({keys: 'u', help: 'undo'});
    const bar = helpRows('normal', 'bar');
    expect(bar.length).toBeLessThan(all.length);
    expect(bar.every((row) => all.some((r) => r.keys === row.keys && r.help === row.help))).toBe(true);
    expect(helpRows('prompt', 'bar').map((r) => r.help)).toContain('accept');
  });
});

describe('splitTyped', () => {
  it('splits keys that arrive together into the strokes they stand for', () => {
    expect(splitTyped('30\r', {})).toEqual([
      {input: '3', key: {}},
      {input: '0', key: {}},
      {input: '', key: {return: true}},
    ]);
  });
  it('leaves single keys and special keys alone', () => {
    expect(splitTyped('q', {})).toEqual([{input: 'q', key: {}}]);
    expect(splitTyped('', {upArrow: true})).toEqual([{input: '', key: {upArrow: true}}]);
  });
});
