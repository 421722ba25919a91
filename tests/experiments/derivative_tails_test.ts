import assert from "node:assert/strict";
import {
  derivativeTails,
  derivativeTailsNote,
  type DerivativeTailsResult,
} from "../../lib/experiments/derivative_tails.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

Deno.test("derivativeTails()", async (t) => {
  const r = derivativeTails({ activations: ["sigmoid", "tanh", "relu", "leakyRelu", "selu"] });

  await t.step("the grid and one |f′| per grid point", () => {
    assert.equal(r.x.length, 121);
    assert.equal(r.x[0], -30);
    assert.equal(r.x[120], 30);
    for (const tail of r.tails) {
      assert.equal(tail.slope.length, 121);
      assert.ok(tail.slope.every((v) => v >= 0));
    }
  });
  await t.step("saturating sides fall far out; the others stay level", () => {
    const [sigmoid, , , leaky, selu] = r.tails;
    assert.ok(sigmoid.slope[0] < 1e-12 && sigmoid.slope[120] < 1e-12);
    assert.ok(leaky.slope.slice(0, 60).every((v) => v === 0.01));
    assert.ok(selu.slope[0] < 1e-12 && selu.slope[120] > 1);
  });
  await t.step("zeros: ReLU's exact, tanh's rounded, sigmoid has none", () => {
    const [sigmoid, tanh, relu] = r.tails;
    assert.equal(sigmoid.exactZeros + sigmoid.roundedZeros, 0);
    assert.equal(sigmoid.exactDerivative, null);
    assert.equal(relu.exactZeros, 61);
    assert.deepEqual(relu.exactZeroRange, [-30, 0]);
    assert.equal(relu.roundedZeros, 0);
    assert.equal(tanh.exactZeros, 0);
    assert.equal(tanh.roundedFrom, 19.5);
    assert.ok(tanh.roundedRange[0] > 0 && tanh.roundedRange[1] < 1e-16);
    assert.equal(tanh.exactDerivative, "sech(x) ^ 2");
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => derivativeTails({ activations: ["relu"], reach: 2, step: 1 }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("derivativeTails", derivativeTails, [
      ...commonOptionCases("activations"),
      [{ reach: 0 }, RangeError, 'option "reach" must be a finite number in [1, 1000], got 0'],
      [{ step: 0 }, RangeError, 'option "step" must be a finite number in [0.001, 10], got 0'],
      [{ alpha: 2 }, RangeError, 'option "alpha" must be a finite number in [0, 1], got 2'],
      [
        { reach: 1000, step: 0.001 },
        RangeError,
        'options "reach" (1000) and "step" (0.001) give 2000001 grid points',
      ],
    ]);
  });
});

Deno.test("derivativeTailsNote()", async (t) => {
  const r = derivativeTails({
    activations: ["tanh", "relu", "leakyRelu", "elu"],
    alpha: 0,
    eluAlpha: 0,
  });
  await t.step("exact zeros on the same stretch are named together", () => {
    assert.equal(
      derivativeTailsNote(r, ["relu", "leakyRelu", "elu"]),
      "The f′ of ReLU, LeakyReLU and ELU is exactly 0 on [−30, 0] (their formulas' " +
        "derivatives are 0 there).",
    );
  });
  await t.step("rounded zeros give the exact values", () => {
    assert.match(
      derivativeTailsNote(r, ["tanh"]),
      /^Tanh's f′ rounds to 0 in float64 for \|x\| ≥ 19\.5, where the exact sech\(x\)² is between 3\.503×10⁻²⁶ and 4\.619×10⁻¹⁷\.$/,
    );
  });
  await t.step("a single zero, one rounded value, and no zero at all", () => {
    const one: DerivativeTailsResult = {
      options: r.options,
      x: [0],
      tails: [{
        activation: "relu",
        label: "A",
        slope: [0],
        exactZeros: 1,
        exactZeroRange: [0, 0],
        roundedZeros: 0,
        roundedFrom: null,
        roundedRange: [],
        exactDerivative: "0",
      }, {
        activation: "tanh",
        label: "B",
        slope: [0],
        exactZeros: 0,
        exactZeroRange: [],
        roundedZeros: 1,
        roundedFrom: 20,
        roundedRange: [1e-18, 1e-18],
        exactDerivative: "sech(x) ^ 2",
      }],
    };
    assert.equal(
      derivativeTailsNote(one),
      "A's f′ is exactly 0 at x = 0 (its formula's derivative is 0 there); B's f′ rounds to 0 " +
        "in float64 for |x| ≥ 20, where the exact sech(x)² is 1×10⁻¹⁸.",
    );
    assert.equal(derivativeTailsNote(derivativeTails({ activations: ["sigmoid"], reach: 5 })), "");
  });
});
