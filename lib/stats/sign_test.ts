/**
 * The exact sign test: is one of two paired alternatives better more often than chance allows?
 *
 * @module
 */

/** Checks that `n` is a whole count and `k` a whole count in [0, n]. */
function checkCounts(k: number, n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(k) || k < 0 || k > n) {
    throw new RangeError(`${what} needs whole counts with 0 ≤ k ≤ n; got k = ${k}, n = ${n}`);
  }
}

/**
 * P(X ≥ k) for X ~ Binomial(n, 1/2): the chance that a fair coin shows heads at least k times
 * in n tosses, summed exactly from the binomial coefficients (for n > 1000, where 2ⁿ would
 * overflow, in logarithms, to about 10⁻¹⁰ relative; a tail below 10⁻³⁰⁸ comes out as 0).
 *
 * @example
 * ```ts
 * import { binomialTail } from "./sign_test.ts";
 * import assert from "node:assert/strict";
 * assert.equal(binomialTail(3, 2), 0.5); // HHT, HTH, THH, HHH: 4 of 8
 * assert.equal(binomialTail(9, 8), 10 / 512);
 * // Far beyond 2¹⁰²³ tosses it is summed in logarithms: half of 12,005 tosses or more, p ≈ 1/2.
 * assert.ok(Math.abs(binomialTail(12_005, 6_003) - 0.5) < 0.01);
 * ```
 */
export function binomialTail(n: number, k: number): number {
  checkCounts(k, n, "binomialTail");
  if (n <= 1000) {
    // Exact: C(n, i) and 2ⁿ stay finite in float64 up to n = 1023.
    let tail = 0;
    let c = 1; // C(n, n)
    for (let i = n; i >= k; i--) {
      tail += c;
      c = (c * i) / (n - i + 1); // C(n, i − 1)
    }
    return tail / 2 ** n;
  }
  // Beyond, 2ⁿ overflows: sum ln C(n, i) − n ln 2 with the largest term factored out.
  const logs: number[] = [];
  let logC = 0; // ln C(n, n)
  for (let i = n; i >= k; i--) {
    logs.push(logC - n * Math.LN2);
    logC += Math.log(i) - Math.log(n - i + 1); // ln C(n, i − 1)
  }
  const top = Math.max(...logs);
  let sum = 0;
  for (const l of logs) sum += Math.exp(l - top);
  return Math.min(1, Math.exp(top + Math.log(sum)));
}

/**
 * The two-sided p-value of the exact sign test: `k` of `n` paired comparisons went one way (ties
 * are left out of n beforehand). Under "neither is better" each goes either way with chance 1/2,
 * and p is the chance of a split at least as uneven as k : n − k, capped at 1. With no
 * comparisons there is no evidence: p = 1.
 *
 * @example
 * ```ts
 * import { signTest } from "./sign_test.ts";
 * import assert from "node:assert/strict";
 * assert.equal(signTest(8, 9), 2 * 10 / 512); // 8 of 9 rounds cheaper: p ≈ 0.039
 * assert.equal(signTest(5, 10), 1);
 * ```
 */
export function signTest(k: number, n: number): number {
  checkCounts(k, n, "signTest");
  if (n === 0) return 1;
  return Math.min(1, 2 * binomialTail(n, Math.max(k, n - k)));
}
