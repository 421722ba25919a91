import assert from "node:assert/strict";
import wat from "../lib/autograd/wasm/matmul.wat" with { type: "text" };
import committed from "../lib/autograd/wasm/matmul.wasm" with { type: "bytes" };
import { buildMatmulWasm } from "../lib/autograd/wasm/build_matmul_wasm.ts";
import * as js from "../lib/autograd/matmul.ts";
import { type MatmulKernels, wasmMatmul } from "../lib/autograd/matmul_wasm.ts";
import { matmulKernels } from "../lib/autograd/matmul_backend.ts";
import { matmulBackend, MLP, Rng, setMatmulBackend, SGD, Tensor } from "../lib/mod.ts";

Deno.test("matmul.wasm is exactly what matmul.wat builds", async () => {
  const built = await buildMatmulWasm(wat);
  assert.equal(built.length, committed.length, "run `deno task build:wasm` and commit the result");
  assert.deepEqual(built, committed, "run `deno task build:wasm` and commit the result");
});

const EPS = 2 ** -52;
type Product = "matmulAdd" | "matmulAddBt" | "matmulAddAt";

/**
 * One product by its definition, in float64 with no zero skipped (so 0·∞ = NaN as IEEE says),
 * and the same sum over |terms|, which bounds how far two orders of summation can round apart.
 */
function reference(
  product: Product,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  [n, k, m]: number[],
): { value: Float64Array; magnitude: Float64Array } {
  // Index maps: the output is [rows×cols], summing over `inner`.
  const [rows, inner, cols] = product === "matmulAdd"
    ? [n, k, m]
    : product === "matmulAddBt"
    ? [n, k, m] // C[n×m] += A[n×k]·B[m×k]ᵀ in this function's names
    : [k, n, m]; // C[k×m] += A[n×k]ᵀ·B[n×m]
  const A = (i: number, t: number) => product === "matmulAddAt" ? a[t * k + i] : a[i * inner + t];
  const B = (t: number, j: number) =>
    product === "matmulAddBt" ? b[j * inner + t] : b[t * cols + j];
  const value = c.slice();
  const magnitude = c.map(Math.abs);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      for (let t = 0; t < inner; t++) {
        value[i * cols + j] += A(i, t) * B(t, j);
        magnitude[i * cols + j] += Math.abs(A(i, t) * B(t, j));
      }
    }
  }
  return { value, magnitude };
}

/** The sizes of A, B and C for a product of shape [n, k, m] (its arguments, in order). */
function sizes(product: Product, [n, k, m]: number[]): [number, number, number] {
  if (product === "matmulAdd") return [n * k, k * m, n * m];
  if (product === "matmulAddBt") return [n * k, m * k, n * m]; // (a, b, c, n, k, m): B is [m×k]
  return [n * k, n * m, k * m];
}

/** Runs `product` of `kernels` on copies and checks it against the reference, value by value. */
function check(
  kernels: MatmulKernels,
  product: Product,
  a: Float64Array,
  b: Float64Array,
  c: Float64Array,
  shape: number[],
  label: string,
): void {
  const [n, k, m] = shape;
  const got = c.slice();
  kernels[product](a, b, got, n, k, m);
  const { value, magnitude } = reference(product, a, b, c, shape);
  // Two summation orders (and one rounding per fused multiply-add against two) differ by at most
  // about (terms + 1)·ε·Σ|terms|; allow twice that.
  const terms = product === "matmulAddAt" ? n : k;
  for (let i = 0; i < got.length; i++) {
    const want = value[i];
    const at = `${label} ${product} [${shape}] at ${i}: got ${got[i]}, want ${want}`;
    if (!Number.isFinite(want)) {
      assert.ok(Object.is(got[i], want) || (Number.isNaN(got[i]) && Number.isNaN(want)), at);
    } else {
      assert.ok(Math.abs(got[i] - want) <= 2 * (terms + 1) * EPS * magnitude[i], at);
    }
  }
}

const backends: [string, MatmulKernels][] = [
  ["js", { ...js }],
  ...(wasmMatmul ? [["wasm-simd", wasmMatmul] as [string, MatmulKernels]] : []),
];
const products: Product[] = ["matmulAdd", "matmulAddBt", "matmulAddAt"];

Deno.test("matrix products: JavaScript and WebAssembly against their definition", async (t) => {
  const rng = new Rng(15);
  const fill = (length: number, zeros = 0) =>
    Float64Array.from({ length }, () => (rng.uniform() < zeros ? 0 : rng.normal()));
  assert.ok(wasmMatmul, "Deno has WebAssembly SIMD and relaxed SIMD");

  await t.step(
    "every shape up to 9 × 9 × 9 (remainder rows and columns), with and without zeros",
    () => {
      for (let n = 1; n <= 9; n++) {
        for (let k = 1; k <= 9; k++) {
          for (let m = 1; m <= 9; m++) {
            for (const product of products) {
              const [sa, sb, sc] = sizes(product, [n, k, m]);
              const zeros = (n + k + m) % 3 === 0 ? 0.6 : 0;
              const args = [fill(sa, zeros), fill(sb), fill(sc)] as const;
              for (const [name, kernels] of backends) {
                check(
                  kernels,
                  product,
                  ...args,
                  [n, k, m],
                  name,
                );
              }
            }
          }
        }
      }
    },
  );

  await t.step("1 × 1, empty shapes, and sums longer than one 256-value slice", () => {
    for (const shape of [[1, 1, 1], [0, 3, 2], [3, 0, 2], [2, 3, 0], [5, 300, 6], [300, 5, 7]]) {
      for (const product of products) {
        const [sa, sb, sc] = sizes(product, shape);
        const args = [fill(sa, 0.5), fill(sb), fill(sc)] as const;
        for (const [name, kernels] of backends) check(kernels, product, ...args, shape, name);
      }
    }
  });

  await t.step("an MNIST-like layer: 80 % zeros in A, whole zero rows and columns", () => {
    const [n, k, m] = [12, 40, 10];
    for (const product of products) {
      const [sa, sb, sc] = sizes(product, [n, k, m]);
      const a = fill(sa, 0.8);
      a.fill(0, 0, k); // a zero row of A (a zero column of Aᵀ)
      for (let i = 0; i < n; i++) a[i * k + 3] = 0;
      for (const [name, kernels] of backends) {
        check(kernels, product, a, fill(sb), fill(sc), [n, k, m], name);
      }
    }
  });

  await t.step("±Infinity and NaN propagate, also through zeros (0·∞ = NaN)", () => {
    const shape = [6, 7, 5];
    for (const product of products) {
      const [sa, sb, sc] = sizes(product, shape);
      for (const special of [Infinity, -Infinity, NaN]) {
        // In B, where A is zero all around it; in A, beside zeros; in C.
        const a = fill(sa, 0.7);
        const b = fill(sb);
        b[(7 * sb) >> 3] = special;
        const c = fill(sc);
        for (const [name, kernels] of backends) check(kernels, product, a, b, c, shape, name);
        const a2 = fill(sa, 0.7);
        a2[sa >> 1] = special;
        c[1] = special;
        for (const [name, kernels] of backends) {
          check(kernels, product, a2, fill(sb), c, shape, name);
        }
      }
      const a = new Float64Array(sa); // all zeros, ∞ in every row of B
      const b = fill(sb).map((v, i) => (i % 3 === 0 ? Infinity : v));
      for (const [name, kernels] of backends) check(kernels, product, a, b, fill(sc), shape, name);
    }
  });
});

Deno.test("matmul backend", async (t) => {
  await t.step("WebAssembly SIMD by default here; setMatmulBackend switches and restores", () => {
    assert.equal(matmulBackend(), "wasm-simd");
    assert.equal(matmulKernels(), wasmMatmul);
    assert.equal(setMatmulBackend("js"), "wasm-simd");
    assert.equal(matmulBackend(), "js");
    assert.equal(matmulKernels().matmulAdd, js.matmulAdd);
    assert.equal(setMatmulBackend("auto"), "js");
    assert.equal(matmulBackend(), "wasm-simd");
    assert.equal(setMatmulBackend("wasm-simd"), "wasm-simd");
  });

  await t.step("an unknown backend is a TypeError naming the allowed ones", () => {
    assert.throws(
      () => setMatmulBackend("gpu" as "js"),
      (e) =>
        e instanceof TypeError &&
        e.message === 'setMatmulBackend: backend must be "wasm-simd", "js" or "auto", got "gpu"',
    );
    assert.equal(matmulBackend(), "wasm-simd");
  });

  await t.step("training steps agree between the backends to a few ulps", () => {
    const rng = new Rng(3);
    const x = rng.fillUniform(new Float64Array(20 * 30)).map((v) => (v < 0.6 ? 0 : v));
    const y = Int32Array.from({ length: 20 }, () => rng.int(5));
    const run = (backend: "js" | "wasm-simd") => {
      const before = setMatmulBackend(backend);
      try {
        const net = new MLP([30, 17, 9, 5], { seed: 1 });
        const opt = new SGD(net.parameters(), { lr: 0.1 });
        const losses = [];
        for (let step = 0; step < 5; step++) {
          opt.zeroGrad();
          const loss = net.forward(new Tensor(x, [20, 30])).crossEntropy(y);
          loss.backward();
          opt.step();
          losses.push(loss.item());
        }
        return { losses, weights: net.parameters().flatMap((p) => [...p.tensor.data]) };
      } finally {
        setMatmulBackend(before);
      }
    };
    const a = run("js");
    const b = run("wasm-simd");
    a.losses.forEach((l, i) => assert.ok(Math.abs(l - b.losses[i]) <= 1e-13 * l, `loss ${i}`));
    a.weights.forEach((w, i) =>
      assert.ok(Math.abs(w - b.weights[i]) <= 1e-12 * (1 + Math.abs(w)), `weight ${i}`)
    );
  });
});
