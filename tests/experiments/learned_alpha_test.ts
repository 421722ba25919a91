import assert from "node:assert/strict";
import { table } from "../../lib/display/table.ts";
import {
  LEARNED_ALPHA_COLUMNS,
  learnedAlpha,
  learnedAlphaFinding,
  type LearnedAlphaResult,
  learnedAlphaRows,
  type SharedAlphaRun,
} from "../../lib/experiments/learned_alpha.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { hidden: [6, 6, 6], train: 40, test: 20, epochs: 2, seeds: 2, channelSeeds: 2 };

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
  await t.step("the two forms take their own seed counts, from the same first seed", async () => {
    const few = { ...tiny, hidden: [4], epochs: 1 };
    const more = await learnedAlpha({ ...few, seeds: 3, channelSeeds: 1 });
    assert.deepEqual(more.shared.map((s) => s.seed), [0, 1, 2]);
    assert.deepEqual(more.channel.map((c) => c.seed), [0]);
    assert.equal(more.units, 4);
    const fewer = await learnedAlpha({ ...few, seeds: 1, channelSeeds: 2 });
    assert.deepEqual(fewer.shared.map((s) => s.seed), [0]);
    assert.deepEqual(fewer.channel.map((c) => c.seed), [0, 1]);
    // A network's α does not depend on which others are trained beside it.
    assert.deepEqual(fewer.shared[0], more.shared[0]);
    assert.deepEqual(fewer.channel[0], more.channel[0]);
    // The table: a row per shared seed, the per-unit columns empty where it was not trained.
    const rows = learnedAlphaRows(more);
    assert.deepEqual(rows.map((row) => row.seed), [0, 1, 2]);
    assert.deepEqual(rows[0].channel, more.channel[0].final);
    assert.equal(rows[0].channelTestAccuracy, more.channel[0].testAccuracy);
    assert.equal(rows[2].channel, null);
    const text = table(rows, { columns: LEARNED_ALPHA_COLUMNS }).toString();
    assert.match(text, /shared α, layer 1 → last/);
    assert.match(text, new RegExp(more.shared[2].final.map((a) => a.toFixed(2)).join(", ")));
    assert.match(text, new RegExp(more.channel[0].final.map((a) => a.toFixed(3)).join(", ")));
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
      channelSeeds: 1,
      onProgress: (done, total) => void seen.push(done / total),
    });
    assert.deepEqual(seen, [0.5, 1]);
    const counted: string[] = [];
    await learnedAlpha({
      ...tiny,
      hidden: [4],
      epochs: 1,
      seeds: 2,
      channelSeeds: 1,
      onProgress: (done, total) => void counted.push(`${done}/${total}`),
    });
    assert.deepEqual(counted, ["1/3", "2/3", "3/3"]);
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("learnedAlpha", learnedAlpha, [
      ...commonOptionCases("alpha"),
      [{ hidden: [0] }, RangeError, 'option "hidden" must be an array of 1 to 12 items'],
      [{ train: 5 }, RangeError, 'option "train" must be an integer in [10, 50000], got 5'],
      [{ test: 0 }, RangeError, 'option "test" must be an integer in [1, 10000], got 0'],
      [{ epochs: 0 }, RangeError, 'option "epochs" must be an integer in [1, 100], got 0'],
      [{ momentum: 1 }, RangeError, 'option "momentum" must be a finite number in [0, 1), got 1'],
      [{ seeds: 21 }, RangeError, 'option "seeds" must be an integer in [1, 20], got 21'],
      [{ seeds: 0 }, RangeError, 'option "seeds" must be an integer in [1, 20], got 0'],
      [
        { channelSeeds: 0 },
        RangeError,
        'option "channelSeeds" must be an integer in [1, 20], got 0',
      ],
      [{ channelSeeds: 2.5 }, RangeError, 'option "channelSeeds"'],
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
    channelSeeds: shared.length,
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
  sharedMean: Array.from(
    { length: layers },
    (_, l) => shared.reduce((sum, r) => sum + r.final[l], 0) / shared.length,
  ),
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
  const falling = [
    run(0, [0.6, 0.3, 0.2, 0.1], -1),
    run(1, [0.5, 0.4, 0.1, 0.2], -0.8),
    run(2, [0.7, 0.5, 0.3, 0.2], -1),
  ];
  await t.step("holds: the interval of the mean ρ below 0, and layer 1 largest on average", () => {
    const f = learnedAlphaFinding(made(falling));
    assert.equal(f.claim, "C4.1 (what α learns)");
    assert.equal(f.verdict, "holds");
    // ρ = −1, −0.8, −1: mean −0.9333, s = 0.11547, t(0.975, 2) = 4.3027.
    const half = 4.302652729911275 * 0.11547005383792516 / Math.sqrt(3);
    assert.ok(Math.abs((f.numbers.rhoLower as number) - (-0.9333333333333333 - half)) < 1e-9);
    assert.ok(Math.abs((f.numbers.rhoUpper as number) - (-0.9333333333333333 + half)) < 1e-9);
    assert.match(
      f.text,
      /^In our 4-layer MLP the shared α's rank correlation with depth \(−1: it falls layer by layer, \+1: it rises\) is −1, −0\.8 and −1 in the 3 seeds, above 0 in 0 and below in 3; its mean is −0\.93, with a 95 % interval of −1\.2 to −0\.65\. On average layer 1 ends at 0\.6, the layers above it at 0\.17 to 0\.4\. α falls with depth and is largest in layer 1, as in He et al\.'s model\.$/,
    );
    assert.equal(
      f.measured,
      "rank correlation of the shared α with depth: mean −0.93 over 3 seeds " +
        "(95 % interval −1.2 to −0.65), above 0 in 0; per-unit layer means −1, −0.8 and −1",
    );
  });
  await t.step("holds in part: α falls with depth, but layer 1 is not the largest", () => {
    const f = learnedAlphaFinding(
      made([run(0, [0.3, 0.4, 0.2, 0.1], -0.8), run(1, [0.3, 0.5, 0.2, 0.1], -0.8), falling[2]]),
    );
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /α falls with depth, but layer 1 is not the largest on average\.$/);
  });
  await t.step("does not hold: the interval above 0, α rises with depth", () => {
    const f = learnedAlphaFinding(
      made([
        run(0, [0.1, 0.2, 0.3, 0.4], 1),
        run(1, [0.2, 0.1, 0.3, 0.4], 0.8),
        run(2, [0.1, 0.2, 0.3, 0.5], 1),
      ]),
    );
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /α rises with depth: the opposite of He et al\.'s profile\.$/);
    assert.ok((f.numbers.rhoLower as number) > 0);
  });
  await t.step("inconclusive: the interval contains 0, one seed, or too few layers", () => {
    const mixed = learnedAlphaFinding(
      made([run(0, [0.3, 0.5, 0.2, 0.1], -0.4), run(1, [0.3, 0.1, 0.2, 0.4], 0.4)]),
    );
    assert.equal(mixed.verdict, "inconclusive");
    assert.match(
      mixed.text,
      /The interval contains 0: these seeds show no consistent depth profile\.$/,
    );
    // A level α counts as ρ = 0 in the mean.
    const level = learnedAlphaFinding(
      made([run(0, [0.3, 0.3, 0.3, 0.3], null), run(1, [0.3, 0.2, 0.1, 0.1], -0.9)]),
    );
    assert.deepEqual(level.numbers.rho, [0, -0.9]);
    assert.equal(level.verdict, "inconclusive");
    const one = learnedAlphaFinding(made([falling[0]]));
    assert.equal(one.verdict, "inconclusive");
    assert.equal(one.numbers.rhoLower, null);
    assert.match(one.text, /in the 1 seed, above 0 in 0 and below in 1\. On average/);
    assert.match(one.text, /One seed gives no interval: use 2 or more\.$/);
    assert.doesNotMatch(one.measured, /interval/);
    const shallow = learnedAlphaFinding(made([run(0, [0.3, 0.2], -1)], 2));
    assert.equal(shallow.verdict, "inconclusive");
    assert.match(
      shallow.text,
      /^With 2 hidden layers there is no depth profile to judge: use 3 or more\.$/,
    );
  });
});
