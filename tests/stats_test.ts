import assert from "node:assert/strict";
import {
  binomialTail,
  correlation,
  geometricMean,
  mean,
  median,
  movingAverage,
  quantile,
  signTest,
  standardDeviation,
} from "../lib/mod.ts";
import { assertClose } from "./assert_close.ts";

// Reference values from numpy 1.24 (Debian): np.mean, np.std(ddof=1), np.median, np.quantile
// (its default linear method) and np.corrcoef of these samples.
const X = [3.5, -1.25, 7.0, 2.0, 0.5, 9.75, -4.0];
const Y = [1.0, 2.5, 2.0, 4.0, -1.0, 3.0, 0.0];

Deno.test("mean(), standardDeviation()", async (t) => {
  await t.step("match numpy on a sample", () => {
    assert.equal(mean(X), 2.5);
    assertClose(standardDeviation(X), 4.732423621500228, { rtol: 1e-15 });
  });
  await t.step("take typed arrays", () => {
    assert.equal(mean(Float64Array.of(1, 2, 3, 6)), 3);
  });
  await t.step("one value: a mean, and no spread (NaN, as numpy and PyTorch)", () => {
    assert.equal(mean([4]), 4);
    assert.ok(Number.isNaN(standardDeviation([4])));
    assert.equal(standardDeviation([4, 4, 4]), 0);
  });
  await t.step("an empty sample throws", () => {
    assert.throws(() => mean([]), /mean of an empty sample/);
    assert.throws(() => standardDeviation([]), RangeError);
  });
});

Deno.test("median(), quantile()", async (t) => {
  await t.step("match numpy", () => {
    assert.equal(median(X), 2);
    assert.equal(median(X.slice(0, 6)), 2.75);
    const expected = [-4, -2.3499999999999996, -0.375, 8.100000000000001, 9.75];
    [0, 0.1, 0.25, 0.9, 1].forEach((q, i) => assertClose(quantile(X, q), expected[i]));
  });
  await t.step("an even-sized median is the mean of the middle two, not one of them", () => {
    assert.equal(median([51, 94]), 72.5);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
  await t.step("the input is not reordered", () => {
    const xs = [3, 1, 2];
    median(xs);
    quantile(xs, 0.5);
    assert.deepEqual(xs, [3, 1, 2]);
  });
  await t.step("errors: empty, NaN, q outside [0, 1]", () => {
    assert.throws(() => median([]), /median of an empty sample/);
    assert.throws(() => median([1, NaN]), /median of a sample with NaN/);
    assert.throws(() => quantile([1, 2], 1.5), /q in \[0, 1\]; got 1.5/);
    assert.throws(() => quantile([1, 2], NaN), RangeError);
  });
});

Deno.test("correlation()", async (t) => {
  await t.step("matches numpy's corrcoef", () => {
    assertClose(correlation(X, Y), 0.45050670755061484, { rtol: 1e-14 });
  });
  await t.step("±1 for exact lines, within [−1, 1] despite rounding", () => {
    assert.equal(correlation([0.1, 0.2, 0.3], [0.3, 0.6, 0.9]), 1);
    assert.equal(correlation([1, 2, 3], [5, 3, 1]), -1);
  });
  await t.step("a constant sample has no correlation: NaN", () => {
    assert.ok(Number.isNaN(correlation([1, 1, 1], [1, 2, 3])));
  });
  await t.step("samples of different sizes throw", () => {
    assert.throws(() => correlation([1, 2], [1, 2, 3]), /different sizes: 2 and 3/);
  });
});

Deno.test("movingAverage()", async (t) => {
  await t.step("the mean of the last `window` values, of what there is at the start", () => {
    assert.deepEqual(movingAverage([2, 4, 6, 8, 10], 3), [2, 3, 4, 6, 8]);
  });
  await t.step("agrees with averaging each window afresh over a long noisy curve", () => {
    const xs = Array.from({ length: 5000 }, (_, i) => Math.sin(i) * 1e3 + i);
    const w = 63;
    const got = movingAverage(xs, w);
    xs.forEach((_, i) => {
      const from = Math.max(0, i - w + 1);
      assertClose(got[i], mean(xs.slice(from, i + 1)), { rtol: 1e-10 });
    });
  });
  await t.step("window 1 is the curve itself; an empty curve stays empty", () => {
    assert.deepEqual(movingAverage([3, 1, 2], 1), [3, 1, 2]);
    assert.deepEqual(movingAverage([], 5), []);
  });
  await t.step("a window that is not a whole number ≥ 1 throws", () => {
    assert.throws(() => movingAverage([1], 0), /at least 1; got 0/);
    assert.throws(() => movingAverage([1], 2.5), RangeError);
  });
});

Deno.test("binomialTail(), signTest()", async (t) => {
  await t.step(
    "binomialTail matches exact sums of binomial coefficients (Python's math.comb)",
    () => {
      assert.equal(binomialTail(30, 0), 1);
      assertClose(binomialTail(30, 15), 0.572232224047184, { rtol: 1e-15 });
      assertClose(binomialTail(30, 22), 0.008062400855123997, { rtol: 1e-15 });
      assert.equal(binomialTail(30, 30), 2 ** -30);
    },
  );
  await t.step("beyond n = 1000, where 2ⁿ overflows, summed in logarithms (math.comb)", () => {
    assertClose(binomialTail(1001, 520), 0.11485440734325303, { rtol: 1e-10 });
    assertClose(binomialTail(2000, 1100), 4.228544767751963e-06, { rtol: 1e-10 });
    assertClose(binomialTail(12_005, 6_500), 5.571221783689088e-20, { rtol: 1e-10 });
    assertClose(binomialTail(12_005, 0), 1, { rtol: 1e-10 });
    assertClose(signTest(6_500, 12_005), 2 * 5.571221783689088e-20, { rtol: 1e-10 });
  });
  await t.step("signTest is symmetric and two-sided", () => {
    assert.equal(signTest(8, 30), signTest(22, 30));
    assertClose(signTest(22, 30), 2 * 0.008062400855123997, { rtol: 1e-15 });
    assert.equal(signTest(1, 1), 1);
    assert.equal(signTest(3, 6), 1);
  });
  await t.step("no comparisons: no evidence, p = 1", () => {
    assert.equal(signTest(0, 0), 1);
  });
  await t.step("p < 0.05 needs at least 6 of 6, 8 of 9, 15 of 20", () => {
    assert.ok(signTest(6, 6) < 0.05 && signTest(5, 6) >= 0.05);
    assert.ok(signTest(8, 9) < 0.05 && signTest(7, 9) >= 0.05);
    assert.ok(signTest(15, 20) < 0.05 && signTest(14, 20) >= 0.05);
  });
  await t.step("counts that are not whole or not in [0, n] throw", () => {
    assert.throws(() => signTest(4, 3), /0 ≤ k ≤ n; got k = 4, n = 3/);
    assert.throws(() => binomialTail(3, -1), RangeError);
    assert.throws(() => signTest(1.5, 3), RangeError);
  });
});

Deno.test("geometricMean()", async (t) => {
  await t.step("matches exp(mean(log x)) in Python's math on X + 5", () => {
    assertClose(geometricMean(X.map((x) => x + 5)), 5.786447631754119, { rtol: 1e-14 });
    assert.equal(geometricMean([4]), 4);
    assert.equal(geometricMean(Float64Array.of(2, 8)), 4);
  });
  await t.step("an empty sample, a zero, a negative value or NaN is an error", () => {
    assert.throws(() => geometricMean([]), { name: "RangeError", message: /empty sample/ });
    for (const bad of [0, -1, NaN]) {
      assert.throws(() => geometricMean([1, bad]), { name: "RangeError", message: /must be > 0/ });
    }
  });
});
