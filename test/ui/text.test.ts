import {describe, expect, it} from 'vitest';
import {displayWidth} from '../../src/output/text-width.js';
import {fit, pad, wrap} from '../../src/ui/text.js';

describe('dashboard text is measured in display columns', () => {
  it('cuts and pads wide characters by the columns they take', () => {
    expect(fit('東京東京', 5)).toBe('東京…');
    expect(displayWidth(pad('東京', 6))).toBe(6);
    expect(pad('東京', 6)).toBe('東京  ');
  });

  it('wraps by columns, and marks text left over', () => {
    expect(wrap('東京 東京 東京', 9)).toEqual(['東京 東京', '東京']);
    expect(wrap('one two three four', 9, 1)).toEqual(['one two …']);
  });
});
