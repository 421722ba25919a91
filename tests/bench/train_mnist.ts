/**
 * The training-speed check: five epochs of a 784-128-128-10 ReLU MLP on 8,000 MNIST digits
 * (batch 64, SGD lr 0.05), with validation on 2,000 more. Prints the wall time and the peak
 * resident memory. Usage: `deno task bench:train`.
 *
 * @module
 */

import { fit, loadMnist, MLP } from "../../lib/mod.ts";

const t0 = performance.now();
const data = await loadMnist({ count: 10_000, validation: 2_000, seed: 1 });
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
console.log(
  `loading ${data.train.n} + ${data.validation.n} digits: ${((t1 - t0) / 1000).toFixed(2)} s`,
);
console.log(
  `5 epochs (${history.stepLoss.length} steps, with per-epoch validation and probes): ${
    ((t2 - t1) / 1000).toFixed(2)
  } s; validation accuracy ${last.valAccuracy?.toFixed(4)}`,
);
console.log(`peak resident memory: ${(peak / 2 ** 20).toFixed(0)} MiB`);
