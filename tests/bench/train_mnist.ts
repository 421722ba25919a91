/**
 * The training-speed check: five epochs of a 784-128-128-10 ReLU MLP on 50,000 MNIST training
 * digits (batch 64, SGD lr 0.05), with validation on 1,000 more after each epoch, then the error
 * on the official 10,000 test digits. Prints the wall times and the peak resident memory (sampled
 * after every step). Usage: `deno task bench:train`.
 *
 * It imports the modules it uses, not `lib/mod.ts`: the whole library (mathjs, Observable Plot,
 * linkedom) adds about 100 MiB of resident memory that training does not need.
 *
 * @module
 */

import { matmulBackend } from "../../lib/autograd/mod.ts";
import { loadMnist } from "../../lib/data/mnist.ts";
import { MLP } from "../../lib/nn/mlp.ts";
import { evaluate, fit } from "../../lib/train/fit.ts";

const t0 = performance.now();
const data = await loadMnist({ count: 51_000, validation: 1_000, seed: 1 });
const t1 = performance.now();
let peak = Deno.memoryUsage().rss;
const net = new MLP([784, 128, 128, 10], { activation: "relu", seed: 1 });
const history = fit(net, data, {
  epochs: 5,
  batchSize: 64,
  lr: 0.05,
  seed: 1,
  onStep: () => (peak = Math.max(peak, Deno.memoryUsage().rss)),
});
const t2 = performance.now();
const last = history.epochs[history.epochs.length - 1];
// The digits stay bytes (ByteDatasets): fit and evaluate convert one batch or chunk at a time, so
// the 51,000 training digits cost the 45 MiB of their file, not 305 MiB of floats.
const { test } = await loadMnist({ split: "test" });
const testResult = evaluate(net, test);
peak = Math.max(peak, Deno.memoryUsage().rss);
const s = (ms: number) => (ms / 1000).toFixed(2);
console.log(`matrix products: ${matmulBackend()}`);
console.log(`loading ${data.train.n} + ${data.validation.n} digits: ${s(t1 - t0)} s`);
console.log(
  `5 epochs (${history.stepLoss.length} steps, with per-epoch validation and probes): ${
    s(t2 - t1)
  } s; validation accuracy ${last.valAccuracy?.toFixed(4)}; error on the ${test.n} test digits ${
    (100 * (1 - testResult.accuracy)).toFixed(2)
  } %`,
);
console.log(`peak resident memory: ${(peak / 2 ** 20).toFixed(0)} MiB`);
