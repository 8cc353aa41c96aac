/** Plain-text layout helpers: the dashboard sizes every line itself, so Ink never wraps or truncates. */
import {displayWidth, truncateEnd, wrapWords} from '../output/text-width.js';

/** `text` cut to `width` display columns, with an ellipsis when cut. */
export function fit(text: string, width: number): string {
  return width <= 0 ? '' : truncateEnd(text, width);
}

/** `text` cut or padded to exactly `width` display columns. */
export function pad(text: string, width: number): string {
  const cut = fit(text, width);
  return cut + ' '.repeat(Math.max(0, width - displayWidth(cut)));
}

/** Words wrapped to `width` columns; at most `maxLines` lines, the last ending in … if text was left over. */
export function wrap(text: string, width: number, maxLines = Infinity): string[] {
  const words = text.split(/\s+/).filter(Boolean).join(' ');
  const lines = words ? wrapWords(words, width) : [];
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = fit(`${kept[maxLines - 1] ?? ''} …`, width);
  return kept;
}
