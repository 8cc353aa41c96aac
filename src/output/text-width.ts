import stringWidth from 'string-width';

/** Characters one column wide each: ASCII, Latin, and the punctuation, arrows, math and box drawing tables use. */
const NARROW = /^[\u0020-\u007e\u00a0-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u23ff\u2500-\u25ff]*$/;

/** Terminal columns a text takes: a CJK character or an emoji two, a combining mark none, colour codes none. */
export function displayWidth(text: string): number {
  // Most cells are plain: measure those by length, and leave the rest to string-width.
  return NARROW.test(text) ? text.length : stringWidth(text);
}

// Made on first use: building a segmenter loads ICU's break rules, ~10 ms of every start, and most
// runs cut no text.
let graphemes: Intl.Segmenter | undefined;

function pieces(text: string): string[] {
  graphemes ??= new Intl.Segmenter('en', {granularity: 'grapheme'});
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** The start of a text, cut to `width` columns with "…" at the end. */
export function truncateEnd(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  // One column a character: cut by length, without loading the segmenter (an import's paths).
  if (NARROW.test(text)) return `${text.slice(0, Math.max(0, width - 1))}…`;
  let out = '';
  for (const p of pieces(text)) {
    if (displayWidth(out + p) > width - 1) break;
    out += p;
  }
  return `${out}…`;
}

/** The end of a text (a path's file name), cut to `width` columns with "…" at the start. */
export function truncateStart(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  if (NARROW.test(text)) return `…${text.slice(text.length - Math.max(0, width - 1))}`;
  let out = '';
  for (const p of pieces(text).reverse()) {
    if (displayWidth(p + out) > width - 1) break;
    out = p + out;
  }
  return `…${out}`;
}

/**
 * Words onto lines of at most `width` columns. A line may also break after a "/" (paths, vendor
 * slugs); a word longer than a line is split.
 */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of text.split(/(?<= )|(?<=\/)/)) {
    if (displayWidth((line + token).trimEnd()) <= width) {
      line += token;
      continue;
    }
    if (line.trim()) lines.push(line.trimEnd());
    line = token.trimStart();
    while (displayWidth(line.trimEnd()) > width) {
      const head = truncateEnd(line, width + 1).slice(0, -1);
      lines.push(head);
      line = line.slice(head.length);
    }
  }
  lines.push(line.trimEnd());
  return lines;
}

/**
 * A line of prose wrapped to `width` columns. Continuation lines hang under the text, past the
 * line's indent and its "- " or "1. " bullet, or the "label    " of an indented key-value line.
 */
export function wrapProse(line: string, width: number): string[] {
  if (displayWidth(line) <= width) return [line];
  const lead = /^( *(?:- |\d+\. )?)/.exec(line)?.[1] ?? '';
  const label = /^( +\S+(?: \S+)* {2,})\S/.exec(line)?.[1];
  if (label && label.length <= width / 2) return hang(line, label.length, width);
  return hang(line, lead.length, width);
}

function hang(line: string, indent: number, width: number): string[] {
  const lead = line.slice(0, indent);
  const room = Math.max(20, width - indent);
  const [first = '', ...rest] = wrapWords(line.slice(indent), room);
  return [lead + first, ...rest.map((l) => ' '.repeat(indent) + l)];
}
