/**
 * Helpers for any {@linkcode Dataset}: class counts, a seeded stratified train/validation split, a
 * balanced subset for small-data experiments, and per-feature standardization.
 *
 * Every data set these helpers return is an {@linkcode IndexedDataset}: it also records, for each
 * example, its position in the original collection, so two sets can be checked for overlap.
 *
 * @module
 */

import type { Seed } from "../random.ts";
import { copyRows, type Dataset, type Split } from "./dataset.ts";
import {
  baseName,
  checkDataset,
  checkOptions,
  fmt,
  intOption,
  seedOption,
  validationCount,
} from "./_options.ts";
import { balancedRows, stratifiedRows } from "./_sampling.ts";

/**
 * A {@linkcode Dataset} that remembers where its examples came from: `index[i]` is example `i`'s
 * position in the original collection (for MNIST, the digit's id 0 … 9,999; for a generated set,
 * its row in the set as generated). Splits and subsets carry it through.
 */
export interface IndexedDataset extends Dataset {
  /** The original position of each example. */
  readonly index: Int32Array;
}

/** A {@linkcode Split} whose two sets are {@linkcode IndexedDataset}s. */
export interface IndexedSplit extends Split {
  readonly train: IndexedDataset;
  readonly validation: IndexedDataset;
}

/** Options of {@linkcode split}. */
export interface SplitOptions {
  /** A fraction in (0, 1) of the examples (rounded), or a whole count; default 0.2. */
  validation?: number;
  /** The seed of the shuffle (a number, or an `Rng` to fork); default 0. */
  seed?: Seed;
}

/** Options of {@linkcode subset}. */
export interface SubsetOptions {
  /** The seed of the choice (a number, or an `Rng` to fork); default 0. */
  seed?: Seed;
}

/** The result of {@linkcode standardize}: the scaled sets and the train statistics used. */
export interface Standardized<T extends Dataset> {
  /** The training set, each feature scaled to mean 0 and standard deviation 1. */
  readonly train: T;
  /** The mean of each feature over the training set. */
  readonly mean: Float64Array;
  /** The standard deviation of each feature over the training set (1 for constant features). */
  readonly std: Float64Array;
}

/**
 * The number of examples of each class, `counts[c]` for c in [0, classes).
 *
 * @example
 * ```ts
 * import { classCounts } from "./ops.ts";
 * import assert from "node:assert/strict";
 * const d = {
 *   x: new Float64Array(4), y: Int32Array.of(0, 2, 2, 2), n: 4, features: 1, classes: 3, name: "toy",
 * };
 * assert.deepEqual(classCounts(d), [1, 0, 3]);
 * ```
 */
export function classCounts(dataset: Dataset): number[] {
  checkDataset("classCounts", dataset);
  const counts = new Array<number>(dataset.classes).fill(0);
  for (let i = 0; i < dataset.n; i++) {
    const c = dataset.y[i];
    if (!(c >= 0 && c < dataset.classes)) {
      throw new RangeError(
        `classCounts: label y[${i}] = ${c} is outside [0, ${dataset.classes}) in "${dataset.name}"`,
      );
    }
    counts[c]++;
  }
  return counts;
}

/** Copies rows `rows` of `d` into a new data set named `name`, keeping track of the index. */
function take(d: Dataset, rows: Int32Array, name: string): IndexedDataset {
  const y = new Int32Array(rows.length);
  const index = new Int32Array(rows.length);
  const from = (d as Partial<IndexedDataset>).index;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    y[i] = d.y[r];
    index[i] = from ? from[r] : r;
  }
  const x = copyRows(d, rows);
  return { x, y, n: rows.length, features: d.features, classes: d.classes, name, index };
}

/**
 * Splits a data set into a training and a validation set, stratified by class: each class is cut
 * in the same proportion (its validation count is within one of its exact share), and both sets are
 * shuffled. The same seed gives the same split; no example lands in both.
 *
 * @example
 * ```ts
 * import { split, classCounts } from "./ops.ts";
 * import { twoMoons } from "./synthetic.ts";
 * import assert from "node:assert/strict";
 * const { train, validation } = split(twoMoons({ n: 100 }), { validation: 0.2, seed: 1 });
 * assert.equal(train.n, 80);
 * assert.deepEqual(classCounts(validation), [10, 10]);
 * assert.equal(train.name, "two moons train (80)");
 * ```
 */
export function split(dataset: Dataset, options?: SplitOptions): IndexedSplit {
  checkDataset("split", dataset);
  const o = checkOptions("split", options, ["validation", "seed"]);
  const v = validationCount("split", o.validation, 0.2, dataset.n);
  const rng = seedOption("split", o.seed);
  classCounts(dataset); // checks the labels
  const rows = stratifiedRows(dataset.y, dataset.classes, v, rng);
  const base = baseName(dataset.name);
  return {
    train: take(dataset, rows.train, `${base} train (${fmt(rows.train.length)})`),
    validation: take(dataset, rows.validation, `${base} validation (${fmt(v)})`),
  };
}

/**
 * A random subset of `count` examples with classes as balanced as the data allow (each class gets
 * `count / classes`, give or take one, unless it has fewer examples than that), for small-data
 * experiments. The same seed gives the same subset; in random order.
 *
 * @example
 * ```ts
 * import { subset, classCounts } from "./ops.ts";
 * import { spirals } from "./synthetic.ts";
 * import assert from "node:assert/strict";
 * const small = subset(spirals({ n: 300, classes: 3 }), 30, { seed: 2 });
 * assert.deepEqual(classCounts(small), [10, 10, 10]);
 * assert.equal(small.name, "3 spirals (30 of 300)");
 * ```
 */
export function subset(dataset: Dataset, count: number, options?: SubsetOptions): IndexedDataset {
  checkDataset("subset", dataset);
  const k = intOption("subset", "count", count, NaN, 1, dataset.n);
  const o = checkOptions("subset", options, ["seed"]);
  const rng = seedOption("subset", o.seed);
  classCounts(dataset);
  const rows = balancedRows(dataset.y, dataset.classes, k, rng);
  return take(dataset, rows, `${baseName(dataset.name)} (${fmt(k)} of ${fmt(dataset.n)})`);
}

/** Standard deviations below this count as zero: such a feature is centred but not divided. */
const STD_FLOOR = 1e-8;

/**
 * Scales every feature to mean 0 and standard deviation 1 over the training set, and applies the
 * same shift and scale to `other` (a validation or test set) when given. A constant feature
 * (standard deviation below 1e-8) is only centred, so it cannot blow up in the
 * other set. The inputs are not modified; other fields (such as `index`) are kept.
 *
 * @example
 * ```ts
 * import { standardize } from "./ops.ts";
 * import assert from "node:assert/strict";
 * const d = (x: number[]) => ({
 *   x: Float64Array.from(x), y: new Int32Array(x.length / 2), n: x.length / 2, features: 2,
 *   classes: 1, name: "toy",
 * });
 * const { train, other, mean, std } = standardize(d([1, 5, 3, 5]), d([5, 6]));
 * assert.deepEqual([...mean], [2, 5]);
 * assert.deepEqual([...std], [1, 1]); // the second feature is constant: centred only
 * assert.deepEqual([...train.x], [-1, 0, 1, 0]);
 * assert.deepEqual([...other.x], [3, 1]);
 * ```
 */
export function standardize<T extends Dataset>(train: T): Standardized<T>;
export function standardize<T extends Dataset, U extends Dataset>(
  train: T,
  other: U,
): Standardized<T> & { readonly other: U };
export function standardize<T extends Dataset, U extends Dataset>(
  train: T,
  other?: U,
): Standardized<T> & { readonly other?: U } {
  checkDataset("standardize", train);
  if (other !== undefined) {
    checkDataset("standardize", other);
    if (other.features !== train.features) {
      throw new TypeError(
        `standardize: the other set has ${other.features} features, the training set ${train.features}`,
      );
    }
  }
  const f = train.features;
  const mean = new Float64Array(f);
  const std = new Float64Array(f);
  for (let i = 0; i < train.n; i++) {
    for (let j = 0; j < f; j++) mean[j] += train.x[i * f + j];
  }
  for (let j = 0; j < f; j++) mean[j] /= train.n;
  for (let i = 0; i < train.n; i++) {
    for (let j = 0; j < f; j++) std[j] += (train.x[i * f + j] - mean[j]) ** 2;
  }
  for (let j = 0; j < f; j++) {
    const s = Math.sqrt(std[j] / train.n);
    std[j] = s < STD_FLOOR ? 1 : s;
  }
  const apply = <D extends Dataset>(d: D): D => {
    const x = new Float64Array(d.x.length);
    for (let i = 0; i < d.n; i++) {
      for (let j = 0; j < f; j++) x[i * f + j] = (d.x[i * f + j] - mean[j]) / std[j];
    }
    return { ...d, x, name: `${d.name}, standardized` };
  };
  const out = { train: apply(train), mean, std };
  return other === undefined ? out : { ...out, other: apply(other) };
}
