import {FIELDS} from './state.js';
import type {TerminalSize} from './use-terminal-size.js';

export interface Layout {
  /** Every line is at most this wide: one column short of the terminal, so no line ever wraps. */
  readonly width: number;
  readonly leftWidth: number;
  readonly gap: number;
  readonly rightWidth: number;
  /** Rows of the inputs and the results beside them: one per field, and the task mix. */
  readonly topHeight: number;
  readonly resultsHeight: number;
  /** Rows under them, for the chart (or the reasons, or a replay). */
  readonly bottomHeight: number;
  /** Rows of plot the chart gets (renderLineChart's height); 0 when there is no room for one. */
  readonly chartHeight: number;
}

/**
 * Where everything goes at a terminal size. Ink redraws the whole screen when a frame is as tall as
 * the terminal, so the frame keeps one row free: title 1, inputs and results, chart, status bar 1.
 */
export function layoutFor(size: TerminalSize): Layout {
  const width = Math.max(40, size.columns - 1);
  const leftWidth = width >= 99 ? 40 : 34;
  const gap = 1;
  const topHeight = FIELDS.length + 1;
  const bottomHeight = Math.max(0, size.rows - 1 - 1 - topHeight - 1);
  // The chart's own rows: title, plot (height + 1), markers, axis.
  const chartHeight = bottomHeight >= 6 ? bottomHeight - 4 : 0;
  return {
    width,
    leftWidth,
    gap,
    rightWidth: width - leftWidth - gap,
    topHeight,
    resultsHeight: Math.min(9, topHeight - 5),
    bottomHeight,
    chartHeight,
  };
}
