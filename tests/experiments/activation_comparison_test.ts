import assert from "node:assert/strict";
import {
  activationComparison,
  type ActivationComparisonResult,
  type ComparisonSummary,
  type DataArmSize,
  leakyOrEluFinding,
  paired,
  pairedText,
  preluDataFinding,
  reluFirstFinding,
  rreluPreluFinding,
} from "../../lib/experiments/activation_comparison.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { seeds: [1, 2], train: 60, test: 40, hidden: [8], small: 20, batch: 20 };

Deno.test("activationComparison()", async (t) => {
  const seen: number[] = [];
  const r = await activationComparison({
    ...tiny,
    activations: ["relu", "elu", "prelu"],
    onProgress: (done) => void seen.push(done),
  });
  await t.step("shapes: a summary per activation, a run per seed, both arms", () => {
    assert.deepEqual(r.summaries.map((s) => s.activation), ["relu", "elu", "prelu", "leakyRelu"]);
    assert.equal(r.runs.length, 4 * 2 + 3 * 2);
    for (const s of r.summaries) {
      assert.equal(s.errors.length, 2);
      s.errors.forEach((e) => assert.ok(e >= 0 && e <= 1));
      assert.ok(s.interval.lower <= s.interval.mean && s.interval.mean <= s.interval.upper);
      assert.equal(s.curve.length, r.curveSteps.length);
      assert.equal(s.activationMean.length, 1);
    }
    assert.deepEqual(r.curveSteps, [1, 2, 3]);
    assert.equal(r.summaries[2].alpha?.length, 1);
    assert.equal(r.summaries[0].alpha, null);
    assert.deepEqual(r.dataArm.map((a) => [a.train, a.epochs]), [[20, 3], [60, 1]]);
    // 4 × 2 runs of one epoch, then 3 × 2 runs of 3 epochs: 26 epochs, each reported once.
    assert.deepEqual(seen, Array.from({ length: 26 }, (_, i) => i + 1));
  });
  await t.step("the claim's property: ReLU against itself is within noise, by 0", () => {
    const relu = r.summaries[0].vsRelu;
    assert.deepEqual(relu.differences, [0, 0]);
    assert.equal(relu.verdict, "within noise");
    assert.equal(relu.signP, 1);
  });
  await t.step("deterministic apart from wall times", async () => {
    await assertDeterministic(
      () => activationComparison({ ...tiny, activations: ["relu"] }),
      (x) => ({
        ...x,
        runs: x.runs.map((run) => ({ ...run, seconds: 0 })),
        summaries: x.summaries.map((s) => ({ ...s, seconds: 0 })),
      }),
    );
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("activationComparison", activationComparison, [
      ...commonOptionCases("activations"),
      [{ seeds: [1] }, RangeError, 'option "seeds" must be an array of 2 or more distinct'],
      [{ seeds: [1, 1] }, RangeError, 'option "seeds" must be an array'],
      [{ train: 5 }, RangeError, 'option "train" must be an integer in [10, 59000], got 5'],
      [{ test: 20000 }, RangeError, 'option "test" must be an integer in [10, 10000]'],
      [{ hidden: [0] }, RangeError, 'option "hidden" must be an array of 1 to 8 items'],
      [{ epochs: 0 }, RangeError, 'option "epochs" must be an integer in [1, 50], got 0'],
      [{ lr: 0 }, RangeError, 'option "lr" must be a finite number in (0, 10], got 0'],
      [{ momentum: 1 }, RangeError, 'option "momentum" must be a finite number in [0, 1)'],
      [{ small: "1000" }, TypeError, 'option "small" must be an integer in [10, 59000]'],
      [{ onProgress: 1 }, TypeError, 'option "onProgress" must be a function'],
    ]);
  });
});

Deno.test("paired() and pairedText()", () => {
  const p = paired([0.1, 0.12, 0.11], [0.08, 0.09, 0.09]);
  assert.equal(p.verdict, "worse");
  assert.equal(p.worse, 3);
  assert.equal(p.signP, 0.25);
  assert.match(pairedText(p), /^\+2\.33 pp \[\d\.\d\d, \d\.\d\d\]$/);
  assert.equal(paired([0.1, 0.2], [0.15, 0.1]).verdict, "within noise");
  assert.match(pairedText(paired([0.1, 0.1], [0.2, 0.21])), /^−10\.50 pp \[−16\.85, −4\.15\]$/);
});

/** A summary with given per-seed errors, against ReLU's. */
function summary(
  activation: ComparisonSummary["activation"],
  label: string,
  errors: number[],
  relu: number[],
): ComparisonSummary {
  const p = paired(errors, relu);
  return {
    activation,
    label,
    errors,
    interval: paired(errors, errors.map(() => 0)).interval,
    vsRelu: p,
    dead: 0,
    activationMean: [0],
    alpha: null,
    seconds: 1,
    curve: [],
  };
}

const RELU = [0.09, 0.1, 0.095, 0.092, 0.098];
const shift = (d: number, noise = 0.001) => RELU.map((v, i) => v + d + (i % 2 ? noise : -noise));

function made(
  others: [ComparisonSummary["activation"], string, number][],
  arm?: [DataArmSize, DataArmSize],
): ActivationComparisonResult {
  const summaries = [
    summary("relu", "ReLU", RELU, RELU),
    ...others.map(([a, l, d]) => summary(a, l, shift(d), RELU)),
  ];
  const size = (train: number, d: number, g: number): DataArmSize => ({
    train,
    epochs: 1,
    rows: [],
    rival: "relu",
    prelu: paired(shift(d), RELU),
    gap: paired(shift(g), RELU),
  });
  const dataArm = arm ?? [size(1000, 0, 0), size(10000, 0, 0)];
  return {
    options: {
      activations: [],
      seeds: [1, 2, 3, 4, 5],
      train: 10000,
      test: 10000,
      hidden: [64],
      epochs: 1,
      batch: 64,
      lr: 0.05,
      momentum: 0.9,
      small: 1000,
    },
    runs: [],
    summaries,
    curveSteps: [],
    dataArm,
    deficitShift: paired(
      dataArm[0].prelu.differences as number[],
      dataArm[1].prelu.differences as number[],
    ),
  };
}

Deno.test("reluFirstFinding()", async (t) => {
  await t.step("holds: ReLU best, or the best within noise", () => {
    const f = reluFirstFinding(made([["elu", "ELU", 0.01], ["tanh", "Tanh", 0.02]]));
    assert.equal(f.verdict, "holds");
    assert.match(f.text, /^ReLU has the lowest mean test error of the 3 activations, 9\.5 % ±/);
    const g = reluFirstFinding(
      made([["elu", "ELU", 0]].map(() => ["elu", "ELU", -0.0005] as [never, string, number])),
    );
    assert.equal(g.verdict, "holds");
    assert.match(g.text, /is within noise of the best, ELU's/);
  });
  await t.step("holds in part: beaten by fewer than half", () => {
    const f = reluFirstFinding(
      made([["elu", "ELU", -0.01], ["tanh", "Tanh", 0.01], ["sigmoid", "Sigmoid", 0.1]]),
    );
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /^ELU beats ReLU's 9\.5 % test error clearly .* fewer than half of the 3/);
  });
  await t.step("does not hold: beaten by half or more", () => {
    const f = reluFirstFinding(made([["elu", "ELU", -0.01], ["gelu", "GELU", -0.02]]));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /^ELU and GELU beat ReLU's .* half or more of the 2 others\.$/);
  });
  await t.step("inconclusive: ReLU alone", () => {
    assert.equal(reluFirstFinding(made([])).verdict, "inconclusive");
  });
});

Deno.test("leakyOrEluFinding() and rreluPreluFinding()", async (t) => {
  await t.step("C6.2: all four verdicts", () => {
    const both = leakyOrEluFinding(
      made([["leakyRelu", "LeakyReLU", -0.01], ["elu", "ELU", -0.02]]),
    );
    assert.equal(both.claim, "C6.2");
    assert.equal(both.verdict, "holds");
    assert.match(
      both.text,
      /^Each improves on ReLU clearly: test error LeakyReLU − ReLU −1\.02 pp/,
    );
    const one = leakyOrEluFinding(made([["leakyRelu", "LeakyReLU", 0], ["elu", "ELU", -0.02]]));
    assert.equal(one.verdict, "holds in part");
    assert.match(one.text, /^Only ELU improves on ReLU clearly/);
    const worse = leakyOrEluFinding(made([["elu", "ELU", 0.02]]));
    assert.equal(worse.verdict, "does not hold");
    assert.match(worse.text, /^None improves on ReLU, and ELU does clearly worse/);
    const noise = leakyOrEluFinding(made([["elu", "ELU", 0]]));
    assert.equal(noise.verdict, "inconclusive");
    assert.match(noise.text, /^No difference from ReLU clears the noise of 5 seeds/);
    assert.match(leakyOrEluFinding(made([])).text, /none of them was trained/);
  });
  await t.step("C6.3 order: against the better of LeakyReLU and ELU", () => {
    const f = rreluPreluFinding(
      made([["leakyRelu", "LeakyReLU", 0.01], ["elu", "ELU", 0], ["prelu", "PReLU", 0.02]]),
    );
    assert.equal(f.claim, "C6.3 (order)");
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /None improves on ELU, and PReLU does clearly worse/);
    assert.match(rreluPreluFinding(made([])).text, /neither LeakyReLU nor ELU was trained/);
  });
});

Deno.test("preluDataFinding()", async (t) => {
  const size = (train: number, d: number, g = 0): DataArmSize => ({
    train,
    epochs: 1,
    rows: [],
    rival: "leakyRelu",
    prelu: paired(shift(d), RELU),
    gap: paired(shift(g), RELU),
  });
  await t.step("holds: behind on the small set only", () => {
    const f = preluDataFinding(made([], [size(1000, 0.02), size(10000, 0)]));
    assert.equal(f.claim, "C6.3 (data)");
    assert.equal(f.verdict, "holds");
    assert.match(
      f.text,
      /^PReLU falls behind LeakyReLU on 1,000 training digits and not on 10,000/,
    );
  });
  await t.step("holds in part: behind on both, more on the small set", () => {
    const f = preluDataFinding(made([], [size(1000, 0.03), size(10000, 0.01)]));
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /falls behind on both sets, clearly more on 1,000 digits/);
  });
  await t.step("does not hold: behind on the large set as much", () => {
    const f = preluDataFinding(made([], [size(1000, 0.01), size(10000, 0.01, 0.02)]));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /falls behind on 10,000 digits too/);
  });
  await t.step("inconclusive: behind on neither", () => {
    const f = preluDataFinding(made([]));
    assert.equal(f.verdict, "inconclusive");
    assert.match(f.text, /not clearly behind on either set/);
  });
});
