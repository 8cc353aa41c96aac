/**
 * Keys already imported from earlier files (a resumed Claude Code session repeats its parent's lines).
 * Kept as 53-bit hashes, not strings: a tree of a million requests holds 8 MB here, not 100.
 */
export class SeenKeys {
  private readonly keys = new Set<number>();

  has(key: string): boolean {
    return this.keys.has(hash53(key));
  }

  add(key: string): void {
    this.keys.add(hash53(key));
  }
}

/** cyrb53: a fast 53-bit string hash; a collision among a million keys has odds near 1 in 10^4 billion. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
