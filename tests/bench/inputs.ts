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
