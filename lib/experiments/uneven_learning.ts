/**
 * C1.2's consequence in training: with a vanishing gradient the shallow layers barely update, and
 * shallow and deep layers learn at very different speeds. Deep MLPs of the same shape, one per
 * activation, are trained with plain SGD on MNIST digits; the trainer records how far each layer's
 * weights have moved, ‖W_l − W_l(0)‖ / ‖W_l(0)‖, and each network is scored on held-out digits.
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import type { ActivationName } from "../activations/types.ts";
import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import { plural } from "../display/prose.ts";
import { MLP } from "../nn/mlp.ts";
import { autoScheme } from "../nn/init.ts";
import {
  activationList,
  integer,
  number,
  type Options,
  type OptionsInput,
  parseOptions,
  progressOption,
} from "../options.ts";
import { evaluate, fitAsync } from "../train/fit.ts";
import { trainAndReport } from "./_digits.ts";
import { type Finding, finding } from "./finding.ts";

/** The most digits the data allow in all (training + held out). */
const TOTAL = 10_000;

/** The options of {@linkcode unevenLearning}, with their defaults. */
export const UNEVEN_LEARNING_OPTIONS = {
  /** The activations trained, one network each. */
  activations: activationList(["sigmoid", "tanh", "relu"]),
  /** Hidden layers. */
  depth: integer(10, { min: 1, max: 50 }),
  /** Units per hidden layer. */
  width: integer(64, { min: 1, max: 1024 }),
  /** MNIST training digits. */
  train: integer(1200, { min: 10, max: TOTAL - 1 }),
  /** Held-out digits every trained network is scored on. */
  test: integer(2000, { min: 1, max: TOTAL - 10 }),
  /** Epochs of training. */
  epochs: integer(3, { min: 1, max: 100 }),
  /** SGD learning rate. */
  lr: number(0.1, { min: 0, max: 10, open: "min" }),
  /** Minibatch size. */
  batchSize: integer(32, { min: 1, max: TOTAL }),
  /** Seed of the digits, the weights and the minibatch order. */
  seed: integer(1, { min: 0 }),
  /** Called after every epoch of every network (`progress("training")` draws a bar). */
  onProgress: progressOption(),
};

/** What {@linkcode unevenLearning} takes: every field optional. */
export type UnevenLearningOptions = OptionsInput<typeof UNEVEN_LEARNING_OPTIONS>;

/** One trained network. */
export interface UnevenLearningRun {
  /** The registry name. */
  readonly activation: ActivationName;
  /** Its label, for legends. */
  readonly label: string;
  /** The initialisation `"auto"` chose ("Xavier", "He", "LeCun"). */
  readonly init: string;
  /** Per layer (input side first, output last), ‖W_l − W_l(0)‖ / ‖W_l(0)‖ after training. */
  readonly weightChange: readonly number[];
  /** The output layer's weight change over the first layer's: how unevenly the layers learn. */
  readonly speedRatio: number;
  /** Training loss per epoch (epoch 0: before training, on the whole training set). */
  readonly trainLoss: readonly number[];
  /** Accuracy on the held-out digits after training (see the result's `split`). */
  readonly accuracy: number;
  /** Error, 1 − accuracy, on the held-out digits. */
  readonly error: number;
  /** The top hidden layer's mean activation on a fixed probe batch, before and after training. */
  readonly topMean: readonly [number, number];
  /** Wall time of the training, in seconds. */
  readonly seconds: number;
}

/** What {@linkcode unevenLearning} returns: plain data. */
export interface UnevenLearningResult {
  /** The options used, defaults filled in (without the callback). */
  readonly options: Omit<Options<typeof UNEVEN_LEARNING_OPTIONS>, "onProgress">;
  /** Which split the accuracies come from: "test" (official MNIST test digits) or "validation". */
  readonly split: "test" | "validation";
  /** The layer numbers 1 … depth + 1 (depth + 1 is the output layer). */
  readonly layers: readonly number[];
  /** One entry per activation, in the order given. */
  readonly runs: readonly UnevenLearningRun[];
}

const schemeName = { xavier: "Xavier", he: "He", lecun: "LeCun" } as const;

/**
 * Trains one deep MLP 784 → width × depth → 10 per activation (initialised as it asks, the same
 * digits and minibatch order for all) for `epochs` epochs of SGD, and records how far each
 * layer's weights moved and how well each network does on held-out digits.
 *
 * @example At a tiny size: sigmoid's first layer moves far less than its output layer
 * ```ts
 * import { unevenLearning } from "./uneven_learning.ts";
 * import assert from "node:assert/strict";
 * const r = await unevenLearning({
 *   activations: ["sigmoid"], depth: 6, width: 16, train: 64, test: 32, epochs: 1,
 * });
 * assert.equal(r.runs[0].weightChange.length, 7);
 * assert.ok(r.runs[0].speedRatio > 10);
 * ```
 */
export async function unevenLearning(
  options?: UnevenLearningOptions,
): Promise<UnevenLearningResult> {
  const { onProgress, ...o } = parseOptions("unevenLearning", options, UNEVEN_LEARNING_OPTIONS);
  if (o.train + o.test > TOTAL) {
    throw new RangeError(
      `unevenLearning: options "train" (${o.train}) and "test" (${o.test}) add up to ${
        o.train + o.test
      } digits; at most ${TOTAL} are available`,
    );
  }
  const data = await trainAndReport(o.train, o.test, o.seed);
  const sizes = [data.train.features, ...Array(o.depth).fill(o.width), data.train.classes];
  const total = o.activations.length * o.epochs;
  let done = 0;
  const runs: UnevenLearningRun[] = [];
  for (const name of o.activations) {
    const label = getActivation(name).label;
    const model = new MLP(sizes, { activation: name, init: "auto", seed: o.seed });
    const start = performance.now();
    const history = await fitAsync(model, { train: data.train }, {
      epochs: o.epochs,
      lr: o.lr,
      batchSize: o.batchSize,
      seed: o.seed,
      probeSize: 256,
      onEpoch: async (record) => {
        if (record.epoch > 0) await onProgress?.(++done, total, `${label}, epoch ${record.epoch}`);
      },
    });
    const seconds = (performance.now() - start) / 1000;
    const last = history.epochs[o.epochs];
    const { accuracy } = evaluate(model, data.report);
    runs.push({
      activation: name,
      label,
      init: schemeName[autoScheme(name) as keyof typeof schemeName],
      weightChange: last.weightChange,
      speedRatio: last.weightChange[o.depth] / last.weightChange[0],
      trainLoss: history.epochs.map((e) => e.trainLoss),
      accuracy,
      error: 1 - accuracy,
      topMean: [history.epochs[0].activationMean[o.depth - 1], last.activationMean[o.depth - 1]],
      seconds,
    });
  }
  return {
    options: o,
    split: data.split,
    layers: Array.from({ length: o.depth + 1 }, (_, i) => i + 1),
    runs,
  };
}

/** The thresholds {@linkcode unevenLearningFinding} decides by. */
export const UNEVEN_LEARNING_THRESHOLDS = {
  /** "Very different speeds": the output layer moved at least this many times the first layer. */
  uneven: 100,
  /** Below this ratio the layers learn at similar speeds: the claim does not hold. */
  even: 10,
  /** A network "learnt" when its held-out accuracy is at least this (chance is 0.1). */
  learnt: 0.2,
};

const u = (x: number) => formatNumber(x, { style: "unicode" });
const pct = (x: number) => `${formatNumber(100 * x, { digits: 3 })} %`;

/**
 * The finding on C1.2 in training, "the shallow layers barely update; shallow and deep layers
 * learn at very different speeds", from the sigmoid network's speed ratio (output layer's weight
 * change over the first layer's):
 * - `"holds"`: at least 100;
 * - `"holds in part"`: from 10 to 100;
 * - `"does not hold"`: below 10;
 * - `"inconclusive"`: no sigmoid network was trained.
 * The text sets the other networks' ratios and every network's held-out accuracy beside it.
 *
 * @example
 * ```ts
 * import { unevenLearning, unevenLearningFinding } from "./uneven_learning.ts";
 * import assert from "node:assert/strict";
 * const r = await unevenLearning({ activations: ["relu"], depth: 2, width: 8, train: 40, test: 20, epochs: 1 });
 * assert.equal(unevenLearningFinding(r).verdict, "inconclusive");
 * ```
 */
export function unevenLearningFinding(result: UnevenLearningResult): Finding {
  const claim = "C1.2 (training)";
  const article =
    "shallow layers barely update; shallow and deep layers learn at very different speeds";
  const { epochs } = result.options;
  const s = result.runs.find((r) => r.activation === "sigmoid");
  const others = result.runs.filter((r) => r.activation !== "sigmoid");
  const numbers = {
    speedRatios: result.runs.map((r) => r.speedRatio),
    accuracies: result.runs.map((r) => r.accuracy),
    epochs,
  };
  const split = result.split;
  if (!s) {
    return finding({
      claim,
      article,
      measured: "no sigmoid network trained",
      verdict: "inconclusive",
      numbers,
      text: "Nothing to decide: no sigmoid network was trained.",
    });
  }
  const { uneven, even, learnt } = UNEVEN_LEARNING_THRESHOLDS;
  const verdict = s.speedRatio >= uneven
    ? "holds"
    : s.speedRatio >= even
    ? "holds in part"
    : "does not hold";
  const learning = s.accuracy >= learnt
    ? `reached ${pct(s.accuracy)} ${split} accuracy`
    : `was still at chance (${pct(s.accuracy)} ${split} accuracy)`;
  const compared = others.length === 0
    ? ""
    : ` For comparison, the ratio is ${
      listText(others.map((r, i) =>
        `${u(r.speedRatio)} for ${r.label} (${pct(r.accuracy)}${
          i === 0 ? ` ${split} accuracy` : ""
        })`
      ))
    }.`;
  const reading = verdict === "holds"
    ? "the first layer barely moved"
    : verdict === "holds in part"
    ? `the layers learn at uneven speeds, but less than ${uneven} times apart`
    : "the layers learn at similar speeds";
  return finding({
    claim,
    article,
    measured: `sigmoid: output layer moved ${u(s.speedRatio)}× the first in ${
      plural(epochs, "epoch")
    }`,
    verdict,
    numbers,
    text: `After ${plural(epochs, "epoch")} of SGD the sigmoid network's output layer has moved ${
      u(s.speedRatio)
    } times as far as its first layer (${u(s.weightChange[s.weightChange.length - 1])} against ${
      u(s.weightChange[0])
    } of their initial size): ${reading}, and the network ${learning}.${compared}`,
  });
}
