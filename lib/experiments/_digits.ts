/**
 * MNIST digits for the experiments, chosen by a seed.
 *
 * @module
 */

import { loadMnist } from "../data/mnist.ts";
import type { IndexedDataset } from "../data/ops.ts";

/**
 * `count` MNIST training digits, balanced across classes and shuffled, chosen by `seed` (one more
 * is drawn and held out, as `loadMnist` always splits off a validation set).
 */
export async function trainingDigits(count: number, seed: number): Promise<IndexedDataset> {
  const { train } = await loadMnist({ count: count + 1, validation: 1, seed });
  return train;
}
