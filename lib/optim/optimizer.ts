/**
 * What every optimizer offers.
 *
 * @module
 */

import type { Parameter } from "../nn/mlp.ts";

/** An optimizer updates parameters from their accumulated gradients. */
export interface Optimizer {
  /** The parameters it updates. */
  readonly parameters: readonly Parameter[];
  /** One update from the current gradients. */
  step(): void;
  /** Zeroes every parameter's gradient. */
  zeroGrad(): void;
  /** The learning rate (may be changed between steps). */
  lr: number;
}

/** Checks a hyper-parameter; a RangeError naming it otherwise. */
export function checkHyper(
  owner: string,
  name: string,
  value: number,
  ok: boolean,
  allowed: string,
) {
  if (typeof value !== "number" || !Number.isFinite(value) || !ok) {
    throw new RangeError(`${owner}: ${name} must be ${allowed}, got ${value}`);
  }
}
