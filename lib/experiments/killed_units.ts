/**
 * C3.1, "LeakyReLU fixes dying units", in training: units of an MLP's first hidden layer are killed
 * by a negative bias (their largest pre-activation over the training digits put a margin below
 * zero), the network trains on MNIST digits, and we count how many killed units come back — under
 * ReLU, and under LeakyReLU for several slopes α and kill margins.
 *
 * @module
 */

import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import { plural } from "../display/prose.ts";
import { MLP } from "../nn/mlp.ts";
import {
  integer,
  number,
  numbers,
  type Options,
  type OptionsInput,
  parseOptions,
  progressOption,
} from "../options.ts";
import { batchOf, evaluate, fitAsync } from "../train/fit.ts";
import { killedWeightChange, killUnits, revivedUnits } from "../train/kill_units.ts";
import { trainAndTest } from "./_digits.ts";
import { proportionInterval } from "../stats/interval.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode killedUnits}, with their defaults. */
export const KILLED_UNITS_OPTIONS = {
  /** LeakyReLU's slopes α. */
  alphas: numbers([0.01, 0.1], { min: 0, max: 1 }, { distinct: true }),
  /** Kill margins: how far below 0 each killed unit's largest pre-activation is put (ReLU: the first). */
  margins: numbers([0.05, 0.2, 1], { min: 0, max: 100 }, { distinct: true }),
  /** MNIST training digits. */
  train: integer(1000, { min: 10, max: 50_000 }),
  /** Official MNIST test digits every trained network is scored on. */
  test: integer(2000, { min: 1, max: 10_000 }),
  /** Units of each hidden layer of the MLP 784 → hidden → hidden → 10. */
  hidden: integer(64, { min: 2, max: 512 }),
  /** Units of hidden layer 1 killed before training. */
  killed: integer(32, { min: 1, max: 511 }),
  /** Epochs of SGD. */
  epochs: integer(4, { min: 1, max: 100 }),
  /** SGD learning rate. */
  lr: number(0.1, { min: 0, max: 10, open: "min" }),
  /** Minibatch size. */
  batchSize: integer(32, { min: 1, max: 50_000 }),
  /** Seed of the digits, the weights (the same for every run) and the minibatch order. */
  seed: integer(1, { min: 0 }),
  /** Called after every epoch of every run (`progress("training")` draws a bar). */
  onProgress: progressOption(),
};

/** What {@linkcode killedUnits} takes: every field optional. */
export type KilledUnitsOptions = OptionsInput<typeof KILLED_UNITS_OPTIONS>;

/** One trained network with killed units. */
export interface KilledUnitsRun {
  /** "ReLU" or "LeakyReLU α = 0.1". */
  readonly label: string;
  /** α, or null for ReLU. */
  readonly alpha: number | null;
  /** The kill margin. */
  readonly margin: number;
  /** Per epoch (0 = before training): killed units positive again on some training digit. */
  readonly back: readonly number[];
  /** Per epoch: ‖W − W₀‖ over the killed units' incoming weights. */
  readonly moved: readonly number[];
  /** Per epoch: the fraction of hidden layer 1's units never positive on the training digits. */
  readonly dead: readonly number[];
  /** Per epoch: the training loss (epoch 0: on the whole training set). */
  readonly trainLoss: readonly number[];
  /** Error on the official MNIST test digits after training. */
  readonly testError: number;
}

/** What {@linkcode killedUnits} returns: plain data. */
export interface KilledUnitsResult {
  /** The options used, defaults filled in (without the callback). */
  readonly options: Omit<Options<typeof KILLED_UNITS_OPTIONS>, "onProgress">;
  /** The split the errors come from: the official MNIST test digits. */
  readonly split: "test";
  /** ReLU at the first margin, then every α at every margin (α by α). */
  readonly runs: readonly KilledUnitsRun[];
}

/**
 * Trains an MLP 784 → hidden → hidden → 10 with `killed` units of hidden layer 1 killed, once with
 * ReLU (at the first margin) and once per α and margin with LeakyReLU, from the same initial
 * weights and minibatch order, and follows the killed units epoch by epoch.
 *
 * @example At a tiny size: the killed ReLU units never move
 * ```ts
 * import { killedUnits } from "./killed_units.ts";
 * import assert from "node:assert/strict";
 * const r = await killedUnits({ alphas: [0.1], margins: [0.05], train: 40, test: 20, hidden: 8, killed: 4, epochs: 1 });
 * assert.deepEqual(r.runs.map((run) => run.label), ["ReLU", "LeakyReLU α = 0.1"]);
 * assert.deepEqual(r.runs[0].moved, [0, 0]);
 * ```
 */
export async function killedUnits(options?: KilledUnitsOptions): Promise<KilledUnitsResult> {
  const { onProgress, ...o } = parseOptions("killedUnits", options, KILLED_UNITS_OPTIONS);
  if (o.killed >= o.hidden) {
    throw new RangeError(
      `killedUnits: option "killed" must be below "hidden" (${o.hidden}), got ${o.killed}`,
    );
  }
  const data = await trainAndTest({ train: o.train, test: o.test, seed: o.seed });
  const x = batchOf(data.train, Int32Array.from({ length: data.train.n }, (_, i) => i)).x;
  const specs = [
    { alpha: null as number | null, margin: o.margins[0] },
    ...o.alphas.flatMap((alpha) => o.margins.map((margin) => ({ alpha, margin }))),
  ];
  const total = specs.length * o.epochs;
  let done = 0;
  const runs: KilledUnitsRun[] = [];
  for (const { alpha, margin } of specs) {
    const label = alpha === null ? "ReLU" : `LeakyReLU α = ${formatNumber(alpha)}`;
    const model = new MLP([data.train.features, o.hidden, o.hidden, data.train.classes], {
      activation: alpha === null ? "relu" : "leakyRelu",
      params: alpha === null ? {} : { alpha },
      init: { scheme: "he", gain: Math.SQRT2 },
      seed: o.seed,
    });
    killUnits(model, x, o.killed, margin);
    const w0 = model.layers[0].linear.weight.data.slice();
    const back: number[] = [];
    const moved: number[] = [];
    const dead: number[] = [];
    const history = await fitAsync(model, { train: data.train }, {
      epochs: o.epochs,
      lr: o.lr,
      batchSize: o.batchSize,
      seed: o.seed,
      probeSize: 1,
      onEpoch: async (record) => {
        back.push(revivedUnits(model, x, o.killed));
        moved.push(killedWeightChange(model, w0, o.killed));
        dead.push(1 - revivedUnits(model, x, o.hidden) / o.hidden);
        if (record.epoch > 0) {
          await onProgress?.(++done, total, `${label}, margin ${margin}, epoch ${record.epoch}`);
        }
      },
    });
    runs.push({
      label,
      alpha,
      margin,
      back,
      moved,
      dead,
      trainLoss: history.epochs.map((e) => e.trainLoss),
      testError: 1 - evaluate(model, data.test).accuracy,
    });
  }
  return { options: o, split: "test", runs };
}

/** The thresholds {@linkcode killedUnitsFinding} decides by. */
export const KILLED_UNITS_THRESHOLDS = {
  /**
   * "Fixes" dying units: at least this fraction of the killed units come back, shown by the lower
   * end of the exact interval of the fraction (so that one network's luck does not decide).
   */
  fixed: 0.5,
  /** The confidence level of that interval. */
  level: 0.95,
};

const n = (x: number) => formatNumber(x, { style: "unicode", digits: 3 });
const pct = (x: number) => `${formatNumber(100 * x, { digits: 3 })} %`;

const last = <T>(a: readonly T[]): T => a[a.length - 1];

function reluCheck(result: KilledUnitsResult) {
  const relu = result.runs[0];
  const leaky = result.runs.filter((r) => r.alpha !== null && r.alpha > 0);
  const why = last(relu.moved) !== 0 || last(relu.back) !== 0
    ? "the killed ReLU units moved, so the kill did not hold"
    : leaky.length === 0
    ? "no slope α > 0 was trained"
    : null;
  return { relu, leaky, why };
}

/**
 * The finding on C3.1 in training, at the first kill margin: do killed LeakyReLU units come back
 * where killed ReLU units cannot?
 * - `"holds"`: the killed ReLU units never move, and with some α at least half the killed
 *   LeakyReLU units come back: the exact 95 % interval of the best α's fraction starts at half
 *   or above;
 * - `"holds in part"`: some come back, but that interval reaches below half;
 * - `"does not hold"`: none comes back with any α (they may move, but stay below zero);
 * - `"inconclusive"`: no α > 0 was trained, or the killed ReLU units moved.
 *
 * @example
 * ```ts
 * import { killedUnits, killedUnitsFinding } from "./killed_units.ts";
 * import assert from "node:assert/strict";
 * const r = await killedUnits({ alphas: [0], margins: [0.05], train: 40, test: 20, hidden: 8, killed: 4, epochs: 1 });
 * assert.equal(killedUnitsFinding(r).verdict, "inconclusive"); // α = 0 is ReLU
 * ```
 */
export function killedUnitsFinding(result: KilledUnitsResult): Finding {
  const claim = "C3.1 (revival)";
  const article = "LeakyReLU fixes dying neurons";
  const { relu, leaky, why } = reluCheck(result);
  const { killed, epochs, margins } = result.options;
  const margin = margins[0];
  const main = leaky.filter((r) => r.margin === margin);
  const numbers = {
    reluMoved: last(relu.moved),
    reluBack: last(relu.back),
    back: main.map((r) => last(r.back)),
    moved: main.map((r) => last(r.moved)),
    testErrors: result.runs.filter((r) => r.margin === margin).map((r) => r.testError),
  };
  if (why !== null) {
    return finding({
      claim,
      article,
      measured: why,
      verdict: "inconclusive",
      numbers,
      text: `Nothing to decide: ${why}.`,
    });
  }
  const best = Math.max(...main.map((r) => last(r.back)));
  const share = proportionInterval(best, killed, KILLED_UNITS_THRESHOLDS.level);
  const bestAlpha = main.find((r) => last(r.back) === best)!.alpha;
  const interval = `${pct(share.lower)} to ${pct(share.upper)}`;
  const each = listText(main.map((r) => `${last(r.back)} with α = ${r.alpha}`));
  const errors = listText(
    result.runs.filter((r) => r.margin === margin).map((r) => `${pct(r.testError)} (${r.label})`),
  );
  const measured = `ReLU: ‖ΔW‖ = 0, 0 of ${killed} back; LeakyReLU: ${each} back`;
  const start = `After ${plural(epochs, "epoch")} the ${killed} killed ReLU units have not moved ` +
    `(‖ΔW‖ = 0) and none is back; of the killed LeakyReLU units ${each} came back (margin ${margin}).`;
  const verdict = best === 0
    ? "does not hold"
    : share.lower >= KILLED_UNITS_THRESHOLDS.fixed
    ? "holds"
    : "holds in part";
  const tail = verdict === "does not hold"
    ? ` They learn (‖ΔW‖ up to ${
      n(Math.max(...main.map((r) => last(r.moved))))
    }) but stay below zero; test error ${errors}.`
    : verdict === "holds in part"
    ? (share.p < KILLED_UNITS_THRESHOLDS.fixed
      ? ` Fewer than half return, ${pct(share.p)} at best (α = ${bestAlpha}; 95 % interval ` +
        `${interval}): the α-sized gradient is a slow way back.`
      : ` With α = ${bestAlpha}, ${pct(share.p)} return, but with ${killed} units the 95 % ` +
        `interval, ${interval}, reaches below half: some come back, not surely most.`) +
      ` Test error ${errors}.`
    : ` With α = ${bestAlpha}, ${pct(share.p)} return (95 % interval ${interval}). Test error ` +
      `${errors}.`;
  return finding({
    claim,
    article,
    measured,
    verdict,
    numbers: { ...numbers, share: share.p, shareLower: share.lower, shareUpper: share.upper },
    text: start + tail,
  });
}

/**
 * The finding on C3.1's reach: how deep below zero can a LeakyReLU unit be killed and still come
 * back? From the best α at each margin:
 * - `"holds"`: some killed units come back at every margin;
 * - `"holds in part"`: they come back at some margins, not at the deepest ones;
 * - `"does not hold"`: none comes back at any margin;
 * - `"inconclusive"`: no α > 0 was trained, or the killed ReLU units moved.
 *
 * @example
 * ```ts
 * import { killedUnits, killMarginFinding } from "./killed_units.ts";
 * import assert from "node:assert/strict";
 * const r = await killedUnits({ alphas: [0], margins: [0.05], train: 40, test: 20, hidden: 8, killed: 4, epochs: 1 });
 * assert.equal(killMarginFinding(r).verdict, "inconclusive");
 * ```
 */
export function killMarginFinding(result: KilledUnitsResult): Finding {
  const claim = "C3.1 (margin)";
  const article = "a unit on LeakyReLU's negative side keeps learning and can recover";
  const { leaky, why } = reluCheck(result);
  const { margins, killed, epochs } = result.options;
  const backAt = margins.map((m) =>
    Math.max(0, ...leaky.filter((r) => r.margin === m).map((r) => last(r.back)))
  );
  const numbers = { margins, backAt };
  if (why !== null) {
    return finding({
      claim,
      article,
      measured: why,
      verdict: "inconclusive",
      numbers,
      text: `Nothing to decide: ${why}.`,
    });
  }
  const each = listText(margins.map((m, i) => `${backAt[i]} at margin ${m}`));
  const measured = `units back (best α, of ${killed}): ${each}`;
  const comeBack = margins.filter((_, i) => backAt[i] > 0);
  const stay = margins.filter((_, i) => backAt[i] === 0);
  const verdict = stay.length === 0
    ? "holds"
    : comeBack.length === 0
    ? "does not hold"
    : "holds in part";
  const tail = verdict === "holds"
    ? "some come back at every margin tried."
    : verdict === "does not hold"
    ? "none comes back at any margin tried."
    : `units come back from margin${comeBack.length > 1 ? "s" : ""} ${
      listText(comeBack.map(String))
    } but not from ${listText(stay.map(String))}.`;
  return finding({
    claim,
    article,
    measured,
    verdict,
    numbers,
    text: `Killed LeakyReLU units back after ${plural(epochs, "epoch")} (the best α): ${each}; ` +
      tail,
  });
}
