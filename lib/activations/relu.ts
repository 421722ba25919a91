/**
 * The rectified linear unit.
 *
 * @module
 */

import { defineActivation } from "./define.ts";
import { int32Length } from "./int32_length.ts";
import { signClass } from "./sign_class.ts";

/** Beyond this magnitude v + |v| could overflow, so the kernel takes Math.max instead. */
const HUGE = 2 ** 1023;
/** Scratch of the backward kernel: [+0, dy, NaN], indexed by the class of x. */
const BACKWARD_PICK = Float64Array.of(0, 0, NaN);

/**
 * ReLU: max(x, 0). Its derivative is 1 for x > 0 and 0 for x ≤ 0 (PyTorch's relu'(0) = 0).
 *
 * relu(−∞) is 0 and relu(NaN) is NaN; the derivative at NaN is NaN.
 *
 * @example
 * ```ts
 * import { relu } from "./relu.ts";
 * import assert from "node:assert/strict";
 * assert.equal(relu.f(-3), 0);
 * assert.equal(relu.f(2), 2);
 * assert.equal(relu.df(0), 0);
 * ```
 */
export const relu = defineActivation({
  name: "relu",
  label: "ReLU",
  summary: "Passes positives, zeroes negatives; gradient exactly 0 or 1, saturates on the left.",
  params: {},
  saves: "input",
  kernels: {
    forward(x, out) {
      // (v + |v|)/2 is max(v, 0) exactly, without a branch on the sign of v (which would be
      // mispredicted half the time); NaN and |v| ≥ 2¹⁰²³ (where v + |v| overflows, and −∞) take
      // Math.max, which keeps NaN and maps −∞ to 0.
      for (let i = 0, n = int32Length(x); i < n; i++) {
        const v = x[i];
        const a = Math.abs(v);
        out[i] = a < HUGE ? (v + a) * 0.5 : Math.max(v, 0);
      }
    },
    backward(x, _y, dy, dx) {
      // dy for x > 0, +0 for x ≤ 0 and NaN for NaN, without a branch on the sign of x: the value
      // is looked up in [+0, dy, NaN] by signClass(x). A product such as
      // dy·(x > 0) would give −0 or NaN where dy is negative or infinite and x ≤ 0.
      const pick = BACKWARD_PICK;
      for (let i = 0, n = int32Length(x); i < n; i++) {
        pick[1] = dy[i];
        dx[i] += pick[signClass(x[i])];
      }
    },
  },
  tex: {
    f: String.raw`\operatorname{ReLU}(x) = \max(x, 0)`,
    df: String.raw`\operatorname{ReLU}'(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}`,
  },
  expression: "x > 0 ? x : 0",
  saturation: { left: true, right: false },
  zeroCentred: "no",
  range: () => ({ min: 0, max: Infinity, tex: String.raw`[0, \infty)` }),
});
