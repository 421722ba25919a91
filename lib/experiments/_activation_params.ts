/**
 * The two activation parameters the introduction's experiments let a reader change — LeakyReLU's
 * slope α and ELU's α — as option specs, and where each activation saturates with them.
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import type { ActivationName, Params } from "../activations/types.ts";
import { number } from "../options.ts";

/** LeakyReLU's slope α for x ≤ 0 (PyTorch's default 0.01), from 0 (ReLU) to 1 (the identity). */
export const leakyAlphaOption = () => number(0.01, { min: 0, max: 1 });

/** ELU's α (PyTorch's default 1): the floor −α it tends to as x → −∞, from 0 (ReLU) to 10. */
export const eluAlphaOption = () => number(1, { min: 0, max: 10 });

/** The parameters `name` takes in these experiments: α for LeakyReLU and ELU, else the defaults. */
export function paramsFor(
  name: ActivationName,
  o: { readonly alpha: number; readonly eluAlpha: number },
): Params | undefined {
  if (name === "leakyRelu") return { alpha: o.alpha };
  if (name === "elu") return { alpha: o.eluAlpha };
  return undefined;
}

/** Which sides of the real line an activation saturates on: f′ → 0 as x → −∞ and/or +∞. */
export type Sides = "both" | "left" | "right" | "none";

/** The sides on which f′ is 0 at ∓∞ (the registry's df at ±Infinity is the limit). */
export function saturationSides(name: ActivationName, params?: Params): Sides {
  const a = getActivation(name);
  const left = a.df(-Infinity, params) === 0;
  const right = a.df(Infinity, params) === 0;
  return left && right ? "both" : left ? "left" : right ? "right" : "none";
}

/** The registry's declared sides, in the same words. */
export function declaredSides(name: ActivationName): Sides {
  const { left, right } = getActivation(name).saturation;
  return left && right ? "both" : left ? "left" : right ? "right" : "none";
}
