/**
 * Where one SGD step of the 784-128-128-10 ReLU MLP (batch 64) spends its time: each matrix
 * product by shape, the rest of the forward pass (bias additions, ReLU), the cross-entropy, the
 * rest of the backward pass (the graph walk and the elementwise gradients), the optimizer's update
 * and the zeroing of the gradients, for each matmul backend and batch (`our_mlp.ts`).
 *
 * Every part is timed inside the same steps, which run in alternating rounds of the four
 * (backend, batch) pairs; each part keeps its best and its median over the steps. The matrix
 * products are timed by wrapping the active kernels for the duration of the run.
 *
 * Usage: `deno run tests/bench/step_profile.ts [--steps N]` (no permission needed).
 *
 * @module
 */

import { type MatmulBackend, MLP, setMatmulBackend, SGD, type Tensor } from "../../lib/mod.ts";
import { matmulKernels } from "../../lib/autograd/matmul_backend.ts";
import type { MatmulKernels } from "../../lib/autograd/matmul_wasm.ts";
import { median } from "../../lib/stats/mod.ts";
import { type Batch, mlpBatches } from "./our_mlp.ts";

/** Milliseconds per part of one step, for one (backend, batch) pair. */
type Parts = Map<string, number[]>;

/** A step whose parts add their times to `parts`. */
function profiledStep({ x, y }: Batch, parts: Parts) {
  const net = new MLP([784, 128, 128, 10], { activation: "relu", init: "he", seed: 1 });
  const opt = new SGD(net.parameters(), { lr: 0.01 });
  let current = new Map<string, number>();
  const add = (part: string, ms: number) => current.set(part, (current.get(part) ?? 0) + ms);
  const time = <T>(part: string, fn: () => T): T => {
    const t = performance.now();
    const result = fn();
    add(part, performance.now() - t);
    return result;
  };
  /** The kernels, each call timed under its product and shape. */
  const wrap = (kernels: MatmulKernels): MatmulKernels => ({
    matmulAdd: (a, b, c, n, k, m) =>
      time(`A·B ${n}×${k}·${k}×${m}`, () => kernels.matmulAdd(a, b, c, n, k, m)),
    matmulAddBt: (a, b, c, n, m, k) =>
      time(`A·Bᵀ ${n}×${m}·(${k}×${m})ᵀ`, () => kernels.matmulAddBt(a, b, c, n, m, k)),
    matmulAddAt: (a, b, c, n, k, m) =>
      time(`Aᵀ·B (${n}×${k})ᵀ·${n}×${m}`, () => kernels.matmulAddAt(a, b, c, n, k, m)),
  });
  return () => {
    current = new Map();
    const active = matmulKernels() as { -readonly [K in keyof MatmulKernels]: MatmulKernels[K] };
    const saved = { ...active };
    Object.assign(active, wrap(saved));
    try {
      const total = performance.now();
      time("zero the gradients", () => opt.zeroGrad());
      const before = sumMatmuls(current);
      const logits: Tensor = time("forward", () => net.forward(x));
      const forwardMatmuls = sumMatmuls(current) - before;
      const loss = time("cross-entropy", () => logits.crossEntropy(y));
      const beforeBackward = sumMatmuls(current);
      time("backward", () => loss.backward());
      const backwardMatmuls = sumMatmuls(current) - beforeBackward;
      time("SGD update", () => opt.step());
      add("whole step", performance.now() - total);
      // The forward and backward passes less their matrix products.
      current.set("forward: bias additions, ReLU", current.get("forward")! - forwardMatmuls);
      current.set(
        "backward: graph walk, ReLU, bias gradients",
        current.get("backward")! - backwardMatmuls,
      );
      current.delete("forward");
      current.delete("backward");
      let accounted = 0;
      for (const [part, ms] of current) if (part !== "whole step") accounted += ms;
      current.set("between the parts", current.get("whole step")! - accounted);
      for (const [part, ms] of current) {
        if (!parts.has(part)) parts.set(part, []);
        parts.get(part)!.push(ms);
      }
    } finally {
      Object.assign(active, saved);
    }
  };
}

const isMatmul = (part: string) => part.startsWith("A·") || part.startsWith("Aᵀ");
function sumMatmuls(parts: Map<string, number>): number {
  let s = 0;
  for (const [part, ms] of parts) if (isMatmul(part)) s += ms;
  return s;
}

if (import.meta.main) {
  const i = Deno.args.indexOf("--steps");
  const steps = i < 0 ? 200 : Number(Deno.args[i + 1]);
  if (!(Number.isInteger(steps) && steps >= 1)) {
    throw new RangeError(
      `step_profile: --steps must be a positive integer, got ${Deno.args[i + 1]}`,
    );
  }
  const batches = await mlpBatches();
  const pairs: {
    backend: MatmulBackend;
    input: "mnist" | "dense";
    parts: Parts;
    run: () => void;
  }[] = [];
  for (const backend of ["wasm-simd", "js"] as const) {
    for (const input of ["dense", "mnist"] as const) {
      const parts: Parts = new Map();
      pairs.push({ backend, input, parts, run: profiledStep(batches[input], parts) });
    }
  }
  for (let s = 0; s < steps + 20; s++) {
    for (const pair of pairs) {
      const before = setMatmulBackend(pair.backend);
      try {
        pair.run();
      } finally {
        setMatmulBackend(before);
      }
      if (s < 20) pair.parts.clear(); // warm-up steps
    }
  }
  for (const { backend, input, parts } of pairs) {
    console.log(
      `\n${backend}, ${input} batch: ms, best (median) of ${steps} steps; share of the sum of medians`,
    );
    let sum = 0;
    for (const [part, ms] of parts) if (part !== "whole step") sum += median(ms);
    for (const [part, ms] of parts) {
      const m = median(ms);
      const share = part === "whole step" ? "" : `${(100 * m / sum).toFixed(0).padStart(3)} %`;
      console.log(`  ${part.padEnd(44)} ${Math.min(...ms).toFixed(3)} (${m.toFixed(3)})  ${share}`);
    }
  }
}
