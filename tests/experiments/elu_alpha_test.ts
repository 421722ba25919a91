import assert from "node:assert/strict";
import { eluAlpha, eluAlphaFinding, type EluAlphaResult } from "../../lib/experiments/elu_alpha.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

Deno.test("eluAlpha()", async (t) => {
  const r = eluAlpha({ alphas: [2, 0, 1], samples: 4000, seed: 3 });
  await t.step("shapes: rows sorted by α, the curve, the zero-mean α", () => {
    assert.deepEqual(r.rows.map((row) => row.alpha), [0, 1, 2]);
    assert.equal(r.curve.alpha.length, 25);
    assert.equal(r.curve.mean.length, 25);
    assert.ok(Math.abs(r.reluMean - 1 / Math.sqrt(2 * Math.PI)) < 1e-7);
    assert.ok(r.leakyMean < r.reluMean);
  });
  await t.step("α sets the floor and the left slope; the mean falls as α grows", () => {
    for (const row of r.rows) {
      assert.equal(row.floor, -row.alpha);
      assert.equal(row.slopeLeft, row.alpha);
      assert.equal(row.slopeRight, 1);
      assert.equal(row.jump, Math.abs(1 - row.alpha));
      assert.ok(Math.abs(row.sampled - row.mean) < 5 * row.standardError);
    }
    assert.ok(r.curve.mean.every((m, i) => i === 0 || m < r.curve.mean[i - 1]));
    assert.ok(r.alphaZero > 1.6 && r.alphaZero < 1.7);
    assert.ok(Math.abs(r.rows[0].mean - r.reluMean) < 1e-12);
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => eluAlpha({ alphas: [1], samples: 500 }));
  });
  await t.step("every bad option is a clear error", () =>
    assertOptionErrors("eluAlpha", eluAlpha, [
      ...commonOptionCases("alphas"),
      [{ alphas: [11] }, RangeError, 'option "alphas"'],
      [{ alphas: [1, 1] }, RangeError, 'option "alphas"'],
      [{ alphas: [] }, RangeError, 'option "alphas"'],
      [
        { samples: 10 },
        RangeError,
        'option "samples" must be an integer in [100, 2000000], got 10',
      ],
      [{ seed: 1.5 }, RangeError, 'option "seed" must be an integer ≥ 0, got 1.5'],
      [
        { leakyAlpha: 2 },
        RangeError,
        'option "leakyAlpha" must be a finite number in [0, 1], got 2',
      ],
    ]));
});

Deno.test("eluAlphaFinding()", async (t) => {
  const r = eluAlpha({ samples: 1000 });
  const with_ = (patch: Partial<EluAlphaResult>): EluAlphaResult => ({ ...r, ...patch });
  await t.step("holds in part: continuous at 1, but zero mean needs α ≈ 1.67", () => {
    const f = eluAlphaFinding(r);
    assert.equal(f.claim, "C5.2");
    assert.equal(f.verdict, "holds in part");
    assert.equal(
      f.text,
      "α = 1 is the only α at which f′ is continuous at 0: the jump is |1 − α| (0.5 at α = 0.5 " +
        "and 1 at α = 2). It does not centre the output: E[f(Z)] = 0.161 for Z ~ N(0, 1), and " +
        "zero only at α ≈ 1.67.",
    );
  });
  await t.step("holds: α = 1 would also centre it", () => {
    const f = eluAlphaFinding(with_({ alphaZero: 1.01 }));
    assert.equal(f.verdict, "holds");
    assert.match(f.text, /It also centres the output/);
    const alone = eluAlphaFinding({ ...r, rows: r.rows.filter((row) => row.alpha === 1) });
    assert.match(alone.text, /the jump is \|1 − α\|\. It does not centre/);
  });
  await t.step("does not hold: f′ jumps at α = 1 too", () => {
    const rows = r.rows.map((row) => row.alpha === 1 ? { ...row, jump: 0.3 } : row);
    const f = eluAlphaFinding(with_({ rows }));
    assert.equal(f.verdict, "does not hold");
    assert.match(f.text, /^Even at α = 1 f′ jumps by 0\.3 at 0/);
  });
  await t.step("inconclusive: no α = 1, or sampling disagrees", () => {
    const none = eluAlphaFinding(with_({ rows: r.rows.filter((row) => row.alpha !== 1) }));
    assert.equal(none.verdict, "inconclusive");
    assert.match(none.text, /α = 1 is not among the α compared/);
    const rows = r.rows.map((row) => ({ ...row, sampled: row.mean + 10 * row.standardError }));
    const off = eluAlphaFinding(with_({ rows }));
    assert.equal(off.verdict, "inconclusive");
    assert.match(off.text, /Monte Carlo estimate is 10 standard errors from the quadrature/);
  });
});
