/**
 * The class of an input that the rectifier kernels look their factor up by.
 *
 * @module
 */

/**
 * 1 for x > 0, 0 for x ≤ 0 (−∞ and −0 included) and 2 for NaN, computed from comparison flags
 * without a branch, so a kernel can pick `table[signClass(x)]` where a select on the sign of x
 * would be mispredicted half the time on real data.
 *
 * @example
 * ```ts
 * import { signClass } from "./sign_class.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual([3, 0, -0, -Infinity, NaN].map(signClass), [1, 0, 0, 0, 2]);
 * ```
 */
export function signClass(x: number): number {
  return +(x > 0) + 2 * +(x !== x);
}
