/**
 * A TensorFlow.js reference point for the course's own MLP: one SGD training step of a
 * 784-128-128-10 perceptron (ReLU hidden layers, softmax cross-entropy, batch 64, learning rate
 * 0.01) on TF.js's pure-JS CPU backend or its WebAssembly backend, inside Deno.
 *
 * How TF.js 4.22.0 loads here (all from the npm registry, nothing fetched at run time):
 *
 * - `deno.json` has `"nodeModulesDir": "none"`, so the packages live in Deno's global npm cache
 *   (`deno info` prints it; by default `~/.cache/deno/npm/registry.npmjs.org/@tensorflow/`).
 *   None of the TF.js packages has an `exports` map, so Deno resolves their `main` field, the
 *   CommonJS Node bundles (`dist/tf*.node.js`), and TF.js sees `IS_NODE = true`.
 * - We import the union package `@tensorflow/tfjs`, not `@tensorflow/tfjs-core` alone: the core's
 *   Node bundle registers no gradient (the first `minimize` fails with "gradient function not
 *   found for RealDiv"), and its ES-module build (`dist/index.js`, which would let us import
 *   `register_all_gradients`) does not load in Deno (extension-less relative imports). The
 *   union's Node bundle inlines every gradient and chained op and brings the CPU backend.
 * - The WASM backend `require`s the same `tfjs-core` Node bundle, so there is one engine. Its
 *   Emscripten loader, in Node mode, reads the `.wasm` binary with `fs.readFileSync` (a `file:`
 *   URL is accepted), never with `fetch`. By default it looks next to its own bundle; we point it
 *   explicitly at the package's `dist/` folder, found with `import.meta.resolve`, through
 *   `setWasmPaths`. So the only permission needed is `--allow-read`, for the WASM backend (the
 *   CPU backend needs none).
 * - Variant: SIMD is detected and `tfjs-backend-wasm-simd.wasm` runs. The threaded SIMD binary
 *   is never chosen under Node: the flag `WASM_HAS_MULTITHREAD_SUPPORT` is hard-wired to `false`
 *   when `IS_NODE` (tfjs issue 3830). Forcing the flag on fails in Deno (`ERR_WORKER_PATH`: the
 *   Emscripten pthread pool hands a `blob:` URL to `node:worker_threads`), so XNNPACK runs on
 *   1 thread.
 * - The CPU backend prints a "Hi, looks like you are running TensorFlow.js in Node.js" banner on
 *   its first tensor; {@linkcode makeTfjsStep} calls `tf.enableProdMode()`, whose only effect in
 *   4.22.0 is to silence TF.js's `console.warn`/`console.log` helpers.
 *
 * @module
 */

import * as tf from "@tensorflow/tfjs";

/** The backends {@linkcode makeTfjsStep} can time. */
export type TfjsBackend = "cpu" | "wasm";

/** Shape and hyper-parameters of the MLP and its fixed batch; every field has a default. */
export interface TfjsStepOptions {
  /** Rows in the fixed batch (default 64). */
  batch?: number;
  /** Layer widths, input first, classes last (default `[784, 128, 128, 10]`). */
  sizes?: number[];
  /** Seed of the inputs, labels and He-initialised weights (default 1). */
  seed?: number;
  /** SGD learning rate (default 0.01). */
  lr?: number;
  /**
   * A given batch instead of random inputs: `batch × sizes[0]` inputs row-major and `batch`
   * integer labels (so TF.js and the course's MLP can be timed on the same real digits).
   */
  inputs?: { x: ArrayLike<number>; y: ArrayLike<number> };
}

/** One prepared training problem: call {@linkcode TfjsStep.step} in the timed loop. */
export interface TfjsStep {
  /**
   * One SGD step: forward pass, mean softmax cross-entropy, backward pass and weight update.
   * Returns the loss of this step's forward pass (before its update), read with `dataSync()`.
   * The CPU and WASM backends execute every kernel synchronously, so when this returns the update
   * has been applied as well. Re-selects this harness's backend first if another one is active.
   */
  step(): number;
  /** Frees the weights, the batch and the optimizer; `step()` throws afterwards. */
  dispose(): void;
  /** The TF.js backend name actually in use (`tf.getBackend()` after initialisation). */
  backend: string;
  /** Which build runs: `"js"` for the CPU backend, e.g. `"simd, 1 thread"` for WASM. */
  variant?: string;
}

/** mulberry32: a tiny deterministic uniform generator on [0, 1) (no `Math.random`). */
function uniformGenerator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal variate by Box–Muller from two uniforms. */
function normal(uniform: () => number): number {
  const u = 1 - uniform(); // in (0, 1]
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
}

/** The `file:` URL of the WASM backend's `dist/` folder in Deno's npm cache. */
function wasmDistUrl(): string {
  return new URL(".", import.meta.resolve("@tensorflow/tfjs-backend-wasm")).href;
}

/** Initialises `backend` (loading the WASM module once) and returns its variant description. */
async function initBackend(backend: TfjsBackend): Promise<string> {
  tf.enableProdMode();
  if (backend === "cpu") {
    if (!(await tf.setBackend("cpu"))) throw new Error("TF.js: the cpu backend failed to start");
    return "js";
  }
  const wasm = await import("@tensorflow/tfjs-backend-wasm");
  // Before the first initialisation only (`tf.findBackend` would start it, so look in the registry).
  if (!("wasm" in tf.engine().registry)) wasm.setWasmPaths(wasmDistUrl());
  if (!(await tf.setBackend("wasm"))) {
    throw new Error(`TF.js: the wasm backend failed to start (binaries under ${wasmDistUrl()})`);
  }
  const [simd, threads] = await Promise.all([
    tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"),
    tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT"),
  ]);
  const build = simd && threads ? "threaded-simd" : simd ? "simd" : "plain";
  const n = wasm.getThreadsCount();
  return `${build}, ${n} thread${n === 1 ? "" : "s"}`;
}

/**
 * Builds a TF.js MLP, a fixed deterministic batch and an SGD optimizer on the given backend, and
 * returns a synchronous `step()` for timing one training step.
 *
 * The batch holds `batch × sizes[0]` inputs uniform in [0, 1) and labels uniform over the
 * `sizes.at(-1)` classes; weights are He-normal (σ = √(2 / fan-in)), biases zero; all float32.
 * Everything is drawn from `seed` with a local generator, so two calls with the same options
 * start from the same numbers (on the same backend, `step()` then returns the same losses).
 *
 * TF.js has one global engine: this sets the active backend (and `tf.enableProdMode()`, see the
 * module notes). Harnesses for both backends may coexist; each `step()` re-selects its own.
 *
 * @param backend `"cpu"` (pure JS, no permission) or `"wasm"` (needs `--allow-read`)
 * @param options batch size, layer widths, seed and learning rate
 * @returns the prepared step, the backend name and the build variant
 */
export async function makeTfjsStep(
  backend: TfjsBackend,
  options: TfjsStepOptions = {},
): Promise<TfjsStep> {
  const { sizes = [784, 128, 128, 10], seed = 1, lr = 0.01, inputs: given } = options;
  const batch = given ? given.y.length : options.batch ?? 64;
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch must be ≥ 1: ${batch}`);
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new RangeError(`sizes must be ≥ 2 positive integers: [${sizes}]`);
  }
  const variant = await initBackend(backend);
  const name = tf.getBackend();

  const uniform = uniformGenerator(seed);
  const inputs = sizes[0];
  const classes = sizes[sizes.length - 1];
  if (given && given.x.length !== batch * inputs) {
    throw new RangeError(`inputs.x holds ${given.x.length} values, not ${batch} × ${inputs}`);
  }
  const xData = given
    ? Float32Array.from(given.x)
    : Float32Array.from({ length: batch * inputs }, uniform);
  const yData = new Float32Array(batch * classes);
  for (let i = 0; i < batch; i++) {
    yData[i * classes + (given ? given.y[i] : Math.floor(uniform() * classes))] = 1;
  }
  const x = tf.tensor2d(xData, [batch, inputs]);
  const y = tf.tensor2d(yData, [batch, classes]);

  const weights: tf.Variable[] = [];
  const biases: tf.Variable[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
    const sd = Math.sqrt(2 / fanIn);
    const w = Float32Array.from({ length: fanIn * fanOut }, () => sd * normal(uniform));
    weights.push(tf.tidy(() => tf.variable(tf.tensor2d(w, [fanIn, fanOut]))));
    biases.push(tf.tidy(() => tf.variable(tf.zeros([fanOut]))));
  }
  const variables = [...weights, ...biases];
  const optimizer = tf.train.sgd(lr);

  const loss = (): tf.Scalar => {
    let h: tf.Tensor2D = x;
    for (let l = 0; l < weights.length; l++) {
      const z = tf.add(tf.matMul(h, weights[l]), biases[l]) as tf.Tensor2D;
      h = l + 1 < weights.length ? tf.relu(z) : z;
    }
    return tf.losses.softmaxCrossEntropy(y, h) as tf.Scalar;
  };

  let disposed = false;
  return {
    backend: name,
    variant,
    step(): number {
      if (disposed) throw new Error("TfjsStep: step() after dispose()");
      if (tf.getBackend() !== name) {
        // `name` is already initialised, so the switch completes synchronously.
        void tf.setBackend(name);
        if (tf.getBackend() !== name) throw new Error(`TF.js: could not re-select ${name}`);
      }
      const cost = tf.tidy(() => optimizer.minimize(loss, true, variables) as tf.Scalar);
      const value = cost.dataSync()[0];
      cost.dispose();
      return value;
    },
    dispose(): void {
      if (disposed) return;
      disposed = true;
      tf.dispose([x, y, ...variables]);
      optimizer.dispose();
    },
  };
}
