/**
 * The logistic sigmoid σ(x) = 1 / (1 + e^(−x)).
 *
 * @module
 */

import { defineActivation } from "./define.ts";

/**
 * Sigmoid: σ(x) = 1 / (1 + e^(−x)), σ'(x) = σ(x)(1 − σ(x)) ≤ 1/4.
 *
 * The formulas are PyTorch's CPU kernels in float64, in the same order of operations, so values and
 * gradients agree with `torch.sigmoid` to the last bit or so; σ(±1000) is 1 and 0, never NaN.
 *
 * @example
 * ```ts
 * import { sigmoid } from "./sigmoid.ts";
 * import assert from "node:assert/strict";
 * assert.equal(sigmoid.f(0), 0.5);
 * assert.equal(sigmoid.df(0), 0.25);
 * assert.equal(sigmoid.f(-1000), 0);
 * ```
 */
export const sigmoid = defineActivation({
  name: "sigmoid",
  label: "Sigmoid",
  summary: "Squashes to (0, 1); its derivative is at most 1/4 and vanishes on both sides.",
  params: {},
  saves: "output",
  kernels: {
    forward(x, out) {
      for (let i = 0; i < x.length; i++) out[i] = 1 / (1 + Math.exp(-x[i]));
    },
    backward(_x, y, dy, dx) {
      for (let i = 0; i < y.length; i++) dx[i] += dy[i] * (1 - y[i]) * y[i];
    },
  },
  tex: {
    f: String.raw`\sigma(x) = \frac{1}{1 + e^{-x}}`,
    df: String.raw`\sigma'(x) = \sigma(x)\,\bigl(1 - \sigma(x)\bigr)`,
  },
  expression: "1 / (1 + exp(-x))",
  saturation: { left: true, right: true },
  zeroCentred: "no",
  range: () => ({ min: 0, max: 1, tex: "(0, 1)" }),
});
