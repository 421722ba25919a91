import assert from "node:assert/strict";
import {
  slopeBound,
  slopeBoundFinding,
  type SlopeBoundResult,
} from "../../lib/experiments/slope_bound.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

Deno.test("slopeBound()", async (t) => {
  const r = slopeBound({ points: 2001 });

  await t.step("sigmoid: the largest slope is 1/4 at 0, the smallest positive", () => {
    assert.equal(r.peak.slope, 0.25);
    assert.ok(Math.abs(r.peak.x) < 1e-6);
    assert.equal(r.gridMax.x, 0); // an odd grid has a point at exactly 0
    assert.equal(r.gridMax.slope, 0.25);
    assert.ok(r.gridMin.slope > 0 && r.gridMin.slope < 1e-8);
    assert.equal(Math.abs(r.gridMin.x), 20);
  });
  await t.step("float64 rounds σ′ to 0 from x ≈ 36.74 on, and not before", () => {
    assert.ok(r.firstZero !== null);
    assert.ok(Math.abs(r.firstZero - 36.7368) < 1e-3);
    assert.deepEqual(r.rows.map((row) => row.slope).slice(-1), [0]);
    assert.equal(r.rows.length, 4);
  });
  await t.step("an activation whose slope never rounds to 0 on the right has no firstZero", () => {
    const relu = slopeBound({ activation: "relu", points: 11 });
    assert.equal(relu.firstZero, null);
    assert.equal(relu.rows.length, 3);
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => slopeBound({ points: 101 }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("slopeBound", slopeBound, [
      ...commonOptionCases("activation"),
      [{ activation: "swish" }, RangeError, 'option "activation" must be an activation'],
      [{ halfWidth: 0 }, RangeError, 'option "halfWidth" must be a finite number in [1, 1000]'],
      [{ points: 2 }, RangeError, 'option "points" must be an integer in [3, 1000000], got 2'],
      [{ bound: 0 }, RangeError, 'option "bound" must be a finite number > 0, got 0'],
      [{ bound: "1/4" }, TypeError, 'option "bound" must be a finite number > 0, got "1/4"'],
    ]);
  });
});

/** A hand-made sigmoid-like result. */
function made(parts: Partial<SlopeBoundResult>): SlopeBoundResult {
  return {
    options: { activation: "sigmoid", halfWidth: 20, points: 40001, bound: 0.25 },
    label: "Sigmoid",
    peak: { x: 0, slope: 0.25 },
    gridMax: { x: 0, slope: 0.25 },
    gridMin: { x: -20, slope: 2e-9 },
    firstZero: 36.74,
    rows: [],
    ...parts,
  };
}

Deno.test("slopeBoundFinding()", async (t) => {
  await t.step("holds: at most 1/4, at 0, never negative", () => {
    const f = slopeBoundFinding(made({}));
    assert.equal(f.claim, "C1.1");
    assert.equal(f.verdict, "holds");
    assert.equal(
      f.text,
      "σ′ is largest at x = 0, where it is 0.25, and falls away from it, to 2×10⁻⁹ at x = −20: " +
        "σ′ ∈ (0, 1/4]. In float64, though, it rounds to exactly 0 for x ≥ 36.74.",
    );
    const noZero = slopeBoundFinding(made({ firstZero: null, gridMin: { x: -20, slope: 0 } }));
    assert.match(noZero.text, /σ′ ∈ \[0, 1\/4\]\.$/);
  });
  await t.step("holds in part: within the bound, but off 0 or negative somewhere", () => {
    const off = slopeBoundFinding(made({ peak: { x: 1.5, slope: 0.2 } }));
    assert.equal(off.verdict, "holds in part");
    assert.match(off.text, /never exceeds 1\/4 \(largest 0.25\), but its maximum is at x = 1.5/);
    const negative = slopeBoundFinding(made({ gridMin: { x: -3, slope: -0.1 } }));
    assert.equal(negative.verdict, "holds in part");
    assert.match(negative.text, /it is negative somewhere \(−0.1 at x = −3\)/);
  });
  await t.step("does not hold: a slope above the bound, named with the activation", () => {
    const f = slopeBoundFinding(made({
      options: { activation: "tanh", halfWidth: 20, points: 101, bound: 0.25 },
      label: "Tanh",
      peak: { x: 1e-9, slope: 1 },
      gridMax: { x: 0, slope: 1 },
    }));
    assert.equal(f.verdict, "does not hold");
    assert.equal(f.text, "Tanh′ reaches 1 at x = 0, above the article's bound 1/4.");
    const other = slopeBoundFinding(made({
      options: { activation: "sigmoid", halfWidth: 20, points: 101, bound: 0.3 },
      gridMax: { x: 2, slope: 0.5 },
    }));
    assert.match(other.text, /reaches 0.5 at x = 2, above the article's bound 0.3/);
  });
  await t.step("inconclusive: the largest slope is at the end of the domain", () => {
    const f = slopeBoundFinding(
      made({ peak: { x: 20, slope: 0.2 }, gridMax: { x: 20, slope: 0.2 } }),
    );
    assert.equal(f.verdict, "inconclusive");
    assert.match(
      f.text,
      /lies at the end of the domain searched \(x = 20\): a larger one may lie beyond ±20/,
    );
  });
});
