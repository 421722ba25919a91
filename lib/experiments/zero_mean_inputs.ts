/**
 * C0.1, zero-mean outputs speed up training: a 784 → hidden → 10 tanh network trained on MNIST
 * digits by plain SGD, with one change between runs — a constant c added to every hidden output
 * before the output layer, so that layer's inputs have mean ≈ c instead of ≈ 0, as if they came
 * from an activation whose outputs are not centred. Each run starts from the same function (the
 * output bias is set to b − c·ΣW, which cancels the shift), so only the inputs' mean differs.
 * For each shift and learning rate it counts the SGD steps until the training loss (a moving
 * average over {@linkcode ZERO_MEAN_SMOOTHING} steps) first falls below a target.
 *
 * LeCun et al. ("Efficient BackProp", 1998) predict how: a non-zero input mean adds a steep
 * direction to the loss surface along the mean, which lowers the largest learning rate that is
 * still stable, rather than slowing every learning rate alike.
 *
 * @module
 */

import { Rng } from "../random.ts";
import { MLP } from "../nn/mlp.ts";
import { SGD } from "../optim/sgd.ts";
import { batchOf } from "../train/fit.ts";
import { noGrad } from "../autograd/tensor.ts";
import type { Dataset } from "../data/dataset.ts";
import type { IndexedDataset } from "../data/ops.ts";
import {
  integer,
  number,
  numbers,
  type Options,
  type OptionsInput,
  parseOptions,
  progressOption,
} from "../options.ts";
import { mean, median, movingAverage, standardDeviation } from "../stats/summary.ts";
import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import { plural } from "../display/prose.ts";
import { trainingDigits } from "./_digits.ts";
import { type Finding, finding } from "./finding.ts";

/** The minibatch size of every run. */
export const ZERO_MEAN_BATCH = 64;

/** The window of the moving average the training loss is smoothed with before it is compared. */
export const ZERO_MEAN_SMOOTHING = 20;

/** The options of {@linkcode zeroMeanInputs}, with their defaults. */
export const ZERO_MEAN_INPUTS_OPTIONS = {
  /** The shifts c of the hidden outputs, increasing from 0 (the centred baseline). */
  offsets: numbers([0, 0.5, 1, 2], { min: 0, max: 10 }, { minLength: 2, maxLength: 8 }),
  /** The learning rates tried for every shift, increasing. */
  lrs: numbers([0.3, 1, 3], { min: 0, max: 10, open: "min" }, { maxLength: 8 }),
  /** Hidden tanh units. */
  hidden: integer(32, { min: 1, max: 512 }),
  /** SGD steps per run (minibatches of 64 digits). */
  steps: integer(300, { min: ZERO_MEAN_SMOOTHING, max: 5000 }),
  /** The training loss to reach (cross-entropy; chance is ln 10 ≈ 2.30). */
  target: number(1, { min: 0, max: 2.3, open: "min" }),
  /** Seeds per setting (seed, seed + 1, …): the same initialisations and batches for every cell. */
  repeats: integer(2, { min: 1, max: 10 }),
  /** MNIST training digits drawn from. */
  digits: integer(2400, { min: ZERO_MEAN_BATCH, max: 9999 }),
  /** Seed of the digits and of the first run. */
  seed: integer(0, { min: 0 }),
  /** Called after each run with (runs done, runs in all). */
  onProgress: progressOption(),
};

/** What {@linkcode zeroMeanInputs} takes: every field optional. */
export type ZeroMeanInputsOptions = OptionsInput<typeof ZERO_MEAN_INPUTS_OPTIONS>;

/** One shift and learning rate. */
export interface ZeroMeanCell {
  /** The shift c. */
  readonly offset: number;
  /** The learning rate. */
  readonly lr: number;
  /** Per seed, the steps until the smoothed loss first fell below the target (null: never). */
  readonly stepsPerSeed: readonly (number | null)[];
  /** The median over seeds, a seed that never got there counting as infinitely many (null). */
  readonly steps: number | null;
  /** The training loss, averaged over seeds, then smoothed; shorter if a run diverged. */
  readonly loss: readonly number[];
  /** How many seeds' runs diverged (a non-finite loss, which ends the run). */
  readonly diverged: number;
}

/** What {@linkcode zeroMeanInputs} returns: plain data. */
export interface ZeroMeanInputsResult {
  /** The options used, defaults filled in (but onProgress). */
  readonly options: Omit<Options<typeof ZERO_MEAN_INPUTS_OPTIONS>, "onProgress">;
  /** The digits trained on. */
  readonly trainingDigits: number;
  /**
   * The standard deviation of the hidden outputs of the first seed's network at initialisation
   * (on 256 digits), to put the shifts on a scale.
   */
  readonly hiddenStd: number;
  /** `cells[i][j]`: shift `offsets[i]`, learning rate `lrs[j]`. */
  readonly cells: readonly (readonly ZeroMeanCell[])[];
}

const increasing = (xs: readonly number[]) => xs.every((v, i) => i === 0 || v > xs[i - 1]);

/**
 * The hidden layer's outputs tanh(x·W₁ + b₁) for every digit, with the initial weights of the
 * network `net`: the inputs of the output layer, computed once since that layer alone trains.
 */
function hiddenOutputs(data: IndexedDataset, net: MLP): Dataset {
  const all = Int32Array.from({ length: data.n }, (_, i) => i);
  const { x } = batchOf(data, all);
  const h = noGrad(() => net.layers[0].linear.forward(x).apply("tanh"));
  const units = net.sizes[1];
  return { x: h.data, y: data.y, n: data.n, features: units, classes: data.classes, name: "h" };
}

/** One run: the per-step training losses (ending early if the loss stops being finite). */
function trainShifted(
  data: IndexedDataset,
  features: Dataset,
  offset: number,
  lr: number,
  steps: number,
  seed: number,
): number[] {
  const hidden = features.features;
  const net = new MLP([data.features, hidden, data.classes], { activation: "tanh", seed });
  const output = net.layers[1].linear;
  // The same initial function for every shift: b ← b − c·(column sums of W).
  const w = output.weight.data;
  for (let j = 0; j < data.classes; j++) {
    let colSum = 0;
    for (let i = 0; i < hidden; i++) colSum += w[i * data.classes + j];
    output.bias.data[j] -= offset * colSum;
  }
  const opt = new SGD(net.parameters().filter((p) => p.layer === 1), { lr });
  const rng = new Rng(seed);
  const losses: number[] = [];
  let order = rng.permutation(data.n);
  let at = 0;
  for (let step = 0; step < steps; step++) {
    if (at + ZERO_MEAN_BATCH > order.length) {
      order = rng.permutation(data.n);
      at = 0;
    }
    const { x, y } = batchOf(features, order, at, at + ZERO_MEAN_BATCH);
    at += ZERO_MEAN_BATCH;
    opt.zeroGrad();
    const loss = output.forward(x.add(offset)).crossEntropy(y);
    const value = loss.item();
    if (!Number.isFinite(value)) break;
    loss.backward();
    opt.step();
    losses.push(value);
  }
  return losses;
}

/**
 * Trains the shifted networks: for every shift c and learning rate, `repeats` runs of `steps`
 * SGD steps on `digits` MNIST training digits, and counts the steps to the target loss.
 *
 * @example A tiny run: at lr 3 the centred layer reaches a loose target, the one shifted by 8 not
 * ```ts
 * import { zeroMeanInputs } from "./zero_mean_inputs.ts";
 * import assert from "node:assert/strict";
 * const r = await zeroMeanInputs({
 *   offsets: [0, 8], lrs: [3], hidden: 8, steps: 40, target: 2, repeats: 1, digits: 256,
 * });
 * assert.equal(r.cells.length, 2);
 * assert.ok(r.cells[0][0].steps !== null && r.cells[0][0].steps <= 40);
 * assert.equal(r.cells[1][0].steps, null);
 * ```
 */
export async function zeroMeanInputs(
  options?: ZeroMeanInputsOptions,
): Promise<ZeroMeanInputsResult> {
  const where = "zeroMeanInputs";
  const { onProgress, ...o } = parseOptions(where, options, ZERO_MEAN_INPUTS_OPTIONS);
  if (o.offsets[0] !== 0 || !increasing(o.offsets)) {
    throw new RangeError(
      `${where}: option "offsets" must start with 0 (the centred baseline) and increase, got ` +
        `[${o.offsets.join(", ")}]`,
    );
  }
  if (!increasing(o.lrs)) {
    throw new RangeError(`${where}: option "lrs" must increase, got [${o.lrs.join(", ")}]`);
  }
  const data = await trainingDigits(o.digits, o.seed);
  const seeds = Array.from({ length: o.repeats }, (_, r) => o.seed + r);
  const features = seeds.map((seed) =>
    hiddenOutputs(
      data,
      new MLP([data.features, o.hidden, data.classes], { activation: "tanh", seed }),
    )
  );
  const total = o.offsets.length * o.lrs.length * o.repeats;
  let done = 0;
  const cells: ZeroMeanCell[][] = [];
  for (const offset of o.offsets) {
    const row: ZeroMeanCell[] = [];
    for (const lr of o.lrs) {
      const runs: number[][] = [];
      for (let r = 0; r < o.repeats; r++) {
        runs.push(trainShifted(data, features[r], offset, lr, o.steps, seeds[r]));
        await onProgress?.(++done, total, `c = ${offset}, lr ${lr}`);
      }
      const reached = runs.map((run) => {
        const i = movingAverage(run, ZERO_MEAN_SMOOTHING).findIndex((l) => l < o.target);
        return i < 0 ? Infinity : i + 1;
      });
      const length = Math.min(...runs.map((run) => run.length));
      const meanLoss = Array.from({ length }, (_, i) => mean(runs.map((run) => run[i])));
      const steps = median(reached);
      row.push({
        offset,
        lr,
        stepsPerSeed: reached.map((s) => (Number.isFinite(s) ? s : null)),
        steps: Number.isFinite(steps) ? steps : null,
        loss: movingAverage(meanLoss, ZERO_MEAN_SMOOTHING),
        diverged: runs.filter((run) => run.length < o.steps).length,
      });
    }
    cells.push(row);
  }
  const hiddenStd = standardDeviation(features[0].x);
  return { options: o, trainingDigits: data.n, hiddenStd, cells };
}

/** The thresholds {@linkcode zeroMeanInputsFinding} decides by. */
export const ZERO_MEAN_INPUTS_THRESHOLDS = {
  /** The largest shift "slows training" when it needs more than this many times the steps. */
  slower: 1.2,
  /** At one learning rate, shifts make "no difference" when their steps are within this fraction. */
  same: 0.1,
};

const f3 = (x: number) => formatNumber(x, { style: "unicode", digits: 3 });
const f4 = (x: number) => formatNumber(x, { style: "unicode" });
const stepsText = (s: number | null) => (s === null ? "never" : f4(s));

/** The cell with the fewest steps in a row of cells (the first such; a never-reached row: the first). */
const bestOf = (row: readonly ZeroMeanCell[]) =>
  row.reduce((a, b) => ((b.steps ?? Infinity) < (a.steps ?? Infinity) ? b : a));

/**
 * The finding on C0.1, from the steps each shift needs at its best learning rate:
 * - `"holds"`: the largest shift needs more than 1.2× the centred network's steps, and differs
 *   from it already at the smallest learning rate;
 * - `"holds in part"`: it needs more than 1.2× the steps at its best learning rate, but at the
 *   smallest learning rate every shift takes the same steps (within 10 %): the non-zero mean
 *   costs speed only by lowering the usable learning rate;
 * - `"does not hold"`: the largest shift needs at most 1.2× the centred network's steps;
 * - `"inconclusive"`: the centred network never reaches the target at any learning rate.
 *
 * @example
 * ```ts
 * import { zeroMeanInputs, zeroMeanInputsFinding } from "./zero_mean_inputs.ts";
 * import assert from "node:assert/strict";
 * const r = await zeroMeanInputs({
 *   offsets: [0, 1], lrs: [0.1], hidden: 4, steps: 20, target: 0.01, repeats: 1, digits: 128,
 * });
 * assert.equal(zeroMeanInputsFinding(r).verdict, "inconclusive"); // a target no run reaches
 * ```
 */
export function zeroMeanInputsFinding(result: ZeroMeanInputsResult): Finding {
  const claim = "C0.1";
  const article = "zero-mean outputs speed up training";
  const { options: o, cells, hiddenStd } = result;
  const { slower, same } = ZERO_MEAN_INPUTS_THRESHOLDS;
  const target = f4(o.target);
  const best = cells.map(bestOf);
  const centred = best[0];
  const shifted = best[best.length - 1];
  const c = shifted.offset;
  if (centred.steps === null) {
    return finding({
      claim,
      article,
      measured: `the centred network never reaches loss ${target} in ${o.steps} steps`,
      verdict: "inconclusive",
      text: `Nothing to compare: even the centred network never brings its training loss below ` +
        `${target} within ${plural(o.steps, "step")} at any learning rate tried ` +
        `(${o.lrs.map(f4).join(", ")}).`,
      numbers: { target: o.target, steps: o.steps },
    });
  }
  const slowdown = shifted.steps === null ? Infinity : shifted.steps / centred.steps;
  const slow = cells.map((row) => row[0].steps);
  const sameAtSmallest = slow.every((s) =>
    s !== null && slow[0] !== null && Math.abs(s - slow[0]) <= same * slow[0]
  );
  const numbers = {
    centredSteps: centred.steps,
    centredLr: centred.lr,
    shiftedSteps: shifted.steps,
    shiftedLr: shifted.steps === null ? null : shifted.lr,
    slowdown: Number.isFinite(slowdown) ? slowdown : null,
    offset: c,
    sameAtSmallestLr: sameAtSmallest,
  };
  const sd = `${f3(c / hiddenStd)} standard deviations of its inputs`;
  const shiftedText = shifted.steps === null
    ? `the one shifted by c = ${f4(c)} (${sd}) never gets there at any learning rate tried`
    : `the one shifted by c = ${f4(c)} (${sd}) in ${f4(shifted.steps)} (lr ${f4(shifted.lr)}): ${
      f3(slowdown)
    }× as many`;
  const first = `At each shift's best learning rate, the centred network brings its training ` +
    `loss below ${target} in ${f4(centred.steps)} steps (lr ${f4(centred.lr)}) and ${shiftedText}.`;
  const measured = shifted.steps === null
    ? `c = ${f4(c)} never reaches loss ${target}; c = 0 takes ${f4(centred.steps)} steps`
    : `c = ${f4(c)} takes ${f3(slowdown)}× the steps of c = 0 at each one's best learning rate`;
  const cs = `c = ${listText(o.offsets.map(f4))}`;
  const atSmallest = `at lr ${f4(o.lrs[0])} the steps are ${listText(slow.map(stepsText))}`;
  const bestLrs = `the best learning rates are ${
    listText(best.map((b) => (b.steps === null ? "none" : f4(b.lr))))
  } for ${cs}`;
  if (slowdown <= slower) {
    return finding({
      claim,
      article,
      measured,
      verdict: "does not hold",
      numbers,
      text: `${first} That is within ${f4(100 * (slower - 1))} %: here a non-zero mean in a ` +
        `layer's inputs does not slow training measurably.`,
    });
  }
  const second = sameAtSmallest
    ? `Yet ${atSmallest} for ${cs}: the non-zero mean slows training only by ruling out the ` +
      `fast learning rates (${bestLrs}).`
    : slow[0] === null
    ? `How it slows: ${bestLrs}; at lr ${f4(o.lrs[0])} not even the centred network gets there ` +
      `within ${plural(o.steps, "step")}.`
    : `How it slows: ${bestLrs}, and ${atSmallest}.`;
  return finding({
    claim,
    article,
    measured,
    verdict: sameAtSmallest ? "holds in part" : "holds",
    numbers,
    text: `${first} ${second}`,
  });
}
