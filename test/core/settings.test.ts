import {describe, expect, it} from 'vitest';
import {joinPhrases, phrase, phraseText, setting} from '../../src/core/settings.js';
import {cliText} from '../../src/output/setting-flags.js';

describe('phrases name settings by id; each front end writes them', () => {
  const aside = phrase`needs a provider key (${setting('noKey')})`;

  it('keeps text and settings apart, numbers and phrases spliced in', () => {
    expect(aside).toEqual(['needs a provider key (', {setting: 'noKey'}, ')']);
    expect(phrase`${3} tasks; ${aside}.`).toEqual([
      '3 tasks; needs a provider key (',
      {setting: 'noKey'},
      ').',
    ]);
  });

  it('the CLI writes the flag, another front end its own words', () => {
    const both = joinPhrases([aside, phrase`over budget (you accept 5%: ${setting('risk')})`], '; ');
    expect(cliText(both)).toBe('needs a provider key (--no-key); over budget (you accept 5%: --risk)');
    expect(phraseText(both, (id) => `<${id}>`)).toBe(
      'needs a provider key (<noKey>); over budget (you accept 5%: <risk>)',
    );
  });
});
