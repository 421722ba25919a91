/**
 * An instrumented trainer: seeded minibatch training of an {@linkcode MLP} with softmax
 * cross-entropy, recording per epoch what the notebooks plot — losses and accuracies, per-layer
 * gradient norms and weight changes, activation statistics, dead units and PReLU's α.
 *
 * @module
 */

import { noGrad, Tensor } from "../autograd/tensor.ts";
import { ByteDataset } from "../data/byte_dataset.ts";
import { copyRows, type Dataset } from "../data/dataset.ts";
import type { LayerTrace, MLP } from "../nn/mlp.ts";
import { Adam } from "../optim/adam.ts";
import type { Optimizer } from "../optim/optimizer.ts";
import { SGD } from "../optim/sgd.ts";
import { Rng } from "../random.ts";
import { checkDataset } from "../data/_options.ts";
import {
  callback,
  integer,
  number,
  oneOf,
  optional,
  type OptionSpec,
  parseOptions,
  required,
  satisfying,
} from "../options.ts";

/** What {@linkcode fit} records after each epoch (epoch 0: before any update). */
export interface EpochRecord {
  /** 0 before training, then 1, 2, … */
  readonly epoch: number;
  /** Updates made so far. */
  readonly steps: number;
  /**
   * Mean minibatch loss over the epoch (epoch 0: the loss on the whole training set, or on the
   * probe batch with `startOn: "probe"`).
   */
  readonly trainLoss: number;
  /**
   * Accuracy over the epoch's minibatches, before each update (epoch 0: on the whole training set,
   * or on the probe batch with `startOn: "probe"`).
   */
  readonly trainAccuracy: number;
  /** Loss on the validation set after the epoch, or null without one. */
  readonly valLoss: number | null;
  /** Accuracy on the validation set after the epoch, or null without one. */
  readonly valAccuracy: number | null;
  /** Per layer, the mean over the epoch's steps of ‖∂L/∂W‖ (Frobenius); epoch 0: on the probe. */
  readonly gradNorm: readonly number[];
  /** Per layer, ‖W − W₀‖ / ‖W₀‖: how far each layer's weights have moved since the start. */
  readonly weightChange: readonly number[];
  /** Per hidden layer, the mean activation (output of the activation) on the probe batch. */
  readonly activationMean: readonly number[];
  /**
   * Per hidden layer, the standard deviation of the activations on the probe batch: the
   * population standard deviation (divided by the count, not count − 1) pooled over every unit and
   * example of the layer. (lib/stats' `standardDeviation` is the sample one.)
   */
  readonly activationStd: readonly number[];
  /** Per hidden layer, the fraction of activations exactly zero on the probe batch (sparsity). */
  readonly zeroFraction: readonly number[];
  /**
   * Per hidden layer, the fraction of units whose pre-activation is never positive on the probe
   * (NaN once the layer's pre-activations are NaN, after divergence).
   */
  readonly deadFraction: readonly number[];
  /** Per hidden layer, PReLU's α values (null for other activations). */
  readonly alpha: readonly (readonly number[] | null)[];
  /** Wall time of the epoch's training steps, in seconds (the only non-reproducible field). */
  readonly seconds: number;
}

/** What {@linkcode fit} returns. */
export interface History {
  /** One record per epoch, starting with epoch 0 (before training). */
  readonly epochs: EpochRecord[];
  /** The loss of every minibatch, in order. */
  readonly stepLoss: number[];
}

/** What `onStep` receives after every update. */
export interface StepInfo {
  readonly step: number;
  readonly totalSteps: number;
  readonly epoch: number;
  readonly loss: number;
}

/** Options of {@linkcode fit}. */
export interface FitOptions {
  /** Passes over the training set. */
  epochs: number;
  /** Minibatch size (default 64); the last batch of an epoch may be smaller. */
  batchSize?: number;
  /** Learning rate, > 0 (default 0.01 for SGD, 0.001 for Adam). */
  lr?: number;
  /** `"sgd"` (default), `"adam"`, or a ready optimizer over `model.parameters()`. */
  optimizer?: "sgd" | "adam" | Optimizer;
  /** SGD momentum, in [0, 1) (default 0). */
  momentum?: number;
  /** L2 weight decay, ≥ 0 (default 0; never on PReLU's α). */
  weightDecay?: number;
  /** Seed for shuffling, the probe batch and RReLU's slopes (default 0). */
  seed?: number;
  /**
   * Examples in the fixed probe batch for activation statistics: an integer ≥ 1 (default 512);
   * a training set with fewer examples gives all it has.
   */
  probeSize?: number;
  /**
   * What epoch 0's `trainLoss` and `trainAccuracy` are measured on: `"train"`, the whole training
   * set (default), or `"probe"`, the probe batch, which spares a pass over a large training set
   * when the caller does not read them. Training is the same either way.
   */
  startOn?: "train" | "probe";
  /** Called after each epoch's record (and once for epoch 0). */
  onEpoch?: (record: EpochRecord) => void;
  /** Called after every update. */
  onStep?: (info: StepInfo) => void;
}

/** Rows `index[from…to)` of a data set, as a batch. */
export function batchOf(
  data: Dataset,
  index: ArrayLike<number>,
  from = 0,
  to = index.length,
  out?: Float64Array,
): { x: Tensor; y: Int32Array } {
  const n = to - from;
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) y[i] = data.y[index[from + i]];
  return { x: new Tensor(copyRows(data, index, from, to, out), [n, data.features]), y };
}

/**
 * Loss and accuracy of `model` on a whole data set (no graph is recorded).
 *
 * @example
 * ```ts
 * import { evaluate } from "./fit.ts";
 * import { MLP } from "../nn/mlp.ts";
 * import assert from "node:assert/strict";
 * const data = { x: new Float64Array(8), y: Int32Array.of(0, 1, 0, 1), n: 4, features: 2, classes: 2, name: "toy" };
 * const { loss, accuracy } = evaluate(new MLP([2, 3, 2], { seed: 1 }), data);
 * assert.ok(Math.abs(loss - Math.LN2) < 1e-12); // zero inputs and zero biases: uniform outputs
 * assert.equal(accuracy, 0.5);
 * ```
 */
export function evaluate(
  model: MLP,
  data: Dataset,
  chunk = 1000,
): { loss: number; accuracy: number } {
  return noGrad(() => {
    let loss = 0;
    let correct = 0;
    const f = data.features;
    // The rows are taken in order, so a chunk is a view of the data, not a copy: on 50,000
    // digits, copies would leave some 65 MB of garbage for the collector at every evaluation.
    // A ByteDataset whose x has not been read has its chunks converted, all into one buffer.
    const scratch = data instanceof ByteDataset && !data.converted
      ? new Float64Array(Math.min(chunk, data.n) * f)
      : null;
    for (let from = 0; from < data.n; from += chunk) {
      const to = Math.min(data.n, from + chunk);
      const rows = scratch === null
        ? data.x.subarray(from * f, to * f)
        : (data as ByteDataset).copyRowsInto(scratch, from, to);
      const x = new Tensor(rows, [to - from, f]);
      const y = data.y.subarray(from, to);
      const logits = model.forward(x);
      loss += logits.crossEntropy(y).item() * (to - from);
      correct += countCorrect(logits, y);
    }
    return { loss: loss / data.n, accuracy: correct / data.n };
  });
}

function countCorrect(logits: Tensor, y: Int32Array): number {
  const pred = logits.argmax();
  let c = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) c++;
  return c;
}

const norm = (a: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
};

/** Per hidden layer statistics of the activations on a probe batch. */
export function activationStats(model: MLP, x: Tensor) {
  const trace: LayerTrace[] = [];
  noGrad(() => model.forward(x, { trace }));
  const mean: number[] = [];
  const std: number[] = [];
  const zero: number[] = [];
  const dead: number[] = [];
  for (const { pre, post } of trace) {
    const [n, units] = post.shape;
    const h = post.data;
    let s = 0;
    let zeros = 0;
    for (let i = 0; i < h.length; i++) {
      s += h[i];
      if (h[i] === 0) zeros++;
    }
    const m = s / h.length;
    let v = 0;
    for (let i = 0; i < h.length; i++) v += (h[i] - m) ** 2;
    // A unit is dead when its pre-activation is never positive; after divergence (NaN) that is
    // undefined, and the fraction is NaN rather than a misleading 1.
    let deadUnits = 0;
    for (let j = 0; j < units; j++) {
      let alive = false;
      for (let i = 0; i < n && !alive; i++) alive = pre.data[i * units + j] > 0;
      if (!alive) deadUnits++;
    }
    if (pre.data.some(Number.isNaN)) deadUnits = NaN;
    mean.push(m);
    std.push(Math.sqrt(v / h.length));
    zero.push(zeros / h.length);
    dead.push(deadUnits / units);
  }
  return { mean, std, zero, dead, trace };
}

const isOptimizer = (v: unknown): v is "sgd" | "adam" | Optimizer =>
  v === "sgd" || v === "adam" ||
  (typeof v === "object" && v !== null && typeof (v as Optimizer).step === "function" &&
    typeof (v as Optimizer).zeroGrad === "function");

/** The options of {@linkcode fit}, checked by `parseOptions` (see lib/options.ts). */
const FIT_OPTIONS = {
  epochs: required(integer(0, { min: 0 })),
  batchSize: integer(64, { min: 1 }),
  lr: optional(number(0.01, { min: 0, open: "min" })),
  optimizer: satisfying<"sgd" | "adam" | Optimizer>(
    "sgd",
    '"sgd", "adam" or an Optimizer (an object with step() and zeroGrad())',
    isOptimizer,
  ),
  momentum: number(0, { min: 0, max: 1, open: "max" }),
  weightDecay: number(0, { min: 0 }),
  seed: number(0),
  probeSize: integer(512, { min: 1 }),
  startOn: oneOf("train", ["train", "probe"] as const),
  onEpoch: callback<(record: EpochRecord) => void | Promise<void>>("(record) => void"),
  onStep: callback<(info: StepInfo) => void>("(info) => void"),
} satisfies Record<string, OptionSpec<unknown>>;

function makeOptimizer(
  model: MLP,
  o: {
    optimizer: "sgd" | "adam" | Optimizer;
    lr: number | undefined;
    momentum: number;
    weightDecay: number;
  },
): Optimizer {
  const { optimizer, lr, momentum, weightDecay } = o;
  if (typeof optimizer === "object") return optimizer;
  if (optimizer === "sgd") {
    return new SGD(model.parameters(), { lr: lr ?? 0.01, momentum, weightDecay });
  }
  return new Adam(model.parameters(), { lr: lr ?? 1e-3, weightDecay });
}

/**
 * The training loop of {@linkcode fit} and {@linkcode fitAsync}: checks its arguments, then yields
 * each epoch's record (epoch 0 first) and returns the history.
 */
function* training(
  model: MLP,
  data: { train: Dataset; validation?: Dataset },
  options: FitOptions,
  where: string,
): Generator<EpochRecord, History> {
  if (typeof data !== "object" || data === null) {
    throw new TypeError(`${where}: data must be { train, validation? }, got ${String(data)}`);
  }
  const { train, validation } = data;
  checkDataset(`${where}: data.train`, train);
  if (validation !== undefined) checkDataset(`${where}: data.validation`, validation);
  const o = parseOptions(where, options, FIT_OPTIONS);
  const { epochs, batchSize, seed, probeSize, onStep } = o;
  if (train.n < 1) throw new RangeError(`${where}: ${train.name} has no examples`);
  if (validation !== undefined && validation.features !== train.features) {
    throw new RangeError(
      `${where}: ${validation.name} has ${validation.features} features but ${train.name} has ` +
        `${train.features}`,
    );
  }
  if (train.features !== model.sizes[0]) {
    throw new RangeError(
      `${where}: the model takes ${
        model.sizes[0]
      } inputs but ${train.name} has ${train.features} features`,
    );
  }
  if (train.classes > model.sizes[model.sizes.length - 1]) {
    throw new RangeError(
      `${where}: ${train.name} has ${train.classes} classes but the model has ${
        model.sizes[model.sizes.length - 1]
      } outputs`,
    );
  }
  const opt = makeOptimizer(model, o);
  // Separate streams, so that every activation sees the same probe batch and minibatch order for
  // a seed, whether or not it draws random slopes (RReLU) from `noise`.
  const root = new Rng(seed);
  const order = root.fork();
  const noise = root.fork();
  const probeIndex = root.permutation(train.n).subarray(0, Math.min(probeSize, train.n));
  const probe = batchOf(train, probeIndex);
  const weights = model.layers.map((l) => l.linear.weight);
  const initial = weights.map((w) => w.data.slice());
  const initialNorm = initial.map(norm);
  const stepsPerEpoch = Math.ceil(train.n / batchSize);
  const totalSteps = stepsPerEpoch * epochs;
  const stepLoss: number[] = [];
  const history: EpochRecord[] = [];
  const inputs = new Float64Array(Math.min(batchSize, train.n) * train.features);

  const record = (
    epoch: number,
    trainLoss: number,
    trainAccuracy: number,
    gradNorm: number[],
    seconds: number,
  ): EpochRecord => {
    const stats = activationStats(model, probe.x);
    const val = validation ? evaluate(model, validation) : null;
    const rec: EpochRecord = {
      epoch,
      steps: stepLoss.length,
      trainLoss,
      trainAccuracy,
      valLoss: val ? val.loss : null,
      valAccuracy: val ? val.accuracy : null,
      gradNorm,
      weightChange: weights.map((w, i) => {
        let s = 0;
        for (let j = 0; j < w.data.length; j++) s += (w.data[j] - initial[i][j]) ** 2;
        return Math.sqrt(s) / (initialNorm[i] || 1);
      }),
      activationMean: stats.mean,
      activationStd: stats.std,
      zeroFraction: stats.zero,
      deadFraction: stats.dead,
      alpha: model.layers.filter((l) => l.activation).map((l) =>
        l.alpha ? [...l.alpha.data] : null
      ),
      seconds,
    };
    history.push(rec);
    return rec;
  };

  // Epoch 0: the untrained model, with gradient norms from one backward pass on the probe batch.
  opt.zeroGrad();
  model.forward(probe.x, { training: true, rng: noise }).crossEntropy(probe.y).backward();
  const gradNorm0 = weights.map((w) => norm(w.gradBuffer()));
  opt.zeroGrad();
  const start = evaluate(
    model,
    o.startOn === "train" ? train : {
      x: probe.x.data,
      y: probe.y,
      n: probe.y.length,
      features: train.features,
      classes: train.classes,
      name: `${train.name}, probe`,
    },
  );
  yield record(0, start.loss, start.accuracy, gradNorm0, 0);

  for (let epoch = 1; epoch <= epochs; epoch++) {
    const t0 = performance.now();
    const perm = order.permutation(train.n);
    const gradSum = new Array(weights.length).fill(0);
    let lossSum = 0;
    let correct = 0;
    for (let from = 0; from < train.n; from += batchSize) {
      const to = Math.min(train.n, from + batchSize);
      const { x, y } = batchOf(train, perm, from, to, inputs);
      opt.zeroGrad();
      const logits = model.forward(x, { training: true, rng: noise });
      const loss = logits.crossEntropy(y);
      loss.backward();
      weights.forEach((w, i) => (gradSum[i] += norm(w.gradBuffer())));
      opt.step();
      const l = loss.item();
      stepLoss.push(l);
      lossSum += l * (to - from);
      correct += countCorrect(logits, y);
      onStep?.({ step: stepLoss.length, totalSteps, epoch, loss: l });
    }
    const seconds = (performance.now() - t0) / 1000;
    yield record(
      epoch,
      lossSum / train.n,
      correct / train.n,
      gradSum.map((s) => s / stepsPerEpoch),
      seconds,
    );
  }
  return { epochs: history, stepLoss };
}

/**
 * Trains `model` on `data.train` for `epochs` epochs of shuffled minibatches and returns the
 * per-epoch history. The same seed gives a bit-identical history (but for `seconds`).
 *
 * Every option is checked: an unknown name, a non-integer or out-of-range count, a non-finite or
 * non-positive learning rate throws a `TypeError` or `RangeError` naming the option and its value.
 *
 * @example
 * ```ts
 * import { fit } from "./fit.ts";
 * import { MLP } from "../nn/mlp.ts";
 * import assert from "node:assert/strict";
 * const x = Float64Array.from({ length: 400 }, (_, i) => ((i * 7919) % 200) / 100 - 1);
 * const y = Int32Array.from({ length: 200 }, (_, i) => (x[2 * i] * x[2 * i + 1] > 0 ? 1 : 0));
 * const train = { x, y, n: 200, features: 2, classes: 2, name: "xor-ish" };
 * const h = fit(new MLP([2, 16, 2], { seed: 1 }), { train }, { epochs: 20, lr: 0.5, batchSize: 20 });
 * assert.equal(h.epochs.length, 21);
 * assert.ok(h.epochs[20].trainLoss < h.epochs[0].trainLoss);
 * assert.throws(() => fit(new MLP([2, 2]), { train }, { epochs: 1, probeSize: 0 }), /probeSize/);
 * ```
 */
export function fit(
  model: MLP,
  data: { train: Dataset; validation?: Dataset },
  options: FitOptions,
): History {
  const run = training(model, data, options, "fit");
  for (let next = run.next();; next = run.next()) {
    if (next.done) return next.value;
    options.onEpoch?.(next.value);
  }
}

/** Options of {@linkcode fitAsync}: those of {@linkcode fit}, with an `onEpoch` it awaits. */
export interface FitAsyncOptions extends Omit<FitOptions, "onEpoch"> {
  /** Called after each epoch's record (and once for epoch 0), and awaited. */
  onEpoch?: (record: EpochRecord) => void | Promise<void>;
}

/**
 * {@linkcode fit}, awaiting `onEpoch` after every epoch: the same training, the same history for
 * the same seed, but the caller can yield to the event loop between epochs — so a progress bar
 * in a notebook redraws while a long run trains.
 *
 * @example
 * ```ts
 * import { fit, fitAsync } from "./fit.ts";
 * import { MLP } from "../nn/mlp.ts";
 * import assert from "node:assert/strict";
 * const x = Float64Array.from({ length: 40 }, (_, i) => Math.sin(i));
 * const y = Int32Array.from({ length: 20 }, (_, i) => (x[2 * i] > 0 ? 1 : 0));
 * const train = { x, y, n: 20, features: 2, classes: 2, name: "toy" };
 * const seen: number[] = [];
 * const a = await fitAsync(new MLP([2, 4, 2], { seed: 2 }), { train }, {
 *   epochs: 3, lr: 0.1, onEpoch: async (r) => { seen.push(r.epoch); await Promise.resolve(); },
 * });
 * const b = fit(new MLP([2, 4, 2], { seed: 2 }), { train }, { epochs: 3, lr: 0.1 });
 * assert.deepEqual(seen, [0, 1, 2, 3]);
 * assert.deepEqual(a.stepLoss, b.stepLoss);
 * ```
 */
export async function fitAsync(
  model: MLP,
  data: { train: Dataset; validation?: Dataset },
  options: FitAsyncOptions,
): Promise<History> {
  const run = training(model, data, options as FitOptions, "fitAsync");
  for (let next = run.next();; next = run.next()) {
    if (next.done) return next.value;
    await options.onEpoch?.(next.value);
  }
}
