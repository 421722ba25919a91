import assert from "node:assert/strict";
import fixture from "./fixtures/torch_mlp.json" with { type: "json" };
import {
  Adam,
  autoScheme,
  gainFor,
  initWeights,
  Linear,
  MLP,
  type Parameter,
  Rng,
  setMatmulBackend,
  SGD,
  Tensor,
} from "../lib/mod.ts";
import type { ActivationName } from "../lib/mod.ts";
import { assertClose, relativeError } from "./assert_close.ts";

type MlpCase = {
  activation: ActivationName;
  params: Record<string, number>;
  prelu: "shared" | "channel" | null;
  sizes: number[];
  x: number[][];
  y: number[];
  weights: Record<string, number[] | number[][]>;
  loss: number;
  grads: Record<string, number[] | number[][]>;
};

const flat = (v: number | number[] | number[][]): number[] =>
  typeof v === "number" ? [v] : (v as (number | number[])[]).flat();

Deno.test("MLP against PyTorch, with either backend's matrix products", async (t) => {
  for (const backend of ["wasm-simd", "js"] as const) {
    for (const c of fixture.cases as unknown as MlpCase[]) {
      const label = c.activation + (c.prelu ? ` (${c.prelu} α)` : "");
      await t.step(`${label}, ${backend}: loss and every gradient agree to 1e-9 relative`, () => {
        const before = setMatmulBackend(backend);
        try {
          checkCase(c);
        } finally {
          setMatmulBackend(before);
        }
      });
    }
  }
});

/** One fixture: the MLP's loss and every gradient against PyTorch's, to 1e-9 relative. */
function checkCase(c: MlpCase): void {
  const net = new MLP(c.sizes, {
    activation: c.activation,
    params: c.params,
    prelu: c.prelu ?? undefined,
  });
  net.setParameters(c.weights, { layout: "torch" });
  const loss = net.forward(Tensor.from(c.x)).crossEntropy(c.y);
  loss.backward();
  assert.ok(relativeError(loss.item(), c.loss) <= 1e-9, `loss ${loss.item()} vs ${c.loss}`);
  const params = new Map(net.parameters().map((p) => [p.name, p]));
  assert.deepEqual([...params.keys()].sort(), Object.keys(c.grads).sort());
  for (const [name, want] of Object.entries(c.grads)) {
    const p = params.get(name)!;
    const g = p.kind === "weight" ? p.tensor.grad!.transpose() : p.tensor.grad!;
    const expected = flat(want);
    g.data.forEach((v, i) =>
      assert.ok(
        relativeError(v, expected[i]) <= 1e-9,
        `${name}[${i}]: ${v} vs torch ${expected[i]}`,
      )
    );
  }
}

Deno.test("MLP", async (t) => {
  await t.step("a per-layer choice of activation and parameters", () => {
    const net = new MLP([3, 4, 4, 4, 2], {
      activation: ["tanh", "elu", "leakyRelu"],
      params: [undefined, { alpha: 0.5 }, { alpha: 0.2 }],
    });
    assert.deepEqual(net.activations, ["tanh", "elu", "leakyRelu"]);
    assert.deepEqual(net.layers[1].params, { alpha: 0.5 });
    assert.deepEqual(net.layers[2].params, { alpha: 0.2 });
    assert.equal(net.layers[3].activation, null);
  });

  await t.step("PReLU layers own α: one shared, or one per unit, initialised to 0.25", () => {
    const shared = new MLP([3, 5, 2], { activation: "prelu" });
    const channel = new MLP([3, 5, 2], { activation: "prelu", prelu: "channel" });
    assert.deepEqual(shared.layers[0].alpha!.toArray(), [0.25]);
    assert.deepEqual(channel.layers[0].alpha!.toArray(), [0.25, 0.25, 0.25, 0.25, 0.25]);
    assert.equal(channel.parameters().find((p) => p.kind === "alpha")!.name, "layer1.alpha");
  });

  await t.step("trace records each hidden layer's pre-activation and output", () => {
    const net = new MLP([3, 4, 5, 2], { activation: "relu", seed: 2 });
    const trace: { pre: Tensor; post: Tensor }[] = [];
    net.forward(Tensor.from([[1, -1, 0.5]]), { trace });
    assert.equal(trace.length, 2);
    assert.deepEqual(trace[1].post.shape, [1, 5]);
    trace[0].pre.data.forEach((z, i) => assert.equal(trace[0].post.data[i], Math.max(z, 0)));
  });

  await t.step("RReLU layers draw slopes in training and use (l+u)/2 otherwise", () => {
    const net = new MLP([2, 6, 2], { activation: "rrelu", seed: 3, bias: -10 });
    const x = Tensor.from([[0.1, 0.2]]);
    const trace: { pre: Tensor; post: Tensor }[] = [];
    net.forward(x, { training: true, rng: new Rng(1), trace });
    const slopes = [...trace[0].post.data].map((v, i) => v / trace[0].pre.data[i]);
    assert.ok(slopes.every((s) => s >= 1 / 8 && s <= 1 / 3));
    assert.ok(new Set(slopes).size > 1);
    const evalTrace: { pre: Tensor; post: Tensor }[] = [];
    net.forward(x, { trace: evalTrace });
    evalTrace[0].post.data.forEach((v, i) =>
      assertClose(v, evalTrace[0].pre.data[i] * 11 / 48, { rtol: 1e-15 })
    );
  });

  await t.step("the same seed gives the same weights; another seed others", () => {
    const a = new MLP([4, 3, 2], { seed: 5 }).layers[0].linear.weight.data;
    const b = new MLP([4, 3, 2], { seed: 5 }).layers[0].linear.weight.data;
    const c = new MLP([4, 3, 2], { seed: 6 }).layers[0].linear.weight.data;
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  await t.step("bad sizes, per-layer lists and parameter names are clear errors", () => {
    assert.throws(() => new MLP([3]), {
      name: "RangeError",
      message: /at least inputs and outputs/,
    });
    assert.throws(() => new MLP([3, 0, 2]), {
      name: "RangeError",
      message: /outFeatures must be a positive integer, got 0/,
    });
    assert.throws(() => new MLP([3, 4, 2], { activation: ["relu", "tanh"] }), {
      name: "RangeError",
      message: /activation has 2 entries for 1 hidden layers/,
    });
    assert.throws(() => new MLP([3, 4, 2], { activation: "swish" as ActivationName }), {
      name: "TypeError",
      message: /unknown activation "swish"/,
    });
    const net = new MLP([2, 3, 2]);
    assert.throws(() => net.setParameters({ "layer9.weight": [1] }), {
      name: "TypeError",
      message: /unknown parameter "layer9.weight"; this model has layer1.weight/,
    });
    assert.throws(() => net.setParameters({ "layer1.weight": [[1, 2], [3, 4]] }), {
      name: "RangeError",
      message: /"layer1.weight" needs shape \[2, 3\], got \[2, 2\]/,
    });
    net.setParameters({ "layer1.weight": [[1, 2, 3], [4, 5, 6]] });
    assert.deepEqual(net.layers[0].linear.weight.toArray(), [[1, 2, 3], [4, 5, 6]]);
    assert.throws(
      () => net.setParameters({ "layer1.weight": [[1, 2, 3], [4, 5, 6]] }, { layout: "torch" }),
      { name: "RangeError", message: /after transposing from torch's \[out, in\]/ },
    );
  });
});

Deno.test("initWeights()", async (t) => {
  const stats = (w: Float64Array) => {
    const m = w.reduce((a, b) => a + b, 0) / w.length;
    return { mean: m, std: Math.sqrt(w.reduce((a, b) => a + (b - m) ** 2, 0) / w.length) };
  };
  await t.step(
    "He: N(0, gain²/fanIn) with gain √2 for ReLU and √(2/(1+α²)) for leaky units",
    () => {
      const w = initWeights(400, 300, "he", new Rng(1), "relu");
      assertClose(stats(w).std, Math.sqrt(2 / 400), { rtol: 0.01 });
      const l = initWeights(400, 300, "he", new Rng(1), "leakyRelu", { alpha: 0.5 });
      assertClose(stats(l).std, Math.sqrt(2 / 1.25) / 20, { rtol: 0.01 });
      assertClose(gainFor("rrelu"), Math.sqrt(2 / (1 + (11 / 48) ** 2)), { rtol: 1e-15 });
    },
  );
  await t.step("Xavier: U(±gain·√(6/(in+out))), gain 5/3 for tanh; LeCun for SELU", () => {
    const w = initWeights(200, 100, "xavier", new Rng(2), "tanh");
    const a = (5 / 3) * Math.sqrt(6 / 300);
    assert.ok(w.every((v) => Math.abs(v) <= a));
    assertClose(stats(w).std, a / Math.sqrt(3), { rtol: 0.02 });
    const s = initWeights(400, 300, "auto", new Rng(3), "selu");
    assertClose(stats(s).std, 1 / 20, { rtol: 0.01 });
  });
  await t.step("auto matches the scheme to the activation", () => {
    assert.equal(autoScheme("sigmoid"), "xavier");
    assert.equal(autoScheme("tanh"), "xavier");
    assert.equal(autoScheme("relu"), "he");
    assert.equal(autoScheme("prelu"), "he");
    assert.equal(autoScheme("selu"), "lecun");
    assert.equal(autoScheme(null), "xavier");
    assert.equal(gainFor(null), 1);
    assert.equal(gainFor("sigmoid"), 1);
  });
  await t.step("normal with a given std, and clear errors", () => {
    const w = initWeights(300, 300, { scheme: "normal", std: 3 }, new Rng(4));
    assertClose(stats(w).std, 3, { rtol: 0.02 });
    assert.throws(() => initWeights(2, 2, { scheme: "normal" }, new Rng(1)), {
      name: "RangeError",
      message: /needs a finite std ≥ 0, got undefined/,
    });
    assert.throws(() => initWeights(2, 2, "glorot" as "xavier", new Rng(1)), {
      name: "TypeError",
      message: /unknown init scheme "glorot"/,
    });
  });
});

Deno.test("Linear", async (t) => {
  await t.step("computes x·W + b with a constant initial bias", () => {
    const l = new Linear(2, 3, { bias: -2 });
    l.weight.data.set([1, 2, 3, 4, 5, 6]);
    assert.deepEqual(l.forward(Tensor.from([[1, 1]])).toArray(), [[3, 5, 7]]);
  });
  await t.step("rejects non-positive sizes", () => {
    assert.throws(() => new Linear(2.5, 3), { name: "RangeError", message: /inFeatures/ });
  });
});

const param = (values: number[], kind: Parameter["kind"] = "weight"): Parameter => ({
  name: "p",
  tensor: Tensor.from(values, { requiresGrad: true }),
  kind,
  layer: 0,
});

Deno.test("SGD", async (t) => {
  await t.step("plain step θ −= lr·(∇ + λθ)", () => {
    const p = param([1, -2]);
    p.tensor.gradBuffer().set([0.5, 0.5]);
    new SGD([p], { lr: 0.1, weightDecay: 0.1 }).step();
    assertClose(p.tensor.data[0], 1 - 0.1 * (0.5 + 0.1), { rtol: 1e-15 });
    assertClose(p.tensor.data[1], -2 - 0.1 * (0.5 - 0.2), { rtol: 1e-15 });
  });
  await t.step("momentum as PyTorch: v₁ = g₁, vₜ = μvₜ₋₁ + gₜ", () => {
    const p = param([0]);
    const opt = new SGD([p], { lr: 1, momentum: 0.9 });
    p.tensor.gradBuffer().set([1]);
    opt.step();
    assert.equal(p.tensor.data[0], -1);
    opt.step();
    assertClose(p.tensor.data[0], -1 - 1.9, { rtol: 1e-15 });
  });
  await t.step("no weight decay on PReLU's α", () => {
    const a = param([0.25], "alpha");
    a.tensor.gradBuffer().set([0]);
    new SGD([a], { lr: 0.1, weightDecay: 0.5 }).step();
    assert.equal(a.tensor.data[0], 0.25);
  });
  await t.step("skips parameters without a gradient; zeroGrad zeroes", () => {
    const p = param([1]);
    const opt = new SGD([p], { lr: 0.1 });
    opt.step();
    assert.equal(p.tensor.data[0], 1);
    p.tensor.gradBuffer().set([3]);
    opt.zeroGrad();
    assert.equal(p.tensor.grad!.data[0], 0);
  });
  await t.step("bad hyper-parameters are RangeErrors", () => {
    assert.throws(() => new SGD([], { lr: 0 }), {
      name: "RangeError",
      message: /SGD: lr must be a positive number, got 0/,
    });
    assert.throws(() => new SGD([], { lr: 0.1, momentum: 1 }), {
      message: /momentum must be in \[0, 1\)/,
    });
    assert.throws(() => new SGD([], { lr: 0.1, weightDecay: -1 }), { message: /weightDecay/ });
  });
});

Deno.test("Adam", async (t) => {
  await t.step("matches the bias-corrected update over three steps", () => {
    const p = param([1]);
    const opt = new Adam([p], { lr: 0.01 });
    let m = 0;
    let v = 0;
    let w = 1;
    for (let step = 1; step <= 3; step++) {
      const g = 2 * p.tensor.data[0];
      p.tensor.zeroGrad();
      p.tensor.gradBuffer().set([g]);
      opt.step();
      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      w -= (0.01 * m / (1 - 0.9 ** step)) / (Math.sqrt(v / (1 - 0.999 ** step)) + 1e-8);
      assertClose(p.tensor.data[0], w, { rtol: 1e-14 });
    }
  });
  await t.step("weight decay, but not on α; bad options are RangeErrors", () => {
    const a = param([0.25], "alpha");
    a.tensor.gradBuffer().set([0]);
    new Adam([a], { weightDecay: 1 }).step();
    assert.equal(a.tensor.data[0], 0.25);
    const w = param([0.25]);
    w.tensor.gradBuffer().set([0]);
    const opt = new Adam([w], { weightDecay: 1 });
    opt.step();
    assert.ok(w.tensor.data[0] < 0.25);
    opt.zeroGrad();
    assert.throws(() => new Adam([], { betas: [0.9, 1] }), {
      message: /betas\[1\] must be in \[0, 1\)/,
    });
    assert.throws(() => new Adam([], { eps: 0 }), { message: /eps must be a positive number/ });
  });
});
