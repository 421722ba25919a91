/**
 * The in-memory data set type shared by the loaders and the trainer, and how to copy rows of one.
 *
 * @module
 */

import { ByteDataset } from "./byte_dataset.ts";

/**
 * A labelled data set held row-major in one `Float64Array`: example `i` is
 * `x.subarray(i * features, (i + 1) * features)` with class label `y[i]` in `[0, classes)`.
 * MNIST sets are {@linkcode ByteDataset}s, whose `x` is converted from bytes on its first read;
 * {@linkcode copyRows} takes rows of either kind without converting the rest.
 */
export interface Dataset {
  /** The inputs, `n × features`, row-major. */
  readonly x: Float64Array;
  /** The class labels, one per example. */
  readonly y: Int32Array;
  /** The number of examples. */
  readonly n: number;
  /** The number of input features per example (784 for MNIST, 2 for the 2-D sets). */
  readonly features: number;
  /** The number of classes. */
  readonly classes: number;
  /** A short description for tables and figure titles, e.g. "MNIST (8,000 train)". */
  readonly name: string;
}

/** A training set and a validation set drawn from the same source without overlap. */
export interface Split {
  readonly train: Dataset;
  readonly validation: Dataset;
}

/**
 * Copies examples `rows[from … to)` of `data` into a new row-major `Float64Array` (or into the
 * start of `out`): from `data.x`, or, for a {@linkcode ByteDataset}, converted from its bytes
 * without converting the rest.
 *
 * @example
 * ```ts
 * import { copyRows } from "./dataset.ts";
 * import assert from "node:assert/strict";
 * const d = { x: Float64Array.of(1, 2, 3, 4, 5, 6), y: Int32Array.of(0, 1, 0), n: 3, features: 2, classes: 2, name: "toy" };
 * assert.deepEqual([...copyRows(d, [2, 0])], [5, 6, 1, 2]);
 * ```
 */
export function copyRows(
  data: Dataset,
  rows: ArrayLike<number>,
  from = 0,
  to = rows.length,
  out: Float64Array = new Float64Array((to - from) * data.features),
): Float64Array {
  if (data instanceof ByteDataset) return data.copyRowsInto(out, from, to, rows);
  const f = data.features;
  for (let i = from; i < to; i++) {
    const r = rows[i];
    out.set(data.x.subarray(r * f, (r + 1) * f), (i - from) * f);
  }
  return out.subarray(0, (to - from) * f);
}
