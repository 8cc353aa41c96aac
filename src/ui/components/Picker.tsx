import {fit} from '../text.js';
import {Lines, type Line} from './Lines.js';

interface Props {
  readonly title: string;
  readonly filter: string;
  readonly items: readonly string[];
  readonly index: number;
  readonly width: number;
  readonly height: number;
  readonly colour: boolean;
}

/** A list with type-to-filter; the selected entry stays in view. */
export function Picker({title, filter, items, index, width, height, colour}: Props) {
  const room = Math.max(1, height - 2);
  const start = Math.min(Math.max(0, index - Math.floor(room / 2)), Math.max(0, items.length - room));
  const lines: Line[] = [
    {text: fit(`${title} (${items.length}) · type to filter, enter picks, esc cancels`, width), bold: true},
    {text: fit(`filter: ${filter}█`, width)},
    ...items.slice(start, start + room).map((item, i) => ({
      text: fit(`${start + i === index ? '›' : ' '} ${item}`, width),
      inverse: start + i === index,
    })),
  ];
  if (items.length === 0)
    lines.push({
      text: fit('  nothing matches; a profile or plan can be a path to a .json file', width),
      dim: true,
    });
  return <Lines lines={lines} width={width} colour={colour} />;
}
