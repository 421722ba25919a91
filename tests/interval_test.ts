import assert from "node:assert/strict";
import {
  incompleteBeta,
  logGamma,
  meanInterval,
  proportionInterval,
  tCdf,
  tQuantile,
} from "../lib/stats/interval.ts";

const close = (a: number, b: number, tol: number) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} should be ${b}`);

Deno.test("logGamma()", async (t) => {
  await t.step("factorials and Γ(1/2)", () => {
    for (const [x, f] of [[1, 1], [2, 1], [3, 2], [6, 120], [11, 3628800]]) {
      close(logGamma(x), Math.log(f), 1e-13);
    }
    close(logGamma(0.25), Math.log(3.625609908221908), 1e-13);
  });
  await t.step("x ≤ 0 or not finite is an error", () => {
    for (const x of [0, -1, NaN, Infinity]) assert.throws(() => logGamma(x), RangeError);
  });
});

Deno.test("incompleteBeta()", async (t) => {
  await t.step("known values: Beta(2, 3)'s CDF 6x² − 8x³ + 3x⁴, both branches", () => {
    for (const x of [0.05, 0.4, 0.7, 0.95]) {
      close(incompleteBeta(x, 2, 3), 6 * x ** 2 - 8 * x ** 3 + 3 * x ** 4, 1e-13);
    }
    assert.equal(incompleteBeta(0, 2, 3), 0);
    assert.equal(incompleteBeta(1, 2, 3), 1);
  });
  await t.step("I_x(a, b) = 1 − I_{1−x}(b, a)", () => {
    close(incompleteBeta(0.3, 2.5, 0.5), 1 - incompleteBeta(0.7, 0.5, 2.5), 1e-13);
  });
  await t.step("bad arguments are errors", () => {
    assert.throws(() => incompleteBeta(-0.1, 1, 1), /x in \[0, 1\]/);
    assert.throws(() => incompleteBeta(0.5, 0, 1), RangeError);
    assert.throws(() => incompleteBeta(0.5, 1, NaN), RangeError);
  });
});

Deno.test("tCdf() and tQuantile()", async (t) => {
  // mpmath (30 digits): the root of its betainc-based CDF
  const known: [number, number, number][] = [
    [0.975, 1, 12.706204736174698],
    [0.975, 2, 4.302652729749464],
    [0.975, 4, 2.7764451051977934],
    [0.95, 10, 1.8124611228116759],
    [0.975, 30, 2.0422724563012373],
    [0.995, 5, 4.032142983557536],
    [0.975, 1000, 1.9623390808264078],
    [0.6, 3, 0.27667066233268985],
  ];
  await t.step("quantiles against mpmath to 1e-9", () => {
    for (const [p, df, want] of known) close(tQuantile(p, df), want, 1e-9);
  });
  await t.step("the CDF inverts the quantile, and is symmetric", () => {
    for (const [p, df, q] of known) {
      close(tCdf(q, df), p, 1e-9);
      close(tCdf(-q, df), 1 - p, 1e-9);
      close(tQuantile(1 - p, df), -q, 1e-9);
    }
    assert.equal(tQuantile(0.5, 7), 0);
    close(tCdf(1, 2), 0.5 + 1 / (2 * Math.sqrt(3)), 1e-14);
  });
  await t.step("bad arguments are errors", () => {
    assert.throws(() => tQuantile(1, 4), /p in \(0, 1\), got 1/);
    assert.throws(() => tQuantile(0.9, 0), /df > 0, got 0/);
    assert.throws(() => tCdf(NaN, 3), /got NaN/);
    assert.throws(() => tCdf(1, Infinity), RangeError);
  });
});

Deno.test("meanInterval()", async (t) => {
  await t.step("mean ± t·s/√n at 95 % and 90 %", () => {
    const xs = [2.1, 1.9, 2.4, 2.0, 2.2];
    const s = Math.sqrt(xs.reduce((a, x) => a + (x - 2.12) ** 2, 0) / 4);
    const r = meanInterval(xs);
    close(r.mean, 2.12, 1e-14);
    close(r.halfWidth, 2.7764451051977934 * s / Math.sqrt(5), 1e-9);
    assert.equal(r.n, 5);
    assert.equal(r.level, 0.95);
    close(r.upper - r.lower, 2 * r.halfWidth, 1e-14);
    const r90 = meanInterval(xs, 0.9);
    assert.ok(r90.halfWidth < r.halfWidth);
  });
  await t.step("equal values: a zero-width interval", () => {
    assert.deepEqual(meanInterval([3, 3]), {
      mean: 3,
      lower: 3,
      upper: 3,
      halfWidth: 0,
      n: 2,
      level: 0.95,
    });
  });
  await t.step("one value, a NaN or a bad level is an error", () => {
    assert.throws(() => meanInterval([1]), /2 values or more, got 1/);
    assert.throws(() => meanInterval([1, NaN]), /value 1 is NaN/);
    assert.throws(() => meanInterval([1, 2], 1), /level in \(0, 1\)/);
  });
});

/** P(X ≤ k) for X ~ Binomial(n, p), summed term by term (independent of the beta function). */
function binomialCdf(k: number, n: number, p: number): number {
  let term = (1 - p) ** n; // P(X = 0)
  let sum = term;
  for (let i = 1; i <= k; i++) {
    term *= ((n - i + 1) / i) * (p / (1 - p));
    sum += term;
  }
  return sum;
}

Deno.test("proportionInterval()", async (t) => {
  await t.step("each end leaves (1 − level)/2 in its binomial tail, summed directly", () => {
    for (const [k, n, level] of [[10, 32, 0.95], [18, 32, 0.95], [1, 40, 0.9], [39, 40, 0.99]]) {
      const r = proportionInterval(k, n, level);
      const tail = (1 - level) / 2;
      close(1 - binomialCdf(k - 1, n, r.lower), tail, 1e-9); // P(X ≥ k) at the lower end
      close(binomialCdf(k, n, r.upper), tail, 1e-9); // P(X ≤ k) at the upper end
      assert.ok(r.lower < r.p && r.p < r.upper);
      assert.deepEqual([r.k, r.n, r.p, r.level], [k, n, k / n, level]);
    }
  });

  await t.step("0 and n: one end is exact, 1 − (tail)^(1/n) or its mirror", () => {
    const none = proportionInterval(0, 32);
    const all = proportionInterval(32, 32);
    assert.equal(none.lower, 0);
    assert.equal(all.upper, 1);
    close(none.upper, 1 - 0.025 ** (1 / 32), 1e-12);
    close(all.lower, 0.025 ** (1 / 32), 1e-12);
  });

  await t.step("k and n − k mirror each other", () => {
    for (let k = 0; k <= 12; k++) {
      const a = proportionInterval(k, 12);
      const b = proportionInterval(12 - k, 12);
      close(a.lower, 1 - b.upper, 1e-12);
      close(a.upper, 1 - b.lower, 1e-12);
    }
  });

  await t.step("a bad count, n or level names itself", () => {
    assert.throws(() => proportionInterval(3, 0), /whole number of trials n ≥ 1, got 0/);
    assert.throws(() => proportionInterval(3.5, 10), /whole count k in 0 … 10, got 3.5/);
    assert.throws(() => proportionInterval(11, 10), /whole count k in 0 … 10, got 11/);
    assert.throws(() => proportionInterval(-1, 10), /got -1/);
    assert.throws(() => proportionInterval(3, 10, 1), /level in \(0, 1\), got 1/);
    assert.throws(() => proportionInterval(3, 10, NaN), /level in \(0, 1\), got NaN/);
  });
});
