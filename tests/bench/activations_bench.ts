/**
 * Benchmarks: every registry activation, forward and backward, over 2^20 float64 values, beside a
 * plain `Float64Array` copy of the same size (the memory-bound limit), in the same run, and beside
 * the same copy written as a JavaScript loop and as a JavaScript kernel function (the limit for a
 * scalar kernel).
 *
 * Inputs are N(0, 2²) from a fixed seed, so half are negative and branches are unpredictable.
 * Forward runs the array form `fArray(x, out)`; backward runs the kernel the autograd engine
 * calls, `dx += dy · f'(x)`, with the output saved by the forward pass.
 *
 * @module
 */

import { activationNames, activations, int32Length, Rng } from "../../lib/mod.ts";

const N = 2 ** 20;
const rng = new Rng(2024);
const x = rng.fillNormal(new Float64Array(N), 0, 2);
const out = new Float64Array(N);
const dy = rng.fillNormal(new Float64Array(N), 0, 1);
const dx = new Float64Array(N);

Deno.bench({
  name: "copy 2^20 float64 (forward baseline)",
  group: "activation-forward",
  baseline: true,
  fn() {
    out.set(x);
  },
});

Deno.bench({
  name: "copy 2^20 float64 in a JS loop",
  group: "activation-forward",
  fn() {
    for (let i = 0; i < x.length; i++) out[i] = x[i];
  },
});

/**
 * The same copy written the way the rectifier kernels are: a function over its arguments, with the
 * same loop bound. V8 compiles the loop above, over two module constants whose lengths it knows,
 * without bounds checks, which no kernel over its parameters gets; this row, not that one, is the
 * ceiling for a scalar kernel.
 */
function copyKernel(src: Float64Array, dst: Float64Array): void {
  for (let i = 0, n = int32Length(src); i < n; i++) dst[i] = src[i];
}

Deno.bench({
  name: "copy 2^20 float64 in a JS kernel function",
  group: "activation-forward",
  fn() {
    copyKernel(x, out);
  },
});

for (const name of activationNames) {
  const act = activations[name];
  Deno.bench({
    name: `${name} forward`,
    group: "activation-forward",
    fn() {
      act.fArray(x, out);
    },
  });
}

Deno.bench({
  name: "copy 2^20 float64 (backward baseline)",
  group: "activation-backward",
  baseline: true,
  fn() {
    dx.set(dy);
  },
});

for (const name of activationNames) {
  const act = activations[name];
  const p = act.resolve();
  const y = act.fArray(x, new Float64Array(N));
  Deno.bench({
    name: `${name} backward`,
    group: "activation-backward",
    fn() {
      act.kernels.backward(x, y, dy, dx, p);
    },
  });
}
