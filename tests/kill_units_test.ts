import assert from "node:assert/strict";
import { Tensor } from "../lib/autograd/tensor.ts";
import { MLP } from "../lib/nn/mlp.ts";
import { killedWeightChange, killUnits, revivedUnits } from "../lib/train/kill_units.ts";
import { uniformKsTest } from "../lib/stats/ks_test.ts";

Deno.test("killUnits(), revivedUnits(), killedWeightChange()", async (t) => {
  const x = Tensor.from([[1, 2, 3], [-1, 0, 2], [0.5, -2, 1], [2, 2, -1]]);
  await t.step("a killed unit's largest pre-activation is exactly −margin", () => {
    const net = new MLP([3, 5, 2], { seed: 3 });
    const biases = killUnits(net, x, 3, 0.25);
    assert.equal(biases.length, 3);
    const z = net.layers[0].linear.forward(x).data;
    for (let j = 0; j < 3; j++) {
      const col = [0, 1, 2, 3].map((i) => z[i * 5 + j]);
      assert.ok(Math.abs(Math.max(...col) + 0.25) < 1e-12);
    }
    assert.equal(revivedUnits(net, x, 3), 0);
    assert.ok(revivedUnits(net, x, 5) <= 2);
  });
  await t.step(
    "a unit whose bias is raised comes back; weight change counts killed columns",
    () => {
      const net = new MLP([3, 4, 2], { seed: 1 });
      killUnits(net, x, 2, 0);
      net.layers[0].linear.bias.data[0] += 1;
      assert.equal(revivedUnits(net, x, 2), 1);
      const w0 = net.layers[0].linear.weight.data.slice();
      net.layers[0].linear.weight.data[3] += 1; // input 0 → unit 3, not killed
      assert.equal(killedWeightChange(net, w0, 2), 0);
      assert.ok(Math.abs(killedWeightChange(net, w0, 4) - 1) < 1e-12);
    },
  );
  await t.step("bad arguments are clear errors", () => {
    const net = new MLP([3, 4, 2]);
    assert.throws(() => killUnits(net, x, 5, 0), /count must be an integer in \[0, 4\]/);
    assert.throws(() => killUnits(net, x, 1, -1), /margin must be a finite number ≥ 0/);
    assert.throws(() => revivedUnits(net, x, 1.5), /revivedUnits: count/);
    assert.throws(
      () => killedWeightChange(net, new Float64Array(3), 1),
      /initial has 3 weights, the layer 12/,
    );
  });
});

Deno.test("uniformKsTest()", async (t) => {
  await t.step("uniform draws pass, skewed ones fail", () => {
    const even = Array.from({ length: 400 }, (_, i) => 2 + (i + 0.5) / 100);
    assert.equal(uniformKsTest(even, 2, 6).p, 1);
    const skewed = even.map((v) => 2 + (v - 2) ** 2 / 4);
    const r = uniformKsTest(skewed, 2, 6);
    assert.ok(r.statistic > 0.2 && r.p < 1e-6);
  });
  await t.step("bad arguments are clear errors", () => {
    assert.throws(() => uniformKsTest([], 0, 1), /at least one value/);
    assert.throws(() => uniformKsTest([1], 1, 0), /finite lo < hi/);
    assert.throws(() => uniformKsTest([NaN], 0, 1), /finite number/);
  });
});
