/**
 * The leaky rectifier, and the slope kernels it shares with RReLU and PReLU.
 *
 * @module
 */

import { defineActivation } from "./define.ts";
import { int32Length } from "./int32_length.ts";
import { signClass } from "./sign_class.ts";
import type { OutputRange, Params } from "./types.ts";

/** Scratch of the kernels, indexed by {@linkcode signClass}: [slope, 1] forward, [slope, 1, NaN]
 * backward, and the slope's gradient term [x·dy, 0, NaN]. */
const FORWARD_FACTOR = Float64Array.of(0, 1);
const BACKWARD_FACTOR = Float64Array.of(0, 1, NaN);
const SLOPE_TERM = Float64Array.of(0, 0, NaN);

/**
 * The one formula of the leaky family, `out[i] = x[i] > 0 ? x[i] : slope · x[i]`, with the slope
 * `slopes[i % slopes.length]`. One slope is LeakyReLU (and RReLU outside training); one per
 * feature of a row-major `[rows, features]` array is channel-wise PReLU; one per element is RReLU
 * in training. `x.length` must be a multiple of `slopes.length`; `out` may be `x`.
 *
 * It is computed without a branch on the sign of x, which real data would mispredict half the
 * time: x is multiplied by a factor looked up by a 0/1 flag, `[slope, 1][+!(x ≤ 0)]` (a NaN x
 * takes 1), so the product is x·1 or x·slope, exactly the select's float64 for every x and slope.
 */
export function leakyForward(x: Float64Array, slopes: Float64Array, out: Float64Array): void {
  const n = int32Length(x);
  const m = slopes.length;
  const factor = FORWARD_FACTOR;
  if (m === 1) {
    factor[0] = slopes[0];
    for (let i = 0; i < n; i++) {
      const v = x[i];
      out[i] = v * factor[+!(v <= 0)];
    }
    return;
  }
  for (let row = 0; row < n; row += m) {
    for (let j = 0; j < m; j++) {
      const v = x[row + j];
      factor[0] = slopes[j];
      out[row + j] = v * factor[+!(v <= 0)];
    }
  }
}

/**
 * The backward pass of {@linkcode leakyForward}: `dx[i] += dy[i] · (x[i] > 0 ? 1 : slope)` and, when
 * `dslopes` is given, `dslopes[j] += dy[i] · (x[i] > 0 ? 0 : x[i])` (∂f/∂α = x for x ≤ 0, as in
 * He et al. 2015 and PyTorch). The derivative at a NaN input is NaN.
 *
 * Branch-free on the sign of x: dy is multiplied by a factor looked up by the class of x,
 * `[slope, 1, NaN][signClass(x)]`, which gives dy·slope, dy·1 or NaN, exactly the select's
 * float64; the slope's term is looked up in `[x·dy, 0, NaN]` the same way. A single slope's
 * gradient is summed in a local, in the same order as element by element.
 */
export function leakyBackward(
  x: Float64Array,
  slopes: Float64Array,
  dy: Float64Array,
  dx: Float64Array,
  dslopes?: Float64Array,
): void {
  const n = int32Length(x);
  const m = slopes.length;
  const factor = BACKWARD_FACTOR;
  const term = SLOPE_TERM;
  if (m === 1) {
    factor[0] = slopes[0];
    if (!dslopes) {
      for (let i = 0; i < n; i++) dx[i] += dy[i] * factor[signClass(x[i])];
      return;
    }
    let sum = dslopes[0];
    for (let i = 0; i < n; i++) {
      const v = x[i];
      const g = dy[i];
      const c = signClass(v);
      dx[i] += g * factor[c];
      term[0] = v * g;
      sum += term[c];
    }
    dslopes[0] = sum;
    return;
  }
  for (let row = 0; row < n; row += m) {
    for (let j = 0; j < m; j++) {
      const v = x[row + j];
      const g = dy[row + j];
      const c = signClass(v);
      factor[0] = slopes[j];
      dx[row + j] += g * factor[c];
      if (dslopes) {
        term[0] = v * g;
        dslopes[j] += term[c];
      }
    }
  }
}

/** A kernel pair for a leaky rectifier whose single slope is computed from its parameters. */
export function slopeKernels<P extends Params>(slopeOf: (p: P) => number) {
  const slope = new Float64Array(1);
  return {
    forward(x: Float64Array, out: Float64Array, p: P) {
      slope[0] = slopeOf(p);
      leakyForward(x, slope, out);
    },
    backward(x: Float64Array, _y: Float64Array, dy: Float64Array, dx: Float64Array, p: P) {
      slope[0] = slopeOf(p);
      leakyBackward(x, slope, dy, dx);
    },
  };
}

/**
 * LeakyReLU: x for x > 0, αx otherwise (α = 0.01 by default, as in PyTorch). Its derivative is
 * α for x ≤ 0, so a unit with negative input still learns.
 *
 * @example
 * ```ts
 * import { leakyRelu } from "./leaky_relu.ts";
 * import assert from "node:assert/strict";
 * assert.equal(leakyRelu.f(-2), -0.02);
 * assert.equal(leakyRelu.f(-2, { alpha: 0.2 }), -0.4);
 * assert.equal(leakyRelu.df(0), 0.01);
 * ```
 */
export const leakyRelu = defineActivation<{ alpha: number }>({
  name: "leakyRelu",
  label: "LeakyReLU",
  summary: "ReLU with a small slope α for negatives, so no unit's gradient is stuck at 0.",
  params: {
    alpha: {
      default: 0.01,
      description: "slope for x ≤ 0",
      allowed: "any finite number",
    },
  },
  saves: "input",
  kernels: slopeKernels((p: { alpha: number }) => p.alpha),
  tex: {
    f: String
      .raw`\operatorname{LeakyReLU}(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}`,
    df: String
      .raw`\operatorname{LeakyReLU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases}`,
  },
  expression: "x > 0 ? x : alpha * x",
  saturation: { left: false, right: false },
  zeroCentred: "no",
  range: (p) => slopeRange(p.alpha),
});

/** The output range of a leaky rectifier with the given negative slope. */
export function slopeRange(slope: number): OutputRange {
  return slope > 0
    ? { min: -Infinity, max: Infinity, tex: String.raw`(-\infty, \infty)` }
    : { min: 0, max: Infinity, tex: String.raw`[0, \infty)` };
}
