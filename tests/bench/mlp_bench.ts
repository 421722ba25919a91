/**
 * Benchmarks, group "mlp-step": one SGD step (lr 0.01) of a 784-128-128-10 ReLU MLP with softmax
 * cross-entropy on the same batch of 64 real MNIST digits, in the course's engine (float64) and in
 * TensorFlow.js (float32) on its pure-JS CPU backend and its WASM backend (SIMD build, 1 thread),
 * all in the same process. A second entry times the course's engine on dense random inputs, where
 * skipping zero pixels gains nothing.
 *
 * Run with `deno task bench` (`--allow-read` lets the WASM backend read its `.wasm` binary from
 * Deno's npm cache). Setup, including backend initialisation, happens once, outside the timings.
 *
 * @module
 */

import { batchOf, loadMnist, MLP, Rng, SGD, Tensor } from "../../lib/mod.ts";
import { makeTfjsStep } from "./tfjs_mlp.ts";

const { train } = await loadMnist({ count: 1000, validation: 0.1, seed: 7 });
const rows = Int32Array.from({ length: 64 }, (_, i) => i);
const { x, y } = batchOf(train, rows);

/** One SGD step of the course's MLP on a fixed batch. */
function ourStep(input: Tensor) {
  const net = new MLP([784, 128, 128, 10], { activation: "relu", init: "he", seed: 1 });
  const opt = new SGD(net.parameters(), { lr: 0.01 });
  return () => {
    opt.zeroGrad();
    const loss = net.forward(input).crossEntropy(y);
    loss.backward();
    opt.step();
    return loss.item();
  };
}

const ours = ourStep(x);
const dense = ourStep(new Tensor(new Rng(3).fillUniform(new Float64Array(64 * 784)), [64, 784]));
const cpu = await makeTfjsStep("cpu", { inputs: { x: x.data, y } });
const wasm = await makeTfjsStep("wasm", { inputs: { x: x.data, y } });

Deno.bench({
  name: "course engine: MLP SGD step 784-128-128-10, batch 64 (MNIST)",
  group: "mlp-step",
  baseline: true,
  fn() {
    ours();
  },
});

Deno.bench({
  name: "course engine: same step on dense random inputs",
  group: "mlp-step",
  fn() {
    dense();
  },
});

Deno.bench({
  name: "tfjs cpu: MLP SGD step 784-128-128-10, batch 64 (MNIST)",
  group: "mlp-step",
  fn() {
    cpu.step();
  },
});

Deno.bench({
  name: "tfjs wasm: MLP SGD step 784-128-128-10, batch 64 (MNIST)",
  group: "mlp-step",
  fn() {
    wasm.step();
  },
});
