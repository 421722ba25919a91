import assert from "node:assert/strict";
import {
  ELU_MEAN_ACTIVATIONS_COLUMNS,
  eluMeanActivations,
  eluMeanActivationsFinding,
  type EluMeanActivationsResult,
  type EluMeanRun,
  eluTrainingLossFinding,
} from "../../lib/experiments/elu_mean_activations.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { depth: 2, width: 8, train: 200, probe: 20, test: 50, measureEvery: 2 } as const;

Deno.test("eluMeanActivations()", async (t) => {
  const seen: string[] = [];
  const r = await eluMeanActivations({
    ...tiny,
    epochs: 2,
    onProgress: (done, total, info) => void seen.push(`${done}/${total} ${info}`),
  });
  await t.step("shapes: four runs, measurements, losses, the splits", () => {
    assert.deepEqual(r.runs.map((run) => run.activation), ["elu", "relu", "leakyRelu", "elu"]);
    assert.deepEqual(r.runs.map((run) => run.init), ["He", "He", "He", "LeCun"]);
    assert.equal(r.trainName, "MNIST train (200)");
    assert.equal(r.testName, "MNIST test (50)");
    assert.equal(r.updates, 8);
    for (const run of r.runs) {
      assert.deepEqual(run.steps, [0, 2, 4, 6, 8]);
      assert.equal(run.medianMean.length, 5);
      assert.equal(run.layerMedians.length, 2);
      assert.equal(run.stepLoss.length, 8);
      assert.equal(run.epochLoss.length, 3);
      assert.ok(run.testError >= 0 && run.testError <= 1);
      assert.ok(run.quartiles[0] <= run.quartiles[1]);
    }
    assert.equal(seen.length, 8);
    assert.equal(seen[0], "1/8 ELU (α = 1), epoch 1");
  });
  await t.step("the table's columns give shares as percentages", () => {
    const [, , negative, error] = ELU_MEAN_ACTIVATIONS_COLUMNS;
    assert.equal(negative.format(0.369), "36.9 %");
    assert.equal(error.format(0.149), "14.9 %");
  });
  await t.step("the claim's property: only ReLU's unit means are never negative", () => {
    assert.equal(r.runs[1].negativeShare, 0);
    assert.ok(r.runs[1].medianMean.every((m) => m >= 0));
  });
  await t.step("deterministic and JSON-serialisable; no control when asked", async () => {
    await assertDeterministic(() => eluMeanActivations({ ...tiny, control: false }));
    const short = await eluMeanActivations({ ...tiny, control: false, measureEvery: 3 });
    assert.equal(short.runs.length, 3);
    assert.deepEqual(short.runs[0].steps, [0, 3, 4]);
  });
  await t.step("a diverging network is a clear error", async () => {
    await assert.rejects(
      () => eluMeanActivations({ ...tiny, control: false, lr: 10, depth: 8, width: 64, batch: 8 }),
      /eluMeanActivations: .* diverged \(a non-finite loss or activation\); lower lr \(10\)/,
    );
  });
  await t.step(
    "every bad option is a clear error",
    () =>
      assertOptionErrors("eluMeanActivations", eluMeanActivations, [
        ...commonOptionCases("eluAlpha"),
        [
          { eluAlpha: 11 },
          RangeError,
          'option "eluAlpha" must be a finite number in [0, 10], got 11',
        ],
        [{ leakyAlpha: -0.1 }, RangeError, 'option "leakyAlpha"'],
        [{ depth: 0 }, RangeError, 'option "depth" must be an integer in [1, 20], got 0'],
        [{ width: 600 }, RangeError, 'option "width" must be an integer in [1, 512], got 600'],
        [{ lr: 0 }, RangeError, 'option "lr" must be a finite number in (0, 10], got 0'],
        [{ batch: 0 }, RangeError, 'option "batch"'],
        [
          { train: 60_000 },
          RangeError,
          'option "train" must be an integer in [100, 59000], got 60000',
        ],
        [{ epochs: 0 }, RangeError, 'option "epochs"'],
        [{ probe: 5 }, RangeError, 'option "probe"'],
        [{ measureEvery: 0 }, RangeError, 'option "measureEvery"'],
        [{ test: 10_001 }, RangeError, 'option "test"'],
        [{ control: 1 }, TypeError, 'option "control"'],
        [{ seed: -1 }, RangeError, 'option "seed" must be an integer ≥ 0, got -1'],
        [{ onProgress: 1 }, TypeError, 'option "onProgress"'],
      ]),
  );
});

const run = (name: string, medianMean: number[], loss: number, extra: Partial<EluMeanRun> = {}) =>
  ({
    name,
    activation: "elu",
    init: "He",
    control: false,
    steps: medianMean.map((_, i) => i),
    medianMean,
    layerMedians: [],
    quartiles: [0, 0],
    negativeShare: 0,
    startStd: 1,
    stepLoss: [],
    epochLoss: [2.3, loss],
    testError: 0.1,
    ...extra,
  }) as EluMeanRun;

function made(
  elu: EluMeanRun,
  control: EluMeanRun | null = run("control: ELU (α = 1), LeCun init", [0, 0.05], 1.0, {
    control: true,
  }),
): EluMeanActivationsResult {
  return {
    options: {
      eluAlpha: 1,
      leakyAlpha: 0.1,
      depth: 8,
      width: 128,
      lr: 0.01,
      batch: 64,
      train: 10_000,
      epochs: 1,
      probe: 500,
      measureEvery: 16,
      test: 10_000,
      control: control !== null,
      seed: 0,
    },
    trainName: "MNIST train (10000)",
    testName: "MNIST test (10000)",
    updates: 157,
    runs: [
      elu,
      run("ReLU", [0.1, 0.3], 1.8, { activation: "relu" }),
      run("LeakyReLU (α = 0.1)", [0.1, 0.32], 1.7, { activation: "leakyRelu" }),
      ...(control ? [control] : []),
    ],
  };
}

Deno.test("eluMeanActivationsFinding()", async (t) => {
  await t.step("holds: closest and near zero throughout", () => {
    const f = eluMeanActivationsFinding(made(run("ELU (α = 1)", [0.05, 0.08], 0.8)));
    assert.equal(f.claim, "C5.1 (near-zero mean)");
    assert.equal(f.verdict, "holds");
    assert.equal(
      f.text,
      "After 157 updates the median unit's mean activation is 0.08 for ELU (α = 1), 0.3 for " +
        "ReLU and 0.32 for LeakyReLU (α = 0.1); ELU's was the closest to zero in 100 % of the " +
        "2 measurements. ELU keeps it the nearest to zero, as in Clevert et al.'s Fig. 2(a) " +
        "(with LeCun init: 0.05).",
    );
  });
  await t.step("holds in part: closest but not near zero, or not for most of training", () => {
    const far = eluMeanActivationsFinding(made(run("ELU (α = 1)", [0.05, 0.14], 0.8), null));
    assert.equal(far.verdict, "holds in part");
    assert.match(far.text, /nearest to zero, but not near it: 0\.14 ≥ 0\.1\.$/);
    const late = eluMeanActivationsFinding(made(run("ELU (α = 1)", [0.2, 0.05], 0.8)));
    assert.equal(late.verdict, "holds in part");
    assert.match(late.text, /in 50 % of the 2 measurements.*not the nearest for most of training/);
  });
  await t.step("does not hold: another is closer at the end", () => {
    const f = eluMeanActivationsFinding(made(run("ELU (α = 1)", [0.5, 0.4], 0.8)));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /ELU's was never the closest to zero in any of the 2 measurements\./);
    assert.match(
      f.text,
      /not the closest to zero at the end, unlike Clevert et al\.'s Fig\. 2\(a\)\.$/,
    );
  });
  await t.step("inconclusive: ELU's network did not learn", () => {
    const f = eluMeanActivationsFinding(made(run("ELU (α = 1)", [0, 0], 2.3, { testError: 0.9 })));
    assert.equal(f.verdict, "inconclusive");
    assert.match(f.text, /did not learn \(test error 90\.0 %\)/);
  });
});

Deno.test("eluTrainingLossFinding()", async (t) => {
  const control = (loss: number) => run("control", [0, 0], loss, { control: true });
  await t.step("holds: ELU fastest, and the LeCun control keeps most of the lead", () => {
    const f = eluTrainingLossFinding(made(run("ELU (α = 1)", [0, 0], 0.8)));
    assert.equal(f.claim, "C0.1 (ELU)");
    assert.equal(f.verdict, "holds");
    assert.match(
      f.text,
      /^Over epoch 1 the mean training loss is 0\.8 for ELU \(α = 1\), 1\.8 for ReLU/,
    );
    assert.match(
      f.text,
      /on MNIST test \(10000\) are 10\.0 %, 10\.0 % and 10\.0 %\. ELU's loss falls fastest.*with LeCun init it is 1, keeping 78 % of ELU's lead over LeakyReLU: the lead goes mostly with ELU's shape\.$/,
    );
    assert.equal(
      f.measured,
      "training loss, epoch 1: ELU (α = 1) 0.8, ReLU 1.8, LeakyReLU (α = 0.1) 1.7; " +
        "LeCun control 1, keeping 78 % of ELU's lead",
    );
    assert.ok(Math.abs((f.numbers.controlShare as number) - 7 / 9) < 1e-12);
  });
  await t.step("the control must keep half of ELU's lead over the better other", () => {
    // ELU 0.8, LeakyReLU 1.7: a lead of 0.9; half of it is kept at 1.25.
    const above = eluTrainingLossFinding(made(run("ELU (α = 1)", [0, 0], 0.8), control(1.2)));
    assert.equal(above.verdict, "holds");
    assert.match(above.text, /keeping 56 % of ELU's lead over LeakyReLU/);
    const below = eluTrainingLossFinding(made(run("ELU (α = 1)", [0, 0], 0.8), control(1.3)));
    assert.equal(below.verdict, "holds in part");
    assert.match(below.text, /it is 1\.3 against LeakyReLU's 1\.7, keeping 44 % of that lead:/);
  });
  await t.step("holds in part: the control keeps little or none of the lead, or is missing", () => {
    const f = eluTrainingLossFinding(made(run("ELU (α = 1)", [0, 0], 0.8), control(1.69)));
    assert.equal(f.verdict, "holds in part");
    assert.match(
      f.text,
      /with LeCun init it is 1\.69 against LeakyReLU's 1\.7, keeping 1 % of that lead: most of the head start goes with He init's larger signal, not with ELU's shape\.$/,
    );
    const worse = eluTrainingLossFinding(made(run("ELU (α = 1)", [0, 0], 0.8), control(2.0)));
    assert.equal(worse.verdict, "holds in part");
    assert.ok((worse.numbers.controlShare as number) < 0);
    const none = eluTrainingLossFinding(made(run("ELU (α = 1)", [0, 0], 0.8), null));
    assert.equal(none.verdict, "holds in part");
    assert.equal(none.numbers.controlShare, null);
    assert.match(none.text, /without the LeCun control the initialisation's share is unknown\.$/);
    assert.doesNotMatch(none.measured, /control/);
  });
  await t.step("does not hold, and inconclusive within 2 %: no share of a lead ELU lacks", () => {
    const f = eluTrainingLossFinding(made(run("ELU (α = 1)", [0, 0], 2)));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /\. LeakyReLU's loss falls faster than ELU's here/);
    assert.equal(f.numbers.controlShare, null);
    assert.match(f.measured, /; LeCun control 1$/);
    const tie = eluTrainingLossFinding(made(run("ELU (α = 1)", [0, 0], 1.69)));
    assert.equal(tie.verdict, "inconclusive");
    assert.match(tie.text, /within 2 %: one seed cannot order them\.$/);
    assert.equal(tie.numbers.controlShare, null);
  });
});
