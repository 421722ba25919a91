import assert from "node:assert/strict";
import {
  alphaWeightDecay,
  alphaWeightDecayFinding,
  type AlphaWeightDecayResult,
} from "../../lib/experiments/alpha_weight_decay.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { hidden: [4, 3] };

Deno.test("alphaWeightDecay()", async (t) => {
  const r = alphaWeightDecay({ ...tiny, prelu: "channel" });
  await t.step("shapes: a row per parameter tensor", () => {
    assert.deepEqual(r.rows.map((row) => row.parameter), [
      "layer1.weight",
      "layer1.bias",
      "layer1.alpha",
      "layer2.weight",
      "layer2.bias",
      "layer2.alpha",
      "layer3.weight",
      "layer3.bias",
    ]);
    assert.equal(r.weights, 784 * 4 + 4 * 3 + 3 * 10);
    assert.deepEqual([r.alphaTensors, r.alphaValues], [2, 7]);
    assert.equal(r.rows[1].minChange, null); // biases start at 0
  });
  await t.step("the claim's property: weights shrink by lr·λ, α stays", () => {
    assert.equal(r.expected, -0.01 * 5e-4);
    assert.ok(r.weightDeviation < 1e-12);
    assert.equal(r.alphaUnchanged, true);
    assert.ok(r.rows.filter((row) => row.kind === "alpha").every((row) => row.maxChange === 0));
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => alphaWeightDecay({ hidden: [2], seed: 4 }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("alphaWeightDecay", alphaWeightDecay, [
      ...commonOptionCases("alpha"),
      [{ alpha: NaN }, RangeError, 'option "alpha" must be a finite number in [-10, 10], got NaN'],
      [{ hidden: [] }, RangeError, 'option "hidden" must be an array of 1 to 20 items'],
      [
        { prelu: "unit" },
        RangeError,
        'option "prelu" must be one of "shared", "channel", got "unit"',
      ],
      [{ lr: 0 }, RangeError, 'option "lr" must be a finite number in (0, 10], got 0'],
      [{ weightDecay: -1 }, RangeError, 'option "weightDecay" must be a finite number in [0, 1]'],
      [{ seed: 0.5 }, RangeError, 'option "seed" must be an integer ≥ 0, got 0.5'],
    ]);
  });
});

const base = alphaWeightDecay({ hidden: [2] });
const made = (over: Partial<AlphaWeightDecayResult>, alpha = 0.25): AlphaWeightDecayResult => ({
  ...base,
  options: { ...base.options, alpha },
  ...over,
});

Deno.test("alphaWeightDecayFinding()", async (t) => {
  await t.step("holds: weights decay, α stays at 0.25", () => {
    const f = alphaWeightDecayFinding(made({}));
    assert.equal(f.claim, "C4.1 (no weight decay)");
    assert.equal(f.verdict, "holds");
    assert.match(
      f.text,
      /^In one step of decay alone every one of the 1,588 weights shrank by 5×10⁻⁶ of its value \(lr·λ = 0\.01 × 5×10⁻⁴\), while all 1 α \(1 tensor\) stayed exactly at 0\.25: SGD leaves α out of weight decay\.$/,
    );
  });
  await t.step("holds in part: α starts elsewhere than He et al.'s 0.25", () => {
    const f = alphaWeightDecayFinding(made({ alphaTensors: 2, alphaValues: 2 }, 0.1));
    assert.equal(f.verdict, "holds in part");
    assert.match(
      f.text,
      /all 2 α \(2 tensors\) stayed exactly at 0\.1.* α starts at 0\.1 here, not He et al.'s 0\.25\.$/,
    );
  });
  await t.step("does not hold: α moved", () => {
    const f = alphaWeightDecayFinding(made({ alphaUnchanged: false }));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /the optimizer decays α\.$/);
  });
  await t.step("inconclusive: no decay to compare with", () => {
    const f = alphaWeightDecayFinding(alphaWeightDecay({ hidden: [2], weightDecay: 0 }));
    assert.equal(f.verdict, "inconclusive");
    assert.match(f.text, /shows nothing: set a weight decay above 0\.$/);
  });
});
