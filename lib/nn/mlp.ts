/**
 * A multilayer perceptron with a per-layer choice of activation, including PReLU layers that own
 * their learnable slope α (shared or one per unit).
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import type { ActivationName, Params } from "../activations/types.ts";
import { Tensor } from "../autograd/tensor.ts";
import { Rng, type Seed } from "../random.ts";
import type { InitScheme, InitSpec } from "./init.ts";
import { Linear } from "./linear.ts";

/** Options of an {@linkcode MLP}. */
export interface MLPOptions {
  /** The hidden activation: one name for every hidden layer, or one per hidden layer. */
  activation?: ActivationName | readonly ActivationName[];
  /** The activation's parameters: one object for all hidden layers, or one per hidden layer. */
  params?: Partial<Params> | readonly (Partial<Params> | undefined)[];
  /** Weight initialisation (default `"auto"`: matched to each layer's activation). */
  init?: InitScheme | InitSpec;
  /** PReLU's α: one per layer (`"shared"`, PyTorch's default) or one per unit (`"channel"`). */
  prelu?: "shared" | "channel";
  /** The initial value of every bias (default 0). */
  bias?: number;
  /** Seed for the weights. */
  seed?: Seed;
}

/** A learnable tensor with its role, for optimizers (no weight decay on α) and reports. */
export interface Parameter {
  readonly name: string;
  readonly tensor: Tensor;
  readonly kind: "weight" | "bias" | "alpha";
  /** The index of the layer it belongs to. */
  readonly layer: number;
}

/** One layer: a linear map followed by an activation (none for the output layer). */
export interface Layer {
  readonly linear: Linear;
  readonly activation: ActivationName | null;
  readonly params: Params;
  /** PReLU's learnable slope, shape `[1]` or `[units]`. */
  readonly alpha: Tensor | null;
}

/** What {@linkcode MLP.forward} records per hidden layer when asked to trace. */
export interface LayerTrace {
  /** The pre-activation z = x·W + b. */
  readonly pre: Tensor;
  /** The activation's output. */
  readonly post: Tensor;
}

/** Options of {@linkcode MLP.forward}. */
export interface ForwardOptions {
  /** Training mode: RReLU draws random slopes (needs `rng`). */
  training?: boolean;
  /** The generator for RReLU's slopes in training. */
  rng?: Rng;
  /** If given, receives each hidden layer's pre-activation and output. */
  trace?: LayerTrace[];
}

const perLayer = <T>(value: T | readonly T[] | undefined, i: number, n: number, what: string) => {
  if (!Array.isArray(value)) return value as T | undefined;
  if (value.length !== n) {
    throw new RangeError(`MLP: ${what} has ${value.length} entries for ${n} hidden layers`);
  }
  return value[i] as T | undefined;
};

/**
 * An MLP: `sizes = [inputs, hidden…, outputs]`, an activation after every hidden layer and none
 * after the last (its outputs are logits).
 *
 * @example
 * ```ts
 * import { MLP } from "./mlp.ts";
 * import { Tensor } from "../autograd/tensor.ts";
 * import assert from "node:assert/strict";
 * const net = new MLP([4, 8, 8, 3], { activation: ["relu", "prelu"], prelu: "channel", seed: 1 });
 * const logits = net.forward(Tensor.zeros([5, 4]));
 * assert.deepEqual(logits.shape, [5, 3]);
 * assert.deepEqual(net.parameters().map((p) => p.name), [
 *   "layer1.weight", "layer1.bias", "layer2.weight", "layer2.bias", "layer2.alpha",
 *   "layer3.weight", "layer3.bias",
 * ]);
 * ```
 */
export class MLP {
  /** The layers, input to output. */
  readonly layers: readonly Layer[];

  constructor(readonly sizes: readonly number[], options: MLPOptions = {}) {
    if (!Array.isArray(sizes) || sizes.length < 2) {
      throw new RangeError(`MLP: sizes must list at least inputs and outputs, got ${sizes}`);
    }
    const hidden = sizes.length - 2;
    const rng = Rng.from(options.seed ?? 0);
    const layers: Layer[] = [];
    for (let i = 0; i < sizes.length - 1; i++) {
      const isHidden = i < hidden;
      const activation = isHidden
        ? perLayer(options.activation, i, hidden, "activation") ?? "relu"
        : null;
      const act = activation === null ? null : getActivation(activation);
      const given = isHidden ? perLayer(options.params, i, hidden, "params") : undefined;
      const params = act ? act.resolve(given) : {};
      const linear = new Linear(sizes[i], sizes[i + 1], {
        init: options.init,
        activation,
        params,
        seed: rng,
        bias: options.bias,
      });
      let alpha: Tensor | null = null;
      if (activation === "prelu") {
        const n = options.prelu === "channel" ? sizes[i + 1] : 1;
        alpha = new Tensor(new Float64Array(n).fill(params.alpha), [n], {
          requiresGrad: true,
          label: "α",
        });
      }
      layers.push({ linear, activation, params, alpha });
    }
    this.layers = layers;
  }

  /** The logits for a batch `x` of shape `[n, inputs]`. */
  forward(x: Tensor, options: ForwardOptions = {}): Tensor {
    const { training = false, rng, trace } = options;
    let h = x;
    for (const layer of this.layers) {
      const z = layer.linear.forward(h);
      if (layer.activation === null) {
        h = z;
        continue;
      }
      if (layer.alpha) h = z.prelu(layer.alpha);
      else if (layer.activation === "rrelu") h = z.rrelu({ ...layer.params, training, rng });
      else h = z.apply(layer.activation, layer.params);
      trace?.push({ pre: z, post: h });
    }
    return h;
  }

  /** Every learnable tensor, named `layer{i}.weight|bias|alpha` (1-based). */
  parameters(): Parameter[] {
    const out: Parameter[] = [];
    this.layers.forEach((l, i) => {
      out.push({ name: `layer${i + 1}.weight`, tensor: l.linear.weight, kind: "weight", layer: i });
      out.push({ name: `layer${i + 1}.bias`, tensor: l.linear.bias, kind: "bias", layer: i });
      if (l.alpha) {
        out.push({ name: `layer${i + 1}.alpha`, tensor: l.alpha, kind: "alpha", layer: i });
      }
    });
    return out;
  }

  /**
   * Overwrites parameters by name (`layer1.weight`, `layer1.bias`, `layer2.alpha`, …). Weights
   * are `[in, out]` as stored here, or `[out, in]` as in PyTorch with `{ layout: "torch" }`.
   * Names left out keep their values; an unknown name or a wrong shape is an error.
   *
   * @example
   * ```ts
   * import { MLP } from "./mlp.ts";
   * import assert from "node:assert/strict";
   * const net = new MLP([2, 1]);
   * net.setParameters({ "layer1.weight": [[3, 4]], "layer1.bias": [1] }, { layout: "torch" });
   * assert.deepEqual(net.layers[0].linear.weight.toArray(), [[3], [4]]);
   * ```
   */
  setParameters(
    values: Record<string, number | number[] | number[][]>,
    { layout = "lib" }: { layout?: "lib" | "torch" } = {},
  ): this {
    const byName = new Map(this.parameters().map((p) => [p.name, p]));
    for (const [name, value] of Object.entries(values)) {
      const p = byName.get(name);
      if (!p) {
        throw new TypeError(
          `MLP.setParameters: unknown parameter "${name}"; this model has ${
            [...byName.keys()].join(", ")
          }`,
        );
      }
      let t = Tensor.from(value);
      if (p.kind === "weight" && layout === "torch") t = t.transpose();
      const want = p.tensor.shape;
      if (t.shape.length !== want.length || t.shape.some((d, i) => d !== want[i])) {
        throw new RangeError(
          `MLP.setParameters: "${name}" needs shape [${want.join(", ")}]${
            p.kind === "weight" && layout === "torch"
              ? " (after transposing from torch's [out, in])"
              : ""
          }, got [${Tensor.from(value).shape.join(", ")}]`,
        );
      }
      p.tensor.data.set(t.data);
    }
    return this;
  }

  /** Zeroes every parameter's gradient. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.tensor.zeroGrad();
  }

  /** The hidden layers' activation names. */
  get activations(): ActivationName[] {
    return this.layers.flatMap((l) => (l.activation ? [l.activation] : []));
  }
}
