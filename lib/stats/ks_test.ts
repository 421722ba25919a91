/**
 * The one-sample Kolmogorov–Smirnov test against a uniform distribution: are these draws what
 * U(lo, hi) gives?
 *
 * @module
 */

/**
 * The largest gap D between the empirical distribution function of `values` and that of
 * U(lo, hi), and Kolmogorov's asymptotic p-value, P(D_n ≥ D) for n true uniform draws (good for
 * n of a hundred or more).
 *
 * @example
 * ```ts
 * import { uniformKsTest } from "./ks_test.ts";
 * import assert from "node:assert/strict";
 * const even = Array.from({ length: 1000 }, (_, i) => (i + 0.5) / 1000);
 * assert.ok(uniformKsTest(even, 0, 1).p > 0.99);
 * const low = even.map((v) => v * v); // piled up near 0
 * assert.ok(uniformKsTest(low, 0, 1).p < 1e-6);
 * assert.equal(uniformKsTest([0.5], 0, 1).statistic, 0.5);
 * ```
 */
export function uniformKsTest(
  values: ArrayLike<number>,
  lo: number,
  hi: number,
): { statistic: number; p: number } {
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi)) {
    throw new RangeError(`uniformKsTest: needs finite lo < hi, got ${lo} and ${hi}`);
  }
  const n = values.length;
  if (n === 0) throw new RangeError("uniformKsTest: needs at least one value");
  const sorted = Float64Array.from(values).sort();
  if (sorted.some((v) => !Number.isFinite(v))) {
    throw new RangeError("uniformKsTest: every value must be a finite number");
  }
  let d = 0;
  sorted.forEach((v, i) => {
    const f = Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
    d = Math.max(d, Math.abs((i + 1) / n - f), Math.abs(i / n - f));
  });
  const lambda = d * Math.sqrt(n);
  // Below λ = 0.3 the series converges slowly, and P(D_n ≥ D) differs from 1 by under 1e-8.
  if (lambda < 0.3) return { statistic: d, p: 1 };
  let p = 0;
  for (let k = 1; k <= 100; k++) p += 2 * (-1) ** (k - 1) * Math.exp(-2 * k * k * lambda * lambda);
  return { statistic: d, p: Math.min(1, Math.max(0, p)) };
}
