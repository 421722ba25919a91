/**
 * Adam (Kingma & Ba 2015), as PyTorch's `torch.optim.Adam`.
 *
 * @module
 */

import type { Parameter } from "../nn/mlp.ts";
import { checkHyper, type Optimizer } from "./optimizer.ts";

/** Options of {@linkcode Adam}. */
export interface AdamOptions {
  /** Learning rate (default 0.001). */
  lr?: number;
  /** Decay rates of the first and second moment estimates (default [0.9, 0.999]). */
  betas?: readonly [number, number];
  /** Added to the denominator (default 1e-8). */
  eps?: number;
  /** L2 weight decay added to the gradient (default 0); never applied to PReLU's α. */
  weightDecay?: number;
}

/**
 * Adam: m = β₁m + (1−β₁)g, v = β₂v + (1−β₂)g², θ −= lr·m̂/(√v̂ + ε) with bias-corrected m̂, v̂.
 *
 * @example
 * ```ts
 * import { Adam } from "./adam.ts";
 * import { Tensor } from "../autograd/tensor.ts";
 * import assert from "node:assert/strict";
 * const w = Tensor.from([3], { requiresGrad: true });
 * const opt = new Adam([{ name: "w", tensor: w, kind: "weight", layer: 0 }], { lr: 0.1 });
 * w.mul(w).sum().backward();
 * opt.step();
 * assert.ok(Math.abs(w.item() - 2.9) < 1e-9); // the first step moves by lr
 * ```
 */
export class Adam implements Optimizer {
  lr: number;
  readonly betas: readonly [number, number];
  readonly eps: number;
  readonly weightDecay: number;
  #m: Float64Array[];
  #v: Float64Array[];
  #t = 0;

  constructor(readonly parameters: readonly Parameter[], options: AdamOptions = {}) {
    const { lr = 1e-3, betas = [0.9, 0.999], eps = 1e-8, weightDecay = 0 } = options;
    checkHyper("Adam", "lr", lr, lr > 0, "a positive number");
    betas.forEach((b, i) => checkHyper("Adam", `betas[${i}]`, b, b >= 0 && b < 1, "in [0, 1)"));
    checkHyper("Adam", "eps", eps, eps > 0, "a positive number");
    checkHyper("Adam", "weightDecay", weightDecay, weightDecay >= 0, "≥ 0");
    this.lr = lr;
    this.betas = betas;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.#m = parameters.map((p) => new Float64Array(p.tensor.size));
    this.#v = parameters.map((p) => new Float64Array(p.tensor.size));
  }

  step(): void {
    this.#t++;
    const [b1, b2] = this.betas;
    // In PyTorch's order of operations: step = lr/(1−β₁ᵗ), denom = √v/√(1−β₂ᵗ) + ε.
    const stepSize = this.lr / (1 - b1 ** this.#t);
    const c2sqrt = Math.sqrt(1 - b2 ** this.#t);
    this.parameters.forEach((p, k) => {
      const g = p.tensor.grad?.data;
      if (!g) return;
      const w = p.tensor.data;
      const m = this.#m[k];
      const v = this.#v[k];
      const decay = p.kind === "alpha" ? 0 : this.weightDecay;
      for (let i = 0; i < w.length; i++) {
        const gi = g[i] + decay * w[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * (gi * gi);
        w[i] += -stepSize * (m[i] / (Math.sqrt(v[i]) / c2sqrt + this.eps));
      }
    });
  }

  zeroGrad(): void {
    for (const p of this.parameters) p.tensor.zeroGrad();
  }
}
