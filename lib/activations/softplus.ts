/**
 * Softplus, a smooth ReLU.
 *
 * @module
 */

import { defineActivation } from "./define.ts";

/**
 * Softplus: log(1 + e^(βx))/β, and x itself where βx > threshold (PyTorch's `nn.Softplus`, with
 * β = 1 and threshold = 20 by default). The derivative is σ(βx), and 1 above the threshold.
 *
 * @example
 * ```ts
 * import { softplus } from "./softplus.ts";
 * import assert from "node:assert/strict";
 * assert.equal(softplus.f(0), Math.LN2);
 * assert.equal(softplus.f(1000), 1000);
 * assert.equal(softplus.f(-1000), 0);
 * assert.equal(softplus.df(0), 0.5);
 * ```
 */
export const softplus = defineActivation<{ beta: number; threshold: number }>({
  name: "softplus",
  label: "Softplus",
  summary: "A smooth ReLU, log(1 + eˣ): always positive, left-saturating.",
  params: {
    beta: {
      default: 1,
      description: "sharpness: larger β is closer to ReLU",
      allowed: "a number > 0",
      check: (v) => v > 0,
    },
    threshold: {
      default: 20,
      description: "above βx > threshold the output is x itself",
      allowed: "any finite number",
    },
  },
  saves: "input",
  kernels: {
    forward(x, out, { beta, threshold }) {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        out[i] = v * beta > threshold ? v : Math.log1p(Math.exp(v * beta)) / beta;
      }
    },
    backward(x, _y, dy, dx, { beta, threshold }) {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        const z = Math.exp(v * beta);
        dx[i] += v * beta > threshold ? dy[i] : (dy[i] * z) / (z + 1);
      }
    },
  },
  tex: {
    f: String.raw`\operatorname{Softplus}(x) = \frac{1}{\beta}\log\left(1 + e^{\beta x}\right)`,
    df: String
      .raw`\operatorname{Softplus}'(x) = \frac{e^{\beta x}}{1 + e^{\beta x}} = \sigma(\beta x)`,
  },
  expression: "x * beta > threshold ? x : log(1 + exp(beta * x)) / beta",
  saturation: { left: true, right: false },
  zeroCentred: "no",
  range: () => ({ min: 0, max: Infinity, tex: String.raw`(0, \infty)` }),
});
