import assert from "node:assert/strict";
import {
  killedUnits,
  killedUnitsFinding,
  type KilledUnitsResult,
  type KilledUnitsRun,
  killMarginFinding,
} from "../../lib/experiments/killed_units.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

const tiny = { train: 40, test: 20, hidden: 8, killed: 4, epochs: 1 } as const;

Deno.test("killedUnits()", async (t) => {
  const seen: number[] = [];
  const r = await killedUnits({
    ...tiny,
    alphas: [0.1],
    margins: [0.05, 1],
    onProgress: (done) => {
      seen.push(done);
    },
  });
  await t.step("shapes: ReLU once, then each α at each margin, one entry per epoch", () => {
    assert.deepEqual(r.runs.map((run) => [run.label, run.margin]), [
      ["ReLU", 0.05],
      ["LeakyReLU α = 0.1", 0.05],
      ["LeakyReLU α = 0.1", 1],
    ]);
    for (const run of r.runs) {
      for (const key of ["back", "moved", "dead", "trainLoss"] as const) {
        assert.equal(run[key].length, 2);
      }
      assert.ok(run.testError >= 0 && run.testError <= 1);
    }
    assert.equal(r.split, "test");
    assert.deepEqual(seen, [1, 2, 3]);
  });
  await t.step("the claim's property: killed ReLU units never move, LeakyReLU ones do", () => {
    assert.deepEqual(r.runs[0].moved, [0, 0]);
    assert.deepEqual(r.runs[0].back, [0, 0]);
    assert.ok(r.runs[1].moved[1] > 0);
    assert.ok(r.runs.every((run) => run.dead[0] >= 4 / 8));
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => killedUnits({ ...tiny, alphas: [0.1], margins: [0.05] }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("killedUnits", killedUnits, [
      ...commonOptionCases("alphas"),
      [{ margins: [0.1, 0.1] }, RangeError, 'option "margins" must be an array'],
      [{ epochs: 0 }, RangeError, 'option "epochs" must be an integer in [1, 100], got 0'],
      [{ lr: 0 }, RangeError, 'option "lr" must be a finite number in (0, 10], got 0'],
      [{ hidden: 4, killed: 4 }, RangeError, 'option "killed" must be below "hidden" (4), got 4'],
      [{ onProgress: 1 }, TypeError, 'option "onProgress" must be a function'],
    ]);
  });
});

function run(alpha: number | null, margin: number, back: number, moved = 1): KilledUnitsRun {
  return {
    label: alpha === null ? "ReLU" : `LeakyReLU α = ${alpha}`,
    alpha,
    margin,
    back: [0, back],
    moved: [0, alpha === null ? 0 : moved],
    dead: [0.5, 0.5],
    trainLoss: [2.3, 1],
    testError: 0.2,
  };
}

function made(runs: KilledUnitsRun[], margins = [0.05, 1]): KilledUnitsResult {
  return {
    options: {
      alphas: [0.01, 0.1],
      margins,
      train: 100,
      test: 100,
      hidden: 64,
      killed: 32,
      epochs: 1,
      lr: 0.1,
      batchSize: 32,
      seed: 1,
    },
    split: "test",
    runs: [run(null, margins[0], 0), ...runs],
  };
}

Deno.test("killedUnitsFinding()", async (t) => {
  await t.step("holds: half or more come back, beyond the interval", () => {
    const f = killedUnitsFinding(made([run(0.1, 0.05, 28)])); // 87.5 %: 71 % to 96.5 %
    assert.equal(f.verdict, "holds");
    assert.match(
      f.text,
      /of the killed LeakyReLU units 28 with α = 0\.1 came back \(margin 0\.05\)\. With α = 0\.1, 87\.5 % return \(95 % interval 71 % to 96\.5 %\)\. Test error 20 %/,
    );
    assert.ok(Math.abs((f.numbers.shareLower as number) - 0.71) < 0.005);
  });
  await t.step("holds in part: fewer than half come back", () => {
    const f = killedUnitsFinding(made([run(0.01, 0.05, 0), run(0.1, 0.05, 5)]));
    assert.equal(f.verdict, "holds in part");
    assert.match(
      f.text,
      /0 with α = 0\.01 and 5 with α = 0\.1 came back.*Fewer than half return, 15\.6 % at best \(α = 0\.1; 95 % interval 5\.28 % to 32\.8 %\)/,
    );
  });
  await t.step("holds in part: more than half, but the interval reaches below half", () => {
    for (const back of [16, 20, 22]) {
      const f = killedUnitsFinding(made([run(0.1, 0.05, back)]));
      assert.equal(f.verdict, "holds in part", `${back} of 32`);
      assert.match(f.text, /but with 32 units the 95 % interval, .* reaches below half/);
    }
    assert.equal(killedUnitsFinding(made([run(0.1, 0.05, 23)])).verdict, "holds"); // 54.6 % up
  });
  await t.step("does not hold: none comes back", () => {
    const f = killedUnitsFinding(made([run(0.01, 0.05, 0, 0.04)]));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /They learn \(‖ΔW‖ up to 0\.04\) but stay below zero/);
  });
  await t.step("inconclusive: the kill failed, or no α > 0", () => {
    const r = made([run(0.1, 0.05, 3)]);
    const failed = { ...r, runs: [{ ...r.runs[0], moved: [0, 1] }, ...r.runs.slice(1)] };
    assert.equal(killedUnitsFinding(failed).verdict, "inconclusive");
    assert.match(killedUnitsFinding(failed).text, /the kill did not hold/);
    const none = killedUnitsFinding(made([run(0, 0.05, 0, 0)]));
    assert.equal(none.verdict, "inconclusive");
    assert.match(none.text, /no slope α > 0 was trained/);
  });
});

Deno.test("killMarginFinding()", async (t) => {
  await t.step("holds: back at every margin", () => {
    const f = killMarginFinding(made([run(0.1, 0.05, 9), run(0.1, 1, 2)]));
    assert.equal(f.verdict, "holds");
    assert.match(f.text, /9 at margin 0\.05 and 2 at margin 1; some come back at every margin/);
  });
  await t.step("holds in part: not from the deepest", () => {
    const f = killMarginFinding(made([run(0.1, 0.05, 9), run(0.1, 1, 0)]));
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /units come back from margin 0\.05 but not from 1\.$/);
  });
  await t.step("does not hold: none at any margin", () => {
    const f = killMarginFinding(made([run(0.1, 0.05, 0), run(0.1, 1, 0)]));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /none comes back at any margin tried\.$/);
  });
  await t.step("inconclusive: no α > 0", () => {
    assert.equal(killMarginFinding(made([run(0, 0.05, 0, 0)])).verdict, "inconclusive");
  });
});
