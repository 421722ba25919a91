/**
 * The exponential linear unit (Clevert et al. 2015), and the kernel it shares with SELU.
 *
 * @module
 */

import { defineActivation } from "./define.ts";

/** The coefficients of PyTorch's ELU kernel: f(x) = x·scale for x > 0, (e^x − 1)·α·scale for x ≤ 0. */
export interface EluCoefficients {
  /** The negative-side amplitude α. */
  readonly alpha: number;
  /** The overall scale (1 for ELU, λ for SELU). */
  readonly scale: number;
}

/**
 * The ELU family's kernels, in PyTorch's float64 order of operations (`exp(x) − 1`, as PyTorch
 * 1.13's CPU kernel computes it, not `expm1`).
 */
export function eluKernels<P>(coefficients: (p: P) => EluCoefficients) {
  return {
    forward(x: Float64Array, out: Float64Array, p: P) {
      const { alpha, scale } = coefficients(p);
      const negcoef = alpha * scale;
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        out[i] = v <= 0 ? (Math.exp(v) - 1) * negcoef : v * scale;
      }
    },
    backward(x: Float64Array, _y: Float64Array, dy: Float64Array, dx: Float64Array, p: P) {
      const { alpha, scale } = coefficients(p);
      const negcoef = alpha * scale;
      for (let i = 0; i < x.length; i++) {
        const v = x[i];
        dx[i] += v <= 0 ? dy[i] * negcoef * Math.exp(v) : v > 0 ? dy[i] * scale : v;
      }
    },
  };
}

/**
 * ELU: x for x > 0, α(e^x − 1) for x ≤ 0 (α = 1 by default). The gradient is 1 for x > 0 and
 * αe^x for x ≤ 0 (elu'(0) = α, as in PyTorch); the output tends to −α as x → −∞.
 *
 * @example
 * ```ts
 * import { elu } from "./elu.ts";
 * import assert from "node:assert/strict";
 * assert.equal(elu.f(-1000), -1);
 * assert.equal(elu.f(-1000, { alpha: 0.5 }), -0.5);
 * assert.equal(elu.df(0), 1);
 * ```
 */
export const elu = defineActivation<{ alpha: number }>({
  name: "elu",
  label: "ELU",
  summary:
    "Identity for positives, α(eˣ − 1) for negatives: near-zero mean, saturates on the left.",
  params: {
    alpha: {
      default: 1,
      description: "the negative saturation value is −α",
      allowed: "any finite number",
    },
  },
  saves: "input",
  kernels: eluKernels((p: { alpha: number }) => ({ alpha: p.alpha, scale: 1 })),
  tex: {
    f: String
      .raw`\operatorname{ELU}(x) = \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases}`,
    df: String
      .raw`\operatorname{ELU}'(x) = \begin{cases} 1 & x > 0 \\ \alpha\, e^{x} & x \le 0 \end{cases}`,
  },
  expression: "x > 0 ? x : alpha * (exp(x) - 1)",
  saturation: { left: true, right: false },
  zeroCentred: "near",
  range: (p) =>
    p.alpha >= 0
      ? { min: -p.alpha, max: Infinity, tex: String.raw`(-${p.alpha}, \infty)` }
      : { min: 0, max: Infinity, tex: String.raw`[0, \infty)` },
});
