import assert from "node:assert/strict";
import {
  oneSidedSaturation,
  oneSidedSaturationFinding,
  type OneSidedSaturationResult,
  saturationCauseFinding,
  type SaturationNetwork,
} from "../../lib/experiments/one_sided_saturation.ts";
import type { ActivationName } from "../../lib/activations/types.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { depth: 6, width: 8, epochs: 1, seeds: 1, digits: 128, testDigits: 32 } as const;

Deno.test("oneSidedSaturation()", async (t) => {
  let calls = 0;
  const r = await oneSidedSaturation({
    ...tiny,
    activations: ["sigmoid", "relu", "softplus"],
    heControls: ["softplus"],
    seeds: 2,
    onProgress: (done, total) => {
      calls = done;
      assert.equal(total, 8);
    },
  });

  await t.step("shapes: the networks, then the controls; a run per seed", () => {
    assert.deepEqual(r.networks.map((x) => x.label), [
      "Sigmoid",
      "ReLU",
      "Softplus",
      "Softplus with He init",
    ]);
    assert.deepEqual(r.networks.map((x) => x.init), ["Xavier", "He", "Xavier", "He"]);
    assert.deepEqual(r.networks.map((x) => x.sides), ["both", "left", "left", "left"]);
    assert.deepEqual(r.networks.map((x) => x.control), [false, false, false, true]);
    for (const x of r.networks) {
      assert.deepEqual(x.runs.map((run) => run.seed), [0, 1]);
      assert.equal(x.stepLoss.length, 2); // 128 digits in batches of 64, one epoch
      assert.ok(x.heldOutRange[0] <= x.heldOutError && x.heldOutError <= x.heldOutRange[1]);
      assert.ok(x.heldOutError >= 0 && x.heldOutError <= 1);
      assert.equal(x.learned, x.runs.filter((run) => run.trainLoss <= 0.9 * Math.LN10).length);
    }
    assert.equal(r.trainingDigits, 128);
    assert.equal(r.heldOutDigits, 32);
    assert.equal(calls, 8);
  });
  await t.step("the claim's property: sigmoid passes the least gradient to its first layer", () => {
    const [sigmoid, relu, softplus, softplusHe] = r.networks.map((x) => x.gradientRatio!);
    assert.ok(sigmoid < relu && sigmoid < softplusHe);
    assert.ok(softplus < softplusHe, "He's larger scale passes more gradient down");
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() =>
      oneSidedSaturation({ ...tiny, depth: 2, activations: ["tanh"], heControls: [] })
    );
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("oneSidedSaturation", oneSidedSaturation, [
      ...commonOptionCases("activations"),
      [{ depth: -1 }, RangeError, 'option "depth" must be an integer in [1, 20], got -1'],
      [{ width: 0 }, RangeError, 'option "width" must be an integer in [1, 512], got 0'],
      [{ epochs: 0 }, RangeError, 'option "epochs" must be an integer in [1, 50], got 0'],
      [{ seeds: 11 }, RangeError, 'option "seeds" must be an integer in [1, 10], got 11'],
      [{ lr: 0 }, RangeError, 'option "lr" must be a finite number in (0, 10], got 0'],
      [{ digits: 60_001 }, RangeError, 'option "digits" must be an integer in [64, 60000]'],
      [{ testDigits: 5 }, RangeError, 'option "testDigits" must be an integer in [10, 10000]'],
      [{ eluAlpha: -1 }, RangeError, 'option "eluAlpha" must be a finite number in [0, 10]'],
      [{ heControls: ["swish"] }, RangeError, 'option "heControls" must be an array of 0 or more'],
      [
        { activations: ["relu"], heControls: ["softplus"] },
        RangeError,
        'option "heControls" names "softplus", which option "activations" ([relu]) does not',
      ],
      [
        { heControls: ["relu"] },
        RangeError,
        'option "heControls" names "relu", whose default initialisation is already He',
      ],
    ]);
  });
});

/** A hand-made network; `errors` are its seeds' held-out errors (a failure is 0.9). */
function net(
  activation: ActivationName,
  sides: SaturationNetwork["sides"],
  errors: number[],
  extra: Partial<SaturationNetwork> = {},
): SaturationNetwork {
  const learned = errors.filter((e) => e < 0.8).length;
  return {
    activation,
    label: activation,
    init: "He",
    control: false,
    sides,
    runs: errors.map((e, seed) => ({
      seed,
      trainLoss: e < 0.8 ? 0.5 : 2.3,
      heldOutError: e,
      gradientRatio: e < 0.8 ? 2 : 0.01,
    })),
    stepLoss: [2.3],
    learned,
    status: learned === errors.length ? "learned" : learned === 0 ? "failed" : "mixed",
    trainLoss: learned === errors.length ? 0.5 : 2.3,
    heldOutError: [...errors].sort((a, b) => a - b)[Math.floor(errors.length / 2)],
    heldOutRange: [Math.min(...errors), Math.max(...errors)],
    gradientRatio: learned > 0 ? 2 : 0.01,
    meanOutput: sides === "both" ? 0 : 0.4,
    meanSlope: 0.5,
    ...extra,
  };
}

function made(networks: SaturationNetwork[]): OneSidedSaturationResult {
  return {
    options: {
      activations: ["relu"],
      heControls: [],
      depth: 6,
      width: 32,
      epochs: 3,
      seeds: 2,
      lr: 0.1,
      digits: 1600,
      testDigits: 1000,
      alpha: 0.01,
      eluAlpha: 1,
      seed: 0,
    },
    heldOutSplit: "test",
    trainingDigits: 1600,
    heldOutDigits: 1000,
    networks,
  };
}

Deno.test("oneSidedSaturationFinding()", async (t) => {
  await t.step("holds: every one-sided network beats every two-sided one in every seed", () => {
    const f = oneSidedSaturationFinding(made([
      net("sigmoid", "both", [0.9, 0.9]),
      net("tanh", "both", [0.3, 0.35]),
      net("relu", "left", [0.1, 0.12]),
      net("elu", "left", [0.15, 0.2]),
      net("leakyRelu", "none", [0.5, 0.6]),
    ]));
    assert.equal(f.claim, "C0.2");
    assert.equal(f.verdict, "holds");
    assert.match(f.text, /^Every network that saturates on one side only learned and beats/);
    assert.match(
      f.text,
      /median test errors: relu's 12\.0 %, elu's 20\.0 %, tanh's 35\.0 % and sigmoid's 90\.0 %/,
    );
  });
  await t.step("holds in part: the best one-sided wins, but one failed", () => {
    const f = oneSidedSaturationFinding(made([
      net("tanh", "both", [0.3, 0.35]),
      net("elu", "left", [0.15, 0.2]),
      net("softplus", "left", [0.9, 0.9]),
    ]));
    assert.equal(f.verdict, "holds in part");
    assert.match(
      f.text,
      /The best one-sided network, elu, beats the best two-sided one in every seed, but not/,
    );
    assert.match(
      f.text,
      /softplus, saturating on one side only, did not learn: its final training loss stayed above 0\.9·ln 10 in every seed\.$/,
    );
    assert.equal(f.numbers.failedOneSided, 1);
  });
  await t.step("holds in part: one one-sided network is not clearly better", () => {
    const f = oneSidedSaturationFinding(made([
      net("tanh", "both", [0.3, 0.35]),
      net("elu", "left", [0.15, 0.2]),
      net("relu", "left", [0.25, 0.4]),
    ]));
    assert.equal(f.verdict, "holds in part");
    assert.doesNotMatch(f.text, /did not learn/);
  });
  await t.step("does not hold: a two-sided network as good, or better", () => {
    const tie = oneSidedSaturationFinding(made([
      net("tanh", "both", [0.15, 0.19]),
      net("elu", "left", [0.17, 0.2]),
      net("softplus", "left", [0.9, 0.9]),
    ]));
    assert.equal(tie.verdict, "does not hold");
    assert.match(
      tie.text,
      /^tanh, which saturates on both sides, trains as well as the best one-sided network, within the spread of the seeds \(6 hidden layers, 2 seeds;/,
    );
    assert.match(tie.text, /softplus, saturating on one side only, did not learn: its final/);
    const better = oneSidedSaturationFinding(made([
      net("tanh", "both", [0.1, 0.12]),
      net("elu", "left", [0.17, 0.2]),
    ]));
    assert.match(
      better.text,
      /^tanh, which saturates on both sides, trains better than the best one-sided network \(/,
    );
    assert.equal(
      better.measured,
      "best test error: tanh's 12.0 % (two-sided) against elu's 20.0 % (one-sided)",
    );
  });
  await t.step("one seed: no median, no spread, no 'every seed'", () => {
    const result = made([
      net("tanh", "both", [0.17]),
      net("elu", "left", [0.17]),
      net("softplus", "left", [0.9]),
    ]);
    const f = oneSidedSaturationFinding({ ...result, options: { ...result.options, seeds: 1 } });
    assert.equal(f.verdict, "does not hold");
    assert.equal(
      f.text,
      "tanh, which saturates on both sides, trains as well as the best one-sided network (6 " +
        "hidden layers, 1 seed; test errors: elu's 17.0 %, tanh's 17.0 % and softplus's " +
        "90.0 %). softplus, saturating on one side only, did not learn: its final training " +
        "loss stayed above 0.9·ln 10.",
    );
  });
  await t.step("inconclusive: a group missing, or nothing learned", () => {
    const noTwo = oneSidedSaturationFinding(made([net("relu", "left", [0.1])]));
    assert.equal(noTwo.verdict, "inconclusive");
    assert.equal(
      noTwo.text,
      "Nothing to compare: no activation that saturates on both sides was trained.",
    );
    const noOne = oneSidedSaturationFinding(made([net("tanh", "both", [0.1])]));
    assert.match(noOne.text, /no activation that saturates on one side only was trained/);
    const none = oneSidedSaturationFinding(made([
      net("tanh", "both", [0.9]),
      net("relu", "left", [0.9]),
    ]));
    assert.match(none.text, /no network learned in every seed/);
  });
});

Deno.test("saturationCauseFinding()", async (t) => {
  const softplusHe = (errors: number[]) => ({
    ...net("softplus", "left", errors),
    label: "softplus with He init",
    control: true,
  });
  await t.step("does not hold: a one-sided network failed and a two-sided one learned", () => {
    const f = saturationCauseFinding(made([
      net("sigmoid", "both", [0.9, 0.9], { gradientRatio: 0.001, meanOutput: 0.5 }),
      net("tanh", "both", [0.2, 0.2], { meanOutput: 0 }),
      net("softplus", "left", [0.9, 0.9], { init: "Xavier", gradientRatio: 0.03, meanOutput: 0.8 }),
      softplusHe([0.5, 0.6]),
    ]));
    assert.equal(f.claim, "C0.2 (what decides)");
    assert.equal(f.verdict, "does not hold");
    assert.match(
      f.text,
      /^The saturation side does not tell which networks train: softplus saturates on one side only and failed and tanh saturates on both sides and learned\./,
    );
    assert.match(
      f.text,
      /What does separate them is the gradient ratio at the start \(at least 2 for every network that learned, at most 0\.03 for every one that failed\) and the mean output \|E\[f\(Z\)\]\| \(at most 0\.4/,
    );
    assert.match(
      f.text,
      /The controls show the initialisation's part: softplus failed with Xavier init \(gradient ratio 0\.03\) and learned with He init \(gradient ratio 2\)\.$/,
    );
    assert.equal(f.numbers.controlsFlipped, 1);
  });
  await t.step("does not hold, and nothing measured separates them", () => {
    const f = saturationCauseFinding(made([
      net("tanh", "both", [0.2], { gradientRatio: 0.01, meanOutput: 0.3 }),
      net("relu", "left", [0.9], { gradientRatio: 2, meanOutput: 0.3 }),
      net("elu", "left", [0.9], { gradientRatio: 2, meanOutput: 0.3 }),
      net("leakyRelu", "none", [0.9], { gradientRatio: 2, meanOutput: 0.3 }),
    ]));
    assert.equal(f.verdict, "does not hold");
    assert.match(
      f.text,
      /: relu and elu saturate on one side only and failed, leakyRelu saturates on neither side and failed and tanh saturates on both sides and learned\./,
    );
    assert.match(
      f.text,
      /None of the gradient ratio at the start, the mean output and the mean slope separates them either\.$/,
    );
  });
  await t.step("holds: the two-sided networks failed, the others learned", () => {
    const f = saturationCauseFinding(made([
      net("sigmoid", "both", [0.9, 0.9]),
      net("relu", "left", [0.2, 0.2]),
      net("leakyRelu", "none", [0.2, 0.2]),
    ]));
    assert.equal(f.verdict, "holds");
    assert.match(
      f.text,
      /^The networks that failed are the two-sided ones \(sigmoid\), and those that learned saturate on one side or none\. What does separate them is the gradient ratio/,
    );
  });
  await t.step("holds in part: a control changes the outcome", () => {
    const f = saturationCauseFinding(made([
      net("sigmoid", "both", [0.9, 0.9]),
      net("softplus", "left", [0.2, 0.9], { init: "Xavier", gradientRatio: null }),
      softplusHe([0.2, 0.3]),
    ]));
    assert.equal(f.verdict, "holds in part");
    assert.match(
      f.text,
      /But the initialisation decides too: softplus learned in 1 of 2 seeds with Xavier init and learned with He init \(gradient ratio 2\)\.$/,
    );
  });
  await t.step("inconclusive: nothing failed, or nothing learned", () => {
    const allLearned = saturationCauseFinding(made([net("relu", "left", [0.2])]));
    assert.equal(allLearned.verdict, "inconclusive");
    assert.equal(allLearned.text, "Nothing to separate: no network failed in every seed.");
    const noneLearned = saturationCauseFinding(made([net("relu", "left", [0.9])]));
    assert.equal(noneLearned.text, "Nothing to separate: no network learned in every seed.");
  });
});
