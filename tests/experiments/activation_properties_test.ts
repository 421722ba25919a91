import assert from "node:assert/strict";
import {
  activationProperties,
  type ActivationPropertiesResult,
  type ActivationPropertiesRow,
  activationPropertiesText,
} from "../../lib/experiments/activation_properties.ts";
import { activationNames } from "../../lib/activations/registry.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

Deno.test("activationProperties()", async (t) => {
  const r = activationProperties();

  await t.step("one row per activation, the declarations agree at the defaults", () => {
    assert.deepEqual(r.rows.map((row) => row.activation), activationNames);
    assert.deepEqual(r.disagreements, []);
    assert.equal(r.rows.filter((row) => row.article).length, 7);
  });
  await t.step("the limits and sides: sigmoid both, ReLU left, LeakyReLU none", () => {
    const row = (name: string) => r.rows.find((x) => x.activation === name)!;
    assert.equal(row("sigmoid").sides, "both");
    assert.equal(row("relu").sides, "left");
    assert.equal(row("leakyRelu").sides, "none");
    assert.equal(row("leakyRelu").slopeLeft, 0.01);
    assert.equal(row("relu").range, "[0, ∞)");
    assert.deepEqual(row("prelu").learnable, ["alpha"]);
  });
  await t.step("mean outputs and slopes: known closed forms", () => {
    const row = (name: string) => r.rows.find((x) => x.activation === name)!;
    const close = (a: number, b: number, tol = 1e-9) =>
      assert.ok(Math.abs(a - b) < tol, `${a} ≠ ${b}`);
    close(row("relu").meanOutput, 1 / Math.sqrt(2 * Math.PI));
    close(row("relu").meanSlope, 0.5);
    close(row("sigmoid").meanOutput, 0.5);
    close(row("tanh").meanOutput, 0);
    // E[ELU(Z)] = φ(0) + α(e^½ Φ(−1) − ½), with Φ(−1) = 0.15865525393145707.
    close(
      row("elu").meanOutput,
      1 / Math.sqrt(2 * Math.PI) + Math.exp(0.5) * 0.15865525393145707 - 0.5,
    );
    for (const x of r.rows) assert.ok(x.meanSlope > 0 && x.meanSlope <= 1.06);
  });
  await t.step("parameters change the measured sides: LeakyReLU with α = 0 is ReLU", () => {
    const zero = activationProperties({ activations: ["leakyRelu", "elu"], alpha: 0, eluAlpha: 2 });
    assert.equal(zero.rows[0].sides, "left");
    assert.deepEqual(zero.disagreements, ["LeakyReLU"]);
    assert.ok(zero.rows[1].meanOutput < r.rows.find((x) => x.activation === "elu")!.meanOutput);
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => activationProperties({ activations: ["gelu", "selu"] }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("activationProperties", activationProperties, [
      ...commonOptionCases("activations"),
      [{ activations: [] }, RangeError, 'option "activations" must be an array of 1 or more'],
      [{ activations: ["swish"] }, RangeError, 'item 0 is "swish"'],
      [{ alpha: -0.1 }, RangeError, 'option "alpha" must be a finite number in [0, 1], got -0.1'],
      [{ alpha: "0.1" }, TypeError, 'option "alpha" must be a finite number in [0, 1]'],
      [{ eluAlpha: NaN }, RangeError, 'option "eluAlpha" must be a finite number in [0, 10]'],
      [{ eluAlpha: 11 }, RangeError, 'option "eluAlpha" must be a finite number in [0, 10]'],
    ]);
  });
});

/** A hand-made result from rows given by label, sides, mean output and whether in the article. */
function made(
  rows: Array<
    [label: string, sides: ActivationPropertiesRow["sides"], mean: number, article?: boolean]
  >,
  disagreements: string[] = [],
): ActivationPropertiesResult {
  return {
    options: { activations: ["relu"], alpha: 0.01, eluAlpha: 1 },
    disagreements,
    rows: rows.map(([label, sides, meanOutput, article = true]) => ({
      activation: "relu",
      label,
      article,
      declaredSides: sides,
      slopeLeft: 0,
      slopeRight: 1,
      sides,
      declaredZeroCentred: "no",
      meanOutput,
      meanSlope: 0.5,
      range: "[0, ∞)",
      learnable: [],
    })),
  };
}

Deno.test("activationPropertiesText()", async (t) => {
  await t.step("the defaults: ELU comes closest", () => {
    const text = activationPropertiesText(activationProperties());
    assert.match(text, /^Measured at ±∞, Sigmoid and Tanh saturate on both sides; ReLU, ELU/);
    assert.match(text, /LeakyReLU, RReLU and PReLU on neither side, as the registry declares\./);
    assert.match(text, /For standard normal inputs Tanh and SELU have a zero mean output/);
    assert.match(
      text,
      /the mean outputs are ELU's 0\.1605 and ReLU's 0\.3989, so ELU comes closest\.$/,
    );
  });
  await t.step("a disagreement, one right-saturating activation, no zero mean", () => {
    const text = activationPropertiesText(made([["A", "right", 0.3], ["B", "none", 0.2]], ["A"]));
    assert.match(text, /^Measured at ±∞, A saturates on the right only; B on neither side; with/);
    assert.match(text, /A saturates otherwise than the registry declares/);
    assert.match(text, /no activation here has a zero mean output/);
    assert.match(
      text,
      /The only one of the article's activations that saturates on one side only is A, and its mean output is 0\.3: none has both properties\./,
    );
  });
  await t.step("two disagreements, a tie, and one with both properties", () => {
    const tie = activationPropertiesText(
      made([["A", "left", 0.4], ["B", "left", -0.4]], ["A", "B"]),
    );
    assert.match(tie, /A and B saturate otherwise/);
    assert.match(tie, /so A and B come equally close\./);
    const both = activationPropertiesText(
      made([["A", "left", 0], ["B", "left", 1e-12], ["C", "both", 0]]),
    );
    assert.match(both, /A, B and C have a zero mean output/);
    assert.match(both, /Of the article's activations, A and B have both properties\./);
    const one = activationPropertiesText(made([["A", "left", 0]]));
    assert.match(one, /only A has a zero mean output/);
    assert.match(one, /Of the article's activations, A has both properties\./);
  });
  await t.step("no one-sided article activation", () => {
    const text = activationPropertiesText(made([["A", "both", 0.5], ["B", "left", 0.1, false]]));
    assert.match(text, /None of the article's activations here saturates on one side only\./);
  });
});
