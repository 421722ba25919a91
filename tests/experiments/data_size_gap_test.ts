import assert from "node:assert/strict";
import {
  dataSizeGap,
  dataSizeGapFinding,
  type DataSizeGapResult,
  type PreluExcess,
} from "../../lib/experiments/data_size_gap.ts";
import { meanInterval } from "../../lib/stats/interval.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { small: 20, large: 200, test: 100, hidden: [6], batchSize: 20, seeds: 2 };
const withoutTimes = (r: DataSizeGapResult) => ({
  ...r,
  runs: r.runs.map((run) => ({ ...run, seconds: 0 })),
});

Deno.test("dataSizeGap()", async (t) => {
  const seen: string[] = [];
  const r = await dataSizeGap({
    ...tiny,
    onProgress: (done, total) => void seen.push(`${done}/${total}`),
  });
  await t.step("shapes: 2 sizes × 2 seeds × 3 activations, about the same steps", () => {
    assert.equal(r.runs.length, 12);
    assert.deepEqual(r.schedule, [
      { size: 20, epochs: 10, stepsPerEpoch: 1, steps: 10 },
      { size: 200, epochs: 1, stepsPerEpoch: 10, steps: 10 },
    ]);
    assert.deepEqual(r.summary.map((s) => `${s.size} ${s.activation}`), [
      "20 relu",
      "20 leakyRelu",
      "20 prelu",
      "200 relu",
      "200 leakyRelu",
      "200 prelu",
    ]);
    assert.equal(r.small.perSeed.length, 2);
    assert.equal(seen.at(-1), "12/12");
    assert.equal(r.runs.filter((run) => run.alpha.length === 1).length, 4); // PReLU's runs
  });
  await t.step("ranges: errors in [0, 1], the gap is test − training error", () => {
    for (const run of r.runs) {
      assert.ok(run.trainError >= 0 && run.trainError <= 1 && run.testError <= 1);
      assert.equal(run.gap, run.testError - run.trainError);
    }
    for (const s of r.summary) assert.ok(s.min <= s.gap && s.gap <= s.max && s.sd !== null);
    assert.ok(r.small.spread >= 0);
  });
  await t.step(
    "the claim's property: a small training set is fitted far better than the test set",
    () => {
      const small = r.summary.filter((s) => s.size === 20);
      assert.ok(small.every((s) => s.gap > 0), JSON.stringify(r.summary));
      assert.ok(r.dataEffect > 0);
    },
  );
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => dataSizeGap({ ...tiny, large: 40, seeds: 1 }), withoutTimes);
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("dataSizeGap", dataSizeGap, [
      ...commonOptionCases("small"),
      [{ small: 5 }, RangeError, 'option "small" must be an integer in [10, 59000], got 5'],
      [{ large: 60_000 }, RangeError, 'option "large" must be an integer in [10, 59000]'],
      [
        { small: 400, large: 400 },
        RangeError,
        'option "small" (400) must be below option "large" (400)',
      ],
      [{ test: 50 }, RangeError, 'option "test" must be an integer in [100, 10000], got 50'],
      [{ hidden: [] }, RangeError, 'option "hidden" must be an array of 1 to 8 items'],
      [{ epochs: 0 }, RangeError, 'option "epochs" must be an integer in [1, 50], got 0'],
      [{ lr: -1 }, RangeError, 'option "lr" must be a finite number in (0, 10], got -1'],
      [
        { leakyAlpha: 2 },
        RangeError,
        'option "leakyAlpha" must be a finite number in [0, 1], got 2',
      ],
      [{ prelu: "per-unit" }, RangeError, 'option "prelu" must be one of "shared", "channel"'],
      [{ seeds: 0 }, RangeError, 'option "seeds" must be an integer in [1, 10], got 0'],
    ]);
  });
});

const excess = (size: number, perSeed: number[], others = 0.1): PreluExcess => ({
  size,
  perSeed,
  mean: perSeed.reduce((a, b) => a + b, 0) / perSeed.length,
  interval: perSeed.length > 1 ? meanInterval(perSeed) : null,
  others,
  spread: 0.01,
});
const made = (small: PreluExcess, large: PreluExcess): DataSizeGapResult => ({
  options: {
    small: small.size,
    large: large.size,
    test: 10_000,
    hidden: [32],
    epochs: 1,
    lr: 0.02,
    momentum: 0.9,
    weightDecay: 5e-4,
    batchSize: 64,
    leakyAlpha: 0.01,
    alpha: 0.25,
    prelu: "channel",
    seeds: small.perSeed.length,
    seed: 0,
  },
  split: "test",
  schedule: [],
  runs: [],
  summary: [],
  small,
  large,
  dataEffect: 0.14,
});

Deno.test("dataSizeGapFinding()", async (t) => {
  const noPenalty = excess(20_000, [0.001, -0.001, 0]);
  await t.step("holds: PReLU overfits more on little data, not on plenty", () => {
    const f = dataSizeGapFinding(made(excess(400, [0.03, 0.04, 0.05], 0.2), noPenalty));
    assert.equal(f.claim, "C5.3");
    assert.equal(f.verdict, "holds");
    // mean 4, s = 1, t(0.975, 2) = 4.3027: 4 ± 2.48 points
    assert.match(
      f.text,
      /^With 400 training digits PReLU's gap \(test − training error\) exceeds the larger of ReLU's and LeakyReLU's by 4 points \(95 % interval 1\.5 points to 6\.5 points, 3 seeds, per seed 3 points, 4 points and 5 points\); with 20,000 digits the difference is 0 points \(−0\.25 points to 0\.25 points\)\. PReLU overfits more only with little data, as the advice says\. The others' gap on the small set is 20 points: PReLU's excess is 20\.0 % of what the small training set costs\.$/,
    );
    assert.equal(f.numbers.smallLower, meanInterval([0.03, 0.04, 0.05]).lower);
  });
  await t.step("holds in part: PReLU overfits more at both sizes", () => {
    const f = dataSizeGapFinding(
      made(excess(400, [0.03, 0.04, 0.05]), excess(20_000, [0.02, 0.021, 0.019])),
    );
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /plenty of data does not remove its penalty\. The others' gap/);
  });
  await t.step("does not hold: PReLU overfits less on the small set", () => {
    const less = dataSizeGapFinding(made(excess(400, [-0.03, -0.04, -0.05]), noPenalty));
    assert.equal(less.verdict, "does not hold");
    assert.match(
      less.text,
      /is below the larger of ReLU's and LeakyReLU's by 4 points .* PReLU overfits less than the others on the small set\.$/,
    );
  });
  await t.step("inconclusive: the interval includes 0, one seed, or not plenty of data", () => {
    const within = dataSizeGapFinding(made(excess(400, [0.002, 0.004, -0.0004]), noPenalty));
    assert.equal(within.verdict, "inconclusive");
    assert.match(within.text, /The interval includes 0: these seeds cannot tell/);
    const one = dataSizeGapFinding(made(excess(400, [0.05]), excess(20_000, [0])));
    assert.equal(one.verdict, "inconclusive");
    assert.match(one.text, /^Nothing to decide: with one seed there is no interval/);
    assert.equal(one.numbers.smallLower, null);
    const close = dataSizeGapFinding(
      made(excess(400, [0.05, 0.06]), excess(1200, [0, 0])),
    );
    assert.equal(close.verdict, "inconclusive");
    assert.match(
      close.text,
      /1,200 digits are only 3 times 400, too few to stand for plenty of data\.$/,
    );
  });
  await t.step("no ratio when the others' gap is 0", () => {
    const f = dataSizeGapFinding(made(excess(400, [0.03, 0.04, 0.05], 0), noPenalty));
    assert.equal(f.verdict, "holds");
    assert.match(f.text, /as the advice says\.$/);
  });
});
