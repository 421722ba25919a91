import assert from "node:assert/strict";
import {
  cellState,
  cellStateFinding,
  type CellStateResult,
} from "../../lib/experiments/cell_state.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

Deno.test("cellState()", async (t) => {
  const r = cellState({ steps: 12 });
  await t.step("shapes: one gradient per step", () => {
    assert.deepEqual(r.steps, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const key of ["cell", "cellNoBias", "rnn"] as const) assert.equal(r[key].length, 12);
  });
  await t.step("along the cell state the gradient is the product of the forget gates", () => {
    assert.ok(Math.abs(r.cell[11] - r.gateProduct) <= 1e-15);
    assert.ok(r.gateMean > 0.9 && r.gateMean < 1);
    assert.ok(r.gateMeanNoBias > 0.3 && r.gateMeanNoBias < 0.7);
    // Each step of the sigmoid RNN multiplies by w·σ′ ≤ w/4 (w = 1).
    r.rnn.forEach((v, t) => assert.ok(Math.abs(v) <= 0.25 ** (t + 1) * (1 + 1e-12)));
    assert.ok(r.rnnPerStep > 0 && r.rnnPerStep <= 0.25);
    assert.ok(r.cell[11] > r.cellNoBias[11]);
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => cellState({ steps: 5, seed: 7 }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("cellState", cellState, [
      ...commonOptionCases("steps"),
      [{ steps: 0 }, RangeError, 'option "steps" must be an integer in [1, 1000], got 0'],
      [{ forgetBias: NaN }, RangeError, 'option "forgetBias" must be a finite number in [-20, 20]'],
      [{ recurrentWeight: "1" }, TypeError, 'option "recurrentWeight" must be a finite number'],
      [
        { inputWeight: 1000 },
        RangeError,
        'option "inputWeight" must be a finite number in [-100, 100]',
      ],
    ]);
  });
});

/** A hand-made result whose last step has the given gradients. */
const made = (cell: number, rnn: number, cellNoBias = 1e-15, forgetBias = 4): CellStateResult => ({
  options: { steps: 50, forgetBias, recurrentWeight: 1, inputWeight: 0.5, seed: 1 },
  steps: Array.from({ length: 50 }, (_, i) => i + 1),
  cell: Array(50).fill(cell),
  cellNoBias: Array(50).fill(cellNoBias),
  rnn: Array(50).fill(rnn),
  gateMean: 0.98,
  gateMeanNoBias: 0.5,
  gateProduct: cell,
  rnnPerStep: 0.2,
});

Deno.test("cellStateFinding()", async (t) => {
  await t.step("holds: the cell state keeps the gradient, the chain loses it", () => {
    const f = cellStateFinding(made(0.4, 1e-35));
    assert.equal(f.claim, "C1.4 (LSTM)");
    assert.equal(f.verdict, "holds");
    assert.equal(
      f.text,
      "After 50 steps the cell state carries ∂c_T/∂c_0 = 0.4 of the gradient back, with forget " +
        "gates near 1 (mean 0.98, bias 4); the sigmoid RNN (w = 1) carries ∂h_T/∂h_0 = 1×10⁻³⁵, " +
        "shrinking by 0.2 per step. With forget-gate bias 0 (mean gate 0.5) the cell state keeps " +
        "only 1×10⁻¹⁵: the additive path helps only while the forget gates stay near 1.",
    );
    const noBias = cellStateFinding(made(0.4, 1e-35, 0.4, 0));
    assert.doesNotMatch(noBias.text, /With forget-gate bias 0/);
  });
  await t.step(
    "holds in part: more than the chain, but vanishing too, or not 1000 times more",
    () => {
      const vanishing = cellStateFinding(made(1e-7, 1e-35));
      assert.equal(vanishing.verdict, "holds in part");
      assert.match(
        vanishing.text,
        /carries more than the sigmoid chain, but loses the gradient too\.$/,
      );
      const close = cellStateFinding(made(0.9, 0.01));
      assert.equal(close.verdict, "holds in part");
      assert.match(close.text, /The cell state carries more, but less than 1000 times as much\./);
    },
  );
  await t.step("does not hold: no more than the chain", () => {
    const f = cellStateFinding(made(1e-80, 1e-35));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /carries ∂h_T\/∂h_0 = 1×10⁻³⁵, shrinking by 0.2 per step\.$/);
  });
  await t.step("inconclusive: too short for either to lose the gradient", () => {
    const f = cellStateFinding({
      ...made(0.9, 0.6),
      steps: [1],
      cell: [0.9],
      rnn: [0.6],
      cellNoBias: [0.5],
    });
    assert.equal(f.verdict, "inconclusive");
    assert.match(f.text, /^After 1 step both still carry more than half of the gradient/);
  });
});
