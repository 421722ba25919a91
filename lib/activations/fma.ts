/**
 * A fused multiply-add, which JavaScript lacks. PyTorch's CPU kernels are compiled with FMA
 * contraction, so `1 - y * y` in its tanh backward is one rounding of 1 − y², not two; matching
 * PyTorch where such a sum cancels (tanh' for |x| ≳ 8, SiLU' near its root) needs the same.
 *
 * @module
 */

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter for float64

/**
 * a·b + c with the product kept exact (Dekker's two-product and Knuth's two-sum): the result
 * is the correctly rounded a·b + c except in rare double-rounding ties.
 *
 * @example
 * ```ts
 * import { fma } from "./fma.ts";
 * import assert from "node:assert/strict";
 * const y = 0.9999999958776927; // tanh(10)
 * assert.equal(fma(-y, y, 1), 8.244614529632978e-9); // 1 − y², rounded once
 * assert.equal(1 - y * y, 8.244614546626394e-9); // rounded twice: off by 2e-9 relative
 * ```
 */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  // Outside these bounds the splitting overflows, and the product needs no correction anyway.
  if (!(Math.abs(a) < 1e300 && Math.abs(b) < 1e300 && Math.abs(c) < Infinity)) return p + c;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const e = ((ah * bh - p) + ah * bl + al * bh) + al * bl; // a·b = p + e exactly
  const s = p + c;
  const z = s - p;
  const err = (p - (s - z)) + (c - z); // p + c = s + err exactly
  return s + (err + e);
}
