/**
 * Weight initialisation: Xavier/Glorot, He/Kaiming, LeCun, and a choice matched to the activation.
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import { rreluEvalSlope } from "../activations/rrelu.ts";
import type { ActivationName, Params } from "../activations/types.ts";
import type { Rng } from "../random.ts";

/** The named schemes. `"auto"` picks one from the layer's activation. */
export type InitScheme = "xavier" | "he" | "lecun" | "normal" | "auto";

/** A scheme with its settings. */
export interface InitSpec {
  readonly scheme: InitScheme;
  /** Multiplies the scheme's scale (PyTorch's `gain`); defaults to the activation's gain. */
  readonly gain?: number;
  /** For `"normal"`: the standard deviation of N(0, std²). */
  readonly std?: number;
}

/**
 * PyTorch's recommended gain for an activation (`torch.nn.init.calculate_gain`): 1 for sigmoid
 * and linear, 5/3 for tanh, √2 for ReLU-like units, √(2/(1+α²)) for leaky ones, 3/4 for SELU.
 */
export function gainFor(name: ActivationName | null, params?: Partial<Params>): number {
  if (name === null) return 1;
  const p = getActivation(name).resolve(params);
  switch (name) {
    case "tanh":
      return 5 / 3;
    case "relu":
    case "elu":
    case "gelu":
    case "silu":
      return Math.SQRT2;
    case "leakyRelu":
    case "prelu":
      return Math.sqrt(2 / (1 + p.alpha ** 2));
    case "rrelu":
      return Math.sqrt(2 / (1 + rreluEvalSlope(p as { lower: number; upper: number }) ** 2));
    case "selu":
      return 3 / 4;
    default:
      return 1;
  }
}

/** The scheme `"auto"` stands for: Xavier for sigmoid/tanh/softplus, LeCun for SELU, He otherwise. */
export function autoScheme(name: ActivationName | null): Exclude<InitScheme, "auto"> {
  if (name === null || name === "sigmoid" || name === "tanh" || name === "softplus") {
    return "xavier";
  }
  return name === "selu" ? "lecun" : "he";
}

/**
 * Fills a `fanIn × fanOut` weight matrix.
 *
 * @example
 * ```ts
 * import { initWeights } from "./init.ts";
 * import { Rng } from "../random.ts";
 * import assert from "node:assert/strict";
 * const w = initWeights(100, 50, { scheme: "xavier" }, new Rng(1), "tanh");
 * const a = (5 / 3) * Math.sqrt(6 / 150);
 * assert.ok(w.every((v) => Math.abs(v) <= a));
 * ```
 */
export function initWeights(
  fanIn: number,
  fanOut: number,
  spec: InitScheme | InitSpec,
  rng: Rng,
  activation: ActivationName | null = null,
  params?: Partial<Params>,
): Float64Array {
  const s: InitSpec = typeof spec === "string" ? { scheme: spec } : spec;
  const scheme = s.scheme === "auto" ? autoScheme(activation) : s.scheme;
  const gain = s.gain ?? (scheme === "lecun" ? 1 : gainFor(activation, params));
  const w = new Float64Array(fanIn * fanOut);
  switch (scheme) {
    case "xavier": {
      const a = gain * Math.sqrt(6 / (fanIn + fanOut));
      return rng.fillUniform(w, -a, a);
    }
    case "he":
      return rng.fillNormal(w, 0, gain / Math.sqrt(fanIn));
    case "lecun":
      return rng.fillNormal(w, 0, gain / Math.sqrt(fanIn));
    case "normal": {
      if (!(typeof s.std === "number" && s.std >= 0 && Number.isFinite(s.std))) {
        throw new RangeError(`init "normal" needs a finite std ≥ 0, got ${s.std}`);
      }
      return rng.fillNormal(w, 0, s.std);
    }
    default:
      throw new TypeError(
        `unknown init scheme ${
          JSON.stringify(scheme)
        }; use "xavier", "he", "lecun", "normal" or "auto"`,
      );
  }
}
