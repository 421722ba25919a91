/**
 * The in-memory data set type shared by the loaders and the trainer.
 *
 * @module
 */

/**
 * A labelled data set held row-major in one `Float64Array`: example `i` is
 * `x.subarray(i * features, (i + 1) * features)` with class label `y[i]` in `[0, classes)`.
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
