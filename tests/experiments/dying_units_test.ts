import assert from "node:assert/strict";
import {
  deadBiasFinding,
  dyingUnits,
  type DyingUnitsResult,
  highLrFinding,
  neverUpdateFinding,
} from "../../lib/experiments/dying_units.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = {
  hidden: [12, 6],
  train: 64,
  test: 20,
  epochs: 2,
  deadUnits: 4,
  deadBias: -50,
  countEvery: 1,
  continueSteps: 2,
  highLr: 2,
};
const r = await dyingUnits(tiny);

Deno.test("dyingUnits()", async (t) => {
  await t.step("shapes and ranges", () => {
    assert.equal(r.counts.stepsPerEpoch, 2);
    assert.deepEqual(r.bias.groups.map((g) => g.count), [4, 8]);
    assert.equal(r.bias.deadByEpoch[0].length, 3);
    for (const run of r.lrRuns) {
      assert.deepEqual(run.steps, [0, 1, 2, 3, 4]);
      assert.equal(run.dead.length, 2);
      assert.ok(run.testError >= 0 && run.testError <= 1);
    }
    assert.equal(r.extraSteps, 2);
    assert.equal(r.continued[0].dead, r.continued[1].dead);
  });
  await t.step("the claim's property: a unit dead from the start never moves", () => {
    const [given] = r.bias.groups;
    assert.equal(given.deadBefore, 4);
    assert.equal(given.frozen, 4);
    assert.equal(given.largestChangeDead, 0);
    assert.equal(r.continued[1].moved, 0); // plain SGD: a dead unit's gradient is exactly 0
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() =>
      dyingUnits({ hidden: [4, 4], train: 20, test: 10, epochs: 1, deadUnits: 1, continueSteps: 1 })
    );
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("dyingUnits", dyingUnits, [
      ...commonOptionCases("hidden"),
      [
        { deadBias: 1 },
        RangeError,
        'option "deadBias" must be a finite number in [-100, 0], got 1',
      ],
      [{ hidden: [8], deadUnits: 9 }, RangeError, 'option "deadUnits" (9) must be at most'],
      [{ highLr: 0 }, RangeError, 'option "highLr" must be a finite number in (0, 10]'],
      [
        { countEvery: 0 },
        RangeError,
        'option "countEvery" must be an integer in [1, 10000], got 0',
      ],
      [{ onProgress: 1 }, TypeError, 'option "onProgress" must be a function'],
    ]);
  });
});

const biasOf = (
  given: Partial<DyingUnitsResult["bias"]["groups"][0]>,
  othersMoved: number | null = 0.3,
) => ({
  ...r,
  bias: {
    ...r.bias,
    groups: [
      {
        ...r.bias.groups[0],
        count: 10,
        deadBefore: 10,
        frozen: 10,
        largestChangeDead: 0,
        ...given,
      },
      { ...r.bias.groups[1], largestChange: othersMoved },
    ] as DyingUnitsResult["bias"]["groups"],
  },
});

Deno.test("deadBiasFinding()", async (t) => {
  await t.step("holds, holds in part, does not hold, inconclusive", () => {
    const holds = deadBiasFinding(biasOf({}));
    assert.equal(holds.claim, "C2.4 (bias)");
    assert.equal(holds.verdict, "holds");
    assert.match(
      holds.text,
      /^10 of the 10 units given bias −50 were dead on all 64 training digits .* moved by up to 0\.3\.$/,
    );
    const part = deadBiasFinding(biasOf({ deadBefore: 7, frozen: 7 }, null));
    assert.equal(part.verdict, "holds in part");
    assert.match(
      part.text,
      /exactly unchanged\. The other 3 were not dead at the start: −50 was not negative enough/,
    );
    const no = deadBiasFinding(biasOf({ frozen: 8, largestChangeDead: 0.01 }));
    assert.equal(no.verdict, "does not hold");
    assert.match(
      no.text,
      /^2 of the 10 units dead from the start changed a weight or its bias \(largest \|ΔW\| 0\.01\)\.$/,
    );
    assert.match(deadBiasFinding(biasOf({ count: 0, deadBefore: 0 })).text, /no unit was given/);
    const none = deadBiasFinding(biasOf({ deadBefore: 0 }));
    assert.equal(none.verdict, "inconclusive");
    assert.match(none.text, /make it more negative\.$/);
  });
});

const lrOf = (lo: number, hi: number, highLr = 0.15): DyingUnitsResult => ({
  ...r,
  lrRuns: [
    { ...r.lrRuns[0], lr: 0.05, deadLayer1: lo, testError: 0.1 },
    { ...r.lrRuns[1], lr: highLr, deadLayer1: hi, testError: 0.2 },
  ],
});

Deno.test("highLrFinding()", async (t) => {
  await t.step("holds, holds in part, does not hold, inconclusive", () => {
    const holds = highLrFinding(lrOf(0.02, 0.45));
    assert.equal(holds.verdict, "holds");
    assert.match(
      holds.text,
      /at lr 0\.15, 45\.0 % \(test error 10\.0 % and 20\.0 %\)\. The higher rate kills many units, past CS231n's stated 40 %/,
    );
    assert.match(highLrFinding(lrOf(0.02, 0.2)).text, /below CS231n's stated 40 %/);
    const part = highLrFinding(lrOf(0.02, 0.05));
    assert.equal(part.verdict, "holds in part");
    assert.match(part.text, /kills more, but few,/);
    const no = highLrFinding(lrOf(0.1, 0.05));
    assert.equal(no.verdict, "does not hold");
    assert.match(no.text, /The higher rate kills no more units\.$/);
    assert.match(highLrFinding(lrOf(0.1, 0.2, 0.05)).text, /is not above the normal 0\.05\.$/);
    const nan = highLrFinding(lrOf(0.1, NaN));
    assert.equal(nan.verdict, "inconclusive");
    assert.match(nan.text, /diverged/);
  });
});

const contOf = (dead: number, plain: number, momentum: number): DyingUnitsResult => ({
  ...r,
  continued: [
    { ...r.continued[0], dead, moved: momentum, largestChange: momentum ? 0.2 : 0 },
    { ...r.continued[1], dead, moved: plain, largestChange: plain ? 0.1 : 0 },
  ],
});

Deno.test("neverUpdateFinding()", async (t) => {
  await t.step("holds, holds in part, does not hold, inconclusive", () => {
    const holds = neverUpdateFinding(contOf(5, 0, 0));
    assert.equal(holds.verdict, "holds");
    assert.match(
      holds.text,
      /^Over 2 more steps none of the 5 dead .* with plain SGD or with momentum\.$/,
    );
    const part = neverUpdateFinding(contOf(5, 0, 5));
    assert.equal(part.verdict, "holds in part");
    assert.match(part.text, /with momentum 5 still moved \(up to 0\.2\)/);
    const no = neverUpdateFinding(contOf(5, 2, 5));
    assert.equal(no.verdict, "does not hold");
    assert.match(
      no.text,
      /2 of 5 dead first-layer units changed a weight \(largest \|ΔW\| 0\.1\)\.$/,
    );
    const none = neverUpdateFinding(contOf(0, 0, 0));
    assert.equal(none.verdict, "inconclusive");
    assert.match(none.text, /no first-layer unit of the lr 2 network was dead\.$/);
  });
});
