/**
 * Expectations under the standard normal distribution, by numerical integration: what a unit's
 * output averages to when its pre-activations are N(0, 1).
 *
 * @module
 */

/** Options of {@linkcode normalExpectation}. */
export interface NormalExpectationOptions {
  /** Integrate over [−halfWidth, halfWidth] (default 12: the tails beyond weigh < 10⁻³²). */
  halfWidth?: number;
  /** Simpson intervals, an even integer ≥ 2 (default 24,000: a step of 0.001). */
  intervals?: number;
}

/**
 * E[g(Z)] for Z ~ N(0, 1), by the composite Simpson rule on [−halfWidth, halfWidth]. `g` takes
 * all the grid points at once (an activation's `fArray`, say) and returns g at each, so one call
 * evaluates the whole grid. A g that grows at most polynomially loses nothing measurable in the
 * tails cut off; a kink (ReLU at 0) costs accuracy of order step², about 10⁻⁷ by default.
 *
 * Throws a `RangeError` for a bad option, a `TypeError` when `g` returns the wrong number of
 * values, and a `RangeError` when one of them is not finite.
 *
 * @example ReLU's mean output for standard normal inputs is 1/√(2π)
 * ```ts
 * import { normalExpectation } from "./normal_expectation.ts";
 * import assert from "node:assert/strict";
 * const relu = (z: Float64Array) => z.map((v) => Math.max(v, 0));
 * assert.ok(Math.abs(normalExpectation(relu) - 1 / Math.sqrt(2 * Math.PI)) < 1e-9);
 * assert.ok(Math.abs(normalExpectation((z) => z.map((v) => v * v)) - 1) < 1e-12);
 * ```
 */
export function normalExpectation(
  g: (z: Float64Array) => ArrayLike<number>,
  options: NormalExpectationOptions = {},
): number {
  const where = "normalExpectation";
  if (typeof g !== "function") {
    throw new TypeError(`${where}: g must be a function of a Float64Array, got ${typeof g}`);
  }
  const { halfWidth = 12, intervals = 24_000 } = options;
  if (!(Number.isFinite(halfWidth) && halfWidth > 0)) {
    throw new RangeError(`${where}: halfWidth must be a finite number > 0, got ${halfWidth}`);
  }
  if (!Number.isInteger(intervals) || intervals < 2 || intervals % 2 !== 0) {
    throw new RangeError(`${where}: intervals must be an even integer ≥ 2, got ${intervals}`);
  }
  const h = (2 * halfWidth) / intervals;
  const z = Float64Array.from({ length: intervals + 1 }, (_, i) => -halfWidth + i * h);
  const values = g(z.slice());
  if (values?.length !== z.length) {
    throw new TypeError(
      `${where}: g must return one value per point (${z.length}), got ${values?.length}`,
    );
  }
  let s = 0;
  for (let i = 0; i <= intervals; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      throw new RangeError(`${where}: g(${z[i]}) is ${v}; every value must be finite`);
    }
    const w = i === 0 || i === intervals ? 1 : i % 2 ? 4 : 2;
    s += w * v * Math.exp(-z[i] * z[i] / 2);
  }
  return (s * h) / 3 / Math.sqrt(2 * Math.PI);
}
