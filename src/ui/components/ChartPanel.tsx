import {fit} from '../text.js';
import {Lines} from './Lines.js';

interface Props {
  readonly title: string;
  /** renderLineChart's lines, already sized to the width; cut again only as a safety net. */
  readonly lines: readonly string[];
  readonly width: number;
  readonly colour: boolean;
}

export function ChartPanel({title, lines, width, colour}: Props) {
  return (
    <Lines
      lines={[
        {text: fit(`${title} · c: switch chart`, width), bold: true},
        ...lines.map((l) => ({text: fit(l, width)})),
      ]}
      width={width}
      colour={colour}
    />
  );
}
