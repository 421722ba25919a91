/**
 * The hyperbolic tangent.
 *
 * @module
 */

import { defineActivation } from "./define.ts";
import { fma } from "./fma.ts";

/**
 * Tanh: tanh(x) = (e^x − e^(−x)) / (e^x + e^(−x)), tanh'(x) = 1 − tanh²(x) ≤ 1.
 *
 * A rescaled sigmoid, tanh(x) = 2σ(2x) − 1: odd, so zero-centred, but it saturates on both sides.
 *
 * @example
 * ```ts
 * import { tanh } from "./tanh.ts";
 * import assert from "node:assert/strict";
 * assert.equal(tanh.f(0), 0);
 * assert.equal(tanh.df(0), 1);
 * assert.equal(tanh.f(-Infinity), -1);
 * ```
 */
export const tanh = defineActivation({
  name: "tanh",
  label: "Tanh",
  summary: "Squashes to (−1, 1); zero-centred, but saturates on both sides.",
  params: {},
  saves: "output",
  kernels: {
    forward(x, out) {
      for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]);
    },
    backward(_x, y, dy, dx) {
      // 1 − y² with one rounding, as PyTorch's FMA-compiled kernel does.
      for (let i = 0; i < y.length; i++) dx[i] += dy[i] * fma(-y[i], y[i], 1);
    },
  },
  tex: {
    f: String.raw`\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}`,
    df: String.raw`\tanh'(x) = 1 - \tanh^2(x)`,
  },
  expression: "tanh(x)",
  saturation: { left: true, right: true },
  zeroCentred: "yes",
  range: () => ({ min: -1, max: 1, tex: "(-1, 1)" }),
});
