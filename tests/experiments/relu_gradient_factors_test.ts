import assert from "node:assert/strict";
import {
  reluGradientFactors,
  reluGradientFactorsFinding,
  type ReluGradientFactorsResult,
} from "../../lib/experiments/relu_gradient_factors.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { depth: 6, chains: 40 } as const;

Deno.test("reluGradientFactors()", async (t) => {
  const r = reluGradientFactors(tiny);
  await t.step("shapes: one factor per neuron, one tail value per k", () => {
    assert.deepEqual(r.k, [1, 2, 3, 4, 5, 6]);
    for (const run of r.runs) {
      assert.equal(run.factors.length, 240);
      assert.equal(run.tailMean.length, 6);
      assert.equal(run.zero + run.one + run.other, 240);
    }
    assert.deepEqual(r.kink, [0, 0, 1]);
    assert.equal(r.bound[0], 0.25);
  });
  await t.step(
    "the claim's property: ReLU factors 0 or 1, each chain stops or passes as ∏w",
    () => {
      const [relu, sigmoid] = r.runs;
      assert.equal(relu.other, 0);
      assert.equal(relu.stopped + relu.passedExactly, 40);
      assert.ok(sigmoid.largest <= 0.25 && sigmoid.other === 240);
      relu.tailMean.forEach((m, k) => assert.ok(m >= 0 && m <= 1 && relu.tailMin[k] <= m));
    },
  );
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => reluGradientFactors({ depth: 3, chains: 5 }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("reluGradientFactors", reluGradientFactors, [
      ...commonOptionCases("depth"),
      [{ depth: 0 }, RangeError, 'option "depth" must be an integer in [1, 200], got 0'],
      [{ chains: 1.5 }, RangeError, 'option "chains" must be an integer'],
      [{ weightMean: NaN }, RangeError, 'option "weightMean" must be a finite number'],
      [{ weightStd: -1 }, RangeError, 'option "weightStd" must be a finite number in [0, 10]'],
      [{ seed: "1" }, TypeError, 'option "seed" must be an integer'],
    ]);
  });
});

function made(relu: Partial<ReluGradientFactorsResult["runs"][0]>): ReluGradientFactorsResult {
  const r = reluGradientFactors({ depth: 3, chains: 10 });
  return { ...r, runs: [{ ...r.runs[0], ...relu }, r.runs[1]] };
}

Deno.test("reluGradientFactorsFinding()", async (t) => {
  await t.step("holds: factors 0 or 1, chains stop or pass exactly", () => {
    const f = reluGradientFactorsFinding(
      made({ stopped: 4, passing: 6, passedExactly: 6, other: 0 }),
    );
    assert.equal(f.claim, "C2.1");
    assert.equal(f.verdict, "holds");
    assert.match(
      f.text,
      /^Every one of 30 ReLU factors was exactly 0 or 1: 40\.0 % of the chains stopped/,
    );
    assert.match(f.text, /with zero-mean weights only \d+ of 10 do\.$/);
  });
  await t.step("does not hold: a factor of another value", () => {
    const f = reluGradientFactorsFinding(made({ other: 2, stopped: 4, passedExactly: 6 }));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /2 of 30 factors were neither 0 nor 1, and 0 chains/);
  });
  await t.step("inconclusive: only one outcome seen", () => {
    const all = reluGradientFactorsFinding(made({ other: 0, stopped: 10, passedExactly: 0 }));
    assert.equal(all.verdict, "inconclusive");
    assert.match(all.text, /but every chain stopped, so only one of the two outcomes/);
    const none = reluGradientFactorsFinding(made({ other: 0, stopped: 0, passedExactly: 10 }));
    assert.match(none.text, /but no chain stopped/);
  });
});
