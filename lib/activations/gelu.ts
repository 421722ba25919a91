/**
 * The Gaussian error linear unit (Hendrycks & Gimpel 2016), exact (erf-based) form.
 *
 * @module
 */

import { defineActivation } from "./define.ts";
import { erf } from "./erf.ts";
import { fma } from "./fma.ts";
import { rangeAboveMinimum } from "./minimum.ts";
import type { Activation, OutputRange } from "./types.ts";

// PyTorch's constants: kAlpha = M_SQRT1_2, kBeta = M_2_SQRTPI * M_SQRT1_2 * 0.5 = 1/√(2π).
const K_ALPHA = Math.SQRT1_2;
const K_BETA = 1.1283791670955126 * Math.SQRT1_2 * 0.5;

let range: OutputRange | undefined;

/**
 * GELU: x·Φ(x) = x/2 · (1 + erf(x/√2)), with Φ the standard normal CDF; the derivative is
 * Φ(x) + x·φ(x). The formulas are PyTorch's (exact, not the tanh approximation). At ±∞ the
 * mathematical limits are returned (PyTorch's formula gives NaN at −∞).
 *
 * @example
 * ```ts
 * import { gelu } from "./gelu.ts";
 * import assert from "node:assert/strict";
 * assert.equal(gelu.f(0), 0);
 * assert.equal(gelu.f(40), 40);
 * assert.equal(gelu.df(0), 0.5);
 * assert.equal(gelu.f(-Infinity), -0); // the limit, approached from below
 * ```
 */
export const gelu: Activation = defineActivation({
  name: "gelu",
  label: "GELU",
  summary: "x weighted by the normal CDF Φ(x): smooth, non-monotonic near −0.75, left-saturating.",
  params: {},
  saves: "input",
  kernels: {
    forward(x, out) {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        out[i] = v === -Infinity ? -0 : v * 0.5 * (1 + erf(v * K_ALPHA));
      }
    },
    backward(x, _y, dy, dx) {
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        const cdf = 0.5 * (1 + erf(v * K_ALPHA));
        const pdf = K_BETA * Math.exp(v * v * -0.5);
        dx[i] += Math.abs(v) === Infinity ? dy[i] * cdf : dy[i] * fma(v, pdf, cdf);
      }
    },
  },
  tex: {
    f: String
      .raw`\operatorname{GELU}(x) = x\,\Phi(x) = \frac{x}{2}\left(1 + \operatorname{erf}\frac{x}{\sqrt{2}}\right)`,
    df: String
      .raw`\operatorname{GELU}'(x) = \Phi(x) + x\,\varphi(x),\quad \varphi(x) = \frac{e^{-x^2/2}}{\sqrt{2\pi}}`,
  },
  expression: "x / 2 * (1 + erf(x / sqrt(2)))",
  saturation: { left: true, right: false },
  zeroCentred: "no",
  range: () => (range ??= rangeAboveMinimum((x) => gelu.f(x), -3, 0)),
});
