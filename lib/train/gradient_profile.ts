/**
 * One backward pass through an MLP, measured layer by layer: how large each layer's weight
 * gradient is, and what each hidden layer does to the gradient on its way down — the factor its
 * activation applies and the factor the next layer's weights apply. The vanishing gradient of the
 * article is the product of these factors.
 *
 * @module
 */

import type { Tensor } from "../autograd/tensor.ts";
import type { LayerTrace, MLP } from "../nn/mlp.ts";

/** What {@linkcode gradientProfile} measures. */
export interface GradientProfile {
  /** The mean cross-entropy of the batch. */
  readonly loss: number;
  /** ‖∂L/∂W_l‖ (Frobenius) for every layer, input side first, the output layer last. */
  readonly weightGrad: readonly number[];
  /**
   * Per hidden layer l, the activation's factor ‖∂L/∂z_l‖ / ‖∂L/∂h_l‖ (z_l the pre-activation,
   * h_l = f(z_l)): for sigmoid, σ′(z) weighted by where the gradient is.
   */
  readonly activationFactor: readonly number[];
  /** Per hidden layer l, the next weights' factor ‖∂L/∂h_l‖ / ‖∂L/∂z_{l+1}‖. */
  readonly weightFactor: readonly number[];
  /** Per hidden layer, the pre-activations z_l of the batch, row-major (examples × units). */
  readonly pre: readonly Float64Array[];
}

const norm = (a: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
};

/**
 * Runs one forward and backward pass of the cross-entropy of `model` on `batch` (in evaluation
 * mode: RReLU uses its fixed slope) and measures the gradient layer by layer. The model's
 * parameter gradients are zeroed before and after, so it leaves no trace on later training.
 *
 * @example A 3-layer sigmoid network: each hidden layer's activation passes on at most 1/4
 * ```ts
 * import { gradientProfile } from "./gradient_profile.ts";
 * import { MLP } from "../nn/mlp.ts";
 * import { Tensor } from "../autograd/tensor.ts";
 * import { Rng } from "../random.ts";
 * import assert from "node:assert/strict";
 * const net = new MLP([5, 8, 8, 8, 3], { activation: "sigmoid", seed: 1 });
 * const x = Tensor.randn([16, 5], new Rng(2));
 * const p = gradientProfile(net, { x, y: Int32Array.from({ length: 16 }, (_, i) => i % 3) });
 * assert.equal(p.weightGrad.length, 4);
 * assert.ok(p.activationFactor.every((f) => f > 0 && f <= 0.25));
 * assert.ok(net.layers[0].linear.weight.gradBuffer().every((v) => v === 0)); // zeroed afterwards
 * ```
 */
export function gradientProfile(
  model: MLP,
  batch: { readonly x: Tensor; readonly y: ArrayLike<number> },
): GradientProfile {
  model.zeroGrad();
  const trace: LayerTrace[] = [];
  const logits = model.forward(batch.x, { trace });
  const loss = logits.crossEntropy(batch.y);
  loss.backward();
  const g = (t: Tensor) => norm(t.gradBuffer());
  const hidden = trace.length;
  const profile: GradientProfile = {
    loss: loss.item(),
    weightGrad: model.layers.map((l) => g(l.linear.weight)),
    activationFactor: trace.map((t) => g(t.pre) / g(t.post)),
    weightFactor: trace.map((t, i) => g(t.post) / g(i + 1 < hidden ? trace[i + 1].pre : logits)),
    pre: trace.map((t) => t.pre.data),
  };
  model.zeroGrad();
  return profile;
}
