import assert from "node:assert/strict";
import {
  learnedAlpha,
  learnedAlphaFinding,
  type LearnedAlphaResult,
  type SharedAlphaRun,
} from "../../lib/experiments/learned_alpha.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { hidden: [6, 6, 6], train: 40, test: 20, epochs: 2, seeds: 2 };

Deno.test("learnedAlpha()", async (t) => {
  const r = await learnedAlpha(tiny);
  await t.step("shapes: α per epoch and layer, shared and per unit, per seed", () => {
    assert.deepEqual(r.layers, [1, 2, 3]);
    assert.deepEqual(r.epochs, [0, 1, 2]);
    assert.deepEqual(r.shared.map((s) => s.seed), [0, 1]);
    for (const s of r.shared) assert.deepEqual(s.alpha.map((a) => a.length), [3, 3, 3]);
    for (const c of r.channel) {
      c.mean.forEach((m, e) =>
        m.forEach((v, l) => assert.ok(c.low[e][l] <= v && v <= c.high[e][l]))
      );
      assert.ok(c.testAccuracy >= 0 && c.testAccuracy <= 1);
    }
    assert.equal(r.units, 2 * 18);
    assert.equal(r.split, "test");
  });
  await t.step("the claim's property: α starts at α₀ and is learned (it moves)", () => {
    for (const s of r.shared) assert.deepEqual(s.alpha[0], [0.25, 0.25, 0.25]);
    assert.ok(r.sharedMove > 0 && r.channelMove > 0);
    r.layers.forEach((_, l) => assert.ok(r.sharedMin[l] <= r.sharedMean[l]));
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => learnedAlpha({ ...tiny, hidden: [4], epochs: 1, seeds: 1 }));
  });
  await t.step("awaits onProgress after every epoch of every network", async () => {
    const seen: number[] = [];
    await learnedAlpha({
      ...tiny,
      hidden: [4],
      epochs: 1,
      seeds: 1,
      onProgress: (done, total) => void seen.push(done / total),
    });
    assert.deepEqual(seen, [0.5, 1]);
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("learnedAlpha", learnedAlpha, [
      ...commonOptionCases("alpha"),
      [{ hidden: [0] }, RangeError, 'option "hidden" must be an array of 1 to 12 items'],
      [{ train: 5 }, RangeError, 'option "train" must be an integer in [10, 50000], got 5'],
      [{ test: 0 }, RangeError, 'option "test" must be an integer in [1, 10000], got 0'],
      [{ epochs: 0 }, RangeError, 'option "epochs" must be an integer in [1, 100], got 0'],
      [{ momentum: 1 }, RangeError, 'option "momentum" must be a finite number in [0, 1), got 1'],
      [{ seeds: 11 }, RangeError, 'option "seeds" must be an integer in [1, 10], got 11'],
      [{ onProgress: 1 }, TypeError, 'option "onProgress" must be a function'],
    ]);
  });
});

const run = (seed: number, final: number[], rho: number | null): SharedAlphaRun => ({
  seed,
  alpha: [final],
  final,
  rho,
  testAccuracy: 0.9,
});
const made = (shared: SharedAlphaRun[], layers = 4): LearnedAlphaResult => ({
  options: {
    alpha: 0.25,
    hidden: Array(layers).fill(8),
    train: 100,
    test: 100,
    epochs: 1,
    lr: 0.01,
    momentum: 0.9,
    weightDecay: 5e-4,
    batchSize: 32,
    seeds: shared.length,
    seed: 0,
  },
  split: "test",
  layers: Array.from({ length: layers }, (_, l) => l + 1),
  epochs: [0, 1],
  shared,
  channel: shared.map((s) => ({
    seed: s.seed,
    mean: [],
    low: [],
    high: [],
    final: s.final,
    rho: s.rho,
    negative: 0,
    testAccuracy: 0.9,
  })),
  sharedMean: [],
  sharedMin: [],
  sharedMax: [],
  channelMean: [],
  sharedMove: 0.5,
  channelMove: 0.02,
  negativeShared: 0,
  negativeUnits: 0,
  units: 32,
});

Deno.test("learnedAlphaFinding()", async (t) => {
  await t.step("holds: α falls with depth and layer 1 is largest in every seed", () => {
    const f = learnedAlphaFinding(
      made([run(0, [0.6, 0.3, 0.2, 0.1], -1), run(1, [0.5, 0.4, 0.1, 0.2], -0.8)]),
    );
    assert.equal(f.claim, "C4.1 (what α learns)");
    assert.equal(f.verdict, "holds");
    assert.match(
      f.text,
      /^In our 4-layer MLP the shared α's rank correlation with depth is −1 and −0\.8 /,
    );
    assert.match(f.text, /largest in layer 1 in all 2 seeds, as in He et al.'s model\.$/);
  });
  await t.step("holds in part: only one of the two", () => {
    const falls = learnedAlphaFinding(made([run(0, [0.3, 0.4, 0.2, 0.1], -0.8)]));
    assert.equal(falls.verdict, "holds in part");
    assert.match(
      falls.text,
      /tends to fall with depth in seed 0, but layer 1 is not always the largest\.$/,
    );
    const first = learnedAlphaFinding(made([run(0, [0.9, 0.1, 0.2, 0.3], 0.2)]));
    assert.equal(first.verdict, "holds in part");
    assert.match(first.text, /Layer 1 has the largest α in seed 0, but below it/);
  });
  await t.step("does not hold: α rises with depth, or layer 1 is smallest", () => {
    const rises = learnedAlphaFinding(made([run(0, [0.1, 0.2, 0.3, 0.4], 1)]));
    assert.equal(rises.verdict, "does not hold");
    assert.match(
      rises.text,
      /α rises with depth in seed 0: the opposite of He et al.'s profile\.$/,
    );
    const smallest = learnedAlphaFinding(
      made([run(0, [0, 0.5, 0.2, 0.3], -0.2), run(1, [0, 0.5, 0.6, 0.1], 0.1)]),
    );
    assert.equal(smallest.verdict, "does not hold");
    assert.match(smallest.text, /Layer 1 has the smallest α in all 2 seeds/);
  });
  await t.step("inconclusive: seeds disagree, or too few layers", () => {
    const mixed = learnedAlphaFinding(
      made([run(0, [0.3, 0.5, 0.2, 0.1], -0.4), run(1, [0.3, 0.1, 0.2, 0.4], 0.4)]),
    );
    assert.equal(mixed.verdict, "inconclusive");
    assert.match(
      mixed.text,
      /the seeds disagree, so this network shows no consistent depth profile\.$/,
    );
    const level = learnedAlphaFinding(made([run(0, [0.3, 0.3, 0.3, 0.3], null)]));
    assert.equal(level.verdict, "inconclusive");
    assert.match(level.text, /none \(α level\)/);
    const shallow = learnedAlphaFinding(made([run(0, [0.3, 0.2], -1)], 2));
    assert.equal(shallow.verdict, "inconclusive");
    assert.match(
      shallow.text,
      /^With 2 hidden layers there is no depth profile to judge: use 3 or more\.$/,
    );
  });
});
