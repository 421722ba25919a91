/**
 * A golden-section search, so that metadata such as GELU's minimum is computed, not typed in.
 *
 * @module
 */

import type { OutputRange } from "./types.ts";

/**
 * The point in [lo, hi] where a unimodal `f` is smallest, to float64 resolution.
 *
 * @example
 * ```ts
 * import { argminOf } from "./minimum.ts";
 * import assert from "node:assert/strict";
 * assert.ok(Math.abs(argminOf((x) => (x - 1) ** 2, -5, 5) - 1) < 1e-7);
 * ```
 */
export function argminOf(f: (x: number) => number, lo: number, hi: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 200 && b - a > 1e-15 * (1 + Math.abs(a) + Math.abs(b)); i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/**
 * The range [min f, ∞) of a function with one minimum in [lo, hi] that grows without bound: the
 * minimum found numerically, for metadata such as GELU's and SiLU's range.
 *
 * @example
 * ```ts
 * import { rangeAboveMinimum } from "./minimum.ts";
 * import assert from "node:assert/strict";
 * const r = rangeAboveMinimum((x) => x * x - 1, -2, 2);
 * assert.ok(Math.abs(r.min + 1) < 1e-12);
 * assert.equal(r.tex, String.raw`[-1.0000, \infty)`);
 * ```
 */
export function rangeAboveMinimum(f: (x: number) => number, lo: number, hi: number): OutputRange {
  const min = f(argminOf(f, lo, hi));
  return { min, max: Infinity, tex: String.raw`[${min.toFixed(4)}, \infty)` };
}
