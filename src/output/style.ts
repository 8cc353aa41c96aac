/** Text styling for terminals; every function is the identity when colour is off. */
export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly warn: (text: string) => string;
  readonly good: (text: string) => string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001B[${open}m${text}\u001B[${close}m`;

export function makeStyle(colour: boolean): Style {
  if (!colour) {
    const same = (text: string) => text;
    return {bold: same, dim: same, warn: same, good: same};
  }
  return {bold: wrap(1, 22), dim: wrap(2, 22), warn: wrap(33, 39), good: wrap(32, 39)};
}
