import {fit, wrap} from '../text.js';
import {Lines, type Line} from './Lines.js';

interface Props {
  readonly title: string;
  /** Paragraphs, wrapped to the width; rows beyond `height` are left out. */
  readonly paragraphs: readonly string[];
  readonly width: number;
  readonly height: number;
  readonly colour: boolean;
}

/** A titled block of wrapped text: the reasons in full, the help, a replay. */
export function TextPanel({title, paragraphs, width, height, colour}: Props) {
  const body = paragraphs.flatMap((p) => (p === '' ? [''] : wrap(p, width)));
  const lines: Line[] = [
    {text: fit(title, width), bold: true},
    ...body.slice(0, Math.max(0, height - 1)).map((text) => ({text})),
  ];
  return <Lines lines={lines} width={width} colour={colour} />;
}
