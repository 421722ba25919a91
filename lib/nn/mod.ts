/**
 * Neural-network building blocks.
 *
 * @module
 */

export { autoScheme, gainFor, type InitScheme, type InitSpec, initWeights } from "./init.ts";
export { Linear, type LinearOptions } from "./linear.ts";
export {
  type ForwardOptions,
  type Layer,
  type LayerTrace,
  MLP,
  type MLPOptions,
  type Parameter,
} from "./mlp.ts";
