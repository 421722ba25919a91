/**
 * The randomized leaky rectifier (Xu et al. 2015).
 *
 * @module
 */

import { defineActivation } from "./define.ts";
import { slopeKernels, slopeRange } from "./leaky_relu.ts";

/** The slope RReLU uses outside training: the mean of U(lower, upper). */
export function rreluEvalSlope(p: { lower: number; upper: number }): number {
  return (p.lower + p.upper) / 2;
}

/**
 * RReLU: in training, each negative input gets its own slope drawn from U(lower, upper); outside
 * training the slope is fixed at (lower + upper)/2. The registry's `f` and `df` are the
 * evaluation form (PyTorch's defaults lower = 1/8, upper = 1/3, so slope 11/48); the random
 * training form is `Tensor.rrelu({ training: true, rng })`.
 *
 * @example
 * ```ts
 * import { rrelu } from "./rrelu.ts";
 * import assert from "node:assert/strict";
 * assert.equal(rrelu.f(-48), -11);
 * assert.throws(() => rrelu.f(1, { lower: 0.5, upper: 0.2 }), RangeError);
 * ```
 */
export const rrelu = defineActivation<{ lower: number; upper: number }>({
  name: "rrelu",
  label: "RReLU",
  summary: "Leaky ReLU whose negative slope is random in training and (lower+upper)/2 in use.",
  params: {
    lower: {
      default: 1 / 8,
      description: "lower bound of the random slope",
      allowed: "a number in [0, 1]",
      check: (v) => v >= 0 && v <= 1,
    },
    upper: {
      default: 1 / 3,
      description: "upper bound of the random slope",
      allowed: "a number in [0, 1]",
      check: (v) => v >= 0 && v <= 1,
    },
  },
  validate(p) {
    if (!(p.lower <= p.upper)) {
      throw new RangeError(
        `rrelu: parameters must satisfy 0 ≤ lower ≤ upper ≤ 1, got lower = ${p.lower} > upper = ${p.upper}`,
      );
    }
  },
  saves: "input",
  kernels: slopeKernels(rreluEvalSlope),
  tex: {
    f: String
      .raw`\operatorname{RReLU}(x) = \begin{cases} x & x > 0 \\ a x & x \le 0 \end{cases},\quad a \sim U(l, u) \text{ in training},\ a = \tfrac{l + u}{2} \text{ in use}`,
    df: String.raw`\operatorname{RReLU}'(x) = \begin{cases} 1 & x > 0 \\ a & x \le 0 \end{cases}`,
  },
  expression: "x > 0 ? x : (lower + upper) / 2 * x",
  saturation: { left: false, right: false },
  zeroCentred: "no",
  range: (p) => slopeRange(rreluEvalSlope(p)),
});
