/**
 * Confidence intervals for a mean from a few runs: Student's t distribution (its CDF through the
 * regularized incomplete beta function, its quantile by bisection) and the t interval of a
 * sample's mean — what "mean test error over 5 seeds, with a 95 % interval" rests on.
 *
 * @module
 */

import { mean, standardDeviation } from "./summary.ts";

// Lanczos approximation (g = 7, 9 terms), good to about 15 digits for x > 0.
const LANCZOS = [
  0.99999999999980993,
  676.5203681218851,
  -1259.1392167224028,
  771.32342877765313,
  -176.61502916214059,
  12.507343278686905,
  -0.13857109526572012,
  9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/**
 * ln Γ(x) for x > 0 (Lanczos' approximation, about 15 significant digits).
 *
 * @example
 * ```ts
 * import { logGamma } from "./interval.ts";
 * import assert from "node:assert/strict";
 * assert.ok(Math.abs(logGamma(5) - Math.log(24)) < 1e-13); // Γ(5) = 4!
 * assert.ok(Math.abs(logGamma(0.5) - Math.log(Math.sqrt(Math.PI))) < 1e-13);
 * ```
 */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) {
    throw new RangeError(`logGamma needs a finite x > 0, got ${x}`);
  }
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** The continued fraction of I_x(a, b) (modified Lentz), valid for x < (a + 1) / (a + b + 2). */
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    for (
      const num of [
        (m * (b - m) * x) / ((a + m2 - 1) * (a + m2)),
        (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1)),
      ]
    ) {
      d = 1 + num * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + num / c;
      if (Math.abs(c) < tiny) c = tiny;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-16) return h;
  }
  return h; // 500 terms: converged to rounding for every a, b this module uses
}

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), for x in [0, 1] and
 * a, b > 0: the CDF of the Beta(a, b) distribution.
 *
 * @example
 * ```ts
 * import { incompleteBeta } from "./interval.ts";
 * import assert from "node:assert/strict";
 * assert.ok(Math.abs(incompleteBeta(0.3, 1, 1) - 0.3) < 1e-14); // Beta(1, 1) is uniform
 * assert.ok(Math.abs(incompleteBeta(0.5, 2, 2) - 0.5) < 1e-14); // symmetric
 * assert.throws(() => incompleteBeta(1.5, 1, 1), RangeError);
 * ```
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (!(x >= 0 && x <= 1) || !(a > 0) || !(b > 0) || !Number.isFinite(a + b)) {
    throw new RangeError(
      `incompleteBeta needs x in [0, 1] and finite a, b > 0, got x = ${x}, a = ${a}, b = ${b}`,
    );
  }
  if (x === 0 || x === 1) return x;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x),
  );
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(x, a, b)) / a
    : 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function checkDf(df: number, where: string): void {
  if (!(df > 0) || !Number.isFinite(df)) {
    throw new RangeError(`${where} needs finite degrees of freedom df > 0, got ${df}`);
  }
}

/**
 * P(T ≤ t) for Student's t distribution with `df` degrees of freedom.
 *
 * @example
 * ```ts
 * import { tCdf } from "./interval.ts";
 * import assert from "node:assert/strict";
 * assert.equal(tCdf(0, 3), 0.5);
 * assert.ok(Math.abs(tCdf(1, 1) - 0.75) < 1e-14); // Cauchy: 1/2 + atan(1)/π
 * ```
 */
export function tCdf(t: number, df: number): number {
  checkDf(df, "tCdf");
  if (Number.isNaN(t)) throw new RangeError("tCdf needs a number t, got NaN");
  if (t === 0) return 0.5;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

/**
 * The quantile of Student's t distribution: the t with P(T ≤ t) = p, for p in (0, 1) and `df`
 * degrees of freedom, found by bisection on {@linkcode tCdf} to within 1e-12 relative.
 *
 * @example
 * ```ts
 * import { tQuantile } from "./interval.ts";
 * import assert from "node:assert/strict";
 * assert.ok(Math.abs(tQuantile(0.975, 4) - 2.7764451) < 1e-7); // the 95 % interval of 5 runs
 * assert.ok(Math.abs(tQuantile(0.025, 4) + 2.7764451) < 1e-7);
 * ```
 */
export function tQuantile(p: number, df: number): number {
  checkDf(df, "tQuantile");
  if (!(p > 0 && p < 1)) throw new RangeError(`tQuantile needs p in (0, 1), got ${p}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (tCdf(hi, df) < p) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** A mean with its Student t interval. */
export interface MeanInterval {
  /** The sample mean. */
  readonly mean: number;
  /** The lower end of the interval. */
  readonly lower: number;
  /** The upper end of the interval. */
  readonly upper: number;
  /** Half the interval's width: t · s / √n. */
  readonly halfWidth: number;
  /** The number of values. */
  readonly n: number;
  /** The confidence level, e.g. 0.95. */
  readonly level: number;
}

/**
 * The mean of `xs` with its two-sided Student t interval at `level` (default 95 %):
 * mean ± t((1 + level)/2, n − 1) · s/√n, s the sample standard deviation. Needs two values or
 * more; a RangeError otherwise, or on a value that is not finite.
 *
 * @example
 * ```ts
 * import { meanInterval } from "./interval.ts";
 * import assert from "node:assert/strict";
 * const r = meanInterval([1, 2, 3, 4, 5]); // s = √2.5, t(0.975, 4) = 2.7764451
 * assert.equal(r.mean, 3);
 * assert.ok(Math.abs(r.halfWidth - 2.7764451 * Math.sqrt(2.5 / 5)) < 1e-6);
 * assert.equal(r.lower, r.mean - r.halfWidth);
 * ```
 */
export function meanInterval(xs: ArrayLike<number>, level = 0.95): MeanInterval {
  if (xs.length < 2) {
    throw new RangeError(`meanInterval needs 2 values or more, got ${xs.length}`);
  }
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i])) {
      throw new RangeError(`meanInterval needs finite values; value ${i} is ${xs[i]}`);
    }
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`meanInterval needs a level in (0, 1), got ${level}`);
  }
  const m = mean(xs);
  const halfWidth = tQuantile((1 + level) / 2, xs.length - 1) * standardDeviation(xs) /
    Math.sqrt(xs.length);
  return { mean: m, lower: m - halfWidth, upper: m + halfWidth, halfWidth, n: xs.length, level };
}

/** A proportion k/n with its exact (Clopper–Pearson) interval. */
export interface ProportionInterval {
  /** The count, the number of trials and k/n. */
  readonly k: number;
  readonly n: number;
  readonly p: number;
  /** The ends of the interval: 0 when k = 0, 1 when k = n. */
  readonly lower: number;
  readonly upper: number;
  /** The confidence level, e.g. 0.95. */
  readonly level: number;
}

/** The x in [0, 1] where the increasing `f` crosses `target`, by 200 bisections. */
function bisect01(f: (x: number) => number, target: number): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The proportion `k` of `n` with its exact two-sided Clopper–Pearson interval at `level`
 * (default 95 %): the `p` for which P(X ≥ k) and P(X ≤ k), X ~ Binomial(n, p), are each
 * (1 − level)/2, found from the incomplete beta function, I_p(k, n − k + 1) = (1 − level)/2 and
 * I_p(k + 1, n − k) = (1 + level)/2. A RangeError names a count that is not a whole number in
 * 0 … n, an n below 1, or a level outside (0, 1).
 *
 * @example
 * ```ts
 * import { proportionInterval } from "./interval.ts";
 * import assert from "node:assert/strict";
 * const none = proportionInterval(0, 10); // upper end: 1 − 0.025^(1/10)
 * assert.equal(none.lower, 0);
 * assert.ok(Math.abs(none.upper - (1 - 0.025 ** (1 / 10))) < 1e-12);
 * const half = proportionInterval(16, 32);
 * assert.ok(half.lower < 0.5 && half.upper > 0.5);
 * ```
 */
export function proportionInterval(k: number, n: number, level = 0.95): ProportionInterval {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`proportionInterval needs a whole number of trials n ≥ 1, got ${n}`);
  }
  if (!Number.isInteger(k) || k < 0 || k > n) {
    throw new RangeError(`proportionInterval needs a whole count k in 0 … ${n}, got ${k}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`proportionInterval needs a level in (0, 1), got ${level}`);
  }
  const tail = (1 - level) / 2;
  const lower = k === 0 ? 0 : bisect01((p) => incompleteBeta(p, k, n - k + 1), tail);
  const upper = k === n ? 1 : bisect01((p) => incompleteBeta(p, k + 1, n - k), 1 - tail);
  return { k, n, p: k / n, lower, upper, level };
}
