/**
 * How model names are compared. "Claude Sonnet 4.5", "claude_sonnet-4.5" and "claude-sonnet-4-5"
 * are one name; vendor prefixes and dated snapshot suffixes are tried off when the full name misses.
 */
export function normalizeModelName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_.]+/g, '-');
}

/** Candidate keys for a query, most specific first. */
export function lookupKeys(query: string): string[] {
  const full = normalizeModelName(query);
  const keys = [full];
  const bare = full.includes('/') ? full.slice(full.lastIndexOf('/') + 1) : full;
  if (bare !== full) keys.push(bare);
  for (const key of [...keys]) {
    const undated = key.replace(/-(\d{8}|\d{4}-\d{2}-\d{2})$/, '').replace(/-latest$/, '');
    if (undated !== key) keys.push(undated);
  }
  // Cursor names Claude version-first with a mode suffix ("claude-4.5-sonnet-thinking"): the
  // vendor's order is tried last, after every name as written has missed.
  for (const key of [...keys]) {
    const swapped = /^claude-(\d+(?:-\d)?)-(opus|sonnet|haiku)(?:-thinking)?$/.exec(key);
    if (swapped) keys.push(`claude-${swapped[2]}-${swapped[1]}`);
  }
  return [...new Set(keys)];
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The `limit` names closest to `query`, closest first; names containing the query rank first. */
export function nearestNames(query: string, names: Iterable<string>, limit = 3): string[] {
  // A garbled file can hold a megabyte "model name"; the distance is quadratic, and nothing that
  // long is near a real model anyway.
  const q = normalizeModelName(query.slice(0, 120));
  const scored = [...new Set(names)].map((name) => {
    const n = normalizeModelName(name);
    const contains = n.includes(q) || q.includes(n) ? 0 : 1;
    return {name, contains, distance: editDistance(q, n)};
  });
  scored.sort((a, b) => a.contains - b.contains || a.distance - b.distance || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((s) => s.name);
}

/** The one name near enough to `query` to suggest ("did you mean"), or undefined: a typo, not a guess. */
export function closestName(query: string, names: Iterable<string>): string | undefined {
  const [best] = nearestNames(query, names, 1);
  if (best === undefined) return undefined;
  const a = normalizeModelName(query);
  const b = normalizeModelName(best);
  return editDistance(a, b) <= Math.max(2, Math.floor(b.length / 3)) || (a.length >= 3 && b.startsWith(a))
    ? best
    : undefined;
}
