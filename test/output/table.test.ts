import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {Money} from '../../src/core/money.js';
import {formatFixed, formatNumber, plural, unitUsdDecimals} from '../../src/output/format.js';
import {renderTable, type Column} from '../../src/output/table.js';
import {displayWidth, truncateEnd, truncateStart, wrapProse} from '../../src/output/text-width.js';

const COLUMNS: Column[] = [
  {header: 'Path'},
  {header: 'How it is paid', short: 'Paid how', fit: 'wrap'},
  {header: 'Total', align: 'right'},
  {header: 'Per task', align: 'right', drop: 1},
  {header: 'File', fit: 'cut-start'},
];
const ROWS = [
  [
    'BYOK',
    'your key at list price, no markup',
    '$236.78',
    '$0.9396',
    'logs/2026/11/very-long-session-name.jsonl',
  ],
  [
    'Platform',
    '$20.00/mo for $20.00 of usage at list price, then blocked until renewal',
    '$20.00',
    '$0.6897',
    'a.csv',
  ],
];
const lines = (text: string) => text.split('\n');

describe('renderTable fits the width it is given', () => {
  it('leaves a table that fits as it is', () => {
    const text = renderTable(COLUMNS, ROWS, 200);
    expect(lines(text)[0]).toMatch(/^Path {6}How it is paid {61}Total  Per task  File$/);
    expect(lines(text)).toHaveLength(4);
  });

  it('at 80 columns: short headers, prose wrapped, the path cut from its start', () => {
    const text = renderTable(COLUMNS, ROWS, 80);
    expect(text).toContain('Paid how');
    expect(text).toContain('…');
    expect(text).toContain('.jsonl');
    expect(Math.max(...lines(text).map(displayWidth))).toBeLessThanOrEqual(80);
    expect(text).toContain('your key at list price');
  });

  it('drops optional columns last, and says which and how to see them', () => {
    const text = renderTable(COLUMNS, ROWS, 50);
    expect(text).not.toContain('$0.9396');
    expect(lines(text).slice(-2).join(' ')).toBe(
      '(Per task left out; long names cut (…) to fit 50 columns: --wide shows them whole)',
    );
    expect(Math.max(...lines(text).map(displayWidth))).toBeLessThanOrEqual(50);
  });

  it('--wide (Infinity) keeps every column whole', () => {
    const text = renderTable(COLUMNS, ROWS, Infinity);
    expect(text).toContain('$20.00/mo for $20.00 of usage at list price, then blocked until renewal');
    expect(text).toContain('$0.9396');
  });

  it('measures display columns: wide characters line up', () => {
    const text = renderTable(
      [{header: 'Model'}, {header: 'Cost', align: 'right'}],
      [
        ['東京モデル', '$1.00'],
        ['abc', '$2.00'],
      ],
    );
    const [, , a, b] = lines(text);
    expect(displayWidth(a as string)).toBe(displayWidth(b as string));
    expect(a).toBe('東京モデル  $1.00');
    expect(b).toBe('abc         $2.00');
  });

  it('any width from 50 to 160: no line wider than the width, no word of the prose lost', () => {
    fc.assert(
      fc.property(fc.integer({min: 50, max: 160}), (width) => {
        const text = renderTable(COLUMNS, ROWS, width);
        expect(Math.max(...lines(text).map(displayWidth))).toBeLessThanOrEqual(width);
        for (const word of (ROWS[1]?.[1] as string).split(' ')) expect(text).toContain(word);
      }),
    );
  });
});

describe('display-width text', () => {
  it('cuts by columns, keeping the end of a path or the start of a name', () => {
    expect(truncateStart('a/b/東京.csv', 9)).toBe('…東京.csv');
    expect(truncateStart('a/b/東京.csv', 8)).toBe('…京.csv');
    expect(truncateEnd('claude-sonnet-4-5', 8)).toBe('claude-…');
  });

  it('cuts a text of one-column characters by length as it would grapheme by grapheme', () => {
    // The cut without the length shortcut: graphemes taken while they fit, as text-width.ts does for wide text.
    const byGraphemes = (text: string, width: number, end: 'start' | 'end') => {
      const all = Array.from(
        new Intl.Segmenter('en', {granularity: 'grapheme'}).segment(text),
        (g) => g.segment,
      );
      let out = '';
      for (const p of end === 'end' ? all : all.reverse()) {
        const next = end === 'end' ? out + p : p + out;
        if (displayWidth(next) > width - 1) break;
        out = next;
      }
      return end === 'end' ? `${out}…` : `…${out}`;
    };
    const narrow = fc.string({unit: fc.constantFrom('a', 'Z', '/', ' ', '-', 'é', 'ß', '→', '─', '·')});
    fc.assert(
      fc.property(narrow, fc.integer({min: -1, max: 30}), (text, width) => {
        if (displayWidth(text) <= width) return;
        expect(truncateStart(text, width)).toBe(byGraphemes(text, width, 'start'));
        expect(truncateEnd(text, width)).toBe(byGraphemes(text, width, 'end'));
      }),
    );
  });

  it('wraps prose under its bullet', () => {
    expect(wrapProse('  - one two three four five six seven eight nine ten eleven twelve', 30)).toEqual([
      '  - one two three four five',
      '    six seven eight nine ten',
      '    eleven twelve',
    ]);
  });
});

describe('readable numbers', () => {
  it('groups thousands and says one task, not one tasks', () => {
    expect(plural(1_000_000, 'task/day', 'tasks/day')).toBe('1,000,000 tasks/day');
    expect(plural(1, 'task/day', 'tasks/day')).toBe('1 task/day');
    expect(plural(0.5, 'task')).toBe('0.5 tasks');
    expect(formatNumber(1234.5)).toBe('1,234.5');
  });

  it('one number of decimals per column', () => {
    expect(unitUsdDecimals([new Money('20'), new Money('0.5'), undefined])).toBe(4);
    expect(unitUsdDecimals([new Money('20'), new Money('0')])).toBe(2);
    expect([0, 2.25, 1234].map((v) => formatFixed(v, 1))).toEqual(['0.0', '2.3', '1,234.0']);
  });
});
