import assert from "node:assert/strict";
import {
  saturatedUnits,
  saturatedUnitsFinding,
  type SaturatedUnitsResult,
  type SaturatedUnitsRun,
} from "../../lib/experiments/saturated_units.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { depth: 4, width: 12, batch: 24 } as const;

Deno.test("saturatedUnits()", async (t) => {
  const r = await saturatedUnits(tiny);

  await t.step("shapes: three inits, one factor per hidden layer, every pre-activation", () => {
    assert.deepEqual(r.runs.map((run) => run.key), ["matched", "large", "shifted"]);
    assert.deepEqual(r.runs.map((run) => run.name), [
      "Xavier (matched)",
      "N(0, 1²) weights",
      "Xavier, biases = 6",
    ]);
    assert.deepEqual(r.layers, [1, 2, 3, 4]);
    for (const run of r.runs) {
      assert.equal(run.activationFactor.length, 4);
      assert.equal(run.pre.length, 4 * 12 * 24);
      assert.ok(run.saturated >= 0 && run.saturated <= 1);
      assert.ok(run.meanSlope > 0 && run.meanSlope <= 0.25);
      assert.ok(run.activationFactor.every((f) => f > 0 && f <= 0.25));
      assert.equal(run.largest, Math.max(...run.pre.map(Math.abs)));
    }
    assert.equal(r.runs[0].firstOverMatched, 1);
    assert.equal(r.threshold, 0.0025);
    assert.ok(Math.abs(r.edge - 5.9864) < 1e-3);
  });
  await t.step(
    "the claim's property: shifted biases saturate units and shrink the gradient",
    () => {
      const [matched, , shifted] = r.runs;
      assert.ok(shifted.saturated > matched.saturated);
      assert.ok(shifted.activationMean < matched.activationMean);
      assert.ok(shifted.firstOverMatched < 1);
    },
  );
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => saturatedUnits({ ...tiny, depth: 2 }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("saturatedUnits", saturatedUnits, [
      ...commonOptionCases("depth"),
      [{ depth: -3 }, RangeError, 'option "depth" must be an integer in [1, 50], got -3'],
      [{ badStd: 0 }, RangeError, 'option "badStd" must be a finite number in (0, 100], got 0'],
      [
        { shiftBias: Infinity },
        RangeError,
        'option "shiftBias" must be a finite number in [-100, 100]',
      ],
      [{ fraction: 0 }, RangeError, 'option "fraction" must be a finite number in (0, 1), got 0'],
      [{ batch: 0 }, RangeError, 'option "batch" must be an integer in [1, 10000], got 0'],
    ]);
  });
});

const run = (
  key: SaturatedUnitsRun["key"],
  parts: Partial<SaturatedUnitsRun>,
): SaturatedUnitsRun => ({
  key,
  name: key,
  saturated: 0,
  meanSlope: 0.2,
  activationFactor: [0.2],
  activationMean: 0.24,
  weightMean: 1,
  firstLayer: 1,
  firstOverMatched: 1,
  pre: [],
  largest: 0,
  ...parts,
});
/** A hand-made result: the shifted and the large init's numbers given. */
const made = (
  shifted: Partial<SaturatedUnitsRun>,
  large: Partial<SaturatedUnitsRun> = { saturated: 0.3, firstOverMatched: 1e5 },
  depth = 10,
): SaturatedUnitsResult => ({
  options: { depth, width: 64, batch: 256, seed: 1, badStd: 1, shiftBias: 6, fraction: 0.01 },
  layers: [],
  threshold: 0.0025,
  edge: 5.99,
  runs: [run("matched", {}), run("large", large), run("shifted", shifted)],
});

Deno.test("saturatedUnitsFinding()", async (t) => {
  await t.step("holds: saturation cuts the first layer's gradient by more than 1000", () => {
    const f = saturatedUnitsFinding(
      made({ saturated: 0.5, activationMean: 0.006, firstOverMatched: 1e-16 }),
    );
    assert.equal(f.claim, "C1.3");
    assert.equal(f.verdict, "holds");
    assert.equal(
      f.text,
      "With the matched weights and every bias at 6, 50.0 % of the units are saturated (matched " +
        "init: 0 %), the activation passes on 0.006 of the gradient per layer instead of 0.24, and " +
        "after 10 layers the first layer gets 1×10⁻¹⁶ times the matched network's gradient. " +
        "Too-large weights saturate 30.0 % of the units too, yet their size multiplies the " +
        "gradient back up (layer 1 ×100000): saturation does not always show as a small gradient.",
    );
  });
  await t.step("holds in part: it shrinks, by less than 1000", () => {
    const f = saturatedUnitsFinding(
      made({ saturated: 0.5, firstOverMatched: 0.02 }, { saturated: 0, firstOverMatched: 0.5 }, 1),
    );
    assert.equal(f.verdict, "holds in part");
    assert.match(
      f.text,
      /after 1 layer the first layer gets 0.02 times .*: smaller, but by less than a factor 1000\./,
    );
    assert.match(
      f.text,
      /Too-large weights saturate 0 % of the units and leave layer 1 0.5 times the matched gradient\.$/,
    );
  });
  await t.step("does not hold: no smaller", () => {
    const f = saturatedUnitsFinding(made({ saturated: 0.4, firstOverMatched: 1.5 }));
    assert.equal(f.verdict, "does not hold");
    assert.match(
      f.text,
      /1.5 times the matched network's gradient: no smaller than with the matched init\./,
    );
  });
  await t.step("inconclusive: too few units saturated", () => {
    const f = saturatedUnitsFinding(made({ saturated: 0.05, firstOverMatched: 0.9 }));
    assert.equal(f.verdict, "inconclusive");
    assert.equal(
      f.text,
      "Biases of 6 saturate 5.0 % of the units (the matched init 0 %), fewer than the 10 % needed to tell.",
    );
  });
});
