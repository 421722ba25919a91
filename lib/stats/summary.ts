/**
 * Summary statistics of samples: mean, geometric mean, standard deviation, median, quantiles and
 * correlation.
 *
 * @module
 */

/** Throws a RangeError naming `what` when `xs` is empty. */
function nonEmpty(xs: ArrayLike<number>, what: string): void {
  if (xs.length === 0) throw new RangeError(`${what} of an empty sample`);
}

/** The values of `xs`, sorted ascending (NaN is refused: it has no place in an order). */
function sorted(xs: ArrayLike<number>, what: string): number[] {
  nonEmpty(xs, what);
  const s = Array.from(xs);
  if (s.some(Number.isNaN)) throw new RangeError(`${what} of a sample with NaN`);
  return s.sort((a, b) => a - b);
}

/**
 * The arithmetic mean of `xs`. Throws a RangeError on an empty sample.
 *
 * @example
 * ```ts
 * import { mean } from "./summary.ts";
 * import assert from "node:assert/strict";
 * assert.equal(mean([1, 2, 6]), 3);
 * ```
 */
export function mean(xs: ArrayLike<number>): number {
  nonEmpty(xs, "mean");
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i];
  return sum / xs.length;
}

/**
 * The geometric mean of `xs`, exp(mean(log x)): the typical factor of a sample of ratios (a
 * gradient shrinking by 1/4, then by 1, averages to 1/2, not 5/8). Throws a RangeError on an empty
 * sample or a value that is not positive (a zero or negative ratio has no logarithm).
 *
 * @example
 * ```ts
 * import { geometricMean } from "./summary.ts";
 * import assert from "node:assert/strict";
 * assert.equal(geometricMean([0.25, 1]), 0.5);
 * assert.throws(() => geometricMean([1, 0]), /geometric mean of a sample with 0/);
 * ```
 */
export function geometricMean(xs: ArrayLike<number>): number {
  nonEmpty(xs, "geometric mean");
  let s = 0;
  for (let i = 0; i < xs.length; i++) {
    if (!(xs[i] > 0)) {
      throw new RangeError(`geometric mean of a sample with ${xs[i]}: every value must be > 0`);
    }
    s += Math.log(xs[i]);
  }
  return Math.exp(s / xs.length);
}

/**
 * The sample standard deviation of `xs` (divided by n − 1, as numpy's `std(ddof=1)` and
 * PyTorch's `std()`). One value has no spread to estimate from: the result is NaN, as theirs
 * is. Throws a RangeError on an empty sample.
 *
 * @example
 * ```ts
 * import { standardDeviation } from "./summary.ts";
 * import assert from "node:assert/strict";
 * assert.equal(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(32 / 7));
 * assert.ok(Number.isNaN(standardDeviation([3])));
 * ```
 */
export function standardDeviation(xs: ArrayLike<number>): number {
  const m = mean(xs);
  if (xs.length < 2) return NaN;
  let ss = 0;
  for (let i = 0; i < xs.length; i++) ss += (xs[i] - m) ** 2;
  return Math.sqrt(ss / (xs.length - 1));
}

/**
 * The `q`-quantile of `xs`, interpolated linearly between order statistics (numpy's default,
 * Hyndman and Fan's type 7): `quantile(xs, 0)` is the minimum, `quantile(xs, 1)` the maximum.
 * Throws a RangeError on an empty sample, a NaN in it, or `q` outside [0, 1].
 *
 * @example
 * ```ts
 * import { quantile } from "./summary.ts";
 * import assert from "node:assert/strict";
 * assert.equal(quantile([1, 2, 3, 4, 5], 0.25), 2);
 * assert.equal(quantile([10, 20], 0.1), 11);
 * ```
 */
export function quantile(xs: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`a quantile needs q in [0, 1]; got ${q}`);
  const s = sorted(xs, "quantile");
  const at = q * (s.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, s.length - 1);
  return lo === hi ? s[lo] : s[lo] + (s[hi] - s[lo]) * (at - lo);
}

/**
 * The median of `xs`: the middle value, or the mean of the two middle values of an even-sized
 * sample. Throws a RangeError on an empty sample or a NaN in it.
 *
 * @example
 * ```ts
 * import { median } from "./summary.ts";
 * import assert from "node:assert/strict";
 * assert.equal(median([5, 1, 3]), 3);
 * assert.equal(median([51, 94]), 72.5);
 * ```
 */
export function median(xs: ArrayLike<number>): number {
  const s = sorted(xs, "median");
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Pearson's correlation coefficient of the pairs (a[i], b[i]). NaN when either sample is
 * constant (it has no direction to correlate). Throws a RangeError when the lengths differ or the
 * samples are empty.
 *
 * @example
 * ```ts
 * import { correlation } from "./summary.ts";
 * import assert from "node:assert/strict";
 * assert.equal(correlation([1, 2, 3], [2, 4, 6]), 1);
 * assert.equal(correlation([1, 2, 3], [3, 2, 1]), -1);
 * ```
 */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) {
    throw new RangeError(`correlation of samples of different sizes: ${a.length} and ${b.length}`);
  }
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? NaN : Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/**
 * The trailing moving average of `xs` over `window` values: element i is the mean of
 * xs[max(0, i − window + 1) … i], so the first values average what there is so far. Smooths a
 * per-step loss curve without shifting it forward in time.
 *
 * @example
 * ```ts
 * import { movingAverage } from "./summary.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(movingAverage([2, 4, 6, 8], 2), [2, 3, 5, 7]);
 * ```
 */
export function movingAverage(xs: ArrayLike<number>, window: number): number[] {
  if (!Number.isInteger(window) || window < 1) {
    throw new RangeError(`a moving average needs a whole window of at least 1; got ${window}`);
  }
  const out = new Array<number>(xs.length);
  let sum = 0;
  for (let i = 0; i < xs.length; i++) {
    sum += xs[i];
    if (i >= window) sum -= xs[i - window];
    out[i] = sum / Math.min(i + 1, window);
  }
  return out;
}
