/**
 * Tolerance helpers on top of Node's built-in `node:assert/strict` (the assertion library of the
 * test suite: it ships with Deno, needs no download, and has the familiar Node API).
 *
 * @module
 */

import assert from "node:assert/strict";

/** Decodes a fixture number: JSON has no NaN, infinities or −0, so the fixtures spell them. */
export function decode(v: number | string): number {
  if (typeof v === "number") return v;
  switch (v) {
    case "NaN":
      return NaN;
    case "Infinity":
      return Infinity;
    case "-Infinity":
      return -Infinity;
    case "-0":
      return -0;
  }
  throw new TypeError(`not a fixture number: ${v}`);
}

/** |a − b| / max(|a|, |b|); 0 for identical values (NaN counts as identical to NaN). */
export function relativeError(a: number, b: number): number {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

/** The smallest positive normal float64; below it a float64 has fewer than 53 bits. */
export const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * How PyTorch and we may differ: within `rtol` relative, or one side rounded to exactly zero and
 * the other no bigger than 2⁻⁵² (the last bit of a difference of two numbers near 1, such as
 * 1 − tanh²(19), or a subnormal that one exp() flushes and the other keeps).
 */
export function closeToReference(a: number, b: number, rtol = 1e-9): "equal" | "floor" | false {
  if (relativeError(a, b) <= rtol) return "equal";
  if (Math.min(Math.abs(a), Math.abs(b)) === 0 && Math.max(Math.abs(a), Math.abs(b)) <= 2 ** -52) {
    return "floor";
  }
  return false;
}

/** Asserts |actual − expected| ≤ atol + rtol·|expected|, with a message naming the point. */
export function assertClose(
  actual: number,
  expected: number,
  { rtol = 1e-12, atol = 0, at = "" }: { rtol?: number; atol?: number; at?: string } = {},
): void {
  if (actual === expected || (Number.isNaN(actual) && Number.isNaN(expected))) return;
  const err = Math.abs(actual - expected);
  if (!(err <= atol + rtol * Math.abs(expected))) {
    assert.fail(
      `${at ? at + ": " : ""}expected ${expected}, got ${actual} (|diff| ${
        err.toExponential(2)
      }, ` +
        `allowed ${(atol + rtol * Math.abs(expected)).toExponential(2)})`,
    );
  }
}

/** Asserts that two arrays agree elementwise within the given tolerances. */
export function assertAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  options: { rtol?: number; atol?: number; at?: string } = {},
): void {
  assert.equal(actual.length, expected.length, `${options.at ?? ""}: lengths differ`);
  for (let i = 0; i < actual.length; i++) {
    assertClose(actual[i], expected[i], { ...options, at: `${options.at ?? ""}[${i}]` });
  }
}

/** Asserts two numbers are the same float64, telling −0 from 0 and accepting NaN = NaN. */
export function assertSame(actual: number, expected: number, at = ""): void {
  assert.ok(
    Object.is(actual, expected),
    `${at ? at + ": " : ""}expected ${Object.is(expected, -0) ? "-0" : expected}, got ${
      Object.is(actual, -0) ? "-0" : actual
    }`,
  );
}
