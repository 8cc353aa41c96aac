/** Plain-text layout helpers: the dashboard sizes every line itself, so Ink never wraps or truncates. */

/** `text` cut to `width` columns, with an ellipsis when cut. */
export function fit(text: string, width: number): string {
  const chars = Array.from(text);
  if (width <= 0) return '';
  return chars.length <= width ? text : `${chars.slice(0, width - 1).join('')}…`;
}

/** `text` cut or padded to exactly `width` columns. */
export function pad(text: string, width: number): string {
  const cut = fit(text, width);
  return cut + ' '.repeat(Math.max(0, width - Array.from(cut).length));
}

/** Words wrapped to `width` columns; at most `maxLines` lines, the last ending in … if text was left over. */
export function wrap(text: string, width: number, maxLines = Infinity): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!line) line = word;
    else if (Array.from(line).length + 1 + Array.from(word).length <= width) line += ` ${word}`;
    else {
      lines.push(fit(line, width));
      line = word;
    }
  }
  if (line) lines.push(fit(line, width));
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = fit(`${kept[maxLines - 1] ?? ''} …`, width);
  return kept;
}
