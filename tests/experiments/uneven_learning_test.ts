import assert from "node:assert/strict";
import {
  unevenLearning,
  unevenLearningFinding,
  type UnevenLearningResult,
  type UnevenLearningRun,
} from "../../lib/experiments/uneven_learning.ts";
import { progress } from "../../lib/display/progress_bar.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { depth: 5, width: 12, train: 60, test: 30, epochs: 2, batchSize: 20 } as const;

Deno.test("unevenLearning()", async (t) => {
  const seen: [number, number, string | undefined][] = [];
  const r = await unevenLearning({
    ...tiny,
    activations: ["sigmoid", "relu"],
    onProgress: (done, total, info) => {
      seen.push([done, total, info]);
    },
  });

  await t.step("shapes: one run per activation, a weight change per layer", () => {
    assert.deepEqual(r.layers, [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(r.runs.map((run) => run.init), ["Xavier", "He"]);
    for (const run of r.runs) {
      assert.equal(run.weightChange.length, 6);
      assert.equal(run.trainLoss.length, 3);
      assert.ok(run.accuracy >= 0 && run.accuracy <= 1);
      assert.equal(run.error, 1 - run.accuracy);
      assert.ok(run.seconds >= 0);
    }
    assert.ok(["test", "validation"].includes(r.split));
    assert.equal("onProgress" in r.options, false);
  });
  await t.step("the claim's property: sigmoid's first layer moves far less than its last", () => {
    const [sigmoid, relu] = r.runs;
    assert.ok(sigmoid.speedRatio > 10);
    assert.ok(relu.speedRatio < sigmoid.speedRatio);
  });
  await t.step("progress after every epoch of every network", () => {
    assert.deepEqual(seen.map(([d, total]) => [d, total]), [[1, 4], [2, 4], [3, 4], [4, 4]]);
    assert.equal(seen[2][2], "ReLU, epoch 1");
  });
  await t.step("deterministic (but for wall times) and JSON-serialisable", async () => {
    await assertDeterministic(
      () =>
        unevenLearning({
          ...tiny,
          activations: ["tanh"],
          epochs: 1,
          onProgress: progress("t", { jupyter: false }),
        }),
      (res) => ({ ...res, runs: res.runs.map(({ seconds: _, ...rest }) => rest) }),
    );
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("unevenLearning", unevenLearning, [
      ...commonOptionCases("activations"),
      [{ epochs: 0 }, RangeError, 'option "epochs" must be an integer in [1, 100], got 0'],
      [{ lr: 0 }, RangeError, 'option "lr" must be a finite number in (0, 10], got 0'],
      [{ train: 5 }, RangeError, 'option "train" must be an integer in [10, 9999], got 5'],
      [{ onProgress: "bar" }, TypeError, 'option "onProgress" must be a function'],
      [
        { train: 9000, test: 2000 },
        RangeError,
        'options "train" (9000) and "test" (2000) add up to 11000 digits; at most 10000 are available',
      ],
    ]);
  });
});

const run = (
  activation: "sigmoid" | "relu" | "tanh",
  parts: Partial<UnevenLearningRun>,
): UnevenLearningRun => ({
  activation,
  label: { sigmoid: "Sigmoid", relu: "ReLU", tanh: "Tanh" }[activation],
  init: "Xavier",
  weightChange: [1e-6, 0.1],
  speedRatio: 1e5,
  trainLoss: [2.3, 2.3],
  accuracy: 0.1,
  error: 0.9,
  topMean: [0.5, 0.5],
  seconds: 1,
  ...parts,
});
const made = (runs: UnevenLearningRun[], epochs = 3): UnevenLearningResult => ({
  options: {
    activations: runs.map((r) => r.activation),
    depth: 1,
    width: 64,
    train: 1200,
    test: 2000,
    epochs,
    lr: 0.1,
    batchSize: 32,
    seed: 1,
  },
  split: "test",
  layers: [1, 2],
  runs,
});

Deno.test("unevenLearningFinding()", async (t) => {
  await t.step("holds: the output layer moves 100 times as far or more", () => {
    const f = unevenLearningFinding(made([
      run("sigmoid", {}),
      run("tanh", { speedRatio: 2, accuracy: 0.7 }),
      run("relu", { speedRatio: 1, accuracy: 0.6 }),
    ]));
    assert.equal(f.claim, "C1.2 (training)");
    assert.equal(f.verdict, "holds");
    assert.equal(
      f.text,
      "After 3 epochs of SGD the sigmoid network's output layer has moved 100000 times as far as " +
        "its first layer (0.1 against 1×10⁻⁶ of their initial size): the first layer barely moved, " +
        "and the network was still at chance (10 % test accuracy). For comparison, the ratio is 2 " +
        "for Tanh (70 % test accuracy) and 1 for ReLU (60 %).",
    );
  });
  await t.step("holds in part: uneven, but less than 100 times", () => {
    const f = unevenLearningFinding(made([run("sigmoid", { speedRatio: 30, accuracy: 0.5 })], 1));
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /^After 1 epoch of SGD/);
    assert.match(
      f.text,
      /uneven speeds, but less than 100 times apart, and the network reached 50 % test accuracy\.$/,
    );
  });
  await t.step("does not hold: similar speeds", () => {
    const f = unevenLearningFinding(made([run("sigmoid", { speedRatio: 3 })]));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /the layers learn at similar speeds/);
  });
  await t.step("inconclusive: no sigmoid network", () => {
    const f = unevenLearningFinding(made([run("relu", {})]));
    assert.equal(f.verdict, "inconclusive");
    assert.equal(f.text, "Nothing to decide: no sigmoid network was trained.");
  });
});
