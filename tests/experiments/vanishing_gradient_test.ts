import assert from "node:assert/strict";
import {
  reluRemedyFinding,
  vanishingGradient,
  vanishingGradientFinding,
  type VanishingGradientResult,
  type VanishingGradientRun,
} from "../../lib/experiments/vanishing_gradient.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { depth: 6, width: 16, batch: 32, inits: 2 } as const;

Deno.test("vanishingGradient()", async (t) => {
  const r = await vanishingGradient({ ...tiny, activations: ["sigmoid", "relu"] });

  await t.step("shapes: one norm per layer, one run per activation, the bound", () => {
    assert.deepEqual(r.layers, [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(r.runs.map((run) => run.activation), ["sigmoid", "relu"]);
    for (const run of r.runs) {
      for (const key of ["median", "min", "max"] as const) assert.equal(run[key].length, 7);
      run.median.forEach((m, l) => assert.ok(run.min[l] <= m && m <= run.max[l]));
    }
    assert.equal(r.bound?.length, 7);
    assert.equal(r.bound?.[6], r.runs[0].median[6]);
    assert.equal(r.runs[0].init, "Xavier, gain 1");
    assert.equal(r.runs[1].init, "He");
  });
  await t.step("the claim's property: sigmoid's first layer gets far less than its last", () => {
    const sigmoid = r.runs[0];
    assert.ok(sigmoid.median[0] < sigmoid.median[6]);
    assert.ok(sigmoid.activationFactor > 0 && sigmoid.activationFactor <= 0.25);
    assert.ok(sigmoid.perLayer !== null && sigmoid.perLayer < 1);
    // ReLU with He init does not vanish like that: its spread is far smaller.
    assert.ok(r.runs[1].spread < sigmoid.spread);
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() =>
      vanishingGradient({ ...tiny, inits: 1, activations: ["tanh"] })
    );
  });
  await t.step("no sigmoid, no bound; one hidden layer, no per-layer ratio", async () => {
    const relu = await vanishingGradient({ ...tiny, inits: 1, activations: ["relu"] });
    assert.equal(relu.bound, null);
    const shallow = await vanishingGradient({ ...tiny, inits: 1, depth: 1 });
    assert.ok(shallow.runs.every((run) => run.perLayer === null));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("vanishingGradient", vanishingGradient, [
      ...commonOptionCases("activations"),
      [{ depth: 0 }, RangeError, 'option "depth" must be an integer in [1, 50], got 0'],
      [{ depth: NaN }, RangeError, 'option "depth" must be an integer in [1, 50], got NaN'],
      [{ width: 2.5 }, RangeError, 'option "width" must be an integer in [1, 1024], got 2.5'],
      [{ batch: "256" }, TypeError, 'option "batch" must be an integer in [1, 10000], got "256"'],
      [{ inits: 21 }, RangeError, 'option "inits" must be an integer in [1, 20], got 21'],
      [{ seed: -1 }, RangeError, 'option "seed" must be an integer ≥ 0, got -1'],
      [{ activations: ["sigmoid", "swish"] }, RangeError, 'option "activations" must be an array'],
      [{ activations: [] }, RangeError, 'option "activations" must be an array of 1 or more'],
      [{ activations: "relu" }, TypeError, 'option "activations" must be an array'],
    ]);
  });
});

/** A hand-made result with one sigmoid run, to reach each verdict. */
function made(run: Partial<VanishingGradientRun>, depth = 10): VanishingGradientResult {
  const sigmoid: VanishingGradientRun = {
    activation: "sigmoid",
    label: "Sigmoid",
    init: "Xavier, gain 1",
    median: [],
    min: [],
    max: [],
    perLayer: 0.25,
    activationFactor: 0.24,
    weightFactor: 1.02,
    firstOverLast: 1e-6,
    spread: 1e6,
    ...run,
  };
  return {
    options: { activations: ["sigmoid"], depth, width: 64, batch: 256, inits: 3, seed: 1 },
    layers: [],
    runs: [sigmoid],
    bound: null,
  };
}

Deno.test("vanishingGradientFinding()", async (t) => {
  await t.step("holds: vanished, by about 1/4 per layer", () => {
    const f = vanishingGradientFinding(made({ perLayer: 0.26 }));
    assert.equal(f.claim, "C1.2");
    assert.equal(f.verdict, "holds");
    assert.match(f.text, /shrinks by 0\.26 per layer.*That is the article's 1\/4/);
    assert.equal(f.numbers.perLayer, 0.26);
  });
  await t.step("holds in part: vanished, but not by 1/4 per layer", () => {
    const f = vanishingGradientFinding(made({ perLayer: 0.4, weightFactor: 1.7 }));
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /not 1\/4, because σ′ is only one of two.*multiply by 1\.7/);
  });
  await t.step("holds in part: it shrinks per layer, but too few layers to vanish", () => {
    const f = vanishingGradientFinding(made({ perLayer: 0.25, firstOverLast: 0.04 }, 3));
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /^Across 3 sigmoid layers the first layer still gets 0\.04 of the output/);
    assert.match(
      f.text,
      /×0\.25 in all\. The gradient shrinks layer by layer, but 3 layers are too few/,
    );
  });
  await t.step("does not hold: it does not shrink, and the first layer keeps 1 % or more", () => {
    const f = vanishingGradientFinding(made({ perLayer: 1.1, firstOverLast: 0.4 }));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /still gets 0\.4 of the output layer's gradient/);
    assert.match(f.text, /The gradient does not shrink on its way down\.$/);
  });
  await t.step("inconclusive: no sigmoid, or no hidden-to-hidden ratio", () => {
    const none = made({});
    const noSigmoid = { ...none, runs: [{ ...none.runs[0], activation: "relu" as const }] };
    assert.equal(vanishingGradientFinding(noSigmoid).verdict, "inconclusive");
    assert.match(vanishingGradientFinding(noSigmoid).text, /sigmoid is not among/);
    const shallow = vanishingGradientFinding(made({ perLayer: null }, 1));
    assert.equal(shallow.verdict, "inconclusive");
    assert.match(shallow.text, /1 hidden layer, too few/);
  });
});

/** A hand-made result with a sigmoid and a ReLU run. */
function withRelu(relu: Partial<VanishingGradientRun>, depth = 10): VanishingGradientResult {
  const r = made({ spread: 6.9e5 }, depth);
  const run: VanishingGradientRun = {
    ...r.runs[0],
    activation: "relu",
    label: "ReLU",
    init: "He",
    perLayer: 1,
    firstOverLast: 3,
    spread: 4,
    ...relu,
  };
  return { ...r, runs: [r.runs[0], run] };
}

Deno.test("reluRemedyFinding()", async (t) => {
  await t.step("holds: ReLU's layer norms within a factor 10", () => {
    const f = reluRemedyFinding(withRelu({}));
    assert.equal(f.claim, "C1.4 (ReLU)");
    assert.equal(f.verdict, "holds");
    assert.equal(
      f.text,
      "With He init ReLU keeps every layer's gradient norm within a factor 4 of the others " +
        "across 11 layers (the same measure is 690000 for Sigmoid), ×1 per hidden layer. " +
        "ReLU′ is 1 wherever a unit is on, and He's gain √2 makes up for the units that are off.",
    );
  });
  await t.step("holds in part: it does not vanish, but spreads over more than 10", () => {
    const f = reluRemedyFinding(withRelu({ spread: 40, firstOverLast: 0.05 }));
    assert.equal(f.verdict, "holds in part");
    assert.match(
      f.text,
      /within a factor 40 .* It does not vanish, but it is not level either: a spread above 10\.$/,
    );
  });
  await t.step("does not hold: ReLU's first layer gets less than 1 %", () => {
    const f = reluRemedyFinding(withRelu({ spread: 1e4, firstOverLast: 1e-4 }));
    assert.equal(f.verdict, "does not hold");
    assert.match(
      f.text,
      /ReLU's first layer gets 1×10⁻⁴ of the output layer's gradient across 11 layers: it vanishes too\.$/,
    );
  });
  await t.step("inconclusive: no ReLU, or one hidden layer", () => {
    const none = reluRemedyFinding(made({}));
    assert.equal(none.verdict, "inconclusive");
    assert.match(none.text, /ReLU is not among the activations measured/);
    const shallow = reluRemedyFinding(withRelu({ perLayer: null }, 1));
    assert.equal(shallow.verdict, "inconclusive");
    assert.match(shallow.text, /1 hidden layer, too few/);
  });
});
