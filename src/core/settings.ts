/**
 * The user's settings that core's words refer to, by id. Core never writes how a setting is set:
 * the CLI names it by its flag, the dashboard by its field or in words.
 */
export type Setting = 'model' | 'noKey' | 'keyWorth' | 'risk' | 'per' | 'solveRates';

export interface SettingRef {
  readonly setting: Setting;
}

/** Text that names settings, left as ids for the front end to write: `['needs a provider key (', {setting: 'noKey'}, ')']`. */
export type Phrase = readonly (string | SettingRef)[];

export const setting = (id: Setting): SettingRef => ({setting: id});

/** A template literal as a Phrase: phrase`needs a provider key (${setting('noKey')})`; a Phrase inside is spliced in. */
export function phrase(
  strings: TemplateStringsArray,
  ...values: (string | number | SettingRef | Phrase)[]
): Phrase {
  const parts: (string | SettingRef)[] = [];
  const add = (part: string | SettingRef) => {
    const last = parts.length - 1;
    if (typeof part !== 'string') parts.push(part);
    else if (typeof parts[last] === 'string') parts[last] += part;
    else if (part !== '') parts.push(part);
  };
  strings.forEach((text, i) => {
    add(text);
    if (i === values.length) return;
    const value = values[i] as string | number | SettingRef | Phrase;
    if (isPhrase(value)) value.forEach(add);
    else add(typeof value === 'number' ? String(value) : value);
  });
  return parts;
}

/** Phrases one after another, `separator` between them. */
export function joinPhrases(phrases: readonly Phrase[], separator: string): Phrase {
  return phrases.reduce<Phrase>((joined, p, i) => (i === 0 ? p : phrase`${joined}${separator}${p}`), []);
}

/** The phrase written out, each setting named by `name`. */
export function phraseText(p: Phrase, name: (id: Setting) => string): string {
  return p.map((part) => (typeof part === 'string' ? part : name(part.setting))).join('');
}

function isPhrase(value: unknown): value is Phrase {
  return Array.isArray(value);
}
