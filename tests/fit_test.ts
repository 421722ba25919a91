import assert from "node:assert/strict";
import {
  activationStats,
  Adam,
  batchOf,
  evaluate,
  fit,
  fitAsync,
  type FitOptions,
  MLP,
  Rng,
  SGD,
  type StepInfo,
  Tensor,
} from "../lib/mod.ts";
import type { Dataset } from "../lib/data/dataset.ts";
import { assertClose } from "./assert_close.ts";

/** Two Gaussian blobs per class in 4-D: learnable, but not instantly. */
function blobs(n: number, seed: number): Dataset {
  const rng = new Rng(seed);
  const x = new Float64Array(n * 4);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    y[i] = c;
    for (let j = 0; j < 4; j++) x[i * 4 + j] = rng.normal(j === c ? 1.5 : 0, 1);
  }
  return { x, y, n, features: 4, classes: 3, name: `blobs (${n})` };
}

const train = blobs(300, 1);
const validation = blobs(90, 2);
const withoutTime = (h: ReturnType<typeof fit>) => ({
  ...h,
  epochs: h.epochs.map(({ seconds: _, ...rest }) => rest),
});

Deno.test("fit()", async (t) => {
  await t.step("returns one record per epoch plus epoch 0, with every field per layer", () => {
    const net = new MLP([4, 8, 6, 3], { activation: "prelu", prelu: "channel", seed: 1 });
    const h = fit(net, { train, validation }, { epochs: 3, lr: 0.1, batchSize: 32, probeSize: 64 });
    assert.equal(h.epochs.length, 4);
    assert.equal(h.stepLoss.length, 3 * Math.ceil(300 / 32));
    const last = h.epochs[3];
    assert.equal(last.steps, h.stepLoss.length);
    assert.equal(last.gradNorm.length, 3);
    assert.equal(last.weightChange.length, 3);
    assert.equal(h.epochs[0].weightChange.every((c) => c === 0), true);
    assert.ok(last.weightChange.every((c) => c > 0));
    for (const k of ["activationMean", "activationStd", "zeroFraction", "deadFraction"] as const) {
      assert.equal(last[k].length, 2, k);
    }
    assert.equal(last.alpha.length, 2);
    assert.equal(last.alpha[0]!.length, 8);
    assert.notDeepEqual(last.alpha[0], h.epochs[0].alpha[0]); // α is learned
    assert.ok(last.valLoss! < h.epochs[0].valLoss!);
    assert.ok(last.valAccuracy! > 0.6, `validation accuracy ${last.valAccuracy}`);
    assert.ok(last.seconds > 0);
  });

  await t.step("the same seed gives a bit-identical history (but for wall time)", () => {
    const run = (seed: number) =>
      fit(new MLP([4, 8, 3], { activation: "rrelu", seed: 3 }), { train, validation }, {
        epochs: 2,
        lr: 0.05,
        seed,
        momentum: 0.9,
      });
    assert.deepEqual(withoutTime(run(7)), withoutTime(run(7)));
    assert.notDeepEqual(withoutTime(run(7)).stepLoss, withoutTime(run(8)).stepLoss);
  });

  await t.step("counts units that are never positive on the probe batch as dead", () => {
    const net = new MLP([4, 10, 3], { activation: "relu", seed: 2, bias: 0 });
    net.layers[0].linear.bias.data.fill(-100); // every pre-activation negative: all dead
    const h = fit(net, { train }, { epochs: 1, lr: 0.1 });
    assert.deepEqual(h.epochs[0].deadFraction, [1]);
    assert.deepEqual(h.epochs[1].deadFraction, [1]);
    assert.deepEqual(h.epochs[1].zeroFraction, [1]);
    assert.equal(h.epochs[1].weightChange[0], 0); // dead units' weights never change
    assert.equal(h.epochs[1].gradNorm[0], 0);
  });

  await t.step("reports every step to onStep and every epoch to onEpoch", () => {
    const steps: StepInfo[] = [];
    const epochs: number[] = [];
    fit(new MLP([4, 5, 3]), { train }, {
      epochs: 2,
      batchSize: 100,
      onStep: (s) => steps.push(s),
      onEpoch: (r) => epochs.push(r.epoch),
    });
    assert.deepEqual(epochs, [0, 1, 2]);
    assert.deepEqual(steps.map((s) => s.step), [1, 2, 3, 4, 5, 6]);
    assert.ok(steps.every((s) => s.totalSteps === 6));
    assert.deepEqual(steps.map((s) => s.epoch), [1, 1, 1, 2, 2, 2]);
  });

  await t.step("accepts Adam by name or a ready optimizer", () => {
    const net = new MLP([4, 6, 3], { seed: 5 });
    const a = fit(net, { train }, { epochs: 2, optimizer: "adam", lr: 0.01 });
    assert.ok(a.epochs[2].trainLoss < a.epochs[0].trainLoss);
    const net2 = new MLP([4, 6, 3], { seed: 5 });
    const b = fit(net2, { train }, {
      epochs: 1,
      optimizer: new Adam(net2.parameters(), { lr: 0.01 }),
    });
    assert.equal(b.epochs.length, 2);
    const net3 = new MLP([4, 6, 3], { seed: 5 });
    fit(net3, { train }, { epochs: 1, optimizer: new SGD(net3.parameters(), { lr: 0.01 }) });
  });

  await t.step("bad options and mismatched data are clear errors", () => {
    const net = new MLP([4, 5, 3]);
    assert.throws(() => fit(net, { train }, { epochs: -1 }), {
      name: "RangeError",
      message: 'fit: option "epochs" must be an integer ≥ 0, got -1',
    });
    assert.throws(() => fit(net, { train }, { epochs: 1, batchSize: 0 }), {
      name: "RangeError",
      message: /batchSize/,
    });
    assert.throws(() => fit(new MLP([5, 3]), { train }, { epochs: 1 }), {
      name: "RangeError",
      message: /the model takes 5 inputs but blobs \(300\) has 4 features/,
    });
    assert.throws(() => fit(new MLP([4, 2]), { train }, { epochs: 1 }), {
      name: "RangeError",
      message: /has 3 classes but the model has 2 outputs/,
    });
    assert.throws(() => fit(net, { train }, { epochs: 1, optimizer: "rmsprop" as "sgd" }), {
      name: "RangeError",
      message: /option "optimizer" must be "sgd", "adam" or an Optimizer/,
    });
  });

  await t.step("every option is checked: name, kind and range", () => {
    const net = new MLP([4, 5, 3]);
    const cases: [Record<string, unknown>, ErrorConstructor, string][] = [
      [{}, TypeError, 'fit: option "epochs" is required: an integer ≥ 0'],
      [{ epochs: 1.5 }, RangeError, 'option "epochs" must be an integer ≥ 0, got 1.5'],
      [{ epochs: 1, probeSize: 0 }, RangeError, 'option "probeSize" must be an integer ≥ 1, got 0'],
      [{ epochs: 1, probeSize: NaN }, RangeError, '"probeSize" must be an integer ≥ 1, got NaN'],
      [{ epochs: 1, probeSize: -1 }, RangeError, '"probeSize" must be an integer ≥ 1, got -1'],
      [{ epochs: 1, probeSize: 2.5 }, RangeError, '"probeSize" must be an integer ≥ 1, got 2.5'],
      [{ epochs: 1, lr: 0 }, RangeError, 'option "lr" must be a finite number > 0, got 0'],
      [{ epochs: 1, lr: Infinity }, RangeError, '"lr" must be a finite number > 0, got Infinity'],
      [{ epochs: 1, lr: "0.1" }, TypeError, '"lr" must be a finite number > 0, got "0.1"'],
      [
        { epochs: 1, momentum: 1 },
        RangeError,
        '"momentum" must be a finite number in [0, 1), got 1',
      ],
      [{ epochs: 1, weightDecay: -1 }, RangeError, '"weightDecay" must be a finite number ≥ 0'],
      [{ epochs: 1, seed: NaN }, RangeError, 'option "seed" must be a finite number, got NaN'],
      [{ epochs: 1, onEpoch: 3 }, TypeError, 'option "onEpoch" must be a function'],
      [
        { epochs: 1, epoch: 3 },
        TypeError,
        'fit: unknown option "epoch" (value 3); allowed: "epochs"',
      ],
    ];
    for (const [options, type, message] of cases) {
      assert.throws(
        () => fit(net, { train }, options as unknown as FitOptions),
        (e: Error) =>
          e instanceof type && e.message.startsWith("fit: ") && e.message.includes(message),
        `${JSON.stringify(options)} should throw a ${type.name} with "${message}"`,
      );
    }
    assert.throws(() => fit(net, { train: { n: 3 } as unknown as Dataset }, { epochs: 1 }), {
      name: "TypeError",
      message: /^fit: data.train: expected a Dataset/,
    });
  });

  await t.step('startOn "probe": epoch 0 measured on the probe batch, training unchanged', () => {
    const options = { epochs: 2, lr: 0.1, batchSize: 32, probeSize: 40, seed: 3 };
    const net = () => new MLP([4, 6, 3], { activation: "rrelu", seed: 4 });
    const whole = withoutTime(fit(net(), { train }, options));
    const probed = withoutTime(fit(net(), { train }, { ...options, startOn: "probe" }));
    assert.deepEqual(probed.stepLoss, whole.stepLoss);
    assert.deepEqual(probed.epochs.slice(1), whole.epochs.slice(1));
    const { trainLoss, trainAccuracy, ...rest } = probed.epochs[0];
    const { trainLoss: wholeLoss, trainAccuracy: _, ...wholeRest } = whole.epochs[0];
    assert.deepEqual(rest, wholeRest);
    assert.equal(wholeLoss, evaluate(net(), train).loss);
    // The probe fit draws: the first 40 of the root stream's permutation, after two forks.
    const root = new Rng(options.seed);
    root.fork();
    root.fork();
    const probe = batchOf(train, root.permutation(train.n).subarray(0, 40));
    const onProbe = evaluate(net(), {
      ...train,
      n: 40,
      x: probe.x.data,
      y: probe.y,
    });
    assert.equal(trainLoss, onProbe.loss);
    assert.equal(trainAccuracy, onProbe.accuracy);
    assert.notEqual(trainLoss, wholeLoss);
    assert.throws(
      () => fit(net(), { train }, { epochs: 1, startOn: "test" as "train" }),
      {
        name: "RangeError",
        message: /^fit: option "startOn" must be one of "train", "probe", got "test"/,
      },
    );
  });

  await t.step("a probe larger than the training set uses all of it", () => {
    const small = { ...train, n: 10, x: train.x.subarray(0, 40), y: train.y.subarray(0, 10) };
    const h = fit(new MLP([4, 5, 3], { seed: 2 }), { train: small }, { epochs: 1, probeSize: 999 });
    assert.ok(h.epochs.every((e) => e.activationMean.every(Number.isFinite)));
  });
});

Deno.test("fit(): the steps are SGD on fresh batches of the seed's order", async (t) => {
  // fit writes every batch into one input buffer; a hand-rolled loop with a fresh batch per step
  // must take the same steps. 300 examples in batches of 64: the last batch is 44 long.
  const options = { epochs: 2, batchSize: 64, lr: 0.05, momentum: 0.9, weightDecay: 1e-3, seed: 6 };
  const model = () => new MLP([4, 8, 3], { activation: "leakyRelu", seed: 7 });

  await t.step("the same losses, and the same weights after training", () => {
    const a = model();
    const history = fit(a, { train }, { ...options, probeSize: 16 });
    const b = model();
    const opt = new SGD(b.parameters(), options);
    const root = new Rng(options.seed);
    const order = root.fork(); // fit draws the minibatch order first, then RReLU's noise
    const losses: number[] = [];
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const perm = order.permutation(train.n);
      for (let from = 0; from < train.n; from += options.batchSize) {
        const { x, y } = batchOf(train, perm, from, Math.min(train.n, from + options.batchSize));
        opt.zeroGrad();
        const loss = b.forward(x, { training: true }).crossEntropy(y);
        loss.backward();
        opt.step();
        losses.push(loss.item());
      }
    }
    assert.deepEqual(history.stepLoss, losses);
    a.parameters().forEach((p, i) =>
      assert.deepEqual(p.tensor.data, b.parameters()[i].tensor.data)
    );
  });

  await t.step("batchOf with a buffer: a view of it, with the rows of a fresh batch", () => {
    const out = new Float64Array(10 * 4).fill(-1);
    const rows = Int32Array.of(5, 0, 299);
    const fresh = batchOf(train, rows);
    const into = batchOf(train, rows, 0, 3, out);
    assert.deepEqual(into.x.data, fresh.x.data);
    assert.deepEqual(into.x.shape, [3, 4]);
    assert.equal(into.x.data.buffer, out.buffer);
    assert.deepEqual([...out.subarray(12)], new Array(28).fill(-1));
    assert.deepEqual(into.y, fresh.y);
  });
});

Deno.test("fitAsync()", async (t) => {
  await t.step("trains as fit does, awaiting onEpoch between epochs", async () => {
    const order: string[] = [];
    const options = { epochs: 2, lr: 0.1, batchSize: 50, seed: 3 };
    const a = await fitAsync(new MLP([4, 5, 3], { seed: 4 }), { train, validation }, {
      ...options,
      onEpoch: async (r) => {
        order.push(`start ${r.epoch}`);
        await new Promise((resolve) => setTimeout(resolve, 1));
        order.push(`end ${r.epoch}`);
      },
    });
    const b = fit(new MLP([4, 5, 3], { seed: 4 }), { train, validation }, options);
    assert.deepEqual(order, ["start 0", "end 0", "start 1", "end 1", "start 2", "end 2"]);
    assert.deepEqual(a.stepLoss, b.stepLoss);
    assert.deepEqual(
      a.epochs.map((e) => ({ ...e, seconds: 0 })),
      b.epochs.map((e) => ({ ...e, seconds: 0 })),
    );
  });
  await t.step("checks its options as fit does, naming itself", async () => {
    await assert.rejects(
      () => fitAsync(new MLP([4, 5, 3]), { train }, { epochs: 1, probeSize: 0 }),
      { name: "RangeError", message: /^fitAsync: option "probeSize"/ },
    );
  });
});

Deno.test("evaluate()", async (t) => {
  await t.step("matches the loss and accuracy of one forward pass, in any chunk size", () => {
    const net = new MLP([4, 6, 3], { seed: 9 });
    const all = Int32Array.from({ length: validation.n }, (_, i) => i);
    const { x, y } = batchOf(validation, all);
    const logits = net.forward(x);
    const loss = logits.crossEntropy(y).item();
    const pred = logits.argmax();
    const acc = pred.filter((p, i) => p === y[i]).length / y.length;
    const e = evaluate(net, validation, 7);
    assertClose(e.loss, loss, { rtol: 1e-13 });
    assert.equal(e.accuracy, acc);
  });
});

Deno.test("activationStats()", async (t) => {
  await t.step("mean, std, zero and dead fractions per hidden layer", () => {
    const net = new MLP([2, 3, 2], { activation: "relu" });
    net.setParameters({ "layer1.weight": [[1, -1, 0], [0, 0, 0]], "layer1.bias": [0, 0, -1] });
    const s = activationStats(net, Tensor.from([[1, 0], [2, 0]]));
    // outputs: unit 0 = x (1, 2), unit 1 = 0, unit 2 = 0
    assertClose(s.mean[0], 3 / 6, { rtol: 1e-15 });
    assert.equal(s.zero[0], 4 / 6);
    assert.equal(s.dead[0], 2 / 3);
    assert.equal(s.trace.length, 1);
  });
});

Deno.test("fit() and activationStats() edge cases", async (t) => {
  await t.step("RReLU's random slopes do not change the minibatch order or probe batch", () => {
    // RReLU with lower = upper = 0 draws slopes that are all 0: the same function as ReLU. Equal
    // step losses mean equal batches, although only the RReLU run consumes random numbers.
    const run = (activation: "relu" | "rrelu") =>
      fit(
        new MLP([4, 5, 3], {
          activation,
          params: activation === "rrelu" ? { lower: 0, upper: 0 } : undefined,
          seed: 1,
        }),
        { train },
        { epochs: 2, batchSize: 50, seed: 4 },
      );
    assert.deepEqual(run("rrelu").stepLoss, run("relu").stepLoss);
  });
  await t.step("dead fraction is NaN, not 1, once pre-activations are NaN", () => {
    const net = new MLP([2, 3, 2], { activation: "relu" });
    net.layers[0].linear.bias.data[0] = NaN;
    const s = activationStats(net, Tensor.from([[1, 0], [2, 0]]));
    assert.ok(Number.isNaN(s.dead[0]));
  });
});
