import assert from "node:assert/strict";
import { normalExpectation } from "../lib/mod.ts";

Deno.test("normalExpectation()", async (t) => {
  await t.step("moments of the standard normal", () => {
    assert.ok(Math.abs(normalExpectation((z) => z.map(() => 1)) - 1) < 1e-12);
    assert.ok(Math.abs(normalExpectation((z) => z)) < 1e-15);
    assert.ok(Math.abs(normalExpectation((z) => z.map((v) => v ** 4)) - 3) < 1e-10);
  });
  await t.step("E[e^Z] = e^½, and E[tanh(Z)] = 0 by symmetry", () => {
    assert.ok(Math.abs(normalExpectation((z) => z.map(Math.exp)) - Math.exp(0.5)) < 1e-10);
    assert.ok(Math.abs(normalExpectation((z) => z.map(Math.tanh))) < 1e-15);
  });
  await t.step("coarser grids and narrower ranges trade accuracy", () => {
    const coarse = normalExpectation((z) => z.map((v) => v * v), { intervals: 20, halfWidth: 6 });
    assert.ok(Math.abs(coarse - 1) < 1e-3);
  });
  await t.step("bad arguments are clear errors", () => {
    assert.throws(() => normalExpectation(1 as never), /g must be a function/);
    assert.throws(() => normalExpectation((z) => z, { intervals: 3 }), /even integer ≥ 2, got 3/);
    assert.throws(() => normalExpectation((z) => z, { halfWidth: 0 }), /halfWidth must be/);
    assert.throws(() => normalExpectation((z) => z.slice(1)), /one value per point \(24001\)/);
    assert.throws(() => normalExpectation((z) => z.map(() => NaN)), /g\(-12\) is NaN/);
  });
});
