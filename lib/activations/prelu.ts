/**
 * The parametric rectifier (He et al. 2015), whose negative slope α is learned.
 *
 * @module
 */

import { defineActivation } from "./define.ts";
import { leakyBackward, slopeKernels, slopeRange } from "./leaky_relu.ts";

const slope = new Float64Array(1);
const point = new Float64Array(1);
const unit = Float64Array.of(1);
const dx = new Float64Array(1);
const dalpha = new Float64Array(1);

/**
 * PReLU: x for x > 0, αx otherwise, with α learned (initialised to 0.25, as in He et al. 2015 and
 * PyTorch). ∂f/∂x = α and ∂f/∂α = x for x ≤ 0; ∂f/∂x = 1 and ∂f/∂α = 0 for x > 0.
 *
 * @example
 * ```ts
 * import { prelu } from "./prelu.ts";
 * import assert from "node:assert/strict";
 * assert.equal(prelu.f(-2), -0.5);
 * assert.deepEqual(prelu.dparams(-2), { alpha: -2 });
 * assert.deepEqual(prelu.dparams(3), { alpha: 0 });
 * ```
 */
export const prelu = defineActivation<{ alpha: number }>({
  name: "prelu",
  label: "PReLU",
  summary: "Leaky ReLU whose negative slope α is a learned parameter (shared or per feature).",
  params: {
    alpha: {
      default: 0.25,
      description: "learned slope for x ≤ 0 (initial value)",
      allowed: "any finite number",
    },
  },
  learnable: ["alpha"],
  saves: "input",
  kernels: slopeKernels((p: { alpha: number }) => p.alpha),
  dparams(x, p) {
    slope[0] = p.alpha;
    point[0] = x;
    dx[0] = 0;
    dalpha[0] = 0;
    leakyBackward(point, slope, unit, dx, dalpha);
    return { alpha: dalpha[0] };
  },
  tex: {
    f: String
      .raw`\operatorname{PReLU}(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}`,
    df: String
      .raw`\frac{\partial f}{\partial x} = \begin{cases} 1 & x > 0 \\ \alpha & x \le 0 \end{cases},\qquad \frac{\partial f}{\partial \alpha} = \begin{cases} 0 & x > 0 \\ x & x \le 0 \end{cases}`,
  },
  expression: "x > 0 ? x : alpha * x",
  saturation: { left: false, right: false },
  zeroCentred: "no",
  range: (p) => slopeRange(p.alpha),
});
