/**
 * Activation functions with exact derivatives, formulas and metadata.
 *
 * @module
 */

export * from "./types.ts";
export {
  activationNames,
  activations,
  articleActivations,
  getActivation,
  isActivationName,
} from "./registry.ts";
export { defineActivation, resolveParams } from "./define.ts";
export type { ActivationSpec } from "./define.ts";
export { leakyBackward, leakyForward } from "./leaky_relu.ts";
export { int32Length } from "./int32_length.ts";
export { signClass } from "./sign_class.ts";
export { rreluEvalSlope } from "./rrelu.ts";
export { SELU_ALPHA, SELU_SCALE } from "./selu.ts";
export { erf, erfc } from "./erf.ts";
export { argminOf, rangeAboveMinimum } from "./minimum.ts";
