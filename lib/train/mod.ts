/**
 * Training and evaluation.
 *
 * @module
 */

export {
  activationStats,
  batchOf,
  type EpochRecord,
  evaluate,
  fit,
  fitAsync,
  type FitAsyncOptions,
  type FitOptions,
  type History,
  type StepInfo,
} from "./fit.ts";
export { type GradientProfile, gradientProfile } from "./gradient_profile.ts";
