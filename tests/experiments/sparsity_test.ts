import assert from "node:assert/strict";
import {
  decorrelationFinding,
  featureDetectorFinding,
  sparsity,
  sparsityFinding,
  type SparsityResult,
} from "../../lib/experiments/sparsity.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { hidden: [16, 8], train: 120, test: 60, probe: 60, epochs: 1 };
const r = await sparsity({ ...tiny, activations: ["relu", "sigmoid"] });

Deno.test("sparsity()", async (t) => {
  await t.step("shapes and ranges", () => {
    assert.deepEqual(r.counts, { train: 120, test: 60, probe: 60 });
    assert.equal(r.runs.length, 2);
    for (const run of r.runs) {
      assert.equal(run.zero.length, 2);
      assert.equal(run.zeroByEpoch[0].length, 2);
      assert.ok(run.testError >= 0 && run.testError <= 1);
    }
    assert.equal(r.detectors.length, 8);
    assert.equal(r.detectors[0].weights.length, 784);
    assert.equal(r.star?.classMeans.length, 10);
    assert.ok((r.star?.strongest.length ?? 0) <= 6);
    assert.equal(r.heatmap?.r.length, r.heatmap?.units.length);
  });
  await t.step("the claim's property: ReLU has exact zeros, sigmoid none and no dead count", () => {
    assert.ok(r.runs[0].zero[0] > 0.1);
    assert.equal(r.runs[1].zero[0], 0);
    assert.equal(r.runs[1].dead, null);
    assert.ok(r.runs[0].dead !== null);
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() =>
      sparsity({ activations: ["relu"], hidden: [4], train: 30, test: 20, probe: 20, epochs: 1 })
    );
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("sparsity", sparsity, [
      ...commonOptionCases("activations"),
      [{ hidden: [] }, RangeError, 'option "hidden" must be an array of 1 to 5 items'],
      [{ train: 5 }, RangeError, 'option "train" must be an integer in [10, 60000], got 5'],
      [
        { probe: 50, test: 20 },
        RangeError,
        'option "probe" (50) must be at most option "test" (20)',
      ],
      [{ lr: 0 }, RangeError, 'option "lr" must be a finite number in (0, 10]'],
      [{ momentum: 1 }, RangeError, 'option "momentum" must be a finite number in [0, 1)'],
      [{ onProgress: "bar" }, TypeError, 'option "onProgress" must be a function'],
    ]);
  });
});

const withRuns = (zero: number[], otherZero = 0, extra: Partial<SparsityResult> = {}) => ({
  ...r,
  runs: [{ ...r.runs[0], zero }, { ...r.runs[1], zero: [otherZero, otherZero] }],
  ...extra,
});

Deno.test("sparsityFinding()", async (t) => {
  await t.step("holds: near the paper's fraction", () => {
    const f = sparsityFinding(withRuns([0.8, 0.84]));
    assert.equal(f.claim, "C2.3 (sparsity)");
    assert.equal(f.verdict, "holds");
    assert.match(f.text, /80 % in layer 1 and 84 % in layer 2 .* \(Sigmoid 0 %\)\. That is Glorot/);
  });
  await t.step("holds in part: sparse, below the paper", () => {
    const f = sparsityFinding(withRuns([0.5, 0.5]));
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /Sparse, but below Glorot et al.'s ~83 %.* than 1 epochs\.$/);
  });
  await t.step("does not hold: few zeros, or no more than another activation", () => {
    assert.equal(sparsityFinding(withRuns([0.05, 0.05])).verdict, "does not hold");
    const f = sparsityFinding(withRuns([0.5, 0.5], 0.6));
    assert.match(f.text, /^Only 50 % in layer 1 and 50 % in layer 2 .*: not sparse\.$/);
  });
  await t.step("inconclusive: no ReLU", () => {
    const f = sparsityFinding({ ...r, runs: [r.runs[1]] });
    assert.equal(f.verdict, "inconclusive");
    assert.match(f.text, /ReLU is not among the activations trained/);
  });
});

const corr = (out: number, pre: number, other: number): SparsityResult => ({
  ...r,
  reluPre: { ...r.reluPre!, meanAbs: pre },
  runs: [
    { ...r.runs[0], correlations: { ...r.runs[0].correlations, meanAbs: out } },
    { ...r.runs[1], correlations: { ...r.runs[1].correlations, meanAbs: other } },
  ],
});

Deno.test("decorrelationFinding()", async (t) => {
  await t.step("holds, holds in part (both ways), does not hold, inconclusive", () => {
    const holds = decorrelationFinding(corr(0.1, 0.2, 0.3));
    assert.equal(holds.verdict, "holds");
    assert.match(holds.text, /least to most correlated: ReLU < Sigmoid\. The zeros decorrelate/);
    const within = decorrelationFinding(corr(0.1, 0.2, 0.05));
    assert.equal(within.verdict, "holds in part");
    assert.match(within.text, /other networks' units are less correlated still\.$/);
    const across = decorrelationFinding(corr(0.2, 0.1, 0.3));
    assert.equal(across.verdict, "holds in part");
    assert.match(across.text, /makes its own units more correlated, not less\.$/);
    const neither = decorrelationFinding(corr(0.2, 0.1, 0.05));
    assert.equal(neither.verdict, "does not hold");
    assert.match(neither.text, /the opposite of the article's claim\.$/);
    const tie = decorrelationFinding(corr(0.2, 0.205, 0.3));
    assert.equal(tie.verdict, "inconclusive");
    assert.match(tie.text, /changes the correlation by less than 0\.01\.$/);
    assert.equal(decorrelationFinding({ ...r, reluPre: null }).verdict, "inconclusive");
  });
});

/** A result whose 8 most variable units are on for `on[k]` of the digits; unit k's class means
 * are 1 but for the digit 7, `peak[k]` (so its selectivity is 10 · peak / (9 + peak)). */
const units = (on: number[], peak: number[]): SparsityResult => ({
  ...r,
  detectors: on.map((share, k) => {
    const classMeans = Array.from({ length: 10 }, (_, c) => (c === 7 ? peak[k] : 1));
    return {
      ...r.detectors[0],
      unit: 3 + k,
      on: share,
      classMeans,
      selectivity: Math.max(...classMeans) / (classMeans.reduce((a, b) => a + b, 0) / 10),
    };
  }),
});

Deno.test("featureDetectorFinding()", async (t) => {
  const eight = (x: number) => new Array(8).fill(x);

  await t.step("the units' class means and selectivity, as measured", () => {
    for (const d of r.detectors) {
      assert.equal(d.classMeans.length, 10);
      const overall = d.outputs.reduce((a, b) => a + b, 0) / d.outputs.length;
      assert.equal(d.selectivity, overall > 0 ? Math.max(...d.classMeans) / overall : 0);
    }
    assert.deepEqual(r.star?.classMeans, r.detectors[0].classMeans);
  });
  await t.step("holds: half or more are selective switches", () => {
    const f = featureDetectorFinding(units(eight(0.4), [20, 20, 20, 20, 1, 1, 1, 1]));
    assert.equal(f.claim, "C2.3 (switch)");
    assert.equal(f.verdict, "holds");
    assert.match(
      f.text,
      /^8 of the 8 most variable ReLU units are switches, .* \(on for 40 % to 40 %\); 4 of them prefer a digit class.* The most variable, unit 3, is on for 40 % of the test digits; its mean output is 6\.9× its average for the digit 7 and lowest for the digit 0\. Detectors of some strokes\.$/,
    );
    assert.deepEqual([f.numbers.switches, f.numbers.selective], [8, 4]);
  });
  await t.step("holds in part: switches, fewer than half selective", () => {
    const f = featureDetectorFinding(units(eight(0.4), [20, 20, 20, 1.5, 1, 1, 1, 1]));
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /3 of them prefer a digit class.*mostly not selective detectors\.$/);
  });
  await t.step("does not hold: fewer than half are switches", () => {
    const f = featureDetectorFinding(units([1, 1, 0.99, 0.01, 0.02, 0.5, 0.5, 0.5], eight(20)));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /^Only 3 of the 8 .* on for 1 % to 100 %\): mostly not switches\./);
    const four = featureDetectorFinding(units([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5], eight(20)));
    assert.equal(four.verdict, "holds", "4 of 8 is half");
  });
  await t.step("inconclusive: no ReLU", () => {
    assert.equal(
      featureDetectorFinding({ ...r, star: null, detectors: [] }).verdict,
      "inconclusive",
    );
  });
});
