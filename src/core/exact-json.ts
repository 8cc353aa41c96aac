/**
 * JSON.parse turns 3e-06 into the float 0.0000030000000000000001...; prices must keep the text the
 * file wrote. This parser returns every number as an ExactNumber holding its source text.
 */
export class ExactNumber {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export type ExactJson = null | boolean | string | ExactNumber | ExactJson[] | {[key: string]: ExactJson};

export class JsonSyntaxError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

export function parseExactJson(text: string): ExactJson {
  let i = 0;
  const fail = (what: string): never => {
    const line = text.slice(0, i).split('\n').length;
    throw new JsonSyntaxError(`${what} at line ${line}`, line);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r\uFEFF'.includes(text[i] as string)) i++;
  };
  const value = (): ExactJson => {
    ws();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const [word, result] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return result;
      }
    }
    return fail(c === undefined ? 'unexpected end of JSON' : `unexpected character ${JSON.stringify(c)}`);
  };
  const number = (): ExactNumber => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (!match) return fail('bad number');
    i += match[0].length;
    return new ExactNumber(match[0]);
  };
  const string = (): string => {
    const start = i;
    i++;
    let escaped = false;
    for (; i < text.length; i++) {
      const c = text[i];
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') break;
      else if (c === '\n') fail('newline inside a string');
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail('bad string escape');
    }
  };
  const array = (): ExactJson[] => {
    i++;
    const items: ExactJson[] = [];
    ws();
    if (text[i] === ']') {
      i++;
      return items;
    }
    for (;;) {
      items.push(value());
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === ']') {
        i++;
        return items;
      } else fail('expected , or ]');
    }
  };
  const object = (): {[key: string]: ExactJson} => {
    i++;
    const result: {[key: string]: ExactJson} = {};
    ws();
    if (text[i] === '}') {
      i++;
      return result;
    }
    for (;;) {
      ws();
      if (text[i] !== '"') fail('expected a property name');
      const key = string();
      ws();
      if (text[i] !== ':') fail('expected :');
      i++;
      // defineProperty, not assignment: a "__proto__" key in a file must stay data, never a prototype.
      Object.defineProperty(result, key, {
        value: value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === '}') {
        i++;
        return result;
      } else fail('expected , or }');
    }
  };
  const result = value();
  ws();
  if (i < text.length) fail('unexpected text after the JSON value');
  return result;
}

/** An object of a JSON document: the exact parser's, or JSON.parse's (whose numbers are numbers). */
export function isObject<T>(value: T | undefined): value is Extract<T, {[key: string]: unknown}> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof ExactNumber)
  );
}
