/**
 * The registry of activations, keyed by name: the single source of truth for every formula.
 *
 * @module
 */

import { elu } from "./elu.ts";
import { gelu } from "./gelu.ts";
import { leakyRelu } from "./leaky_relu.ts";
import { prelu } from "./prelu.ts";
import { relu } from "./relu.ts";
import { rrelu } from "./rrelu.ts";
import { selu } from "./selu.ts";
import { sigmoid } from "./sigmoid.ts";
import { silu } from "./silu.ts";
import { softplus } from "./softplus.ts";
import { tanh } from "./tanh.ts";
import type { Activation, ActivationName } from "./types.ts";

/**
 * Every activation of the course: the article's seven (sigmoid, tanh, relu, leakyRelu, rrelu,
 * prelu, elu) and four more for comparison (selu, gelu, silu, softplus).
 *
 * @example
 * ```ts
 * import { activations } from "./registry.ts";
 * import assert from "node:assert/strict";
 * assert.equal(activations.relu.f(-1), 0);
 * assert.equal(activations.elu.f(-Infinity, { alpha: 2 }), -2);
 * assert.deepEqual(activations.prelu.learnable, ["alpha"]);
 * ```
 */
export const activations: Readonly<Record<ActivationName, Activation>> = Object.freeze({
  sigmoid,
  tanh,
  relu,
  leakyRelu,
  rrelu,
  prelu,
  elu,
  selu,
  gelu,
  silu,
  softplus,
});

/** The registry's names, in the article's order followed by the comparison set. */
export const activationNames: readonly ActivationName[] = Object.freeze(
  Object.keys(activations) as ActivationName[],
);

/** The article's own activations, in its order. */
export const articleActivations: readonly ActivationName[] = Object.freeze([
  "sigmoid",
  "tanh",
  "relu",
  "leakyRelu",
  "rrelu",
  "prelu",
  "elu",
]);

/** Whether `name` is a key of the registry. */
export function isActivationName(name: unknown): name is ActivationName {
  return typeof name === "string" && Object.hasOwn(activations, name);
}

/**
 * The registry entry called `name`; a TypeError listing the known names otherwise.
 *
 * @example
 * ```ts
 * import { getActivation } from "./registry.ts";
 * import assert from "node:assert/strict";
 * assert.equal(getActivation("tanh").label, "Tanh");
 * assert.throws(() => getActivation("relu6"), /unknown activation "relu6"/);
 * ```
 */
export function getActivation(name: string): Activation {
  if (!isActivationName(name)) {
    throw new TypeError(
      `unknown activation ${JSON.stringify(name)}; known activations: ${
        activationNames.join(", ")
      }`,
    );
  }
  return activations[name];
}
