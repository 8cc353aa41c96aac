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
 *     (memory (export "m") 1)
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
const CHECKSUM_WASM = Uint8Array.of(
  0,
  97,
  115,
  109,
  1,
  0,
  0,
  0,
  1,
  7,
  1,
  96,
  2,
  127,
  127,
  1,
  126,
  3,
  2,
  1,
  0,
  5,
  3,
  1,
  0,
  1,
  7,
  9,
  2,
  1,
  104,
  0,
  0,
  1,
  109,
  2,
  0,
  10,
  61,
  1,
  59,
  2,
  1,
  126,
  1,
  127,
  66,
  1,
  33,
  2,
  32,
  0,
  32,
  1,
  106,
  33,
  3,
  2,
  64,
  3,
  64,
  32,
  0,
  32,
  3,
  79,
  13,
  1,
  32,
  2,
  32,
  0,
  41,
  3,
  0,
  133,
  66,
  179,
  131,
  128,
  128,
  128,
  32,
  126,
  33,
  2,
  32,
  0,
  65,
  8,
  106,
  33,
  0,
  12,
  0,
  11,
  11,
  32,
  2,
  11,
);

const PAGE = 65_536;

/** WebAssembly's JS interface, as far as used here (the compiler's libraries here leave it out). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => {exports: Record<string, unknown>};
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
const wasm = (globalThis as unknown as {WebAssembly: Wasm}).WebAssembly;

export class ChecksumMemory {
  private readonly memory: WasmMemory;
  private readonly hash: (at: number, length: number) => bigint;

  constructor() {
    const {exports} = new wasm.Instance(new wasm.Module(CHECKSUM_WASM));
    this.memory = exports['m'] as WasmMemory;
    this.hash = exports['h'] as (at: number, length: number) => bigint;
  }

  /**
   * A buffer over the memory, of at least `size` bytes and 8 to spare. Growing the memory
   * detaches the buffers given before: use one before asking for the next.
   */
  buffer(size: number): Buffer {
    const short = size + 8 - this.memory.buffer.byteLength;
    if (short > 0) this.memory.grow(Math.ceil(short / PAGE));
    return Buffer.from(this.memory.buffer);
  }

  /** The checksum of `length` bytes at `at` (a multiple of 8) in the last buffer, as 16 hex digits. */
  checksum(buffer: Buffer, at: number, length: number): string {
    // The last word is completed with zeros, here as when the checksum was written.
    buffer.fill(0, at + length, at + length + 8);
    return BigInt.asUintN(64, this.hash(at, Math.ceil(length / 8) * 8))
      .toString(16)
      .padStart(16, '0');
  }
}
