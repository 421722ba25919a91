/**
 * The sigmoid-weighted linear unit (Elfwing et al. 2018; "swish" with β = 1).
 *
 * @module
 */

import { defineActivation } from "./define.ts";
import { fma } from "./fma.ts";
import { rangeAboveMinimum } from "./minimum.ts";
import type { Activation, OutputRange } from "./types.ts";

let range: OutputRange | undefined;

/**
 * SiLU: x·σ(x) = x / (1 + e^(−x)); the derivative is σ(x)(1 + x(1 − σ(x))). PyTorch's formulas;
 * at ±∞ the mathematical limits are returned (PyTorch's formula gives NaN at −∞).
 *
 * @example
 * ```ts
 * import { silu } from "./silu.ts";
 * import assert from "node:assert/strict";
 * assert.equal(silu.f(0), 0);
 * assert.equal(silu.df(0), 0.5);
 * assert.equal(silu.f(-Infinity), -0); // the limit, approached from below
 * ```
 */
export const silu: Activation = defineActivation({
  name: "silu",
  label: "SiLU",
  summary: "x weighted by σ(x): smooth, non-monotonic near −1.28, left-saturating.",
  params: {},
  saves: "input",
  kernels: {
    forward(x, out) {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        out[i] = v === -Infinity ? -0 : v / (1 + Math.exp(-v));
      }
    },
    backward(x, _y, dy, dx) {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        const s = 1 / (1 + Math.exp(-v));
        dx[i] += Math.abs(v) === Infinity ? dy[i] * s : dy[i] * s * fma(v, 1 - s, 1);
      }
    },
  },
  tex: {
    f: String.raw`\operatorname{SiLU}(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}`,
    df: String.raw`\operatorname{SiLU}'(x) = \sigma(x)\,\bigl(1 + x\,(1 - \sigma(x))\bigr)`,
  },
  expression: "x / (1 + exp(-x))",
  saturation: { left: true, right: false },
  zeroCentred: "no",
  range: () => (range ??= rangeAboveMinimum((x) => silu.f(x), -3, 0)),
});
