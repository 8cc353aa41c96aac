import {pickFields, type Fields} from './line-fields.js';

/**
 * The JSON text of `pickFields(JSON.parse(text), fields)` for a line holding one JSON object, without
 * building the values around the fields: a Claude Code usage line is kilobytes of prompt and output
 * around 300 bytes that are read, and parsing all of it was half of an import. The grammar is checked
 * outside strings (brackets, separators, literals, numbers); inside a string only its end is looked
 * for, with the engine's own search. Kept values are copied as written, so JSON.parse reads the text
 * as it would read those values in the line.
 *
 * Undefined where the text is not skimmed: not an object, not well formed, nested too deep. The
 * caller parses it whole then, and a line that is not JSON is rejected with the parser's words. A
 * raw control character or a bad escape inside a kept string is copied: parsing the text finds it.
 * So the one difference from parsing whole: such a flaw in a string that is not kept goes unseen.
 */
export function skimFields(text: string, fields: Fields): string | undefined {
  const start = space(text, 0);
  if (text.charCodeAt(start) !== OPEN_OBJECT) return undefined;
  try {
    const kept = skimObject(text, start, fields);
    return kept !== undefined && space(text, past) === text.length ? kept : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Below this many characters a line is parsed whole: the skim's cost goes with the line's tokens,
 * the parser's with its bytes, and on Claude Code's usual usage lines of 1 to 1.5 KB, dense with
 * short strings, the parser is the faster (2.7 µs a line against 4.5 µs; 140k such lines took 2.63 s
 * of CPU skimmed, 2.40 s parsed). A line holding a long prompt or output is where the skim pays.
 */
const SKIM_FROM = 2048;

/** The listed fields of a JSON line, skimmed where that pays, else parsed whole: throws the parser's error where the line is not JSON. */
export function parseFields(text: string, fields: Fields): unknown {
  const kept = text.length >= SKIM_FROM ? skimFields(text, fields) : undefined;
  if (kept !== undefined)
    try {
      return JSON.parse(kept);
    } catch {
      // A flaw inside a kept string: the whole line's parse says where.
    }
  return pickFields(JSON.parse(text), fields);
}

/** A control character, or a backslash that does not start an escape: maybe not JSON (or whitespace between values, which is). */
const UNSURE = /[\u0000-\u001f]|\\(?![\\"/bfnrt]|u[0-9a-fA-F]{4})/;

/**
 * parseFields's value as JSON text, for a worker to hand on: the skimmed text where it is surely JSON,
 * else the line parsed whole, picked and written out again; throws the parser's error where the line
 * is not JSON.
 */
export function fieldsText(text: string, fields: Fields): string {
  const kept = skimFields(text, fields);
  return kept !== undefined && !UNSURE.test(kept)
    ? kept
    : JSON.stringify(pickFields(JSON.parse(text), fields));
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

/** The index past the object skimObject last read. */
let past = 0;

/** The JSON text of the object at `at` with the listed fields only (its end in `past`), or undefined. */
function skimObject(text: string, at: number, fields: Fields): string | undefined {
  let list = listed.get(fields);
  if (list === undefined)
    listed.set(
      fields,
      (list = Object.entries(fields).map(([key, want]) => [key, want, `${JSON.stringify(key)}:`])),
    );
  let kept = '';
  let i = space(text, at + 1);
  if (text.charCodeAt(i) === CLOSE_OBJECT) {
    past = i + 1;
    return '{}';
  }
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const close = stringEnd(text, i);
    if (close === -1) return undefined;
    const want = wanted(text, i + 1, close, list);
    i = space(text, close + 1);
    if (text.charCodeAt(i) !== COLON) return undefined;
    i = space(text, i + 1);
    if (want !== undefined && want[1] !== true && text.charCodeAt(i) === OPEN_OBJECT) {
      const inner = skimObject(text, i, want[1]);
      if (inner === undefined) return undefined;
      kept += (kept === '' ? want[2] : `,${want[2]}`) + inner;
      i = past;
    } else {
      const end = skipValue(text, i);
      if (end === -1) return undefined;
      // pickFields empties an array where it expected an object.
      if (want !== undefined)
        kept +=
          (kept === '' ? want[2] : `,${want[2]}`) +
          (want[1] !== true && text.charCodeAt(i) === OPEN_ARRAY ? '[]' : text.slice(i, end));
      i = end;
    }
    i = space(text, i);
    const c = text.charCodeAt(i);
    if (c === CLOSE_OBJECT) {
      past = i + 1;
      return `{${kept}}`;
    }
    if (c !== COMMA) return undefined;
    i = space(text, i + 1);
  }
}

type Wanted = readonly [key: string, want: true | Fields, written: string];
const listed = new WeakMap<Fields, readonly Wanted[]>();

/**
 * The listed field whose key is the string between `from` and `to`, compared in place: making a
 * string of every key of every line, to look it up, was most of the skim.
 */
function wanted(text: string, from: number, to: number, list: readonly Wanted[]): Wanted | undefined {
  for (let i = from; i < to; i++)
    if (text.charCodeAt(i) === BACKSLASH) {
      const key = JSON.parse(text.slice(from - 1, to + 1)) as string;
      return list.find((w) => w[0] === key);
    }
  const length = to - from;
  for (const w of list) if (w[0].length === length && text.startsWith(w[0], from)) return w;
  return undefined;
}

/** What a container expects next, while one is skipped. */
const VALUE = 0;
const VALUE_OR_CLOSE = 1;
const KEY = 2;
const KEY_OR_CLOSE = 3;
const COLON_NEXT = 4;
const AFTER_VALUE = 5;

/** Open containers of the value being skipped (1 = object); deeper than this, the line is parsed whole. */
const open = new Uint8Array(512);

/** The index past the JSON value at `at`, checked but not built; -1 where it is not one. */
function skipValue(text: string, at: number): number {
  let depth = 0;
  let state = VALUE;
  let i = at;
  for (;;) {
    i = space(text, i);
    if (i >= text.length) return -1;
    const c = text.charCodeAt(i);
    if (state === AFTER_VALUE) {
      if (depth === 0) return i;
      const inObject = open[depth - 1] === 1;
      if (c === COMMA) {
        state = inObject ? KEY : VALUE;
        i++;
      } else if (c === (inObject ? CLOSE_OBJECT : CLOSE_ARRAY)) {
        depth--;
        i++;
      } else return -1;
    } else if (state === COLON_NEXT) {
      if (c !== COLON) return -1;
      state = VALUE;
      i++;
    } else if (c === (state === KEY_OR_CLOSE ? CLOSE_OBJECT : state === VALUE_OR_CLOSE ? CLOSE_ARRAY : -1)) {
      depth--;
      state = AFTER_VALUE;
      i++;
    } else if (c === QUOTE) {
      const close = stringEnd(text, i);
      if (close === -1) return -1;
      state = state === KEY || state === KEY_OR_CLOSE ? COLON_NEXT : AFTER_VALUE;
      i = close + 1;
    } else if (state === KEY || state === KEY_OR_CLOSE) {
      return -1;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (depth === open.length) return -1;
      open[depth++] = c === OPEN_OBJECT ? 1 : 0;
      state = c === OPEN_OBJECT ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
      i++;
    } else {
      i = scalarEnd(text, i);
      if (i === -1) return -1;
      state = AFTER_VALUE;
    }
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The index past the literal or number at `at`, or -1. */
function scalarEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  const word = c === 116 ? 'true' : c === 102 ? 'false' : c === 110 ? 'null' : undefined;
  if (word !== undefined) return text.startsWith(word, at) ? at + word.length : -1;
  NUMBER.lastIndex = at;
  return NUMBER.test(text) ? NUMBER.lastIndex : -1;
}

/** The index of the quote that closes the string opened at `at`: the next one not escaped. */
function stringEnd(text: string, at: number): number {
  let i = at;
  for (;;) {
    i = text.indexOf('"', i + 1);
    if (i === -1) return -1;
    let slashes = 0;
    while (text.charCodeAt(i - 1 - slashes) === BACKSLASH) slashes++;
    if ((slashes & 1) === 0) return i;
  }
}

/** The index of the first character at or after `at` that is not JSON whitespace. */
function space(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return i;
    i++;
  }
}
