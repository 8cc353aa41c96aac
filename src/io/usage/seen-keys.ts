/**
 * Keys already imported from earlier files (a resumed Claude Code session repeats its parent's lines).
 * Kept as 64-bit hashes, not strings: a tree of a million requests holds 16 MB here, not 100. The
 * hashes sit in an open-addressed table of two 32-bit words each (high word, never 0, then low word;
 * 0 marks a free slot): a Set of numbers this large boxes each one and spent a tenth of an import.
 * A new key taken for a seen one would drop a request: among a million keys the odds of any such
 * pair are about 1 in 37 million (n²/2⁶⁵); with 53 bits they were 1 in 18,000.
 */
export class SeenKeys {
  private table = new Uint32Array(2 << 12);
  private count = 0;

  has(key: string): boolean {
    hash64(key);
    return this.find(high, low) >= 0;
  }

  add(key: string): void {
    hash64(key);
    const at = this.find(high, low);
    if (at >= 0) return;
    const free = ~at;
    this.table[free] = high;
    this.table[free + 1] = low;
    if (++this.count * 4 > this.table.length) this.grow();
  }

  /** The slot holding the hash, or ~ the free slot where it would go. */
  private find(hi: number, lo: number): number {
    const table = this.table;
    const mask = table.length - 2;
    for (let at = (lo * 2) & mask; ; at = (at + 2) & mask) {
      const h = table[at] as number;
      if (h === 0) return ~at;
      if (h === hi && table[at + 1] === lo) return at;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 2) {
      const hi = old[at] as number;
      if (hi === 0) continue;
      const free = ~this.find(hi, old[at + 1] as number);
      this.table[free] = hi;
      this.table[free + 1] = old[at + 1] as number;
    }
  }
}

/** The last hash64: its high word (0 read as 1, so that 0 can mark a free slot) and its low word. */
let high = 0;
let low = 0;

/** cyrb53's mixing, all 64 bits of it kept (cyrb53 keeps 53 to fit a JavaScript number). */
function hash64(text: string): void {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  high = h2 >>> 0 || 1;
  low = h1 >>> 0;
}
