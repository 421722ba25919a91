/**
 * Spearman's rank correlation: Pearson's correlation of the ranks, for monotone but not linear
 * relations (does α fall with depth, whatever the shape of the fall?).
 *
 * @module
 */

import { correlation } from "./summary.ts";

/**
 * The ranks 1 … n of `xs` (the smallest gets 1), ties sharing their mean rank. Throws a
 * RangeError on a NaN.
 *
 * @example
 * ```ts
 * import { ranks } from "./rank_correlation.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(ranks([0.7, 0.1, 0.5]), [3, 1, 2]);
 * assert.deepEqual(ranks([2, 1, 2]), [2.5, 1, 2.5]);
 * ```
 */
export function ranks(xs: ArrayLike<number>): number[] {
  const values = Array.from(xs);
  if (values.some(Number.isNaN)) throw new RangeError("ranks of a sample with a NaN");
  return values.map((x) => {
    let below = 0;
    let equal = 0;
    for (const y of values) {
      if (y < x) below++;
      else if (y === x) equal++;
    }
    return below + (equal + 1) / 2;
  });
}

/**
 * Spearman's rank correlation of the pairs (a[i], b[i]): +1 when b rises with a, −1 when it falls,
 * whatever the shape. NaN when either sample is constant; a RangeError when the lengths differ.
 *
 * @example He et al.'s six listed layers: α mostly falls with depth
 * ```ts
 * import { rankCorrelation } from "./rank_correlation.ts";
 * import assert from "node:assert/strict";
 * const alpha = [0.681, 0.103, 0.561, 0.008, 0.063, 0.031];
 * assert.equal(rankCorrelation([1, 2, 3, 4, 5, 6], alpha).toFixed(2), "-0.77");
 * assert.equal(rankCorrelation([1, 2, 3], [1, 10, 100]), 1);
 * ```
 */
export function rankCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new RangeError(
      `rankCorrelation of samples of different sizes: ${a.length} and ${b.length}`,
    );
  }
  return correlation(ranks(a), ranks(b));
}
