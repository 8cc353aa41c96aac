/** The fields of a parsed line a reader looks at: `true` keeps a value whole, an object keeps those of its fields. */
export interface Fields {
  readonly [key: string]: true | Fields;
}

/**
 * A parsed line cut down to `fields`, so a worker hands the main thread a few hundred bytes per line
 * instead of the prompt text around them. A reader that reads only those fields sees the same values:
 * a kept object has exactly the listed keys it had; an array where an object was expected stays an
 * array (emptied), a string or number stays itself.
 */
export function pickFields(value: unknown, fields: Fields): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return [];
  const from = value as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    if (!Object.hasOwn(from, key)) continue;
    const want = fields[key] as true | Fields;
    kept[key] = want === true ? from[key] : pickFields(from[key], want);
  }
  return kept;
}
