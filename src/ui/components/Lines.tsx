import {Box, Text} from 'ink';

export interface Line {
  readonly text: string;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly inverse?: boolean;
  readonly color?: string;
}

interface Props {
  readonly lines: readonly Line[];
  readonly width: number;
  /** Styles apply only when colour is on (NO_COLOR unset); the text is the same either way. */
  readonly colour: boolean;
}

/** Lines already cut to `width`: one Text each, so Ink never wraps or truncates them. */
export function Lines({lines, width, colour}: Props) {
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((line, i) =>
        colour ? (
          <Text
            key={i}
            bold={line.bold ?? false}
            dimColor={line.dim ?? false}
            inverse={line.inverse ?? false}
            {...(line.color ? {color: line.color} : {})}
          >
            {line.text || ' '}
          </Text>
        ) : (
          <Text key={i}>{line.text || ' '}</Text>
        ),
      )}
    </Box>
  );
}
