/**
 * The loop bound of the hot kernels.
 *
 * @module
 */

/**
 * `x.length` as a 32-bit integer, for a kernel's loop bound. V8 compiles `for (i = 0; i < n; i++)`
 * over an `n` it knows is a 32-bit integer without an overflow check on `i`, which makes the
 * rectifier kernels about a sixth faster (measured in `tests/bench/activations_bench.ts`). Longer
 * arrays are refused rather than silently cut short.
 *
 * @example
 * ```ts
 * import { int32Length } from "./int32_length.ts";
 * import assert from "node:assert/strict";
 * assert.equal(int32Length(new Float64Array(5)), 5);
 * ```
 */
export function int32Length(x: { readonly length: number }): number {
  const n = x.length | 0;
  if (n !== x.length) {
    throw new RangeError(`a kernel takes at most 2^31 − 1 elements; got ${x.length}`);
  }
  return n;
}
