import {displayWidth, truncateEnd, truncateStart, wrapProse, wrapWords} from './text-width.js';

export type Align = 'left' | 'right';

export interface Column {
  readonly header: string;
  readonly align?: Align;
  /** A shorter header, used when the table must narrow to fit. */
  readonly short?: string;
  /** How a long cell narrows: prose wraps onto more lines; a path or name loses its start or its end to "…". */
  readonly fit?: 'wrap' | 'cut-start' | 'cut-end';
  /** An optional column, left out when nothing else makes the table fit: 1 goes first, then 2, ... */
  readonly drop?: number;
}

/** Terminal columns a table may take; Infinity (--wide) keeps every column at its full width. */
export type TableWidth = number;

const GAP = 2;
/** A narrowed prose or name column keeps at least this many columns (or its header's width). */
const MIN_FIT = 14;

interface Plan {
  readonly shown: number[];
  readonly widths: number[];
  readonly headers: string[];
}

/**
 * A plain-text table: columns padded to fit, two spaces apart, no trailing spaces. Widths are
 * display columns (a CJK character takes two, an emoji two, a combining mark none), not string
 * length. When the table is wider than `width` it narrows step by step: shorter headers, then
 * wrapping or cutting the columns that allow it, then leaving out optional columns (named in a
 * line under the table, with --wide to show them).
 */
export function renderTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  width: TableWidth = Infinity,
): string {
  const plan = layout(columns, rows, width);
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, k) => pad(cell, plan.widths[k] ?? 0, columns[plan.shown[k] as number]?.align))
      .join(' '.repeat(GAP))
      .trimEnd();
  const body = rows.flatMap((row) => {
    const cells = plan.shown.map((i, k) =>
      fitCell(row[i] ?? '', plan.widths[k] as number, columns[i] as Column),
    );
    const height = Math.max(...cells.map((c) => c.length));
    return Array.from({length: height}, (_, l) => line(cells.map((c) => c[l] ?? '')));
  });
  const dropped = columns.filter((_, i) => !plan.shown.includes(i)).map((c) => c.header);
  const cut = plan.shown.some(
    (i, k) =>
      columns[i]?.fit?.startsWith('cut') &&
      rows.some((r) => displayWidth(r[i] ?? '') > (plan.widths[k] as number)),
  );
  const notes = [
    ...(dropped.length ? [`${dropped.join(', ')} left out`] : []),
    ...(cut ? ['long names cut (…)'] : []),
  ];
  return [
    line(plan.headers),
    line(plan.widths.map((w) => '─'.repeat(w))),
    ...body,
    ...(notes.length
      ? wrapProse(
          `(${notes.join('; ')} to fit ${width} columns: --wide shows ${dropped.length === 1 && !cut ? 'it' : 'them whole'})`,
          width,
        )
      : []),
  ].join('\n');
}

function layout(columns: readonly Column[], rows: readonly (readonly string[])[], width: number): Plan {
  const natural = columns.map((c, i) =>
    Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const all = columns.map((_, i) => i);
  const full: Plan = {shown: all, widths: natural, headers: columns.map((c) => c.header)};
  if (total(full.widths) <= width) return full;
  // Shorter headers first: they lose nothing.
  const headers = columns.map((c) => c.short ?? c.header);
  const headerWidths = columns.map((_, i) =>
    Math.max(displayWidth(headers[i] as string), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const order = columns
    .map((c, i) => ({i, drop: c.drop}))
    .filter((c) => c.drop !== undefined)
    .sort((a, b) => (a.drop as number) - (b.drop as number));
  let shown = all;
  for (let step = 0; ; step++) {
    const plan = narrow(columns, rows, shown, headers, headerWidths, width);
    if (total(plan.widths) <= width || step >= order.length) return plan;
    const gone = order[step]?.i;
    shown = shown.filter((i) => i !== gone);
  }
}

/**
 * Narrows the columns that may wrap or be cut, down to their floor, one display column at a time:
 * each time from the column where it costs the fewest extra lines (the widest, on a tie).
 */
function narrow(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  shown: readonly number[],
  headers: readonly string[],
  natural: readonly number[],
  width: number,
): Plan {
  const widths = shown.map((i) => natural[i] as number);
  const floor = shown.map((i) =>
    columns[i]?.fit
      ? Math.min(natural[i] as number, Math.max(MIN_FIT, displayWidth(headers[i] as string)))
      : (natural[i] as number),
  );
  const heights = new Map<string, number[]>();
  const linesAt = (k: number, w: number): number[] => {
    const key = `${k}:${w}`;
    let h = heights.get(key);
    if (!h) {
      const i = shown[k] as number;
      h = rows.map((r) => fitCell(r[i] ?? '', w, columns[i] as Column).length);
      heights.set(key, h);
    }
    return h;
  };
  const tableLines = (ws: readonly number[]) =>
    rows.reduce(
      (sum, _, r) =>
        sum +
        Math.max(
          1,
          ...ws.map((w, k) => (columns[shown[k] as number]?.fit ? (linesAt(k, w)[r] as number) : 1)),
        ),
      0,
    );
  for (let excess = total(widths) - width; excess > 0; excess--) {
    let best = -1;
    let bestLines = Infinity;
    for (let k = 0; k < widths.length; k++) {
      if ((widths[k] as number) <= (floor[k] as number)) continue;
      // Counting lines re-wraps every row: past a hundred rows, the widest column gives way instead.
      const lines = rows.length > 100 ? 0 : tableLines(widths.map((w, j) => (j === k ? w - 1 : w)));
      if (lines < bestLines || (lines === bestLines && (widths[k] as number) > (widths[best] as number))) {
        best = k;
        bestLines = lines;
      }
    }
    if (best < 0) break;
    widths[best] = (widths[best] as number) - 1;
  }
  return {shown: [...shown], widths, headers: shown.map((i) => headers[i] as string)};
}

function total(widths: readonly number[]): number {
  return widths.reduce((a, b) => a + b, 0) + GAP * Math.max(0, widths.length - 1);
}

function fitCell(cell: string, width: number, column: Column): string[] {
  if (displayWidth(cell) <= width) return [cell];
  if (column.fit === 'wrap') {
    // A marked or indented cell ("★ Free tier…", "  BYOK…") keeps its mark's column on every line.
    const lead = /^(?:\u2605 | +)/.exec(cell)?.[0] ?? '';
    const indent = displayWidth(lead);
    if (!lead || indent * 2 > width) return wrapWords(cell, width);
    const [first = '', ...rest] = wrapWords(cell.slice(lead.length), width - indent);
    return [lead + first, ...rest.map((l) => ' '.repeat(indent) + l)];
  }
  if (column.fit === 'cut-start') return [truncateStart(cell, width)];
  return [truncateEnd(cell, width)];
}

function pad(cell: string, width: number, align: Align | undefined): string {
  const space = ' '.repeat(Math.max(0, width - displayWidth(cell)));
  return align === 'right' ? space + cell : cell + space;
}

/** The same table as GitHub Markdown, pipes in cells escaped. */
export function renderMarkdownTable(
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
): string {
  const cell = (text: string) => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [
    line(columns.map((c) => c.header)),
    `|${columns.map((c) => (c.align === 'right' ? '---:' : '---')).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/** RFC 4180 CSV. A cell a spreadsheet would run as a formula gets a leading apostrophe. */
export function renderCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (text: string) => {
    // A plain number (a negative amount) is data; anything else starting so is a formula to a spreadsheet.
    const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}
