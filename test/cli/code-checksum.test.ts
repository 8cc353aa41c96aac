import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {ChecksumMemory} from '../../src/code-checksum.js';

/** The same checksum in BigInt arithmetic: each 8-byte word (the last completed with zeros) xored in, times 2^40 + 435. */
function reference(bytes: Uint8Array): string {
  const padded = new Uint8Array(Math.ceil(bytes.length / 8) * 8);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let h = 1n;
  for (let at = 0; at < padded.length; at += 8)
    h = BigInt.asUintN(64, (h ^ view.getBigUint64(at, true)) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
}

describe("the compiled-code cache's checksum", () => {
  it('is the checksum worked out in BigInt, at any length and offset', () => {
    const memory = new ChecksumMemory(340);
    fc.assert(
      fc.property(fc.uint8Array({maxLength: 300}), fc.integer({min: 0, max: 4}), (bytes, words) => {
        memory.buffer.fill(0xaa);
        memory.buffer.set(bytes, words * 8);
        expect(memory.checksum(words * 8, bytes.length)).toBe(reference(bytes));
      }),
    );
  });

  it('changes with any one byte changed, over memory the size asked for', () => {
    const size = 200_000;
    const memory = new ChecksumMemory(size);
    const buffer = memory.buffer;
    expect(buffer.length).toBeGreaterThanOrEqual(size + 8);
    for (let i = 0; i < size; i++) buffer[i] = (i * 7919) & 0xff;
    const whole = memory.checksum(0, size);
    for (const at of [0, 1, 7, 8, 99_999, size - 1]) {
      buffer[at] = (buffer[at] as number) ^ 0x10;
      expect(memory.checksum(0, size)).not.toBe(whole);
      buffer[at] = (buffer[at] as number) ^ 0x10;
    }
    expect(memory.checksum(0, size)).toBe(whole);
  });
});
