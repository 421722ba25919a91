import assert from "node:assert/strict";
import { eluShape, eluShapeFinding, type EluShapeResult } from "../../lib/experiments/elu_shape.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

Deno.test("eluShape()", async (t) => {
  const r = eluShape({ alpha: 2, left: [1, 10, 40] });
  await t.step("shapes and ranges: the formula, the slope 1, the tail", () => {
    assert.equal(r.expression, "x > 0 ? x : alpha * (exp(x) - 1)");
    assert.match(r.derivative.expression, /\? 1 :/);
    assert.match(r.derivative.tex, /alpha|α/);
    assert.equal(r.gridPoints, 2001);
    assert.equal(r.formulaGap, 0);
    assert.equal(r.slopeGap, 0);
    assert.deepEqual(r.tail.map((row) => row.x), [-1, -10, -40]);
    assert.equal(r.floor, -2);
    assert.deepEqual(r.slopeAtInfinity, { left: 0, right: 1 });
  });
  await t.step("for any α > 0 the gap to −α shrinks and reaches 0 in float64", () => {
    for (const alpha of [0.1, 1, 7]) {
      const s = eluShape({ alpha });
      const gaps = s.tail.map((row) => row.gap);
      assert.ok(gaps.every((g, i) => g >= 0 && (i === 0 || g <= gaps[i - 1])));
      assert.ok(s.exactFrom !== null && s.exactFrom < -30 && s.exactFrom > -45);
    }
  });
  await t.step("deterministic and JSON-serialisable", async () => {
    await assertDeterministic(() => eluShape({ left: [5] }));
  });
  await t.step("every bad option is a clear error", async () => {
    await assertOptionErrors("eluShape", eluShape, [
      ...commonOptionCases("alpha"),
      [{ alpha: -1 }, RangeError, 'option "alpha" must be a finite number in [0, 10], got -1'],
      [{ alpha: NaN }, RangeError, 'option "alpha"'],
      [{ left: [0] }, RangeError, 'option "left"'],
      [{ left: [5, 1] }, RangeError, 'option "left" must be in increasing order'],
      [{ left: "5" }, TypeError, 'option "left" must be an array'],
    ]);
  });
});

Deno.test("eluShapeFinding()", async (t) => {
  const good = eluShape({ left: [1, 20] });
  const with_ = (patch: Partial<EluShapeResult>): EluShapeResult => ({ ...good, ...patch });
  await t.step("holds: formula, slope and floor", () => {
    const f = eluShapeFinding(good);
    assert.equal(f.claim, "F9, F10");
    assert.equal(f.verdict, "holds");
    assert.match(
      f.text,
      /^The derivative mathjs takes .* matches the kernel at 2,001 points; f′ is exactly 1 at all 20,000/,
    );
    assert.match(f.text, /f\(−∞\) = −α = −1 and f′\(−∞\) = 0\.$/);
  });
  await t.step("holds in part: one or two checks fail", () => {
    const f = eluShapeFinding(with_({ slopeGap: 0.5 }));
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /f′ differs from 1 by up to 0\.5 for x > 0/);
    const g = eluShapeFinding(with_({ formulaGap: 1e-3, floor: -0.9 }));
    assert.equal(g.verdict, "holds in part");
    assert.match(
      g.text,
      /^The derivative mathjs takes of the registry's formula differs from the kernel by up to 0\.001/,
    );
    assert.match(g.text, /f does not settle on −α = −1 \(f\(−∞\) = −0\.9/);
  });
  await t.step("does not hold: none", () => {
    const f = eluShapeFinding(with_({ formulaGap: 1, slopeGap: 1, floor: 0 }));
    assert.equal(f.verdict, "does not hold");
  });
  await t.step("inconclusive: α = 0 is ReLU", () => {
    const f = eluShapeFinding(eluShape({ alpha: 0 }));
    assert.equal(f.verdict, "inconclusive");
    assert.match(f.text, /With α = 0 ELU is ReLU/);
  });
});
