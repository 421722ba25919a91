/**
 * MNIST digits for the experiments, chosen by a seed.
 *
 * @module
 */

import { loadMnist } from "../data/mnist.ts";
import type { IndexedDataset } from "../data/ops.ts";
import type { Dataset } from "../data/dataset.ts";

/**
 * `count` MNIST training digits, balanced across classes and shuffled, chosen by `seed` (one more
 * is drawn and held out, as `loadMnist` always splits off a validation set).
 */
export async function trainingDigits(count: number, seed: number): Promise<IndexedDataset> {
  const { train } = await loadMnist({ count: count + 1, validation: 1, seed });
  return train;
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
 * `train` training digits and `report` digits held out from them, chosen by `seed`. Until the
 * library reads the official MNIST test set, the held-out digits are a stratified validation
 * split of the training digits, and `split` says so.
 */
export async function trainAndReport(
  train: number,
  report: number,
  seed: number,
): Promise<TrainAndReport> {
  const data = await loadMnist({ count: train + report, validation: report, seed });
  return { train: data.train, report: data.validation, split: "validation" };
}
