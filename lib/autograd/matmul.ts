/**
 * Dense row-major matrix products over `Float64Array`, the three a linear layer needs:
 * C += A·B (forward), C += A·Bᵀ (gradient of the input), C += Aᵀ·B (gradient of the weight).
 *
 * Loops are ordered so the innermost one runs along contiguous rows, and rows of A are taken four
 * at a time so each loaded row of B serves four outputs. A zero in A skips its row of B: MNIST
 * inputs are about 80 % zeros, and ReLU layers are sparse too. Skipping changes nothing while B is
 * finite (0·b = ±0), so the first time a zero could be skipped the kernel checks that B is; if B
 * holds a NaN or ±∞, nothing is skipped and 0·∞ = NaN propagates, as in plain IEEE arithmetic.
 *
 * These are the readable reference. {@link ./matmul_wasm.ts} computes the same products in
 * WebAssembly SIMD, and {@link ./matmul_backend.ts} chooses between the two.
 *
 * @module
 */

/** Whether every value of `x` is finite (so that skipping a zero times it changes nothing). */
function allFinite(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] - x[i] !== 0) return false; // ∞ − ∞ and NaN are NaN
  return true;
}

/**
 * C[n×m] += A[n×k] · B[k×m].
 *
 * @example
 * ```ts
 * import { matmulAdd } from "./matmul.ts";
 * import assert from "node:assert/strict";
 * const c = new Float64Array(4);
 * matmulAdd(Float64Array.of(1, 2, 3, 4), Float64Array.of(5, 6, 7, 8), c, 2, 2, 2);
 * assert.deepEqual([...c], [19, 22, 43, 50]);
 * ```
 */
export function matmulAdd(
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  n: number,
  k: number,
  m: number,
): void {
  let finite: boolean | undefined; // whether B is finite, checked the first time it matters
  const skippable = () => (finite ??= allFinite(b));
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const a0 = i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    const c0 = i * m;
    const c1 = c0 + m;
    const c2 = c1 + m;
    const c3 = c2 + m;
    for (let t = 0; t < k; t++) {
      const x0 = a[a0 + t];
      const x1 = a[a1 + t];
      const x2 = a[a2 + t];
      const x3 = a[a3 + t];
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0 && skippable()) continue;
      const bt = t * m;
      for (let j = 0; j < m; j++) {
        const v = b[bt + j];
        c[c0 + j] += x0 * v;
        c[c1 + j] += x1 * v;
        c[c2 + j] += x2 * v;
        c[c3 + j] += x3 * v;
      }
    }
  }
  for (; i < n; i++) {
    const ai = i * k;
    const ci = i * m;
    for (let t = 0; t < k; t++) {
      const x = a[ai + t];
      if (x === 0 && skippable()) continue;
      const bt = t * m;
      for (let j = 0; j < m; j++) c[ci + j] += x * b[bt + j];
    }
  }
}

/**
 * C[n×k] += A[n×m] · B[k×m]ᵀ: each output is the dot product of a row of A and a row of B.
 *
 * @example
 * ```ts
 * import { matmulAddBt } from "./matmul.ts";
 * import assert from "node:assert/strict";
 * const c = new Float64Array(4);
 * matmulAddBt(Float64Array.of(1, 2, 3, 4), Float64Array.of(5, 6, 7, 8), c, 2, 2, 2);
 * assert.deepEqual([...c], [17, 23, 39, 53]);
 * ```
 */
export function matmulAddBt(
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  n: number,
  m: number,
  k: number,
): void {
  for (let i = 0; i < n; i++) {
    const ai = i * m;
    const ci = i * k;
    let j = 0;
    for (; j + 4 <= k; j += 4) {
      const b0 = j * m;
      const b1 = b0 + m;
      const b2 = b1 + m;
      const b3 = b2 + m;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < m; t++) {
        const x = a[ai + t];
        s0 += x * b[b0 + t];
        s1 += x * b[b1 + t];
        s2 += x * b[b2 + t];
        s3 += x * b[b3 + t];
      }
      c[ci + j] += s0;
      c[ci + j + 1] += s1;
      c[ci + j + 2] += s2;
      c[ci + j + 3] += s3;
    }
    for (; j < k; j++) {
      const bj = j * m;
      let s = 0;
      for (let t = 0; t < m; t++) s += a[ai + t] * b[bj + t];
      c[ci + j] += s;
    }
  }
}

/**
 * C[k×m] += A[n×k]ᵀ · B[n×m].
 *
 * @example
 * ```ts
 * import { matmulAddAt } from "./matmul.ts";
 * import assert from "node:assert/strict";
 * const c = new Float64Array(4);
 * matmulAddAt(Float64Array.of(1, 2, 3, 4), Float64Array.of(5, 6, 7, 8), c, 2, 2, 2);
 * assert.deepEqual([...c], [26, 30, 38, 44]);
 * ```
 */
export function matmulAddAt(
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  n: number,
  k: number,
  m: number,
): void {
  let finite: boolean | undefined;
  const skippable = () => (finite ??= allFinite(b));
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const a0 = i * k;
    const a1 = a0 + k;
    const a2 = a1 + k;
    const a3 = a2 + k;
    const b0 = i * m;
    const b1 = b0 + m;
    const b2 = b1 + m;
    const b3 = b2 + m;
    for (let t = 0; t < k; t++) {
      const x0 = a[a0 + t];
      const x1 = a[a1 + t];
      const x2 = a[a2 + t];
      const x3 = a[a3 + t];
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0 && skippable()) continue;
      const ct = t * m;
      for (let j = 0; j < m; j++) {
        c[ct + j] += x0 * b[b0 + j] + x1 * b[b1 + j] + x2 * b[b2 + j] + x3 * b[b3 + j];
      }
    }
  }
  for (; i < n; i++) {
    const ai = i * k;
    const bi = i * m;
    for (let t = 0; t < k; t++) {
      const x = a[ai + t];
      if (x === 0 && skippable()) continue;
      const ct = t * m;
      for (let j = 0; j < m; j++) c[ct + j] += x * b[bi + j];
    }
  }
}
