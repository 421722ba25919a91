import assert from "node:assert/strict";
import fixture from "./fixtures/torch_activations.json" with { type: "json" };
import { argminOf, derivative, erf, erfc, texOf } from "../lib/mod.ts";
import { fma } from "../lib/activations/fma.ts";
import { assertClose } from "./assert_close.ts";

/** The distance between two float64 values in units in the last place. */
function ulps(a: number, b: number): number {
  const buf = new Float64Array([a, b]);
  const i = new BigInt64Array(buf.buffer);
  const key = (v: bigint) => (v < 0n ? -(v & 0x7fffffffffffffffn) : v);
  return Number(key(i[0]) - key(i[1]));
}

Deno.test("erf()", async (t) => {
  const { x, erf: want, erfc: wantc } = fixture.erf;
  await t.step("within 4 ulps of glibc's erf and 8 of its erfc", () => {
    let exact = 0;
    for (let i = 0; i < x.length; i++) {
      const d = Math.abs(ulps(erf(x[i]), want[i]));
      assert.ok(d <= 4, `erf(${x[i]}) = ${erf(x[i])}, glibc ${want[i]}: ${d} ulps`);
      if (d === 0) exact++;
      assert.ok(Math.abs(ulps(erfc(x[i]), wantc[i])) <= 8, `erfc(${x[i]})`);
    }
    assert.ok(exact / x.length > 0.8, `only ${exact} of ${x.length} exact`);
  });
  await t.step("odd, bounded, with the limits ±1, and NaN for NaN", () => {
    for (const v of [0.1, 0.5, 1, 2, 3.9, 4.1, 6, 27, 1e10, 1e308]) {
      assert.equal(erf(-v), -erf(v));
      assert.ok(Math.abs(erf(v)) <= 1);
    }
    assert.equal(erf(Infinity), 1);
    assert.equal(erf(-Infinity), -1);
    assert.ok(Number.isNaN(erf(NaN)));
    assert.ok(Number.isNaN(erfc(NaN)));
    assert.equal(erfc(Infinity), 0);
    assert.equal(erfc(30), 0);
    assert.equal(erfc(-30), 2);
    assertClose(erfc(0.25), 1 - erf(0.25), { rtol: 1e-16 });
  });
});

Deno.test("fma()", async (t) => {
  await t.step("rounds a·b + c once", () => {
    const y = Math.tanh(10);
    assert.equal(fma(-y, y, 1), 8.244614529632978e-9);
    assert.equal(fma(2, 3, 4), 10);
    assert.equal(fma(0.1, 10, -1), 5.551115123125783e-17); // the error of fl(0.1) times 10
  });
  await t.step("passes infinities, NaN and huge operands through", () => {
    assert.equal(fma(1e308, 10, 1), Infinity);
    assert.equal(fma(1e308, 0, 1), 1);
    assert.ok(Number.isNaN(fma(NaN, 1, 1)));
    assert.equal(fma(2, 3, -Infinity), -Infinity);
  });
});

Deno.test("argminOf()", async (t) => {
  await t.step("finds the minimum of a unimodal function to float64 resolution", () => {
    assertClose(argminOf((x) => (x - 0.3) ** 2 + 1, -10, 10), 0.3, { atol: 1e-7 });
    assertClose(argminOf((x) => Math.cosh(x + 2), -5, 5), -2, { atol: 1e-7 });
  });
});

Deno.test("derivative()", async (t) => {
  await t.step("differentiates conditionals branch by branch", () => {
    const d = derivative("x > 0 ? x^2 : alpha * x");
    assert.equal(d.evaluate({ x: 3, alpha: 0.1 }), 6);
    assert.equal(d.evaluate({ x: -3, alpha: 0.1 }), 0.1);
  });
  await t.step("differentiates erf by the chain rule, several times in one expression", () => {
    const d = derivative("erf(2 * x) + x * erf(x)");
    const at = (x: number) =>
      4 / Math.sqrt(Math.PI) * Math.exp(-4 * x * x) + erf(x) +
      x * 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
    for (const x of [-1.5, -0.2, 0, 0.7, 2]) {
      assertClose(d.evaluate({ x }), at(x), { rtol: 1e-12, atol: 1e-15 });
    }
  });
  await t.step(
    "differentiates with respect to any variable, and passes plain expressions to mathjs",
    () => {
      assert.equal(derivative("w * c + b", "c").toString(), "w");
      assert.equal(derivative("exp(2 * x)").toString(), "2 * exp(2 * x)");
    },
  );
  await t.step("a conditional buried inside an expression is a clear error", () => {
    assert.throws(() => derivative("2 * (x > 0 ? x : 0)"), {
      name: "TypeError",
      message: /a conditional must be the outermost operation/,
    });
  });
});

Deno.test("texOf()", async (t) => {
  await t.step("renders Greek parameter names as Greek letters", () => {
    assert.equal(
      texOf("alpha * (exp(x) - 1)"),
      "\\alpha\\cdot\\left(\\exp\\left( x\\right)-1\\right)",
    );
    assert.match(texOf("x > 0 ? x : alpha * x"), /\\begin\{cases\}/);
  });
});
