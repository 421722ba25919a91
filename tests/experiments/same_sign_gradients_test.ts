import assert from "node:assert/strict";
import {
  sameSignFinding,
  sameSignGradients,
  type SameSignGradientsResult,
  sameSignRows,
} from "../../lib/experiments/same_sign_gradients.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { hidden: [10, 8], train: 60, steps: 6, batchSize: 8, layer1Units: 2 };
const r = await sameSignGradients(tiny);

Deno.test("sameSignGradients()", async (t) => {
  await t.step("shapes and the sum check", () => {
    assert.equal(r.layers.length, 2);
    assert.equal(r.unitShare.length, 8);
    assert.ok(r.maxSumError < 1e-12);
    assert.ok(r.tracked.unit >= 0 && r.tracked.unit < 8);
    assert.equal(r.tracked.batchPositive.length, r.tracked.steps.length);
    assert.equal(r.tracked.examplesPositive.length, r.tracked.steps.length);
    assert.equal(sameSignRows(r).length, 2);
  });
  await t.step("the claim's property: per example one sign, in both layers", () => {
    for (const c of r.layers) assert.equal(c.examplesOneSign, c.examplesNonzero);
    for (const c of r.layers) assert.ok(c.batchOneSign <= c.batchNonzero);
  });
  await t.step(
    "batch size 1: the minibatch gradient is one example's, so one sign too",
    async () => {
      const one = await sameSignGradients({ ...tiny, batchSize: 1 });
      assert.equal(one.layers[1].batchOneSign, one.layers[1].batchNonzero);
    },
  );
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => sameSignGradients({ ...tiny, steps: 2 }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("sameSignGradients", sameSignGradients, [
      ...commonOptionCases("hidden"),
      [{ hidden: [8] }, RangeError, 'option "hidden" must be an array of 2 to 5 items'],
      [{ steps: 0 }, RangeError, 'option "steps" must be an integer in [1, 10000], got 0'],
      [{ layer1Units: 200 }, RangeError, 'option "layer1Units" (200) must be at most'],
      [{ onProgress: "x" }, TypeError, 'option "onProgress" must be a function'],
    ]);
  });
});

const made = (
  layer2: Partial<SameSignGradientsResult["layers"][1]>,
  unitShare: (number | null)[],
): SameSignGradientsResult => ({
  ...r,
  layers: [r.layers[0], {
    examplesNonzero: 100,
    examplesOneSign: 100,
    batchNonzero: 50,
    batchOneSign: 10,
    ...layer2,
  }],
  unitShare,
});

Deno.test("sameSignFinding()", async (t) => {
  const many = (s: number) => Array(12).fill(s);
  await t.step("holds: one sign per example and mostly per minibatch", () => {
    const f = sameSignFinding(made({ batchOneSign: 45 }, many(0.9)));
    assert.equal(f.claim, "C2.5, F5, F6");
    assert.equal(f.verdict, "holds");
    assert.match(
      f.text,
      /all 100 nonzero gradient columns .* \(batches of 8\) 90\.0 % did: 12 of 12 units .*p = 4\.9×10⁻⁴\)\. Most updates/,
    );
  });
  await t.step("holds in part: per example only", () => {
    const f = sameSignFinding(made({}, [...many(0.1), null, 0.5]));
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /0 of 12 units .* the update mixes\.$/);
  });
  await t.step("does not hold: a per-example column with both signs", () => {
    const f = sameSignFinding(made({ examplesOneSign: 97 }, many(0.1)));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /^3 of 100 per-example gradient columns of layer 2 mixed signs\.$/);
  });
  await t.step("inconclusive: nothing nonzero, or a sign test that does not decide", () => {
    const none = sameSignFinding(made({ examplesNonzero: 0, examplesOneSign: 0 }, []));
    assert.equal(none.verdict, "inconclusive");
    assert.match(none.text, /no layer-2 gradient column was nonzero/);
    const even = sameSignFinding(made({}, [0.9, 0.1, 0.8, 0.2]));
    assert.equal(even.verdict, "inconclusive");
    assert.match(even.text, /2 of 4 units .*p = 1\), which does not decide\.$/);
  });
});
