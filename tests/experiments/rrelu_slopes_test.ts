import assert from "node:assert/strict";
import {
  rreluSlopes,
  rreluSlopesFinding,
  type RreluSlopesResult,
} from "../../lib/experiments/rrelu_slopes.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

Deno.test("rreluSlopes()", async (t) => {
  const r = rreluSlopes({ samples: 2000, draws: 20 });
  await t.step("shapes, and PyTorch's evaluation slope 11/48", () => {
    assert.equal(r.slopes.length, 2000);
    assert.equal(r.curve.x.length, 61);
    assert.equal(r.rows.length, 5);
    assert.ok(Math.abs(r.evalSlope - 11 / 48) < 1e-15);
    assert.ok(Math.abs(r.xu.testSlope - 2 / 11) < 1e-15);
  });
  await t.step(
    "the claim's property: training slopes vary within bounds, evaluation is fixed",
    () => {
      assert.ok(r.min >= 1 / 8 && r.max <= 1 / 3 && r.min < r.max);
      r.curve.x.forEach((x, i) => {
        assert.ok(
          r.curve.min[i] - 1e-12 <= r.curve.mean[i] && r.curve.mean[i] <= r.curve.max[i] + 1e-12,
        );
        if (x >= 0) assert.equal(r.curve.evaluation[i], x);
      });
      assert.notEqual(r.rows[0]["training, pass 1"], r.rows[0]["training, pass 2"]);
    },
  );
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => rreluSlopes({ samples: 200, draws: 3 }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("rreluSlopes", rreluSlopes, [
      ...commonOptionCases("lower"),
      [{ lower: 0.5, upper: 0.2 }, RangeError, 'options "lower" < "upper"'],
      [{ samples: 10 }, RangeError, 'option "samples" must be an integer in [100, 1000000]'],
      [{ upper: 2 }, RangeError, 'option "upper" must be a finite number in [0, 1], got 2'],
    ]);
  });
});

const made = (over: Partial<RreluSlopesResult>, lower = 1 / 8): RreluSlopesResult => ({
  ...rreluSlopes({ samples: 200, draws: 2 }),
  ...over,
  options: { lower, upper: 1 / 3, samples: 200, draws: 2, xuLower: 3, xuUpper: 8, seed: 1 },
});

Deno.test("rreluSlopesFinding()", async (t) => {
  await t.step("holds: in range, uniform, the mean at evaluation", () => {
    const f = rreluSlopesFinding(made({ ks: { statistic: 0.01, p: 0.5 } }));
    assert.equal(f.verdict, "holds");
    assert.match(f.text, /uniform, KS p = 0\.5\); at evaluation the slope is fixed at 0\.2292/);
  });
  await t.step("holds in part: less uniform than chance allows", () => {
    const f = rreluSlopesFinding(made({ ks: { statistic: 0.2, p: 0.001 } }));
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /less uniform than chance allows/);
  });
  await t.step("does not hold: out of range, or another evaluation slope", () => {
    assert.equal(rreluSlopesFinding(made({ max: 0.5 })).verdict, "does not hold");
    const f = rreluSlopesFinding(made({ evalSlope: 0.1 }));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /evaluation uses 0\.1, not U\(0\.125, 0\.3333\) and 0\.2292\./);
  });
  await t.step("inconclusive: nothing random", () => {
    assert.equal(rreluSlopesFinding(made({}, 1 / 3)).verdict, "inconclusive");
  });
});
