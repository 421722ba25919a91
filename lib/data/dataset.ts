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
 * start of `out`): from `data.x`, or, for a {@linkcode ByteDataset} whose `x` has not been read,
 * converted from its bytes without converting the rest.
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
  // A ByteDataset whose floats are held (its x was read) is copied from them like any set.
  if (data instanceof ByteDataset && !data.converted) return data.copyRowsInto(out, from, to, rows);
  const f = data.features;
  for (let i = from; i < to; i++) {
    const r = rows[i];
    out.set(data.x.subarray(r * f, (r + 1) * f), (i - from) * f);
  }
  return out.subarray(0, (to - from) * f);
}

/**
 * Returns `data` with all its inputs held as floats: a {@linkcode ByteDataset} converts its bytes
 * once, as reading its `x` does, and from then on every batch or pass copies floats instead of
 * converting again. For a set read many times over (the test digits every network is scored on);
 * it costs `8 × n × features` bytes for as long as the set is kept.
 *
 * @example
 * ```ts
 * import { holdFloats } from "./dataset.ts";
 * import { ByteDataset } from "./byte_dataset.ts";
 * import assert from "node:assert/strict";
 * const levels = Float64Array.from({ length: 256 }, (_, k) => k / 255);
 * const d = new ByteDataset({
 *   bytes: Uint8Array.of(0, 255), index: Int32Array.of(1, 0), y: Int32Array.of(1, 0),
 *   features: 1, classes: 2, name: "two", levels,
 * });
 * assert.equal(holdFloats(d), d);
 * assert.equal(d.converted, true);
 * assert.deepEqual([...d.x], [1, 0]);
 * ```
 */
export function holdFloats<D extends Dataset>(data: D): D {
  void data.x;
  return data;
}
