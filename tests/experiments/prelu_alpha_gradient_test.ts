import assert from "node:assert/strict";
import {
  preluAlphaGradient,
  preluAlphaGradientFinding,
  type PreluAlphaGradientResult,
} from "../../lib/experiments/prelu_alpha_gradient.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { points: 7, rows: 6, features: 3 } as const;

Deno.test("preluAlphaGradient()", async (t) => {
  const r = preluAlphaGradient(tiny);
  await t.step("shapes: the grid, one row per α, shared and per-feature α", () => {
    assert.equal(r.grid.x.length, 7);
    assert.deepEqual(r.rows.map((row) => row.alpha), [0.25, -0.5, 0, 1, 3]);
    assert.deepEqual(r.engine.map((e) => [e.mode, e.size, e.engine.length]), [
      ["shared", 1, 1],
      ["channel", 3, 3],
    ]);
  });
  await t.step("the claim's property: ∂f/∂α = x for x ≤ 0 and 0 for x > 0, at any α", () => {
    for (const row of r.rows) {
      assert.equal(row.atMinus2, -2);
      assert.equal(row.atZero, 0);
      assert.equal(row.atPlus2, 0);
    }
    r.grid.x.forEach((x, i) => assert.equal(r.grid.registry[i], x <= 0 ? x : 0));
    assert.ok(r.registryError < 1e-8);
    for (const e of r.engine) assert.ok(e.engineVsRegistry < 1e-12 && e.engineVsNumeric < 1e-7);
    assert.ok(r.sharedMinusSum < 1e-12);
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => preluAlphaGradient({ ...tiny, seed: 3 }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("preluAlphaGradient", preluAlphaGradient, [
      ...commonOptionCases("alpha"),
      [{ alpha: 11 }, RangeError, 'option "alpha" must be a finite number in [-10, 10], got 11'],
      [{ alphas: [0, NaN] }, RangeError, 'option "alphas" must be an array of 0 to 10 items'],
      [{ fdStep: 0 }, RangeError, 'option "fdStep" must be a finite number in (0, 0.1], got 0'],
      [{ points: 2 }, RangeError, 'option "points" must be an integer in [3, 10001], got 2'],
      [{ rows: 0 }, RangeError, 'option "rows" must be an integer in [1, 4096], got 0'],
      [{ features: "8" }, TypeError, 'option "features" must be an integer in [1, 256], got "8"'],
      [{ seed: -1 }, RangeError, 'option "seed" must be an integer ≥ 0, got -1'],
    ]);
  });
});

const made = (
  registryError: number,
  engineError: number,
  roundoff = 1e-9,
): PreluAlphaGradientResult => {
  const r = preluAlphaGradient(tiny);
  return {
    ...r,
    registryError,
    gridRoundoff: roundoff,
    engine: r.engine.map((e) => ({
      ...e,
      engineVsRegistry: engineError,
      engineVsNumeric: engineError,
    })),
  };
};

Deno.test("preluAlphaGradientFinding()", async (t) => {
  await t.step("holds: both agree", () => {
    const f = preluAlphaGradientFinding(made(1e-10, 1e-12));
    assert.equal(f.claim, "C4.1 (∂f/∂α)");
    assert.equal(f.verdict, "holds");
    assert.match(
      f.text,
      /^The registry's ∂f\/∂α is x for x ≤ 0 and 0 for x > 0 at all 5 α checked/,
    );
    assert.match(f.text, /α can be trained like a weight\.$/);
  });
  await t.step("holds in part: one of the two agrees", () => {
    const engineOff = preluAlphaGradientFinding(made(1e-10, 0.1));
    assert.equal(engineOff.verdict, "holds in part");
    assert.match(engineOff.text, /but the engine disagrees/);
    const registryOff = preluAlphaGradientFinding({
      ...made(0.5, 1e-12),
      rows: [made(0.5, 0).rows[0]],
    });
    assert.equal(registryOff.verdict, "holds in part");
    assert.match(registryOff.text, /^The engine is consistent .* off by 0\.5 from its central/);
  });
  await t.step("does not hold: neither agrees", () => {
    const f = preluAlphaGradientFinding(made(0.5, 0.2));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /registry is off by 0\.5 .* engine by 0\.2\.$/);
  });
  await t.step("inconclusive: a step too small for the check", () => {
    const f = preluAlphaGradientFinding(preluAlphaGradient({ ...tiny, fdStep: 1e-14 }));
    assert.equal(f.verdict, "inconclusive");
    assert.match(
      f.text,
      /^With h = 1×10⁻¹⁴ a central difference can be off by .* choose a larger step\.$/,
    );
  });
});
