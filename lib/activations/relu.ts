/**
 * The rectified linear unit.
 *
 * @module
 */

import { defineActivation } from "./define.ts";
import { int32Length } from "./int32_length.ts";

/** Beyond this magnitude v + |v| could overflow, so the kernel takes Math.max instead. */
const HUGE = 2 ** 1023;

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
      // dy for x > 0 and +0 for x ≤ 0 (NaN for NaN), without a branch on the sign of x:
      // k = +(x > 0) is a 0/1 flag; g·k + (k − 1)·(−0) is g, or +0 where g·0 alone could be −0.
      // e is NaN only for a non-finite x or a NaN product (g non-finite), which take the select.
      for (let i = 0, n = int32Length(x); i < n; i++) {
        const v = x[i];
        const g = dy[i];
        const k = +(v > 0);
        const t = g * k + (k - 1) * -0;
        const e = t + (v - v);
        dx[i] += e === e ? t : v > 0 ? g : v <= 0 ? 0 : v;
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
