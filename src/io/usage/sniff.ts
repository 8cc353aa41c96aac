export type Container = 'json' | 'jsonl' | 'text';

/** Drops a UTF-8 BOM and an insta snapshot header (`---` … `---`), which wraps ccusage's own JSON fixtures. */
export function cleanHead(head: string): string {
  const text = head.replace(/^\uFEFF/, '');
  if (!/^---\r?\n/.test(text)) return text;
  const end = /\r?\n---\r?\n/.exec(text.slice(3));
  return end ? text.slice(3 + end.index + end[0].length) : text;
}

function parses(line: string | undefined): boolean {
  if (line === undefined || line.trim() === '') return false;
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}

export function sniffContainer(head: string): Container {
  const text = cleanHead(head).trimStart();
  const lines = text.split('\n', 3);
  if (parses(lines[0]) && (lines.length < 2 || parses(lines[1]) || lines[1] === '')) {
    return /^[{]/.test(text) && lines.length > 1 ? 'jsonl' : 'json';
  }
  return text.startsWith('{') || text.startsWith('[') ? 'json' : 'text';
}

const DELIMITERS = ['\t', ',', ';'] as const;

/** The header's delimiter: the most frequent outside quotes; ties go to tab, then comma, then semicolon. */
function pickDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best: string = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    const n = counts.get(d) ?? 0;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

export function normaliseColumn(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/^"|"$/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_');
}

/** Header cells of a delimited first line, split the simple way (header names hold no delimiters). */
export function headerColumns(head: string): {delimiter: string; columns: string[]} {
  const first = cleanHead(head).split(/\r?\n/, 1)[0] ?? '';
  const delimiter = pickDelimiter(first);
  return {delimiter, columns: first.split(delimiter).map(normaliseColumn)};
}
