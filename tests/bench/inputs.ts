/**
 * What the activation benchmarks share: 2^20 float64 inputs N(0, 2²) and upstream gradients
 * N(0, 1) from a fixed seed (half the inputs negative, so a branch on the sign would be
 * mispredicted half the time), and the scalar copy kernel they are measured against.
 *
 * @module
 */

import { int32Length, Rng } from "../../lib/mod.ts";

/** Elements per array. */
export const N = 2 ** 20;

const rng = new Rng(2024);
/** The inputs x. */
export const x: Float64Array = rng.fillNormal(new Float64Array(N), 0, 2);
/** The upstream gradients dy. */
export const dy: Float64Array = rng.fillNormal(new Float64Array(N), 0, 1);

/**
 * A copy written the way the rectifier kernels are: a function over its arguments, with the same
 * loop bound. A loop written directly over two module constants, whose lengths V8 knows, compiles
 * without bounds checks, which no kernel over its parameters gets; this function, not such a loop,
 * is the ceiling for a scalar kernel.
 */
export function copyKernel(src: Float64Array, dst: Float64Array): void {
  for (let i = 0, n = int32Length(src); i < n; i++) dst[i] = src[i];
}

/**
 * Arrays the memory-bound benchmarks rotate through: `MEMORY_PAIRS` pairs of (a copy of x, an
 * output), 2 × 8 MiB each, 128 MiB in all. Each call takes the next pair, so the pair it works on
 * was last touched seven calls (112 MiB) ago and has left the last-level cache (32 MiB on the CI
 * machine): every read comes from memory, every write goes back to it. Without this rotation the
 * 16 MiB of one pair stay in that cache and a copy measures the cache's bandwidth, not memory's.
 */
export const MEMORY_PAIRS = 8;
const pairs = Array.from({ length: MEMORY_PAIRS }, () => ({
  x: x.slice(),
  out: new Float64Array(N),
}));
let nextPair = 0;

/** The next pair of arrays in the memory-bound rotation (see {@linkcode MEMORY_PAIRS}). */
export function pairFromMemory(): { x: Float64Array; out: Float64Array } {
  nextPair = (nextPair + 1) % MEMORY_PAIRS;
  return pairs[nextPair];
}
