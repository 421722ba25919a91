import assert from "node:assert/strict";
import fc from "fast-check";
import { activations, int32Length, leakyBackward, leakyForward } from "../lib/mod.ts";

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

/** Every (x, dy) pair of edge values, as two aligned arrays. */
function edgePairs(): { x: Float64Array; dy: Float64Array } {
  const x = new Float64Array(EDGES.length ** 2);
  const dy = new Float64Array(EDGES.length ** 2);
  EDGES.forEach((v, i) =>
    EDGES.forEach((g, j) => {
      x[i * EDGES.length + j] = v;
      dy[i * EDGES.length + j] = g;
    })
  );
  return { x, dy };
}

/** dx starts at +0, −0 and 1 in turn, so a kernel that adds the wrong zero is caught. */
const start = (n: number) => Float64Array.from({ length: n }, (_, i) => [0, -0, 1][i % 3]);

Deno.test("leakyBackward()", async (t) => {
  const { x, dy } = edgePairs();
  const grad = (v: number, g: number, s: number) => (v > 0 ? g : v <= 0 ? g * s : v);
  await t.step("dx equals dy·(x > 0 ? 1 : slope) bit for bit on every pair of edge values", () => {
    for (const s of [0, 0.01, 0.25, -0.3, 1, 1.5, 1e-300]) {
      for (const withSlopeGrad of [false, true]) {
        const dx = start(x.length);
        const want = start(x.length).map((d, i) => d + grad(x[i], dy[i], s));
        leakyBackward(
          x,
          Float64Array.of(s),
          dy,
          dx,
          withSlopeGrad ? new Float64Array(1) : undefined,
        );
        dx.forEach((d, i) =>
          assert.ok(Object.is(d, want[i]), `slope ${s}, x ${x[i]}, dy ${dy[i]}: ${d} ≠ ${want[i]}`)
        );
      }
    }
  });
  await t.step("the slope's gradient is Σ dy·(x > 0 ? 0 : x), summed in order", () => {
    const finite = [...x.keys()].filter((i) => Number.isFinite(x[i] * dy[i]));
    const xs = Float64Array.from(finite, (i) => x[i]);
    const gs = Float64Array.from(finite, (i) => dy[i]);
    let want = 0.5;
    xs.forEach((v, i) => (want += v > 0 ? 0 : v * gs[i]));
    const ds = Float64Array.of(0.5);
    leakyBackward(xs, Float64Array.of(0.25), gs, new Float64Array(xs.length), ds);
    assert.equal(ds[0], want);
    const slopeGrad = (v: number, g: number) => {
      const ds = new Float64Array(1);
      leakyBackward(
        Float64Array.of(v),
        Float64Array.of(0.25),
        Float64Array.of(g),
        new Float64Array(1),
        ds,
      );
      return ds[0];
    };
    assert.ok(Number.isNaN(slopeGrad(NaN, 1)));
    assert.ok(Number.isNaN(slopeGrad(-1, NaN)));
    assert.equal(slopeGrad(-Infinity, 2), -Infinity);
    assert.equal(slopeGrad(-1e300, 1e300), -Infinity);
    assert.ok(Object.is(slopeGrad(1e300, 1e300), 0), "x > 0 adds 0, even where x·dy overflows");
    assert.ok(Object.is(slopeGrad(2, NaN), 0), "x > 0 adds 0, even for a NaN dy");
  });
  await t.step("per-feature slopes: dx and each slope's gradient equal the select", () => {
    const slopes = Float64Array.of(0.1, -0.5, 2);
    const n = x.length - (x.length % 3);
    const xs = x.subarray(0, n);
    const dx = start(n);
    const ds = new Float64Array(3);
    leakyBackward(xs, slopes, dy.subarray(0, n), dx, ds);
    const wantS = new Float64Array(3);
    for (let i = 0; i < n; i++) {
      assert.ok(Object.is(dx[i], start(n)[i] + grad(xs[i], dy[i], slopes[i % 3])), `dx[${i}]`);
      wantS[i % 3] += xs[i] > 0 ? 0 : xs[i] * dy[i];
    }
    assert.deepEqual([...ds], [...wantS]);
  });
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

Deno.test("relu backward kernel", async (t) => {
  await t.step(
    "dx += x > 0 ? dy : +0 (NaN for NaN x) bit for bit on every pair of edge values",
    () => {
      const { x, dy } = edgePairs();
      const dx = start(x.length);
      activations.relu.kernels.backward(x, activations.relu.fArray(x), dy, dx, {});
      const want = start(x.length).map((d, i) => d + (x[i] > 0 ? dy[i] : x[i] <= 0 ? 0 : x[i]));
      dx.forEach((d, i) =>
        assert.ok(Object.is(d, want[i]), `x ${x[i]}, dy ${dy[i]}: ${d} ≠ ${want[i]}`)
      );
    },
  );
});

Deno.test("int32Length()", async (t) => {
  await t.step("is the length of any array a kernel can loop over", () => {
    assert.equal(int32Length(new Float64Array(0)), 0);
    assert.equal(int32Length(new Float64Array(7)), 7);
    assert.equal(int32Length({ length: 2 ** 31 - 1 }), 2 ** 31 - 1);
  });
  await t.step("refuses a longer one instead of cutting it short", () => {
    assert.throws(() => int32Length({ length: 2 ** 31 }), {
      name: "RangeError",
      message: "a kernel takes at most 2^31 − 1 elements; got 2147483648",
    });
  });
});
