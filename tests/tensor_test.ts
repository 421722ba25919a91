import assert from "node:assert/strict";
import { activationNames, isGradEnabled, MLP, noGrad, Rng, Tensor } from "../lib/mod.ts";
import { assertClose } from "./assert_close.ts";

/**
 * Checks every input's gradient of `loss(...inputs)` against central differences. `make` builds
 * fresh inputs (requiring gradients) from their values, so the same graph is rebuilt each time.
 */
function gradCheck(
  label: string,
  values: number[][][] | number[][],
  shapes: number[][],
  loss: (...inputs: Tensor[]) => Tensor,
  { h = 1e-6, rtol = 1e-6, atol = 1e-9 } = {},
): void {
  const build = (data: Float64Array[]) =>
    data.map((d, i) => new Tensor(d.slice(), shapes[i], { requiresGrad: true }));
  const data = (values as number[][]).map((v) => Float64Array.from(v.flat()));
  const inputs = build(data);
  const out = loss(...inputs);
  out.backward();
  data.forEach((d, k) => {
    for (let i = 0; i < d.length; i++) {
      const plus = data.map((x) => x.slice());
      const minus = data.map((x) => x.slice());
      plus[k][i] += h;
      minus[k][i] -= h;
      const num = (loss(...build(plus)).item() - loss(...build(minus)).item()) / (2 * h);
      assertClose(inputs[k].grad!.data[i], num, { rtol, atol, at: `${label}: input ${k}[${i}]` });
    }
  });
}

const rng = new Rng(11);
const rand = (n: number, lo = -1, hi = 1) => Array.from({ length: n }, () => rng.uniform(lo, hi));
/** A weighted sum: a fixed non-uniform upstream gradient, so a wrong broadcast or index shows. */
const wsum = (t: Tensor) => {
  const w = new Tensor(
    Float64Array.from({ length: t.size }, (_, i) => 0.3 + Math.sin(i + 1)),
    t.shape,
  );
  return t.mul(w).sum();
};

Deno.test("Tensor ops: gradients against central differences", async (t) => {
  await t.step("matmul", () => {
    gradCheck("matmul", [rand(6), rand(12)], [[2, 3], [3, 4]], (a, b) => wsum(a.matmul(b)));
    gradCheck(
      "matmul 5x7·7x6",
      [rand(35), rand(42)],
      [[5, 7], [7, 6]],
      (a, b) => wsum(a.matmul(b)),
    );
  });
  await t.step("add, sub, mul with equal shapes", () => {
    for (const op of ["add", "sub", "mul"] as const) {
      gradCheck(op, [rand(6), rand(6)], [[2, 3], [2, 3]], (a, b) => wsum(a[op](b)));
    }
  });
  await t.step("add, sub, mul broadcasting a row vector [m] over [n, m], either side", () => {
    for (const op of ["add", "sub", "mul"] as const) {
      gradCheck(`${op} [n,m]∘[m]`, [rand(12), rand(4)], [[3, 4], [4]], (a, b) => wsum(a[op](b)));
      gradCheck(`${op} [m]∘[n,m]`, [rand(4), rand(12)], [[4], [3, 4]], (a, b) => wsum(a[op](b)));
    }
  });
  await t.step("add, sub, mul with a scalar tensor or a number", () => {
    for (const op of ["add", "sub", "mul"] as const) {
      gradCheck(`${op} scalar`, [rand(6), rand(1)], [[2, 3], []], (a, b) => wsum(a[op](b)));
      gradCheck(`scalar ${op}`, [rand(1), rand(6)], [[], [2, 3]], (a, b) => wsum(a[op](b)));
      gradCheck(`${op} number`, [rand(6)], [[6]], (a) => wsum(a[op](1.7)));
    }
  });
  await t.step("sum, mean, square, transpose (matrix and vector)", () => {
    gradCheck("sum", [rand(6)], [[2, 3]], (a) => a.mul(a).sum());
    gradCheck("mean", [rand(6)], [[2, 3]], (a) => a.mul(a).mean());
    gradCheck("square", [rand(6)], [[6]], (a) => wsum(a.square()));
    gradCheck("transpose", [rand(6)], [[2, 3]], (a) => wsum(a.transpose()));
    gradCheck("transpose [n]", [rand(3)], [[3]], (a) => wsum(a.transpose()));
  });
  await t.step("every registry activation as a Tensor op", () => {
    for (const name of activationNames) {
      // Inputs away from 0 so the finite differences never straddle a kink.
      const v = rand(12).map((x) => (x < 0 ? x - 0.05 : x + 0.05) * 3);
      gradCheck(name, [v], [[3, 4]], (a) => wsum(a.apply(name)));
    }
    gradCheck(
      "elu α",
      [rand(6).map((x) => x * 2 + 0.01)],
      [[6]],
      (a) => wsum(a.apply("elu", { alpha: 0.3 })),
    );
  });
  await t.step("prelu with a shared α [1] and one α per feature", () => {
    const x = rand(12).map((v) => (v < 0 ? v - 0.05 : v + 0.05));
    gradCheck("prelu shared", [x, [0.25]], [[3, 4], [1]], (a, al) => wsum(a.prelu(al)));
    gradCheck(
      "prelu channel",
      [x, [0.1, 0.2, 0.3, -0.4]],
      [[3, 4], [4]],
      (a, al) => wsum(a.prelu(al)),
    );
  });
  await t.step("rrelu in training (fixed slopes from a seeded rng) and in evaluation", () => {
    const x = rand(12).map((v) => (v < 0 ? v - 0.05 : v + 0.05));
    gradCheck(
      "rrelu train",
      [x],
      [[3, 4]],
      (a) => wsum(a.rrelu({ training: true, rng: new Rng(5) })),
    );
    gradCheck("rrelu eval", [x], [[3, 4]], (a) => wsum(a.rrelu({ lower: 0.1, upper: 0.2 })));
  });
  await t.step("crossEntropy and mse", () => {
    gradCheck("crossEntropy", [rand(15, -3, 3)], [[3, 5]], (a) => a.crossEntropy([4, 0, 2]));
    gradCheck("mse", [rand(6), rand(6)], [[2, 3], [2, 3]], (a, b) => a.mse(b));
  });
  await t.step("a whole MLP, every parameter (PReLU α per feature included)", () => {
    const net = new MLP([3, 5, 4, 2], { activation: ["tanh", "prelu"], prelu: "channel", seed: 4 });
    const x = Tensor.from([[0.5, -1, 2], [1, 0.3, -0.7], [-1.5, 0.2, 0.9]]);
    const loss = () => net.forward(x).crossEntropy([1, 0, 1]);
    net.zeroGrad();
    loss().backward();
    const h = 1e-6;
    for (const p of net.parameters()) {
      const grad = p.tensor.grad!.data.slice();
      for (let i = 0; i < p.tensor.size; i++) {
        const v = p.tensor.data[i];
        p.tensor.data[i] = v + h;
        const up = loss().item();
        p.tensor.data[i] = v - h;
        const down = loss().item();
        p.tensor.data[i] = v;
        assertClose(grad[i], (up - down) / (2 * h), {
          rtol: 1e-6,
          atol: 1e-9,
          at: `${p.name}[${i}]`,
        });
      }
    }
  });
});

Deno.test("Tensor", async (t) => {
  await t.step("from(), shape, toArray(), item() for [], [n] and [n, m]", () => {
    assert.deepEqual(Tensor.from(3).shape, []);
    assert.equal(Tensor.from(3).item(), 3);
    assert.deepEqual(Tensor.from([1, 2]).toArray(), [1, 2]);
    assert.deepEqual(Tensor.from([[1, 2], [3, 4]]).shape, [2, 2]);
    assert.deepEqual(Tensor.from([[1, 2], [3, 4]]).toArray(), [[1, 2], [3, 4]]);
    assert.deepEqual(Tensor.zeros([2]).toArray(), [0, 0]);
    assert.equal(Tensor.from([1], { requiresGrad: true }).requiresGrad, true);
    assert.equal(Tensor.from([1]).grad, null);
    const r = Tensor.randn([100], new Rng(1), { std: 2 });
    assert.ok(r.data.some((v) => Math.abs(v) > 2));
  });

  await t.step("backward() accumulates into .grad; zeroGrad() clears it", () => {
    const w = Tensor.from([1, 2], { requiresGrad: true });
    w.mul(3).sum().backward();
    w.mul(3).sum().backward();
    assert.deepEqual(w.grad!.toArray(), [6, 6]);
    w.zeroGrad();
    assert.deepEqual(w.grad!.toArray(), [0, 0]);
    const y = w.mul(w);
    y.backward([1, 10]);
    assert.deepEqual(w.grad!.toArray(), [2, 40]);
  });

  await t.step("a node used twice receives both gradients", () => {
    const a = Tensor.from([3], { requiresGrad: true });
    a.mul(a).add(a).sum().backward();
    assert.deepEqual(a.grad!.toArray(), [7]);
  });

  await t.step("noGrad() records no graph and restores the mode", () => {
    const w = Tensor.from([1], { requiresGrad: true });
    assert.equal(isGradEnabled(), true);
    const y = noGrad(() => {
      assert.equal(isGradEnabled(), false);
      return w.mul(2);
    });
    assert.equal(y.requiresGrad, false);
    assert.equal(isGradEnabled(), true);
    assert.throws(() =>
      noGrad(() => {
        throw new Error("inside");
      }), /inside/);
    assert.equal(isGradEnabled(), true);
  });

  await t.step("crossEntropy is stable for logits of ±1e4", () => {
    const l = Tensor.from([[1e4, -1e4, 0], [-1e4, -1e4, -1e4]], { requiresGrad: true });
    const loss = l.crossEntropy([1, 2]);
    assertClose(loss.item(), (2e4 + Math.log(3)) / 2, { rtol: 1e-15 });
    loss.backward();
    assert.ok(l.grad!.data.every(Number.isFinite));
    assert.deepEqual(Tensor.from([[2, 1], [0, 5]]).argmax(), Int32Array.of(0, 1));
  });

  await t.step("detach() copies out of the graph; toString() describes", () => {
    const w = Tensor.from([[1, 2]], { requiresGrad: true });
    const d = w.mul(2).detach();
    assert.equal(d.requiresGrad, false);
    assert.equal(String(w.mul(2)), "Tensor([1, 2], op mul, requiresGrad)");
    assert.equal(String(Tensor.from(1)), "Tensor([])");
  });

  await t.step("shape mismatches name the op and both shapes", () => {
    const a = Tensor.zeros([2, 3]);
    assert.throws(() => a.matmul(Tensor.zeros([2, 3])), {
      message: "matmul: shapes [2, 3] and [2, 3] do not fit ([n, k] · [k, m])",
    });
    assert.throws(() => a.add(Tensor.zeros([2])), {
      message: "add: shapes [2, 3] and [2] do not broadcast",
    });
    assert.throws(() => a.sub(Tensor.zeros([3, 2])), {
      message: "sub: shapes [2, 3] and [3, 2] do not broadcast",
    });
    assert.throws(() => a.mul(Tensor.zeros([4])), {
      message: "mul: shapes [2, 3] and [4] do not broadcast",
    });
    assert.throws(() => a.mse(Tensor.zeros([3, 2])), {
      message: "mse: shapes [2, 3] and [3, 2] differ",
    });
    assert.throws(() => a.prelu(Tensor.zeros([2])), {
      message: /prelu: alpha must have shape \[1\] or \[3\] for input \[2, 3\], got \[2\]/,
    });
    assert.throws(() => Tensor.zeros([3]).crossEntropy([0]), {
      message: /logits must be \[n, classes\], got \[3\]/,
    });
    assert.throws(() => a.crossEntropy([0]), {
      message: "crossEntropy: 1 labels for 2 rows of logits",
    });
    assert.throws(() => Tensor.zeros([3]).argmax(), {
      message: /argmax: expects \[n, m\], got \[3\]/,
    });
  });

  await t.step("backward() on a non-scalar without a seed, or with a wrong seed, throws", () => {
    const w = Tensor.from([1, 2], { requiresGrad: true });
    assert.throws(() => w.mul(2).backward(), {
      message: "backward: a tensor of shape [2] is not a scalar; pass a seed gradient",
    });
    assert.throws(() => w.mul(2).backward([1, 2, 3]), {
      message: /seed of shape \[3\] for a tensor of shape \[2\]/,
    });
    assert.throws(() => Tensor.from(1).backward(), { message: /does not require a gradient/ });
  });

  await t.step("a label outside the class range is a RangeError", () => {
    const l = Tensor.zeros([2, 3]);
    assert.throws(() => l.crossEntropy([0, 3]), {
      name: "RangeError",
      message: "crossEntropy: label 3 at row 1 is outside the classes 0…2",
    });
    assert.throws(() => l.crossEntropy([0, 1.5]), { name: "RangeError" });
    assert.throws(() => l.crossEntropy([-1, 0]), { name: "RangeError" });
  });

  await t.step("malformed construction is a clear error", () => {
    assert.throws(() => Tensor.from([[1, 2], [3]]), {
      name: "TypeError",
      message: /row 1 must hold 2 numbers/,
    });
    assert.throws(() => Tensor.from("x" as unknown as number), { name: "TypeError" });
    assert.throws(() => new Tensor(new Float64Array(3), [2, 2]), {
      name: "RangeError",
      message: /needs 4 values, got 3/,
    });
    assert.throws(() => new Tensor(new Float64Array(8), [2, 2, 2]), {
      name: "RangeError",
      message: /shape must be/,
    });
    assert.throws(() => new Tensor([1] as unknown as Float64Array, [1]), { name: "TypeError" });
    assert.throws(() => Tensor.from([1, 2]).item(), {
      name: "RangeError",
      message: /not one value/,
    });
    assert.throws(() => Tensor.zeros([0]).mean(), { name: "RangeError", message: /empty/ });
    assert.throws(() => Tensor.zeros([2]).rrelu({ training: true }), {
      name: "TypeError",
      message: /needs \{ rng/,
    });
    assert.throws(() => Tensor.zeros([2]).rrelu({ lower: 0.5, upper: 0.1 }), {
      name: "RangeError",
    });
    assert.throws(() => Tensor.zeros([2]).apply("nope"), {
      name: "TypeError",
      message: /unknown activation/,
    });
  });
});
