/**
 * The matrix products of {@link ./matmul.ts} in WebAssembly with 128-bit SIMD: the same three
 * functions with the same arguments and results, up to rounding. The kernels are written in
 * WebAssembly text, `wasm/matmul.wat`, which says how they work; `deno task build:wasm` builds it
 * into `wasm/matmul.wasm` with the pinned `wabt`, and a test checks that the committed binary is
 * exactly what the text builds.
 *
 * The binary is imported as bytes, so loading it needs no permission and no network. Each call
 * copies A, B and C into the module's memory (one memory, grown as needed and reused), runs the
 * product there and copies C back; for the layers of a small MLP the copies cost about a tenth of
 * the product. Where WebAssembly SIMD or relaxed SIMD is missing, {@linkcode wasmMatmul} is
 * `null`; operands too large for a 32-bit WebAssembly memory go to the JavaScript kernels.
 *
 * @example
 * ```ts
 * import { wasmMatmul } from "./matmul_wasm.ts";
 * import assert from "node:assert/strict";
 * if (wasmMatmul) {
 *   const c = new Float64Array(4);
 *   wasmMatmul.matmulAdd(Float64Array.of(1, 2, 3, 4), Float64Array.of(5, 6, 7, 8), c, 2, 2, 2);
 *   assert.deepEqual([...c], [19, 22, 43, 50]);
 * }
 * ```
 *
 * @module
 */

import bytes from "./wasm/matmul.wasm" with { type: "bytes" };
import * as js from "./matmul.ts";

/** The three products of a linear layer, as {@link ./matmul.ts} defines them. */
export interface MatmulKernels {
  /** C[n×m] += A[n×k] · B[k×m]. */
  matmulAdd(
    a: Float64Array,
    b: Float64Array,
    c: Float64Array,
    n: number,
    k: number,
    m: number,
  ): void;
  /** C[n×k] += A[n×m] · B[k×m]ᵀ. */
  matmulAddBt(
    a: Float64Array,
    b: Float64Array,
    c: Float64Array,
    n: number,
    m: number,
    k: number,
  ): void;
  /** C[k×m] += A[n×k]ᵀ · B[n×m]. */
  matmulAddAt(
    a: Float64Array,
    b: Float64Array,
    c: Float64Array,
    n: number,
    k: number,
    m: number,
  ): void;
}

/** What `wasm/matmul.wat` exports. Pointers are byte offsets into `memory`. */
interface Exports {
  memory: WebAssembly.Memory;
  matmulAdd(a: number, b: number, c: number, n: number, k: number, m: number, work: number): void;
  matmulAddBt(a: number, b: number, c: number, n: number, m: number, k: number, work: number): void;
  matmulAddAt(a: number, b: number, c: number, n: number, k: number, m: number, work: number): void;
}

/** The module's exports, or null where this runtime cannot compile it (no SIMD, no relaxed SIMD). */
function instantiate(): Exports | null {
  if (typeof WebAssembly !== "object" || !WebAssembly.validate(bytes)) return null;
  return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Exports;
}

/** The largest memory the kernels address: 2 GiB, so that no byte offset overflows an i32. */
const MAX_BYTES = 2 ** 31;
const PAGE = 65536;
/** Bytes of `values` float64s, rounded up to 16 so that each region starts v128-aligned. */
const regionBytes = (values: number) => Math.ceil(values / 2) * 16;
/** The scratch a product needs: a list of 256 entries of 40 bytes, then a spare row of C's columns. */
const workBytes = (columns: number) => 10240 + regionBytes(columns);

/** The kernels over one instance of the module. */
function kernelsOf(wasm: Exports): MatmulKernels {
  let heap = new Float64Array(wasm.memory.buffer);

  /**
   * Lays A, B, C and `extra` bytes of scratch out from offset 0, copies A, B and C in, runs
   * `product(pa, pb, pc, work)` and copies C out. Returns false, having done nothing, if they do
   * not fit in a WebAssembly memory.
   */
  const run = (
    a: Float64Array,
    b: Float64Array,
    c: Float64Array,
    extra: number,
    product: (pa: number, pb: number, pc: number, work: number) => void,
  ): boolean => {
    const pb = regionBytes(a.length);
    const pc = pb + regionBytes(b.length);
    const work = pc + regionBytes(c.length);
    const size = work + extra;
    if (size > MAX_BYTES) return false;
    const have = wasm.memory.buffer.byteLength;
    if (size > have) {
      try {
        wasm.memory.grow(Math.ceil((size - have) / PAGE));
      } catch {
        return false; // the runtime could not reserve the memory
      }
    }
    if (heap.buffer !== wasm.memory.buffer) heap = new Float64Array(wasm.memory.buffer);
    heap.set(a, 0);
    heap.set(b, pb / 8);
    heap.set(c, pc / 8);
    product(0, pb, pc, work);
    c.set(heap.subarray(pc / 8, pc / 8 + c.length));
    return true;
  };

  return {
    matmulAdd(a, b, c, n, k, m) {
      const done = run(a, b, c, workBytes(m), (pa, pb, pc, work) => {
        wasm.matmulAdd(pa, pb, pc, n, k, m, work);
      });
      if (!done) js.matmulAdd(a, b, c, n, k, m);
    },
    matmulAddBt(a, b, c, n, m, k) {
      // The module first transposes B into the scratch, after the spare row.
      const done = run(a, b, c, workBytes(k) + regionBytes(k * m) + 16, (pa, pb, pc, work) => {
        wasm.matmulAddBt(pa, pb, pc, n, m, k, work);
      });
      if (!done) js.matmulAddBt(a, b, c, n, m, k);
    },
    matmulAddAt(a, b, c, n, k, m) {
      const done = run(a, b, c, workBytes(m), (pa, pb, pc, work) => {
        wasm.matmulAddAt(pa, pb, pc, n, k, m, work);
      });
      if (!done) js.matmulAddAt(a, b, c, n, k, m);
    },
  };
}

const exports = instantiate();

/** The WebAssembly SIMD kernels, or `null` where this runtime lacks WebAssembly SIMD. */
export const wasmMatmul: MatmulKernels | null = exports ? kernelsOf(exports) : null;
