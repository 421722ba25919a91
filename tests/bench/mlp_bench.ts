/**
 * Benchmarks, group "mlp-step": one SGD step (lr 0.01) of a 784-128-128-10 ReLU MLP with softmax
 * cross-entropy on the same batch of 64 real MNIST digits, in the course's engine (float64) with
 * its WebAssembly SIMD matrix products (the default) and with its JavaScript ones, and in
 * TensorFlow.js (float32) on its pure-JS CPU backend and its WASM backend (SIMD build, 1 thread),
 * all in the same process; then the course's engine on dense random inputs, where skipping zero
 * pixels gains nothing.
 *
 * Run with `deno task bench` (`--allow-read` lets the WASM backend read its `.wasm` binary from
 * Deno's npm cache). Setup, including backend initialisation, happens once, outside the timings.
 * `deno task bench:report` times these steps differently, in alternating rounds beside PyTorch
 * (`mlp_rounds.ts`).
 *
 * @module
 */

import { makeOurStep, mlpBatches } from "./our_mlp.ts";
import { makeTfjsStep } from "./tfjs_mlp.ts";

const { mnist, dense } = await mlpBatches();
const inputs = { x: mnist.x.data, y: mnist.y };
const steps = {
  "course engine, WebAssembly SIMD: MLP SGD step 784-128-128-10, batch 64 (MNIST)": makeOurStep(
    mnist,
    "wasm-simd",
  ),
  "course engine, JavaScript kernels: same step (MNIST)": makeOurStep(mnist, "js"),
  "course engine, WebAssembly SIMD: same step on dense random inputs": makeOurStep(
    dense,
    "wasm-simd",
  ),
  "course engine, JavaScript kernels: same step on dense random inputs": makeOurStep(dense, "js"),
};
const cpu = await makeTfjsStep("cpu", { inputs });
const wasm = await makeTfjsStep("wasm", { inputs });

let first = true;
for (const [name, step] of Object.entries(steps)) {
  Deno.bench({ name, group: "mlp-step", baseline: first, fn: () => void step() });
  first = false;
}

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
