import assert from "node:assert/strict";
import {
  reluSaturationFinding,
  saturationEdges,
  saturationSides,
  saturationSidesFinding,
  type SaturationSidesResult,
  slopeCurve,
} from "../../lib/experiments/saturation_sides.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

Deno.test("saturationEdges()", async (t) => {
  await t.step("sigmoid: symmetric edges where σ′ = threshold", () => {
    const e = saturationEdges("sigmoid", 0.01);
    assert.equal(e.maxSlope, 0.25);
    assert.ok(e.right !== null && e.left !== null);
    assert.equal(e.left, -e.right);
    assert.ok(
      Math.abs((1 / (1 + Math.exp(-e.right))) * (1 / (1 + Math.exp(e.right))) - 0.0025) < 1e-9,
    );
  });
  await t.step("one-sided and never-saturating activations", () => {
    assert.deepEqual(saturationEdges("relu", 0.01), {
      maxSlope: 1,
      threshold: 0.01,
      left: 0,
      right: null,
    });
    const leaky = saturationEdges("leakyRelu", 0.005);
    assert.equal(leaky.left, null);
    assert.equal(leaky.right, null);
  });
  await t.step("bad arguments throw", () => {
    assert.throws(() => saturationEdges("sigmoid", 0), /fraction must be in \(0, 1\), got 0/);
    assert.throws(
      () => saturationEdges("sigmoid", 0.1, -1),
      /far must be a finite number > 0, got -1/,
    );
  });
});

Deno.test("saturationSides()", async (t) => {
  const r = saturationSides();
  await t.step("sigmoid's slope falls toward 0 on both sides, as the registry says", () => {
    assert.deepEqual(r.rows.map((row) => row.x), [2, 5, 10, 20, 40]);
    for (const row of r.rows) assert.ok(row.left >= 0 && row.left <= 0.25 && row.right >= 0);
    assert.deepEqual(r.measured, { left: true, right: true });
    assert.deepEqual(r.declared, { left: true, right: true });
    assert.equal(r.edges.threshold, 0.0025);
  });
  await t.step("ReLU saturates on the left only, LeakyReLU on neither side", () => {
    assert.deepEqual(saturationSides({ activation: "relu" }).measured, {
      left: true,
      right: false,
    });
    const leaky = saturationSides({ activation: "leakyRelu" });
    assert.deepEqual(leaky.measured, { left: false, right: false });
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => saturationSides({ at: [1, 3] }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("saturationSides", saturationSides, [
      ...commonOptionCases("activation"),
      [{ fraction: 1 }, RangeError, 'option "fraction" must be a finite number in (0, 1), got 1'],
      [{ at: [] }, RangeError, 'option "at" must be an array of 1 or more items'],
      [{ at: [2, -1] }, RangeError, "item 1 is -1"],
      [
        { at: [5, 2] },
        RangeError,
        'option "at" must be in increasing order, got at[0] = 5 and at[1] = 2',
      ],
      [{ activation: "Sigmoid" }, RangeError, 'option "activation" must be an activation'],
    ]);
  });
});

/** A hand-made sigmoid result with the sides replaced. */
function made(
  measured: { left: boolean; right: boolean },
  declared = measured,
): SaturationSidesResult {
  const r = saturationSides();
  const edges = {
    ...r.edges,
    left: measured.left ? r.edges.left : null,
    right: measured.right ? r.edges.right : null,
  };
  return { ...r, edges, measured, declared };
}

Deno.test("saturationSidesFinding()", async (t) => {
  await t.step("holds: both sides", () => {
    const f = saturationSidesFinding(saturationSides());
    assert.equal(f.claim, "C1.3 (both sides)");
    assert.equal(f.verdict, "holds");
    assert.equal(
      f.text,
      "σ′ goes from 0.105 at x = −2 to 4.248×10⁻¹⁸ at x = −40 on the left, and from 0.105 to 0 " +
        "(rounded, in float64) at x = 40 on the right. Sigmoid saturates on the left and on the " +
        "right: σ′ is below 1 % of its maximum (0.0025) for x < −5.986 and x > 5.986.",
    );
  });
  await t.step("holds in part: one side", () => {
    const f = saturationSidesFinding(made({ left: false, right: true }));
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /Sigmoid saturates on the right only: σ′ is below .* for x > 5.986\.$/);
    const elu = saturationSidesFinding(saturationSides({ activation: "elu" }));
    assert.match(elu.text, /^ELU′ goes from 0.1353 .* ELU saturates on the left only/);
  });
  await t.step("does not hold: neither side", () => {
    const f = saturationSidesFinding(made({ left: false, right: false }));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /Sigmoid saturates on neither side\.$/);
  });
  await t.step("inconclusive: the measurement disagrees with the registry", () => {
    const f = saturationSidesFinding(saturationSides({ at: [1, 2] }));
    assert.equal(f.verdict, "inconclusive");
    assert.match(
      f.text,
      /disagrees with the registry's declaration \(left: true, right: true\); evaluate it further out\.$/,
    );
    const g = saturationSidesFinding(
      made({ left: true, right: true }, { left: true, right: false }),
    );
    assert.equal(g.verdict, "inconclusive");
  });
});

Deno.test("slopeCurve()", () => {
  const c = slopeCurve("sigmoid", -2, 2, 5);
  assert.deepEqual(c.x, [-2, -1, 0, 1, 2]);
  assert.equal(c.df[2], 0.25);
  assert.equal(c.label, "Sigmoid");
  assert.throws(() => slopeCurve("relu", 1, 0), /need finite from < to, got \[1, 0\]/);
  assert.throws(() => slopeCurve("relu", 0, 1, 1), /points must be an integer ≥ 2, got 1/);
});

Deno.test("reluSaturationFinding()", async (t) => {
  const relu = saturationSides({ activation: "relu" });
  await t.step("holds: left only, exactly 0", () => {
    const f = reluSaturationFinding(relu);
    assert.equal(f.claim, "C2.2");
    assert.equal(f.verdict, "holds");
    assert.equal(
      f.text,
      "ReLU′ is exactly 0 at every x from −2 to −40 and 1 on the right: ReLU saturates on the " +
        "left only, and its left side is not small but 0, so a unit there passes no gradient at all.",
    );
  });
  await t.step("holds in part: left only, approaching 0 (ELU)", () => {
    const f = reluSaturationFinding(saturationSides({ activation: "elu" }));
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /saturated on the left only, but approaching 0 rather than 0\.$/);
  });
  await t.step("does not hold: both sides, or neither", () => {
    assert.match(
      reluSaturationFinding(saturationSides()).text,
      /Sigmoid saturates on both sides\.$/,
    );
    const leaky = reluSaturationFinding(saturationSides({ activation: "leakyRelu" }));
    assert.equal(leaky.verdict, "does not hold");
    assert.match(leaky.text, /saturates on neither side\.$/);
    const right = {
      ...relu,
      measured: { left: false, right: true },
      declared: { left: false, right: true },
    };
    assert.match(reluSaturationFinding(right).text, /saturates on the right only\.$/);
  });
  await t.step("inconclusive: the registry disagrees", () => {
    const f = reluSaturationFinding({ ...relu, declared: { left: true, right: true } });
    assert.equal(f.verdict, "inconclusive");
    assert.match(
      f.text,
      /disagrees with the registry's declaration \(left: true, right: true\)\.$/,
    );
  });
});
