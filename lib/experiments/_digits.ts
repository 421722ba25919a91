/**
 * MNIST digits for the experiments: training digits chosen by a seed, and the official test
 * digits every reported error comes from.
 *
 * @module
 */

import type { Dataset } from "../data/dataset.ts";
import { loadMnist, type MnistScale } from "../data/mnist.ts";
import type { IndexedDataset } from "../data/ops.ts";

/**
 * `count` MNIST training digits, balanced across classes and shuffled, chosen by `seed` (one more
 * is drawn and held out, as `loadMnist` always splits off a validation set).
 */
export async function trainingDigits(count: number, seed: number): Promise<IndexedDataset> {
  const { train } = await loadMnist({ count: count + 1, validation: 1, seed });
  return train;
}

/** What {@linkcode trainAndTest} takes. */
export interface TrainAndTestOptions {
  /** Training digits, drawn from the 60,000 of the training file, balanced across classes. */
  readonly train: number;
  /** Official test digits: the first `test` of the test file (default all 10,000). */
  readonly test?: number;
  /**
   * Validation digits split off the training draw, for choices made during training (default
   * none: the experiment gets no validation set).
   */
  readonly validation?: number;
  /** The seed of the choice and order of the training digits. */
  readonly seed: number;
  /** The pixel scale (default "unit"). */
  readonly scale?: MnistScale;
}

/** Training digits, optionally a validation set, and the official test digits. */
export interface TrainAndTest {
  /** The training digits, "MNIST train (n)". */
  readonly train: Dataset;
  /** The validation digits, "MNIST validation (n)", when asked for. */
  readonly validation: Dataset | null;
  /** The official test digits in file order, "MNIST test (n)": never trained on. */
  readonly test: Dataset;
}

/**
 * The data of an experiment that trains and reports an error: `train` training digits chosen by
 * `seed` (and `validation` more, split off them, when asked for) and the first `test` digits of
 * the official MNIST test set, on one scale. The test digits are the same for every seed, so
 * runs are scored on one yardstick.
 *
 * @example
 * ```ts
 * import { trainAndTest } from "./_digits.ts";
 * import assert from "node:assert/strict";
 * const d = await trainAndTest({ train: 200, test: 50, seed: 1 });
 * assert.equal(d.train.name, "MNIST train (200)");
 * assert.equal(d.test.name, "MNIST test (50)");
 * assert.equal(d.validation, null);
 * ```
 */
export async function trainAndTest(options: TrainAndTestOptions): Promise<TrainAndTest> {
  const { train, test = 10_000, validation, seed, scale = "unit" } = options;
  const held = validation ?? 1;
  const split = await loadMnist({ count: train + held, validation: held, seed, scale });
  const { test: testSet } = await loadMnist({ split: "test", count: test, scale });
  return {
    train: split.train,
    validation: validation === undefined ? null : split.validation,
    test: testSet,
  };
}

/** Digits to train on and digits to report on, and which split the latter come from. */
export interface TrainAndReport {
  /** The training digits. */
  readonly train: Dataset;
  /** The digits a trained network is scored on, never trained on. */
  readonly report: Dataset;
  /** The split `report` comes from, as the prose names it. */
  readonly split: "test" | "validation";
}

/**
 * `train` training digits chosen by `seed`, and the first `report` official test digits to score
 * on ({@linkcode trainAndTest} in the form chapter 01's experiments take it).
 */
export async function trainAndReport(
  train: number,
  report: number,
  seed: number,
): Promise<TrainAndReport> {
  const d = await trainAndTest({ train, test: report, seed });
  return { train: d.train, report: d.test, split: "test" };
}
