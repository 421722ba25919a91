/**
 * Benchmarks: every registry activation, forward and backward, over 2^20 float64 values, beside a
 * plain `Float64Array` copy of the same size (the memory-bound limit), in the same run, and beside
 * the same copy written as a JavaScript loop and as a JavaScript kernel function (the limit for a
 * scalar kernel).
 *
 * Inputs are N(0, 2²) from a fixed seed, so half are negative and branches are unpredictable
 * (`inputs.ts`).
 *
 * The copy and the forward kernels are timed twice: on one pair of arrays, which stays in the
 * last-level cache between calls (16 MiB of a 32 MiB cache), and rotating through pairs that have
 * left it, so that the copy is bound by memory bandwidth ("from memory", group
 * `activation-forward-memory`). The rectifiers are timed both ways; the other activations, whose
 * cost is arithmetic, only on the cached pair.
 * Forward runs the array form `fArray(x, out)`; backward runs the kernel the autograd engine
 * calls, `dx += dy · f'(x)`, with the output saved by the forward pass.
 *
 * @module
 */

import { activationNames, activations } from "../../lib/mod.ts";
import { copyKernel, dy, N, pairFromMemory, x } from "./inputs.ts";

/** Calls before timing, so every kernel (several share one function) is measured fully optimised. */
const WARMUP = 100;
const out = new Float64Array(N);
const dx = new Float64Array(N);

Deno.bench({
  warmup: WARMUP,
  name: "copy 2^20 float64 (forward baseline)",
  group: "activation-forward",
  baseline: true,
  fn() {
    out.set(x);
  },
});

Deno.bench({
  warmup: WARMUP,
  name: "copy 2^20 float64 in a JS loop",
  group: "activation-forward",
  fn() {
    for (let i = 0; i < x.length; i++) out[i] = x[i];
  },
});

/** The ceiling for a scalar kernel (see `copyKernel`). */
Deno.bench({
  warmup: WARMUP,
  name: "copy 2^20 float64 in a JS kernel function",
  group: "activation-forward",
  fn() {
    copyKernel(x, out);
  },
});

for (const name of activationNames) {
  const act = activations[name];
  Deno.bench({
    warmup: WARMUP,
    name: `${name} forward`,
    group: "activation-forward",
    fn() {
      act.fArray(x, out);
    },
  });
}

Deno.bench({
  warmup: WARMUP,
  name: "copy 2^20 float64 from memory (forward baseline)",
  group: "activation-forward-memory",
  baseline: true,
  fn() {
    const { x, out } = pairFromMemory();
    out.set(x);
  },
});

Deno.bench({
  warmup: WARMUP,
  name: "copy 2^20 float64 from memory in a JS kernel function",
  group: "activation-forward-memory",
  fn() {
    const { x, out } = pairFromMemory();
    copyKernel(x, out);
  },
});

/** The rectifier family, whose forward kernels are as cheap as a copy's loop. */
const RECTIFIERS = ["relu", "leakyRelu", "rrelu", "prelu"] as const;
for (const name of RECTIFIERS) {
  const act = activations[name];
  Deno.bench({
    warmup: WARMUP,
    name: `${name} forward from memory`,
    group: "activation-forward-memory",
    fn() {
      const { x, out } = pairFromMemory();
      act.fArray(x, out);
    },
  });
}

Deno.bench({
  warmup: WARMUP,
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
    warmup: WARMUP,
    name: `${name} backward`,
    group: "activation-backward",
    fn() {
      act.kernels.backward(x, y, dy, dx, p);
    },
  });
}
