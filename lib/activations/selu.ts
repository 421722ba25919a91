/**
 * The scaled exponential linear unit (Klambauer et al. 2017).
 *
 * @module
 */

import { defineActivation } from "./define.ts";
import { eluKernels } from "./elu.ts";

/** SELU's fixed α and λ (PyTorch's constants, from Klambauer et al. 2017). */
export const SELU_ALPHA = 1.6732632423543772848170429916717;
/** SELU's fixed scale λ. */
export const SELU_SCALE = 1.0507009873554804934193349852946;

const coefficients = { alpha: SELU_ALPHA, scale: SELU_SCALE };

/**
 * SELU: λx for x > 0, λα(e^x − 1) for x ≤ 0, with fixed λ ≈ 1.0507 and α ≈ 1.6733 chosen so that
 * activations keep zero mean and unit variance through layers. selu'(0) = λα, as in PyTorch.
 *
 * @example
 * ```ts
 * import { SELU_ALPHA, SELU_SCALE, selu } from "./selu.ts";
 * import assert from "node:assert/strict";
 * assert.equal(selu.f(-1e308), -SELU_ALPHA * SELU_SCALE);
 * assert.equal(selu.df(0), SELU_ALPHA * SELU_SCALE);
 * ```
 */
export const selu = defineActivation({
  name: "selu",
  label: "SELU",
  summary: "ELU scaled so activations self-normalise to zero mean and unit variance.",
  params: {},
  constants: { lambda: SELU_SCALE, alpha: SELU_ALPHA },
  saves: "input",
  kernels: eluKernels(() => coefficients),
  tex: {
    f: String
      .raw`\operatorname{SELU}(x) = \lambda \begin{cases} x & x > 0 \\ \alpha\,(e^{x} - 1) & x \le 0 \end{cases},\ \lambda \approx 1.0507,\ \alpha \approx 1.6733`,
    df: String
      .raw`\operatorname{SELU}'(x) = \lambda \begin{cases} 1 & x > 0 \\ \alpha\, e^{x} & x \le 0 \end{cases}`,
  },
  expression: "x > 0 ? lambda * x : lambda * alpha * (exp(x) - 1)",
  saturation: { left: true, right: false },
  zeroCentred: "near",
  range: () => ({
    min: -SELU_ALPHA * SELU_SCALE,
    max: Infinity,
    tex: String.raw`(-\lambda\alpha, \infty) \approx (-1.7581, \infty)`,
  }),
});
