import assert from "node:assert/strict";
import {
  killedGradientFinding,
  leakyReluSlope,
  leakyReluSlopeFinding,
  type LeakyReluSlopeResult,
} from "../../lib/experiments/leaky_relu_slope.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { train: 40, hidden: 8, killed: 4, batchSize: 16 } as const;

Deno.test("leakyReluSlope()", async (t) => {
  const r = await leakyReluSlope({ ...tiny, alphas: [0.01, 0.1] });
  await t.step("shapes and the registry's slopes", () => {
    assert.equal(r.zoom.x.length, 121);
    assert.equal(r.rows.length, 7);
    assert.deepEqual(r.negativeSlope, [0.01, 0.01]);
    assert.deepEqual(r.positiveSlope, [1, 1]);
    assert.deepEqual(r.gradient.map((g) => g.label), [
      "ReLU",
      "LeakyReLU α = 0.01",
      "LeakyReLU α = 0.1",
    ]);
  });
  await t.step("the claim's property: killed ReLU units get 0, LeakyReLU ones more with α", () => {
    assert.equal(r.gradient[0].killed, 0);
    assert.ok(r.gradient[0].live > 0);
    assert.ok(0 < r.gradient[1].killed && r.gradient[1].killed < r.gradient[2].killed);
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => leakyReluSlope({ ...tiny, alphas: [0.2] }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("leakyReluSlope", leakyReluSlope, [
      ...commonOptionCases("alphas"),
      [{ alphas: [2] }, RangeError, 'option "alphas" must be an array'],
      [{ train: 0 }, RangeError, 'option "train" must be an integer in [1, 10000], got 0'],
      [{ margin: -1 }, RangeError, 'option "margin" must be a finite number in [0, 100]'],
      [{ hidden: 8, killed: 8 }, RangeError, 'option "killed" must be below "hidden" (8), got 8'],
      [{ seed: "1" }, TypeError, 'option "seed" must be an integer ≥ 0, got "1"'],
    ]);
  });
});

function made(
  alpha: number,
  slopes: [number, number] = [alpha, alpha],
  gradient: LeakyReluSlopeResult["gradient"] = [],
): LeakyReluSlopeResult {
  return {
    options: {
      alphas: [alpha],
      train: 10,
      hidden: 4,
      killed: 2,
      margin: 0.05,
      batchSize: 4,
      seed: 1,
    },
    zoom: { x: [], f: [], df: [], relu: [] },
    rows: [],
    negativeSlope: slopes,
    positiveSlope: [1, 1],
    gradient,
  };
}

Deno.test("leakyReluSlopeFinding()", async (t) => {
  await t.step("holds: slope α > 0 on the left", () => {
    const f = leakyReluSlopeFinding(made(0.01));
    assert.equal(f.verdict, "holds");
    assert.match(f.text, /exactly α = 0\.01 .* α times the upstream gradient passes\.$/);
  });
  await t.step("holds in part: α = 0 is ReLU", () => {
    const f = leakyReluSlopeFinding(made(0));
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /With α = 0 the graph is ReLU's/);
  });
  await t.step("does not hold: another slope", () => {
    const f = leakyReluSlopeFinding(made(0.01, [0, 0.01]));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /runs from 0 to 0\.01 on \[−50, 0\]/);
  });
});

const row = (label: string, alpha: number | null, killed: number) => ({
  label,
  alpha,
  killed,
  live: 1,
  ratio: killed,
});

Deno.test("killedGradientFinding()", async (t) => {
  await t.step("holds: 0 for ReLU, > 0 for LeakyReLU", () => {
    const f = killedGradientFinding(
      made(0.01, undefined, [row("ReLU", null, 0), row("LeakyReLU α = 0.01", 0.01, 0.014)]),
    );
    assert.equal(f.verdict, "holds");
    assert.equal(f.claim, "C3.1 (gradient)");
    assert.match(
      f.text,
      /exactly 0, a killed LeakyReLU unit 0\.014 of a live unit's \(α = 0\.01\)/,
    );
  });
  await t.step("does not hold: a killed LeakyReLU unit with α > 0 gets 0", () => {
    const f = killedGradientFinding(
      made(0.01, undefined, [row("ReLU", null, 0), row("LeakyReLU α = 0.01", 0.01, 0)]),
    );
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /With α = 0\.01 the killed LeakyReLU units get no gradient at all\./);
  });
  await t.step("inconclusive: the kill failed, or no α > 0", () => {
    const failed = killedGradientFinding(
      made(0.01, undefined, [row("ReLU", null, 0.3), row("LeakyReLU α = 0.01", 0.01, 0.1)]),
    );
    assert.equal(failed.verdict, "inconclusive");
    assert.match(failed.text, /kill did not hold/);
    const zero = killedGradientFinding(
      made(0, undefined, [row("ReLU", null, 0), row("LeakyReLU α = 0", 0, 0)]),
    );
    assert.equal(zero.verdict, "inconclusive");
    assert.match(zero.text, /no slope α > 0 was measured/);
  });
});
