import assert from "node:assert/strict";
import {
  highLearningRate,
  highLearningRateFinding,
  type HighLearningRateResult,
  type HighLearningRateRun,
  highLearningRateSummary,
} from "../../lib/experiments/high_learning_rate.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { runs: 2, epochs: 1, train: 40, test: 20, hidden: 8 } as const;

Deno.test("highLearningRate()", async (t) => {
  const r = await highLearningRate(tiny);
  await t.step("shapes: ReLU's runs, then LeakyReLU's, seed by seed", () => {
    assert.deepEqual(r.runs.map((run) => [run.activation, run.seed]), [
      ["relu", 1],
      ["relu", 2],
      ["leakyRelu", 1],
      ["leakyRelu", 2],
    ]);
    for (const run of r.runs) {
      assert.equal(run.dead.length, 2);
      assert.ok(run.dead.every((d) => d >= 0 && d <= 1));
      assert.ok(run.deadLayer2 >= 0 && run.deadLayer2 <= 1);
    }
    assert.equal(r.split, "test");
  });
  await t.step("the summary leaves diverged runs out", () => {
    const wild = made(0.6, 0, true);
    assert.deepEqual(highLearningRateSummary(wild, "leakyRelu"), {
      runs: 0,
      diverged: 1,
      dead: null,
      testError: null,
    });
    assert.equal(highLearningRateSummary(wild, "relu").dead, 0.6);
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => highLearningRate({ ...tiny, runs: 1 }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("highLearningRate", highLearningRate, [
      ...commonOptionCases("alpha"),
      [{ alpha: -0.1 }, RangeError, 'option "alpha" must be a finite number in [0, 1]'],
      [{ lr: 0 }, RangeError, 'option "lr" must be a finite number in (0, 100], got 0'],
      [{ runs: 0 }, RangeError, 'option "runs" must be an integer in [1, 50], got 0'],
      [{ test: 10_001 }, RangeError, 'option "test" must be an integer in [1, 10000]'],
    ]);
  });
});

function run(
  activation: "relu" | "leakyRelu",
  dead: number,
  diverged = false,
): HighLearningRateRun {
  return {
    label: activation === "relu" ? "ReLU" : "LeakyReLU α = 0.01",
    activation,
    seed: 1,
    dead: [0, dead],
    deadLayer2: 0,
    trainLoss: [2.3, 1],
    diverged,
    testError: diverged ? null : 0.3,
  };
}

const made = (relu: number, leaky: number, diverged = false): HighLearningRateResult => ({
  options: {
    alpha: 0.01,
    lr: 0.7,
    runs: 1,
    epochs: 4,
    train: 100,
    test: 100,
    hidden: 64,
    batchSize: 32,
    seed: 1,
  },
  split: "test",
  runs: [run("relu", relu), run("leakyRelu", leaky, diverged)],
});

Deno.test("highLearningRateFinding()", async (t) => {
  await t.step("holds: fewer LeakyReLU units stuck", () => {
    const f = highLearningRateFinding(made(0.6, 0.3));
    assert.equal(f.verdict, "holds");
    assert.match(
      f.text,
      /60 % of ReLU's first-layer units are dead for good and 30 % of LeakyReLU's .*Fewer LeakyReLU units end stuck\.$/,
    );
    assert.match(f.text, /test error 30 % and 30 %/);
  });
  await t.step("holds in part: about as many", () => {
    const f = highLearningRateFinding(made(0.6, 0.58));
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /LeakyReLU's still get an α-sized gradient\.$/);
  });
  await t.step("does not hold: more LeakyReLU units stuck", () => {
    const f = highLearningRateFinding(made(0.3, 0.6));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /More LeakyReLU units end stuck than ReLU units die\.$/);
  });
  await t.step("inconclusive: nothing killed, or every run of one diverged", () => {
    const calm = highLearningRateFinding(made(0.01, 0.01));
    assert.equal(calm.verdict, "inconclusive");
    assert.match(
      calm.text,
      /only 1 % of ReLU's first layer ends dead: nothing for LeakyReLU to fix/,
    );
    const wild = highLearningRateFinding(made(0.6, 0, true));
    assert.equal(wild.verdict, "inconclusive");
    assert.match(wild.text, /every LeakyReLU run diverged/);
    const zero = made(0.6, 0.6);
    const f = highLearningRateFinding({ ...zero, options: { ...zero.options, alpha: 0 } });
    assert.equal(f.verdict, "inconclusive");
    assert.match(f.text, /with α = 0 LeakyReLU is ReLU/);
  });
});
