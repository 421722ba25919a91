import assert from "node:assert/strict";
import { activationNames, activations, Value } from "../lib/mod.ts";
import { assertClose } from "./assert_close.ts";

/** ∂f/∂x by central differences, for checking one input of a scalar graph. */
function numeric(f: (x: number) => number, x: number, h = 1e-6): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}

Deno.test("Value", async (t) => {
  await t.step("each primitive's gradient matches central differences", () => {
    const cases: [string, (v: Value) => Value, (x: number) => number][] = [
      ["add", (v) => v.add(3), (x) => x + 3],
      ["sub", (v) => v.sub(new Value(3)), (x) => x - 3],
      ["rsub", (v) => new Value(3).sub(v), (x) => 3 - x],
      ["mul", (v) => v.mul(-2.5), (x) => x * -2.5],
      ["div", (v) => v.div(4), (x) => x / 4],
      ["rdiv", (v) => new Value(4).div(v), (x) => 4 / x],
      ["pow", (v) => v.pow(3), (x) => x ** 3],
      ["exp", (v) => v.exp(), Math.exp],
      ["log", (v) => v.log(), Math.log],
      ["neg", (v) => v.neg(), (x) => -x],
    ];
    for (const [name, op, f] of cases) {
      for (const x0 of [0.3, 1.7, 2.5]) {
        const x = new Value(x0);
        const y = op(x);
        y.backward();
        assertClose(y.data, f(x0), { rtol: 1e-15, at: name });
        assertClose(x.grad, numeric(f, x0), { rtol: 1e-8, at: `${name}'(${x0})` });
      }
    }
  });

  await t.step("apply() uses the registry's f and df for every activation", () => {
    for (const name of activationNames) {
      for (const x0 of [-1.3, -0.2, 0.4, 2.2]) {
        const x = new Value(x0);
        const y = x.apply(name);
        y.backward();
        assert.equal(y.data, activations[name].f(x0));
        assert.equal(x.grad, activations[name].df(x0));
        assert.equal(y.op, name);
      }
    }
    const x = new Value(-1);
    x.apply("leakyRelu", { alpha: 0.3 }).backward();
    assert.equal(x.grad, 0.3);
  });

  await t.step("prelu() sends gradients to both the input and α (∂f/∂α = x for x ≤ 0)", () => {
    const x = new Value(-2);
    const a = new Value(0.25, { label: "α" });
    const y = x.prelu(a);
    y.backward();
    assert.equal(y.data, -0.5);
    assert.equal(x.grad, 0.25);
    assert.equal(a.grad, -2);
    const x2 = new Value(3);
    const a2 = new Value(0.25);
    x2.prelu(a2).backward();
    assert.equal(a2.grad, 0);
    assert.equal(x2.grad, 1);
  });

  await t.step("gradients accumulate: a node used twice gets both contributions", () => {
    const a = new Value(3);
    const y = a.mul(a).add(a); // y = a² + a, dy/da = 2a + 1
    y.backward();
    assert.equal(a.grad, 7);
    y.zeroGrad();
    assert.equal(a.grad, 0);
    assert.equal(y.grad, 0);
  });

  await t.step("a chain of 100,000 nodes back-propagates without overflowing the stack", () => {
    const x = new Value(0.5, { label: "x" });
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.mul(1);
    y.backward();
    assert.equal(x.grad, 1);
    assert.equal(y.topologicalOrder().length, 200_001); // x, the constants 1 and the products
  });

  await t.step("nodes keep op, label, parents and the local derivative of every edge", () => {
    const c = new Value(0.5, { label: "c" });
    const w = new Value(2, { label: "w" });
    const z = c.mul(w).add(-1);
    z.label = "z";
    const d = z.apply("sigmoid");
    assert.equal(d.op, "sigmoid");
    assert.deepEqual(d.parents, [z]);
    assert.equal(d.edges[0].local, activations.sigmoid.df(0));
    const mul = z.parents[0];
    assert.equal(mul.op, "×");
    assert.deepEqual(mul.edges.map((e) => e.local), [2, 0.5]);
    assert.equal(String(c), "Value(c = 0.5, grad 0)");
    assert.equal(String(new Value(1)), "Value(1, grad 0)");
  });

  await t.step("bad inputs are clear errors, never a silent NaN", () => {
    assert.throws(() => new Value("1" as unknown as number), {
      name: "TypeError",
      message: /must be a number, got string 1/,
    });
    assert.throws(() => new Value(-1).log(), {
      name: "RangeError",
      message: /must be positive, got -1/,
    });
    assert.throws(() => new Value(0).log(), { name: "RangeError" });
    assert.throws(() => new Value(1).div(0), { name: "RangeError", message: /division by zero/ });
    assert.throws(() => new Value(0).pow(-1), {
      name: "RangeError",
      message: /0\^-1 has no finite derivative/,
    });
    assert.throws(() => new Value(2).pow(NaN), {
      name: "TypeError",
      message: /exponent must be a finite number/,
    });
    assert.throws(() => new Value(1).apply("swish"), {
      name: "TypeError",
      message: /unknown activation "swish"/,
    });
    assert.throws(() => new Value(1).apply("elu", { alpha: NaN }), { name: "RangeError" });
  });
});
