/**
 * Memory for reading the compiled-code cache, and a checksum of what is in it, computed by a
 * 100-byte WebAssembly function. V8 verifies a cache's checksum only under a flag, which a script
 * sets through node:v8; loading that module loads Node's whole stream stack, 2.8 ms and 110 page
 * faults of every start. The checksum here takes 0.15 ms over half a megabyte, and the memory it
 * reads is the buffer the files are read into, so nothing is copied.
 *
 * The function, as text (FNV-style: each 8-byte word xored in, then multiplied by 2^40 + 435; a
 * change confined to one word always changes the result, since each step is one-to-one):
 *
 *   (module
 *     (import "e" "m" (memory 1))
 *     (func (export "h") (param $at i32) (param $length i32) (result i64)
 *       (local $h i64) (local $end i32)
 *       (local.set $h (i64.const 1))
 *       (local.set $end (i32.add (local.get $at) (local.get $length)))
 *       (block (loop
 *         (br_if 1 (i32.ge_u (local.get $at) (local.get $end)))
 *         (local.set $h (i64.mul (i64.xor (local.get $h) (i64.load (local.get $at)))
 *                                (i64.const 0x100000001b3)))
 *         (local.set $at (i32.add (local.get $at) (i32.const 8)))
 *         (br 0)))
 *       (local.get $h)))
 */
// prettier-ignore
const CHECKSUM_WASM = Uint8Array.of(
  0, 97, 115, 109, 1, 0, 0, 0, 1, 7, 1, 96, 2, 127, 127, 1, 126, 2, 8, 1, 1, 101, 1, 109, 2,
  0, 1, 3, 2, 1, 0, 7, 5, 1, 1, 104, 0, 0, 10, 61, 1, 59, 2, 1, 126, 1, 127, 66, 1, 33,
  2, 32, 0, 32, 1, 106, 33, 3, 2, 64, 3, 64, 32, 0, 32, 3, 79, 13, 1, 32, 2, 32, 0, 41, 3,
  0, 133, 66, 179, 131, 128, 128, 128, 32, 126, 33, 2, 32, 0, 65, 8, 106, 33, 0, 12, 0, 11, 11, 32, 2,
  11,
);

const PAGE = 65_536;

/** WebAssembly's JS interface, as far as used here (the compiler's libraries here leave it out). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => {exports: Record<string, unknown>};
  Memory: new (limits: {initial: number}) => {readonly buffer: ArrayBuffer};
}
const wasm = (globalThis as unknown as {WebAssembly: Wasm}).WebAssembly;

/**
 * Memory of at least `size` bytes and 8 to spare, and the checksum function over it. The memory is
 * made its full size at once and never grown: growing detaches the buffer before it, and the first
 * detached buffer of a process makes V8 check every typed array access after it for one (10,000
 * simulated months took 5% longer).
 */
export class ChecksumMemory {
  readonly buffer: Buffer;
  private readonly hash: (at: number, length: number) => bigint;

  constructor(size: number) {
    const memory = new wasm.Memory({initial: Math.ceil((size + 8) / PAGE)});
    const {exports} = new wasm.Instance(new wasm.Module(CHECKSUM_WASM), {e: {m: memory}});
    this.buffer = Buffer.from(memory.buffer);
    this.hash = exports['h'] as (at: number, length: number) => bigint;
  }

  /** The checksum of `length` bytes at `at` (a multiple of 8) in the buffer, as 16 hex digits. */
  checksum(at: number, length: number): string {
    // The last word is completed with zeros, here as when the checksum was written.
    this.buffer.fill(0, at + length, at + length + 8);
    return BigInt.asUintN(64, this.hash(at, Math.ceil(length / 8) * 8))
      .toString(16)
      .padStart(16, '0');
  }
}
