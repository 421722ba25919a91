/**
 * Stochastic gradient descent with momentum and weight decay, as PyTorch's `torch.optim.SGD`.
 *
 * @module
 */

import type { Parameter } from "../nn/mlp.ts";
import { checkHyper, type Optimizer } from "./optimizer.ts";

/** Options of {@linkcode SGD}. */
export interface SGDOptions {
  /** Learning rate. */
  lr: number;
  /** Momentum (default 0). */
  momentum?: number;
  /** L2 weight decay (default 0); never applied to PReLU's α, as He et al. 2015 advise. */
  weightDecay?: number;
}

/**
 * SGD: g = ∇ + λθ (no λ for α); v = μv + g (v = g at the first step); θ −= lr·v.
 *
 * @example
 * ```ts
 * import { SGD } from "./sgd.ts";
 * import { Tensor } from "../autograd/tensor.ts";
 * import assert from "node:assert/strict";
 * const w = Tensor.from([1, 2], { requiresGrad: true });
 * const opt = new SGD([{ name: "w", tensor: w, kind: "weight", layer: 0 }], { lr: 0.5 });
 * w.mul(w).sum().backward(); // ∇ = 2w
 * opt.step();
 * assert.deepEqual(w.toArray(), [0, 0]);
 * ```
 */
export class SGD implements Optimizer {
  lr: number;
  readonly momentum: number;
  readonly weightDecay: number;
  #velocity: (Float64Array | null)[];

  constructor(readonly parameters: readonly Parameter[], options: SGDOptions) {
    const { lr, momentum = 0, weightDecay = 0 } = options;
    checkHyper("SGD", "lr", lr, lr > 0, "a positive number");
    checkHyper("SGD", "momentum", momentum, momentum >= 0 && momentum < 1, "in [0, 1)");
    checkHyper("SGD", "weightDecay", weightDecay, weightDecay >= 0, "≥ 0");
    this.lr = lr;
    this.momentum = momentum;
    this.weightDecay = weightDecay;
    this.#velocity = parameters.map(() => null);
  }

  step(): void {
    this.parameters.forEach((p, k) => {
      const g = p.tensor.grad?.data;
      if (!g) return;
      const w = p.tensor.data;
      const decay = p.kind === "alpha" ? 0 : this.weightDecay;
      if (this.momentum === 0) {
        for (let i = 0; i < w.length; i++) w[i] -= this.lr * (g[i] + decay * w[i]);
        return;
      }
      let v = this.#velocity[k];
      if (!v) {
        v = this.#velocity[k] = new Float64Array(w.length);
        for (let i = 0; i < w.length; i++) v[i] = g[i] + decay * w[i];
      } else {
        for (let i = 0; i < w.length; i++) v[i] = this.momentum * v[i] + g[i] + decay * w[i];
      }
      for (let i = 0; i < w.length; i++) w[i] -= this.lr * v[i];
    });
  }

  zeroGrad(): void {
    for (const p of this.parameters) p.tensor.zeroGrad();
  }
}
