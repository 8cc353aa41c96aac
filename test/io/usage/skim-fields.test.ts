import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {pickFields, type Fields} from '../../../src/io/usage/line-fields.js';
import {fieldsText, parseFields, skimFields} from '../../../src/io/usage/skim-fields.js';

const FIELDS: Fields = {a: true, b: {c: true, d: {e: true}}, 'k\u00e9y': true};
const KEYS = ['a', 'b', 'c', 'd', 'e', 'x', 'k\u00e9y', '__proto__', 'toString'];

/** JSON text of an object written by hand, so keys can repeat and spaces fall anywhere JSON allows. */
const objectText = (value: fc.Arbitrary<string>, depth: number, escapes = true): fc.Arbitrary<string> =>
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...KEYS),
        escapes ? fc.boolean() : fc.constant(false),
        depth > 0 ? fc.oneof(value, objectText(value, depth - 1, escapes)) : value,
      ),
      {maxLength: 6},
    )
    .chain((pairs) =>
      fc
        .array(fc.constantFrom('', '', ' ', '\t', '\r\n '), {
          minLength: pairs.length * 4 + 2,
          maxLength: pairs.length * 4 + 2,
        })
        .map((gaps) => {
          let k = 0;
          const gap = () => gaps[k++] ?? '';
          // A key escaped (\u0061 for a) must still be matched: JSON reads it as the same key.
          const key = (name: string, escaped: boolean) =>
            escaped
              ? `"${[...name].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`
              : JSON.stringify(name);
          const body = pairs.map(
            ([name, escaped, text]) => `${gap()}${key(name, escaped)}${gap()}:${gap()}${text}${gap()}`,
          );
          return `${gap()}{${body.join(',')}}${gap()}`;
        }),
    );

const anyValue = fc.jsonValue({maxDepth: 3}).map((v) => JSON.stringify(v));

describe('skimming a JSON line for its fields', () => {
  it('reads what parsing the whole line and picking the fields reads', () => {
    fc.assert(
      fc.property(objectText(anyValue, 2), (text) => {
        const picked = pickFields(JSON.parse(text), FIELDS);
        expect(JSON.parse(skimFields(text, FIELDS) ?? 'undefined')).toStrictEqual(picked);
        // What a worker hands on reads the same, written out again or not.
        expect(JSON.parse(fieldsText(text, FIELDS))).toStrictEqual(picked);
      }),
      {numRuns: 3000},
    );
  });

  it("hands a worker's reader the parser's error where a kept string is not JSON, and never a text that is not", () => {
    const flaws = ['\\q', '\\u12x4', '\u0001', '\\'];
    fc.assert(
      fc.property(objectText(anyValue, 2), fc.constantFrom(...flaws), fc.nat(), (text, flaw, at) => {
        // A flaw put inside some string of the line, kept or not.
        const quotes = [...text.matchAll(/(?<!\\)"/g)].map((m) => m.index);
        if (quotes.length === 0) return;
        const q = quotes[at % quotes.length]! + 1;
        const broken = text.slice(0, q) + flaw + text.slice(q);
        let written: string;
        try {
          written = fieldsText(broken, FIELDS);
        } catch (error) {
          // Thrown only where the line is not JSON, in the parser's words.
          expect(() => JSON.parse(broken)).toThrow((error as Error).message);
          return;
        }
        // A flaw in a string that is not kept may go unseen, but what is handed on is always JSON.
        const value: unknown = JSON.parse(written);
        let parsed: unknown;
        try {
          parsed = JSON.parse(broken);
        } catch {
          return;
        }
        expect(value).toStrictEqual(pickFields(parsed, FIELDS));
      }),
      {numRuns: 3000},
    );
  });

  it('gives a text that is not JSON back to the parser, cut short or with a character gone', () => {
    // Strings and keys without escapes: taking a character out of one can then never leave a bad
    // escape, the one flaw inside a string the skim does not see.
    const plain = fc.oneof(
      fc.stringMatching(/^[a-z ]{0,8}$/).map((s) => JSON.stringify(s)),
      fc.constantFrom('true', 'false', 'null', '0', '-1.5e3', '[]', '[1,"x",{}]', '{}'),
    );
    fc.assert(
      fc.property(objectText(plain, 2, false), fc.nat(), fc.boolean(), (text, at, cut) => {
        const i = at % text.length;
        const broken = cut ? text.slice(0, i) : text.slice(0, i) + text.slice(i + 1);
        let parsed: unknown;
        try {
          parsed = JSON.parse(broken);
        } catch {
          expect(skimFields(broken, FIELDS)).toBeUndefined();
          expect(() => parseFields(broken, FIELDS)).toThrow(SyntaxError);
          return;
        }
        expect(parseFields(broken, FIELDS)).toStrictEqual(pickFields(parsed, FIELDS));
      }),
      {numRuns: 3000},
    );
  });

  it('skims a long line, and still rejects it when it is not JSON', () => {
    const line = JSON.stringify({x: 'prompt '.repeat(400), a: 1, b: {c: 'kept', d: {e: [2]}}});
    expect(line.length).toBeGreaterThan(2048);
    expect(parseFields(line, FIELDS)).toStrictEqual({a: 1, b: {c: 'kept', d: {e: [2]}}});
    expect(() => parseFields(line.slice(0, -2), FIELDS)).toThrow(SyntaxError);
    expect(() => parseFields(line.replace('"a":1', '"a":1 2'), FIELDS)).toThrow(SyntaxError);
  });

  it('leaves what it does not skim to the parser: an array, a scalar, nesting past its depth', () => {
    for (const text of ['[{"a":1}]', '7', '"a"', `{"x":${'['.repeat(600)}${']'.repeat(600)},"a":2}`]) {
      expect(skimFields(text, FIELDS)).toBeUndefined();
      expect(parseFields(text, FIELDS)).toStrictEqual(pickFields(JSON.parse(text), FIELDS));
    }
  });
});
