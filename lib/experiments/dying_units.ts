/**
 * C2.4, the dying ReLU (神经元死亡): a unit whose input is negative for every sample gets a
 * gradient of exactly 0, so its weights and bias never update again. Two ways in: a very negative
 * bias given to some first-layer units before training, and a too-high learning rate; then the
 * dead units of the high-rate network are trained on, with plain SGD and with its momentum kept.
 *
 * @module
 */

import { formatNumber } from "../display/format_number.ts";
import { percent, plural } from "../display/prose.ts";
import { MLP } from "../nn/mlp.ts";
import { SGD } from "../optim/sgd.ts";
import { subset } from "../data/ops.ts";
import {
  integer,
  integers,
  number,
  type Options,
  type OptionsInput,
  parseOptions,
  progressOption,
} from "../options.ts";
import type { Tensor } from "../autograd/tensor.ts";
import { activationStats, batchOf, evaluate, fit, fitAsync } from "../train/fit.ts";
import { trainAndTest } from "./_digits.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode dyingUnits}, with their defaults. */
export const DYING_UNITS_OPTIONS = {
  /** Hidden layer widths. */
  hidden: integers([128, 128], { min: 2, max: 1024 }, { maxLength: 5 }),
  /** MNIST training digits (dead = off on every one of them). */
  train: integer(2000, { min: 10, max: 60_000 }),
  /** Official MNIST test digits the errors are measured on. */
  test: integer(10_000, { min: 10, max: 10_000 }),
  /** Epochs of training. */
  epochs: integer(3, { min: 1, max: 100 }),
  /** Minibatch size. */
  batchSize: integer(32, { min: 1, max: 60_000 }),
  /** The normal SGD learning rate. */
  lr: number(0.05, { min: 0, max: 10, open: "min" }),
  /** A too-high learning rate. */
  highLr: number(0.15, { min: 0, max: 10, open: "min" }),
  /** SGD momentum. */
  momentum: number(0.9, { min: 0, max: 1, open: "max" }),
  /** The bias given to some first-layer units before training. */
  deadBias: number(-3, { min: -100, max: 0 }),
  /** How many first-layer units get it (the first ones). */
  deadUnits: integer(64, { min: 0, max: 1024 }),
  /** Steps between dead-unit counts during the learning-rate runs. */
  countEvery: integer(15, { min: 1, max: 10_000 }),
  /** Extra steps the high-rate network is trained on: do its dead units move? */
  continueSteps: integer(20, { min: 1, max: 1000 }),
  /** CS231n's "as much as 40 %" (data/papers/cs231n.json). */
  reference: number(0.4, { min: 0, max: 1 }),
  /** Seed of the digits, the weights and the minibatch order. */
  seed: integer(0, { min: 0 }),
  /** Called after every epoch of every network (`progress("training")` draws a bar). */
  onProgress: progressOption(),
};

/** What {@linkcode dyingUnits} takes: every field optional. */
export type DyingUnitsOptions = OptionsInput<typeof DYING_UNITS_OPTIONS>;

/** One group of first-layer units in the bias experiment. */
export interface BiasGroup {
  /** "given bias −3" or "left alone". */
  readonly units: string;
  readonly count: number;
  /** Dead on every training digit before training, and after. */
  readonly deadBefore: number;
  readonly deadAfter: number;
  /** Units whose 784 weights, and whose bias, changed by exactly 0. */
  readonly weightsUnchanged: number;
  readonly biasUnchanged: number;
  /** Units dead before training whose weights and bias both changed by exactly 0. */
  readonly frozen: number;
  /** The largest |ΔW| in the group, and among its units dead from the start (null: none). */
  readonly largestChange: number | null;
  readonly largestChangeDead: number | null;
}

/** One learning-rate run. */
export interface LrRun {
  readonly lr: number;
  readonly testError: number;
  /** Steps at which dead units were counted, and per hidden layer the dead fraction then. */
  readonly steps: readonly number[];
  readonly dead: readonly (readonly number[])[];
  /** Layer 1's dead fraction after epoch 1 and at the end; layer 2's at the end. */
  readonly deadAfterEpoch1: number;
  readonly deadLayer1: number;
  readonly deadLayer2: number;
  /** Layer 1's activations exactly 0 on the training digits at the end. */
  readonly zeroLayer1: number;
}

/** The high-rate network trained on: what its dead first-layer units did. */
export interface Continued {
  readonly optimiser: string;
  readonly dead: number;
  /** Of those, units with a weight that changed, the largest |ΔW|, units still dead after. */
  readonly moved: number;
  readonly largestChange: number;
  readonly stillDead: number;
}

/** What {@linkcode dyingUnits} returns: plain data. */
export interface DyingUnitsResult {
  readonly options: Omit<Options<typeof DYING_UNITS_OPTIONS>, "onProgress">;
  readonly counts: {
    readonly train: number;
    readonly test: number;
    readonly stepsPerEpoch: number;
  };
  /** The bias experiment: the units given the bias, then the others. */
  readonly bias: {
    readonly groups: readonly [BiasGroup, BiasGroup];
    /** Per hidden layer, per epoch (0 = before): the dead fraction. */
    readonly deadByEpoch: readonly (readonly number[])[];
    readonly testError: number;
  };
  /** The normal and the high learning rate, from the same start. */
  readonly lrRuns: readonly [LrRun, LrRun];
  /** The high-rate network trained on with its momentum, then (a copy) with plain SGD. */
  readonly continued: readonly [Continued, Continued];
  /** The extra steps actually made. */
  readonly extraSteps: number;
}

const deadMask = (model: MLP, x: Tensor): boolean[][] =>
  activationStats(model, x).trace.map(({ pre }) => {
    const [n, m] = pre.shape;
    return Array.from({ length: m }, (_, j) => {
      for (let i = 0; i < n; i++) if (pre.data[i * m + j] > 0) return false;
      return true;
    });
  });

const columnChange = (after: Float64Array, before: Float64Array, units: number, j: number) => {
  let s = 0;
  for (let i = 0; i < after.length / units; i++) {
    s = Math.max(s, Math.abs(after[i * units + j] - before[i * units + j]));
  }
  return s;
};

/**
 * Trains ReLU MLPs 784 → hidden → 10 with SGD and momentum: one with `deadUnits` first-layer
 * biases set to `deadBias`, and one each at `lr` and `highLr` (dead units counted every
 * `countEvery` steps on every training digit); then trains the high-rate network `continueSteps`
 * more steps with its momentum and, on a copy, with plain SGD, and compares its dead units'
 * weights. A unit is dead when its pre-activation is ≤ 0 on every training digit.
 *
 * @example At a tiny size: units given a very negative bias never move
 * ```ts
 * import { dyingUnits } from "./dying_units.ts";
 * import assert from "node:assert/strict";
 * const r = await dyingUnits({ hidden: [8, 4], train: 40, test: 20, epochs: 1, deadUnits: 2, deadBias: -50, continueSteps: 2 });
 * assert.equal(r.bias.groups[0].frozen, 2);
 * ```
 */
export async function dyingUnits(options?: DyingUnitsOptions): Promise<DyingUnitsResult> {
  const { onProgress, ...o } = parseOptions("dyingUnits", options, DYING_UNITS_OPTIONS);
  const units = o.hidden[0];
  if (o.deadUnits > units) {
    throw new RangeError(
      `dyingUnits: option "deadUnits" (${o.deadUnits}) must be at most the first hidden layer's width (${units})`,
    );
  }
  const data = await trainAndTest({ train: o.train, test: o.test, seed: o.seed });
  const all = batchOf(data.train, Int32Array.from({ length: data.train.n }, (_, i) => i)).x;
  const net = () => new MLP([784, ...o.hidden, 10], { activation: "relu", seed: o.seed });
  const total = 3 * o.epochs;
  let done = 0;
  const tick = (what: string) => async (r: { epoch: number }) => {
    if (r.epoch > 0) await onProgress?.(++done, total, `${what}, epoch ${r.epoch}`);
  };
  const common = {
    epochs: o.epochs,
    batchSize: o.batchSize,
    momentum: o.momentum,
    seed: o.seed,
    probeSize: o.train,
  };

  // A very negative bias.
  const biasNet = net();
  const b1 = biasNet.layers[0].linear.bias;
  for (let j = 0; j < o.deadUnits; j++) b1.data[j] = o.deadBias;
  const w1 = biasNet.layers[0].linear.weight;
  const wBefore = w1.data.slice();
  const bBefore = b1.data.slice();
  const deadStart = deadMask(biasNet, all)[0];
  const biasHistory = await fitAsync(biasNet, { train: data.train }, {
    ...common,
    lr: o.lr,
    onEpoch: tick(`bias ${formatNumber(o.deadBias, { style: "unicode" })}`),
  });
  const deadEnd = deadMask(biasNet, all)[0];
  const change = Array.from({ length: units }, (_, j) => columnChange(w1.data, wBefore, units, j));
  const group = (name: string, js: number[]): BiasGroup => {
    const dead = js.filter((j) => deadStart[j]);
    return {
      units: name,
      count: js.length,
      deadBefore: dead.length,
      deadAfter: js.filter((j) => deadEnd[j]).length,
      weightsUnchanged: js.filter((j) => change[j] === 0).length,
      biasUnchanged: js.filter((j) => b1.data[j] === bBefore[j]).length,
      frozen: dead.filter((j) => change[j] === 0 && b1.data[j] === bBefore[j]).length,
      largestChange: js.length ? Math.max(...js.map((j) => change[j])) : null,
      largestChangeDead: dead.length ? Math.max(...dead.map((j) => change[j])) : null,
    };
  };
  const index = [...Array(units).keys()];
  const groups: [BiasGroup, BiasGroup] = [
    group(
      `given bias ${formatNumber(o.deadBias, { style: "unicode" })}`,
      index.slice(0, o.deadUnits),
    ),
    group("left alone", index.slice(o.deadUnits)),
  ];

  // The normal and the too-high learning rate.
  const stepsPerEpoch = Math.ceil(data.train.n / o.batchSize);
  const lrRun = async (lr: number) => {
    const model = net();
    const opt = new SGD(model.parameters(), { lr, momentum: o.momentum });
    const steps: number[] = [];
    const dead: number[][] = o.hidden.map(() => []);
    const count = (step: number) => {
      steps.push(step);
      activationStats(model, all).dead.forEach((d, l) => dead[l].push(d));
    };
    count(0);
    const history = await fitAsync(model, { train: data.train }, {
      ...common,
      optimizer: opt,
      onStep: ({ step, totalSteps }) => {
        if (step % o.countEvery === 0 || step === totalSteps) count(step);
      },
      onEpoch: tick(`lr ${lr}`),
    });
    const last = history.epochs[o.epochs];
    const run: LrRun = {
      lr,
      testError: 1 - evaluate(model, data.test).accuracy,
      steps,
      dead,
      deadAfterEpoch1: history.epochs[1].deadFraction[0],
      deadLayer1: last.deadFraction[0],
      deadLayer2: last.deadFraction[1] ?? 0,
      zeroLayer1: last.zeroFraction[0],
    };
    return { run, model, opt };
  };
  const normal = await lrRun(o.lr);
  const high = await lrRun(o.highLr);

  // Train the high-rate network on: do its dead units move?
  const deadL1 = deadMask(high.model, all)[0].flatMap((d, j) => (d ? [j] : []));
  const extra = subset(data.train, Math.min(data.train.n, o.continueSteps * o.batchSize), {
    seed: o.seed,
  });
  const startW = high.model.layers[0].linear.weight.data.slice();
  const plain = net();
  plain.parameters().forEach((p, k) => p.tensor.data.set(high.model.parameters()[k].tensor.data));
  const more = { epochs: 1, batchSize: o.batchSize, seed: o.seed };
  fit(plain, { train: extra }, { ...more, lr: o.highLr, momentum: 0 });
  fit(high.model, { train: extra }, { ...more, optimizer: high.opt });
  const after = (model: MLP, optimiser: string): Continued => {
    const w = model.layers[0].linear.weight.data;
    const moves = deadL1.map((j) => columnChange(w, startW, units, j));
    const still = deadMask(model, all)[0];
    return {
      optimiser,
      dead: deadL1.length,
      moved: moves.filter((v) => v > 0).length,
      largestChange: moves.length ? Math.max(...moves) : 0,
      stillDead: deadL1.filter((j) => still[j]).length,
    };
  };
  return {
    options: o,
    counts: { train: data.train.n, test: data.test.n, stepsPerEpoch },
    bias: {
      groups,
      deadByEpoch: o.hidden.map((_, l) => biasHistory.epochs.map((e) => e.deadFraction[l])),
      testError: 1 - evaluate(biasNet, data.test).accuracy,
    },
    lrRuns: [normal.run, high.run],
    continued: [
      after(high.model, `SGD, momentum ${o.momentum} (its velocity kept)`),
      after(plain, "plain SGD (no momentum)"),
    ],
    extraSteps: Math.ceil(extra.n / o.batchSize),
  };
}

/** Column labels for tables of the bias groups, the learning-rate runs and the continued runs. */
export const DYING_UNITS_COLUMNS = {
  bias: [
    { key: "units", label: "units" },
    { key: "count", label: "count" },
    { key: "deadBefore", label: "dead before" },
    { key: "deadAfter", label: "dead after" },
    { key: "weightsUnchanged", label: "weights unchanged" },
    { key: "biasUnchanged", label: "bias unchanged" },
    { key: "largestChange", label: "largest |ΔW|" },
  ],
  lr: [
    { key: "lr", label: "learning rate" },
    { key: "testError", label: "test error" },
    { key: "deadAfterEpoch1", label: "layer 1 dead after epoch 1" },
    { key: "deadLayer1", label: "layer 1 dead at the end" },
    { key: "deadLayer2", label: "layer 2 dead at the end" },
    { key: "zeroLayer1", label: "activations exactly 0, layer 1" },
  ],
  continued: [
    { key: "optimiser", label: "optimiser" },
    { key: "dead", label: "dead layer-1 units" },
    { key: "moved", label: "… whose weights changed" },
    { key: "largestChange", label: "largest |ΔW| among them" },
    { key: "stillDead", label: "… still dead" },
  ],
} as const;

/** The thresholds {@linkcode highLrFinding} decides by. */
export const DYING_UNITS_THRESHOLDS = {
  /** A too-high rate "kills many units": at least this fraction of layer 1 dead at the end. */
  many: 0.1,
};

const u = (x: number) => formatNumber(x, { style: "unicode", digits: 3 });

/**
 * The finding on C2.4's mechanism, "a very negative bias makes the input negative for every
 * sample; the gradient is always 0 and the weights and bias never update", from the units given
 * the bias:
 * - `"holds"`: all of them were dead from the start and finished with every weight and the bias
 *   exactly unchanged;
 * - `"holds in part"`: those dead from the start stayed exactly unchanged, but not all of them
 *   were dead (the bias was not negative enough for some);
 * - `"does not hold"`: a unit dead from the start changed a weight or its bias;
 * - `"inconclusive"`: no unit was given the bias, or none was dead at the start.
 *
 * @example
 * ```ts
 * import { deadBiasFinding, dyingUnits } from "./dying_units.ts";
 * import assert from "node:assert/strict";
 * const r = await dyingUnits({ hidden: [8, 4], train: 40, test: 20, epochs: 1, deadUnits: 0, continueSteps: 1 });
 * assert.equal(deadBiasFinding(r).verdict, "inconclusive");
 * ```
 */
export function deadBiasFinding(result: DyingUnitsResult): Finding {
  const [given, others] = result.bias.groups;
  const bias = u(result.options.deadBias);
  const numbers = { count: given.count, deadBefore: given.deadBefore, frozen: given.frozen };
  const base = {
    claim: "C2.4 (bias)",
    article: "a very negative bias: the unit is dead and its weights never update",
    measured: `${given.frozen} of ${given.count} units given bias ${bias} unchanged to the bit`,
    numbers,
  };
  if (given.count === 0 || given.deadBefore === 0) {
    return finding({
      ...base,
      verdict: "inconclusive",
      text: given.count === 0
        ? "Nothing to decide: no unit was given the negative bias."
        : `None of the ${
          plural(given.count, "unit")
        } given bias ${bias} was dead on every training digit at the start; make it more negative.`,
    });
  }
  const moved = others.largestChange === null
    ? ""
    : `, while the other units' weights moved by up to ${u(others.largestChange)}`;
  if (given.frozen < given.deadBefore) {
    return finding({
      ...base,
      verdict: "does not hold",
      text: `${given.deadBefore - given.frozen} of the ${
        plural(given.deadBefore, "unit")
      } dead from the start changed a weight or its bias (largest |ΔW| ${
        u(given.largestChangeDead ?? 0)
      }).`,
    });
  }
  const all = given.deadBefore === given.count;
  return finding({
    ...base,
    verdict: all ? "holds" : "holds in part",
    text:
      `${given.frozen} of the ${plural(given.count, "unit")} given bias ${bias} were dead on all ${
        plural(result.counts.train, "training digit")
      } and finished training with every weight and the bias exactly unchanged${moved}.` +
      (all
        ? ""
        : ` The other ${
          given.count - given.deadBefore
        } were not dead at the start: ${bias} was not negative enough for them.`),
  });
}

/**
 * The finding on C2.4's practical cause, a too-high learning rate, from layer 1's dead fraction at
 * the end of the two learning-rate runs (CS231n: "as much as 40 %" — stated, not measured):
 * - `"holds"`: the high rate leaves more units dead than the normal one, and at least 10 %;
 * - `"holds in part"`: more, but fewer than 10 %;
 * - `"does not hold"`: no more than the normal rate;
 * - `"inconclusive"`: the "high" rate is not higher, or the training diverged.
 *
 * @example
 * ```ts
 * import { dyingUnits, highLrFinding } from "./dying_units.ts";
 * import assert from "node:assert/strict";
 * const r = await dyingUnits({ hidden: [8, 4], train: 40, test: 20, epochs: 1, deadUnits: 2, lr: 0.1, highLr: 0.1, continueSteps: 1 });
 * assert.equal(highLrFinding(r).verdict, "inconclusive");
 * ```
 */
export function highLrFinding(result: DyingUnitsResult): Finding {
  const [lo, hi] = result.lrRuns;
  const ref = result.options.reference;
  const p = (x: number) => Number.isFinite(x) ? percent(x) : "NaN";
  const numbers = { normal: lo.deadLayer1, high: hi.deadLayer1, reference: ref };
  const base = {
    claim: "C2.4 (learning rate)",
    article: `a too-high learning rate kills units (CS231n: as much as ${percent(ref, 0)})`,
    measured: `layer 1 dead: ${p(lo.deadLayer1)} at lr ${lo.lr}, ${
      p(hi.deadLayer1)
    } at lr ${hi.lr}`,
  };
  if (!(hi.lr > lo.lr) || !Number.isFinite(lo.deadLayer1) || !Number.isFinite(hi.deadLayer1)) {
    return finding({
      ...base,
      numbers: { normal: null, high: null, reference: ref },
      verdict: "inconclusive",
      text: !(hi.lr > lo.lr)
        ? `Nothing to decide: the "high" learning rate ${hi.lr} is not above the normal ${lo.lr}.`
        : "Nothing to decide: the training diverged, so no unit count is meaningful.",
    });
  }
  const sentence = `At lr ${lo.lr}, ${
    percent(lo.deadLayer1)
  } of the first layer ends dead on every training digit; at lr ${hi.lr}, ${
    percent(hi.deadLayer1)
  } (test error ${percent(lo.testError)} and ${percent(hi.testError)}).`;
  if (hi.deadLayer1 <= lo.deadLayer1) {
    return finding({
      ...base,
      numbers,
      verdict: "does not hold",
      text: `${sentence} The higher rate kills no more units.`,
    });
  }
  const many = hi.deadLayer1 >= DYING_UNITS_THRESHOLDS.many;
  return finding({
    ...base,
    numbers,
    verdict: many ? "holds" : "holds in part",
    text: `${sentence} ${
      many ? "The higher rate kills many units," : "The higher rate kills more, but few,"
    } ${hi.deadLayer1 >= ref ? "past" : "below"} CS231n's stated ${
      percent(ref, 0)
    }; the number depends steeply on the rate.`,
  });
}

/**
 * The finding on "its weights never update again", from the high-rate network's dead first-layer
 * units trained on:
 * - `"holds"`: none of them moved, with plain SGD or with momentum;
 * - `"holds in part"`: none moved with plain SGD (the gradient is exactly 0), but momentum's
 *   stored velocity still moved some;
 * - `"does not hold"`: some moved even with plain SGD;
 * - `"inconclusive"`: no unit of layer 1 was dead.
 *
 * @example
 * ```ts
 * import { dyingUnits, neverUpdateFinding } from "./dying_units.ts";
 * import assert from "node:assert/strict";
 * const r = await dyingUnits({ hidden: [8, 4], train: 40, test: 20, epochs: 1, deadUnits: 2, continueSteps: 2 });
 * assert.ok(["holds", "holds in part", "inconclusive"].includes(neverUpdateFinding(r).verdict));
 * ```
 */
export function neverUpdateFinding(result: DyingUnitsResult): Finding {
  const [withMomentum, plain] = result.continued;
  const numbers = { dead: plain.dead, movedPlain: plain.moved, movedMomentum: withMomentum.moved };
  const base = {
    claim: "C2.4 (never update)",
    article: "a dead unit's weights never update again",
    measured:
      `${plain.moved} of ${plain.dead} dead units moved with plain SGD, ${withMomentum.moved} with momentum`,
    numbers,
  };
  const steps = plural(result.extraSteps, "more step");
  if (plain.dead === 0) {
    return finding({
      ...base,
      verdict: "inconclusive",
      text:
        `Nothing to decide: no first-layer unit of the lr ${result.options.highLr} network was dead.`,
    });
  }
  if (plain.moved > 0) {
    return finding({
      ...base,
      verdict: "does not hold",
      text:
        `Over ${steps} of plain SGD, ${plain.moved} of ${plain.dead} dead first-layer units changed a weight (largest |ΔW| ${
          u(plain.largestChange)
        }).`,
    });
  }
  if (withMomentum.moved > 0) {
    return finding({
      ...base,
      verdict: "holds in part",
      text:
        `Over ${steps} none of the ${plain.dead} dead first-layer units changed a weight with plain SGD, but with momentum ${withMomentum.moved} still moved (up to ${
          u(withMomentum.largestChange)
        }): the stored velocity keeps pushing a unit after it dies, so "never updates" is exact for the gradient, not for the update.`,
    });
  }
  return finding({
    ...base,
    verdict: "holds",
    text:
      `Over ${steps} none of the ${plain.dead} dead first-layer units changed a single weight, with plain SGD or with momentum.`,
  });
}
