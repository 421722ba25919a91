import assert from "node:assert/strict";
import { rankCorrelation, ranks } from "../lib/mod.ts";
import { assertClose } from "./assert_close.ts";

Deno.test("ranks()", async (t) => {
  await t.step("1 … n, ties sharing their mean rank", () => {
    assert.deepEqual(ranks([3, 1, 2]), [3, 1, 2]);
    assert.deepEqual(ranks(Float64Array.of(5, 5, 5)), [2, 2, 2]);
    assert.deepEqual(ranks([]), []);
  });
  await t.step("a NaN is an error", () => {
    assert.throws(() => ranks([1, NaN]), RangeError);
  });
});

Deno.test("rankCorrelation()", async (t) => {
  await t.step("1 − 6Σd²/(n(n² − 1)) without ties", () => {
    // By hand: ranks [4, 1, 5, 3, 2] and [2, 4, 3, 5, 1], Σd² = 22, ρ = 1 − 6·22/(5·24) = −0.1
    assertClose(rankCorrelation([3.5, -1.25, 7, 2, 0.5], [1, 2.5, 2, 4, -1]), -0.1, {
      rtol: 1e-12,
    });
  });
  await t.step("monotone is ±1 whatever the shape; constant is NaN", () => {
    assert.equal(rankCorrelation([1, 2, 3, 4], [1, 8, 27, 64]), 1);
    assert.equal(rankCorrelation([1, 2, 3, 4], [4, 0, -3, -100]), -1);
    assert.ok(Number.isNaN(rankCorrelation([1, 2, 3], [5, 5, 5])));
  });
  await t.step("different sizes are an error", () => {
    assert.throws(() => rankCorrelation([1, 2], [1]), /different sizes: 2 and 1/);
  });
});
