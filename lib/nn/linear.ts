/**
 * A fully connected layer, y = x·W + b.
 *
 * @module
 */

import type { ActivationName, Params } from "../activations/types.ts";
import { Tensor } from "../autograd/tensor.ts";
import { Rng, type Seed } from "../random.ts";
import { type InitScheme, type InitSpec, initWeights } from "./init.ts";

/** Options of a {@linkcode Linear} layer. */
export interface LinearOptions {
  /** How to draw the weights (default `"auto"`: matched to `activation`). */
  init?: InitScheme | InitSpec;
  /** The activation that follows, for `"auto"` and the gain. */
  activation?: ActivationName | null;
  /** Its parameters (LeakyReLU's α changes the He gain). */
  params?: Partial<Params>;
  /** A seed or generator for the weights. */
  seed?: Seed;
  /** The initial value of every bias (default 0). */
  bias?: number;
}

/**
 * A linear layer with weight `[in, out]` (so `x·W` for row-major `x` of shape `[n, in]`) and
 * bias `[out]`.
 *
 * @example
 * ```ts
 * import { Linear } from "./linear.ts";
 * import { Tensor } from "../autograd/tensor.ts";
 * import assert from "node:assert/strict";
 * const layer = new Linear(3, 2, { seed: 1 });
 * assert.deepEqual(layer.forward(Tensor.zeros([4, 3])).shape, [4, 2]);
 * ```
 */
export class Linear {
  /** The weight matrix, `[in, out]`. */
  readonly weight: Tensor;
  /** The bias, `[out]`. */
  readonly bias: Tensor;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    options: LinearOptions = {},
  ) {
    for (const [k, v] of [["inFeatures", inFeatures], ["outFeatures", outFeatures]] as const) {
      if (!Number.isInteger(v) || v <= 0) {
        throw new RangeError(`Linear: ${k} must be a positive integer, got ${v}`);
      }
    }
    const rng = Rng.from(options.seed ?? 0);
    const w = initWeights(
      inFeatures,
      outFeatures,
      options.init ?? "auto",
      rng,
      options.activation ?? null,
      options.params,
    );
    this.weight = new Tensor(w, [inFeatures, outFeatures], { requiresGrad: true, label: "W" });
    this.bias = new Tensor(new Float64Array(outFeatures).fill(options.bias ?? 0), [outFeatures], {
      requiresGrad: true,
      label: "b",
    });
  }

  /** x·W + b for `x` of shape `[n, in]`. */
  forward(x: Tensor): Tensor {
    return x.matmul(this.weight).add(this.bias);
  }
}
