/**
 * The course library: activation functions with exact derivatives, a scalar and a tensor autograd
 * engine, a small neural-network toolkit with an instrumented trainer, data sets, and the plot and
 * display helpers the notebooks use, and the experiments that decide the article's claims.
 *
 * @example
 * ```ts
 * import { activations } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(activations.sigmoid.df(0), 0.25);
 * ```
 *
 * @module
 */

export * from "./activations/mod.ts";
export * from "./random.ts";
export * from "./symbolic.ts";
export * from "./autograd/mod.ts";
export * from "./nn/mod.ts";
export * from "./optim/mod.ts";
export * from "./train/mod.ts";
export * from "./data/mod.ts";
export * from "./plot/mod.ts";
export * from "./display/mod.ts";
export * from "./stats/mod.ts";
export * from "./experiments/mod.ts";
