import * as asciichart from 'asciichart';
import {formatNumber} from './format.js';
import {truncateEnd} from './text-width.js';

export interface ChartSeries {
  readonly name: string;
  readonly values: readonly number[];
}

export interface ChartMarker {
  /** Index into the series' values. */
  readonly at: number;
  readonly label: string;
}

export interface ChartOptions {
  readonly width: number;
  readonly height: number;
  readonly xLabel: (index: number) => string;
  readonly markers?: readonly ChartMarker[];
  readonly colour?: boolean;
}

/** Characters left of the plot: the y labels ("$12,345") and asciichart's axis. */
const LABEL_WIDTH = 9;
const AXIS = 2;
/** Room right of the plot for the names at the lines' ends. */
const NAMES = 17;

/** How many points fit a chart `width` columns wide. */
export function chartPoints(width: number): number {
  return Math.max(10, width - LABEL_WIDTH - AXIS - NAMES);
}

const COLOURS = [asciichart.green, asciichart.yellow, asciichart.cyan, asciichart.magenta];

/** A y label that fits LABEL_WIDTH at any scale: $54.7, $8,651, then $23.64M and $1.5B. */
export function dollars(value: number): string {
  const size = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  // formatNumber, not toLocaleString: the first call of that loads ICU's number formats, 15 ms of an import's table.
  if (size >= 1e9) return `${sign}$${formatNumber(Math.round(size / 1e7) / 100)}B`;
  if (size >= 1e6) return `${sign}$${formatNumber(Math.round(size / 1e4) / 100)}M`;
  const rounded = size >= 100 ? Math.round(size) : Math.round(size * 10) / 10;
  return `${rounded !== 0 ? sign : ''}$${formatNumber(rounded)}`;
}

/**
 * A line chart that fits `width` columns exactly: asciichart draws it, and markers (breakevens)
 * are placed on a row beneath, at the same columns. Pure: same input, same string.
 */
export function renderLineChart(series: readonly ChartSeries[], options: ChartOptions): string {
  const points = series[0]?.values.length ?? 0;
  const plot = asciichart.plot(
    series.map((s) => [...s.values]),
    {
      height: options.height,
      format: (y: number) => dollars(y).padStart(LABEL_WIDTH),
      ...(options.colour ? {colors: series.map((_, i) => COLOURS[i % COLOURS.length])} : {}),
    },
  );
  const left = ' '.repeat(LABEL_WIDTH + AXIS);
  const lines = labelLineEnds(plot.split('\n'), series, options.height);
  const markers = options.markers ?? [];
  if (markers.length > 0) {
    const row = Array.from({length: points}, () => ' ');
    for (const marker of markers) if (marker.at >= 0 && marker.at < points) row[marker.at] = '▲';
    lines.push(`${left}${row.join('').trimEnd()}`);
  }
  const axis = Array.from({length: points}, () => ' ');
  const place = (index: number, text: string, alignRight: boolean) => {
    const start = alignRight ? index - text.length + 1 : index;
    for (let i = 0; i < text.length; i++)
      if (start + i >= 0 && start + i < points) axis[start + i] = text[i] as string;
  };
  place(0, options.xLabel(0), false);
  place(points - 1, options.xLabel(points - 1), true);
  lines.push(`${left}${axis.join('').trimEnd()}`);
  return lines.join('\n');
}

/**
 * Names each line at its right end, on the row asciichart drew its last value, so the series can
 * be told apart without colour. The row arithmetic is asciichart's own.
 */
function labelLineEnds(rows: string[], series: readonly ChartSeries[], height: number): string[] {
  const all = series.flatMap((s) => s.values);
  const min = Math.min(...all);
  const max = Math.max(...all);
  const ratio = max - min !== 0 ? height / (max - min) : 1;
  const top = Math.round(max * ratio);
  const labels = new Map<number, (typeof series)[number][][]>();
  for (const s of series) {
    const last = s.values[s.values.length - 1];
    if (last === undefined) continue;
    const row = top - Math.round(last * ratio);
    const groups = labels.get(row) ?? [];
    // "=" only for lines equal at every point; lines that merely end on the same row are listed.
    const same = groups.find((g) => (g[0] as ChartSeries).values.every((v, k) => v === s.values[k]));
    if (same) same.push(s);
    else groups.push([s]);
    labels.set(row, groups);
  }
  const name = (groups: ChartSeries[][]) => groups.map((g) => g.map((s) => s.name).join(' = ')).join(', ');
  return rows.map((line, i) =>
    labels.has(i)
      ? `${line} ${truncateEnd(name(labels.get(i) as ChartSeries[][]), NAMES - 1)}`
      : line.trimEnd(),
  );
}

/** `values` stretched to `length` points along straight lines between them. */
export function resample(values: readonly number[], length: number): number[] {
  if (values.length === 0) return Array.from({length}, () => 0);
  if (values.length === 1 || length === 1) return Array.from({length}, () => values[0] as number);
  return Array.from({length}, (_, i) => {
    const x = (i * (values.length - 1)) / (length - 1);
    const lo = Math.floor(x);
    const a = values[lo] as number;
    const b = values[Math.min(values.length - 1, lo + 1)] as number;
    return a + (b - a) * (x - lo);
  });
}
