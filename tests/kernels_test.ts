import assert from "node:assert/strict";
import fc from "fast-check";
import { activations, leakyBackward, leakyForward } from "../lib/mod.ts";

/** The select the branch-free kernels must reproduce bit for bit. */
const select = (v: number, s: number) => (v > 0 ? v : v * s);
const EDGES = [
  0,
  -0,
  NaN,
  Infinity,
  -Infinity,
  2 ** 1023,
  -(2 ** 1023),
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  5e-324,
  -5e-324,
  2.2250738585072014e-308,
  -1e-300,
  1e300,
  -3.5,
  2.25,
];

Deno.test("leakyForward()", async (t) => {
  await t.step("equals the select x > 0 ? x : slope·x bit for bit, one shared slope", () => {
    for (const s of [0, 0.01, 0.25, -0.3, 1, 1.5, 1e-300]) {
      const x = Float64Array.from(EDGES);
      const out = new Float64Array(x.length);
      leakyForward(x, Float64Array.of(s), out);
      x.forEach((v, i) =>
        assert.ok(
          Object.is(out[i], select(v, s)) || out[i] === select(v, s),
          `slope ${s} at ${v}: ${out[i]}`,
        )
      );
    }
  });
  await t.step("equals the select with one slope per feature and per element", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double(), { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -2, max: 2 }), {
          minLength: 3,
          maxLength: 3,
        }),
        (values, slopes) => {
          const x = Float64Array.from([...values, ...EDGES.slice(0, 12)]);
          const s = Float64Array.from(slopes);
          const out = new Float64Array(x.length);
          leakyForward(x, s, out);
          return [...x].every((v, i) => {
            const want = select(v, s[i % 3]);
            return out[i] === want || (Number.isNaN(out[i]) && Number.isNaN(want));
          });
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
  await t.step("works in place", () => {
    const x = Float64Array.of(-2, 3);
    leakyForward(x, Float64Array.of(0.5), x);
    assert.deepEqual([...x], [-1, 3]);
  });
});

Deno.test("leakyBackward()", async (t) => {
  await t.step("accumulates dx and, when asked, the slopes' gradients per feature", () => {
    const x = Float64Array.of(-1, 2, -3, 4);
    const dx = Float64Array.of(1, 1, 1, 1);
    const ds = new Float64Array(2);
    leakyBackward(x, Float64Array.of(0.1, 0.2), Float64Array.of(1, 2, 3, 4), dx, ds);
    assert.deepEqual([...dx], [1.1, 3, 1.3, 5]);
    assert.deepEqual([...ds], [-1 + -9, 0]);
  });
});

Deno.test("relu forward kernel", async (t) => {
  await t.step("equals Math.max(x, 0) on edge and random inputs", () => {
    const relu = activations.relu;
    fc.assert(
      fc.property(fc.double(), (v) => {
        const got = relu.f(v);
        const want = Math.max(v, 0);
        return got === want || (Number.isNaN(got) && Number.isNaN(want));
      }),
      { seed: 3, numRuns: 500 },
    );
    const out = relu.fArray(Float64Array.from(EDGES));
    EDGES.forEach((v, i) => assert.ok(out[i] === Math.max(v, 0) || Number.isNaN(v), `relu(${v})`));
    assert.equal(relu.f(-Infinity), 0);
    assert.ok(Number.isNaN(relu.f(NaN)));
  });
});
