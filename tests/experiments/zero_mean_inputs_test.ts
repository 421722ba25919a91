import assert from "node:assert/strict";
import {
  type ZeroMeanCell,
  zeroMeanInputs,
  zeroMeanInputsFinding,
  type ZeroMeanInputsResult,
} from "../../lib/experiments/zero_mean_inputs.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { hidden: 8, steps: 40, target: 2, repeats: 1, digits: 256 } as const;

Deno.test("zeroMeanInputs()", async (t) => {
  const seen: number[] = [];
  const r = await zeroMeanInputs({
    ...tiny,
    offsets: [0, 8],
    lrs: [0.3, 3],
    onProgress: (done, total) => {
      seen.push(done);
      assert.equal(total, 4);
    },
  });

  await t.step("shapes: a cell per shift and learning rate, a loss per step", () => {
    assert.deepEqual(r.cells.map((row) => row.map((c) => [c.offset, c.lr])), [
      [[0, 0.3], [0, 3]],
      [[8, 0.3], [8, 3]],
    ]);
    for (const cell of r.cells.flat()) {
      assert.equal(cell.stepsPerSeed.length, 1);
      assert.ok(cell.loss.length <= 40 && cell.loss.length >= 1);
      assert.equal(cell.diverged > 0, cell.loss.length < 40);
    }
    assert.equal(r.trainingDigits, 256);
    assert.ok(r.hiddenStd > 0 && r.hiddenStd < 1);
    assert.deepEqual(seen, [1, 2, 3, 4]);
  });
  await t.step("every run starts from the same loss, whatever the shift", () => {
    // The first smoothed loss is the first step's loss: the bias cancels the shift.
    const first = r.cells.flat().map((c) => c.loss[0]);
    for (const v of first) assert.ok(Math.abs(v - first[0]) < 1e-9, `${v} vs ${first[0]}`);
  });
  await t.step("the claim's property: a large shift rules out the large learning rate", () => {
    assert.ok(r.cells[0][1].steps !== null, "the centred layer learns at lr 3");
    assert.equal(r.cells[1][1].steps, null, "the layer shifted by 8 never gets there at lr 3");
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() =>
      zeroMeanInputs({ ...tiny, offsets: [0, 1], lrs: [1], steps: 20, digits: 128 })
    );
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("zeroMeanInputs", zeroMeanInputs, [
      ...commonOptionCases("offsets"),
      [{ offsets: [0] }, RangeError, 'option "offsets" must be an array of 2 to 8 items'],
      [{ offsets: [0, -1] }, RangeError, "item 1 is -1"],
      [{ offsets: [0.5, 1] }, RangeError, 'option "offsets" must start with 0 (the centred'],
      [{ offsets: [0, 2, 1] }, RangeError, "and increase, got [0, 2, 1]"],
      [{ lrs: [0] }, RangeError, 'option "lrs" must be an array of 1 to 8 items'],
      [{ lrs: [1, 0.1] }, RangeError, 'option "lrs" must increase, got [1, 0.1]'],
      [{ hidden: 0 }, RangeError, 'option "hidden" must be an integer in [1, 512], got 0'],
      [{ steps: 10 }, RangeError, 'option "steps" must be an integer in [20, 5000], got 10'],
      [{ target: 0 }, RangeError, 'option "target" must be a finite number in (0, 2.3]'],
      [{ repeats: 1.5 }, RangeError, 'option "repeats" must be an integer in [1, 10]'],
      [{ digits: 10 }, RangeError, 'option "digits" must be an integer in [64, 9999]'],
      [{ seed: -1 }, RangeError, 'option "seed" must be an integer ≥ 0, got -1'],
      [{ onProgress: 1 }, TypeError, 'option "onProgress" must be a function'],
    ]);
  });
});

/** A hand-made result: `steps[i][j]` for shift offsets[i] and learning rate lrs[j]. */
function made(
  steps: (number | null)[][],
  offsets = [0, 1, 2],
  lrs = [0.3, 1, 3],
): ZeroMeanInputsResult {
  const cells = steps.map((row, i) =>
    row.map((s, j): ZeroMeanCell => ({
      offset: offsets[i],
      lr: lrs[j],
      stepsPerSeed: [s],
      steps: s,
      loss: [2.3],
      diverged: 0,
    }))
  );
  return {
    options: { offsets, lrs, hidden: 32, steps: 300, target: 1, repeats: 1, digits: 2400, seed: 0 },
    trainingDigits: 2400,
    hiddenStd: 0.5,
    cells,
  };
}

Deno.test("zeroMeanInputsFinding()", async (t) => {
  await t.step("holds in part: the same steps at the smallest rate, the fast rates lost", () => {
    const f = zeroMeanInputsFinding(made([[180, 70, 40], [185, 75, null], [190, null, null]]));
    assert.equal(f.claim, "C0.1");
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /centred network brings its training loss below 1 in 40 steps \(lr 3\)/);
    assert.match(
      f.text,
      /c = 2 \(4 standard deviations of its inputs\) in 190 \(lr 0\.3\): 4\.75× as many\./,
    );
    assert.match(
      f.text,
      /Yet at lr 0\.3 the steps are 180, 185 and 190 for c = 0, 1 and 2: the non-zero mean/,
    );
    assert.match(f.text, /the best learning rates are 3, 1 and 0\.3 for c = 0, 1 and 2\)\.$/);
    assert.equal(f.numbers.slowdown, 4.75);
  });
  await t.step("holds: slower even at the smallest rate, or never there", () => {
    const f = zeroMeanInputsFinding(made([[180, 70, 40], [200, 90, null], [null, null, null]]));
    assert.equal(f.verdict, "holds");
    assert.match(
      f.text,
      /c = 2 \(4 standard deviations of its inputs\) never gets there at any learning rate tried\./,
    );
    assert.match(
      f.text,
      /How it slows: the best learning rates are 3, 1 and none for c = 0, 1 and 2, and at lr 0\.3 the steps are 180, 200 and never\.$/,
    );
    assert.equal(f.numbers.slowdown, null);
    assert.equal(f.measured, "c = 2 never reaches loss 1; c = 0 takes 40 steps");
  });
  await t.step("holds: the smallest rate too slow for anyone", () => {
    const f = zeroMeanInputsFinding(made([[null, 70, 40], [null, 90, null], [null, 120, null]]));
    assert.equal(f.verdict, "holds");
    assert.match(f.text, /at lr 0\.3 not even the centred network gets there within 300 steps\.$/);
  });
  await t.step("does not hold: within 20 %", () => {
    const f = zeroMeanInputsFinding(made([[180, 70, 40], [180, 70, 44], [180, 70, 46]]));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /in 46 \(lr 3\): 1\.15× as many\. That is within 20 %/);
  });
  await t.step("inconclusive: the centred network never reaches the target", () => {
    const f = zeroMeanInputsFinding(made([[null, null], [null, null]], [0, 1], [0.1, 0.3]));
    assert.equal(f.verdict, "inconclusive");
    assert.equal(
      f.text,
      "Nothing to compare: even the centred network never brings its training loss below 1 " +
        "within 300 steps at any learning rate tried (0.1, 0.3).",
    );
  });
});
