/**
 * Data sets: real MNIST digits (the 60,000 training and 10,000 test digits of the original IDX
 * files, with a reader for the format) and small synthetic 2-D sets, with seeded stratified
 * splits, balanced subsets and standardization.
 *
 * @example
 * ```ts
 * import { classCounts, split, twoMoons } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const { train, validation } = split(twoMoons({ n: 50, seed: 3 }), { validation: 10 });
 * assert.deepEqual(classCounts(validation), [5, 5]);
 * assert.equal(train.n + validation.n, 50);
 * ```
 *
 * @module
 */

export * from "./byte_dataset.ts";
export { copyRows, type Dataset, holdFloats, type Split } from "./dataset.ts";
export * from "./idx.ts";
export * from "./mnist.ts";
export * from "./ops.ts";
export * from "./synthetic.ts";
