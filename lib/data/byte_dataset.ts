/**
 * A data set kept as bytes: each example's features are stored as one byte per feature (an MNIST
 * digit's 784 grey levels) and become floats only when read, through a table of 256 levels.
 *
 * @module
 */

import type { IndexedDataset } from "./ops.ts";

/** What {@linkcode ByteDataset} is made of. */
export interface ByteDatasetInit {
  /** The source examples, `features` bytes each, row-major (e.g. the pixels of an IDX file). */
  readonly bytes: Uint8Array;
  /** The source position of each example of the set: example `i` is source example `index[i]`. */
  readonly index: Int32Array;
  /** The class label of each example of the set (`index.length` of them). */
  readonly y: Int32Array;
  /** Bytes per example. */
  readonly features: number;
  /** The number of classes. */
  readonly classes: number;
  /** A short description for tables and figure titles. */
  readonly name: string;
  /** The float that each byte value 0 … 255 stands for. */
  readonly levels: Float64Array;
}

/**
 * A {@linkcode IndexedDataset} whose inputs stay bytes until they are read: `copyRowsInto`
 * converts only the rows asked for (the trainer converts one batch at a time), and `x`, the whole
 * `n × features` matrix of floats, is converted on its first read and then kept. The floats are
 * the same either way: `levels[byte]`. So 50,000 MNIST digits cost the 47 MB of the file they
 * come from while a network trains on them, not the 314 MB of their floats.
 *
 * @example
 * ```ts
 * import { ByteDataset } from "./byte_dataset.ts";
 * import assert from "node:assert/strict";
 * const levels = Float64Array.from({ length: 256 }, (_, k) => k / 255);
 * const d = new ByteDataset({
 *   bytes: Uint8Array.of(0, 255, 51, 102, 255, 0), // three source examples of two bytes
 *   index: Int32Array.of(2, 0), // the set is source examples 2 and 0
 *   y: Int32Array.of(1, 0),
 *   features: 2,
 *   classes: 2,
 *   name: "two of three",
 *   levels,
 * });
 * assert.deepEqual([...d.copyRowsInto(new Float64Array(2), 1, 2)], [0, 1]);
 * assert.deepEqual([...d.x], [1, 0, 0, 1]);
 * ```
 */
export class ByteDataset implements IndexedDataset {
  readonly y: Int32Array;
  readonly n: number;
  readonly features: number;
  readonly classes: number;
  readonly name: string;
  readonly index: Int32Array;
  readonly #bytes: Uint8Array;
  readonly #levels: Float64Array;
  #x: Float64Array | undefined;

  /** Checks that the parts fit together; a part that does not throws a `RangeError` naming it. */
  constructor(init: ByteDatasetInit) {
    const { bytes, index, y, features, levels } = init;
    const fail = (what: string) => {
      throw new RangeError(`ByteDataset "${init.name}": ${what}`);
    };
    if (!Number.isInteger(features) || features < 1) fail(`features is ${features}`);
    if (bytes.length % features !== 0) {
      fail(`${bytes.length} bytes are not a whole number of ${features}-byte examples`);
    }
    if (levels.length !== 256) fail(`levels has ${levels.length} entries, not 256`);
    if (y.length !== index.length) fail(`${y.length} labels for ${index.length} examples`);
    const sources = bytes.length / features;
    const bad = index.findIndex((s) => !(s >= 0 && s < sources));
    if (bad >= 0) {
      fail(`index[${bad}] = ${index[bad]} is not a source example (0 … ${sources - 1})`);
    }
    this.#bytes = bytes;
    this.#levels = levels;
    this.index = index;
    this.y = y;
    this.n = index.length;
    this.features = features;
    this.classes = init.classes;
    this.name = init.name;
  }

  /** Whether `x` has been read, so that all the floats are held. */
  get converted(): boolean {
    return this.#x !== undefined;
  }

  /** All `n × features` inputs as floats, row-major: converted on the first read, then kept. */
  get x(): Float64Array {
    return this.#x ??= this.copyRowsInto(new Float64Array(this.n * this.features), 0, this.n);
  }

  /**
   * Converts examples `from … to − 1` of the set (or, given `rows`, examples `rows[from … to)`)
   * into the start of `out`, row after row, and returns the part of `out` it wrote.
   */
  copyRowsInto(
    out: Float64Array,
    from: number,
    to: number,
    rows?: ArrayLike<number>,
  ): Float64Array {
    const f = this.features;
    if (out.length < (to - from) * f) {
      throw new RangeError(
        `ByteDataset "${this.name}": ${to - from} rows need ${(to - from) * f} floats, ` +
          `out has ${out.length}`,
      );
    }
    const bytes = this.#bytes;
    const levels = this.#levels;
    for (let i = from; i < to; i++) {
      const src = this.index[rows === undefined ? i : rows[i]] * f;
      const dst = (i - from) * f;
      for (let j = 0; j < f; j++) out[dst + j] = levels[bytes[src + j]];
    }
    return out.subarray(0, (to - from) * f);
  }
}
