/**
 * C5.3, "try PReLU only with plenty of data": PReLU's extra parameters could fit a small training
 * set too well. ReLU, LeakyReLU and PReLU MLPs with the same initial weights are trained on a small
 * and a large set of MNIST digits, for about the same number of SGD steps, over several seeds; the
 * measure of overfitting is the train–test gap, test error minus training error (the official
 * MNIST test digits).
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import { type Dataset, holdFloats } from "../data/dataset.ts";
import type { ActivationName, Params } from "../activations/types.ts";
import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import { percent } from "../display/prose.ts";
import { MLP } from "../nn/mlp.ts";
import {
  integer,
  integers,
  number,
  oneOf,
  type Options,
  type OptionsInput,
  parseOptions,
  progressOption,
} from "../options.ts";
import { type MeanInterval, meanInterval } from "../stats/interval.ts";
import { mean, standardDeviation } from "../stats/summary.ts";
import { evaluate, fitAsync } from "../train/fit.ts";
import { trainAndTest } from "./_digits.ts";
import { type Finding, finding } from "./finding.ts";

/** The three activations compared, PReLU last. */
export const DATA_SIZE_GAP_ACTIVATIONS = ["relu", "leakyRelu", "prelu"] as const;

/** The options of {@linkcode dataSizeGap}, with their defaults. */
export const DATA_SIZE_GAP_OPTIONS = {
  /** Training digits of the small set. */
  small: integer(400, { min: 10, max: 59_000 }),
  /** Training digits of the large set. */
  large: integer(20_000, { min: 10, max: 59_000 }),
  /** Official MNIST test digits every network is scored on. */
  test: integer(10_000, { min: 100, max: 10_000 }),
  /** Hidden layers of the MLP 784 → hidden → 10. */
  hidden: integers([32], { min: 1, max: 512 }, { maxLength: 8 }),
  /** Epochs on the large set; the small set gets the whole number of epochs nearest the same steps. */
  epochs: integer(1, { min: 1, max: 50 }),
  /** SGD's learning rate, momentum and weight decay (never on α). */
  lr: number(0.02, { min: 0, max: 10, open: "min" }),
  momentum: number(0.9, { min: 0, max: 1, open: "max" }),
  weightDecay: number(5e-4, { min: 0, max: 1 }),
  /** Minibatch size. */
  batchSize: integer(64, { min: 1, max: 10_000 }),
  /** LeakyReLU's slope, and PReLU's initial α. */
  leakyAlpha: number(0.01, { min: 0, max: 1 }),
  alpha: number(0.25, { min: -10, max: 10 }),
  /** PReLU's α: one per layer, or one per unit. */
  prelu: oneOf("channel", ["shared", "channel"] as const),
  /** Seeds per size (the k-th is seed + k: digits, weights, order). */
  seeds: integer(3, { min: 1, max: 10 }),
  /** The first seed. */
  seed: integer(0, { min: 0 }),
  /** Called after every network (`progress("training")` draws a bar). */
  onProgress: progressOption(),
};

/** What {@linkcode dataSizeGap} takes: every field optional. */
export type DataSizeGapOptions = OptionsInput<typeof DATA_SIZE_GAP_OPTIONS>;

/** One trained network. */
export interface DataSizeGapRun {
  readonly size: number;
  readonly seed: number;
  readonly activation: ActivationName;
  readonly label: string;
  /** Error on the whole training set after training, and on the official test digits. */
  readonly trainError: number;
  readonly testError: number;
  /** testError − trainError: how much worse the network does on digits it never saw. */
  readonly gap: number;
  /** Test loss − training loss (cross-entropy): the same gap in the loss. */
  readonly lossGap: number;
  /** PReLU's mean α per hidden layer after training (empty for the others). */
  readonly alpha: readonly number[];
  /** Wall time of the training, in seconds (the only non-reproducible field). */
  readonly seconds: number;
}

/** One activation at one size, over the seeds. */
export interface DataSizeGapSummary {
  readonly size: number;
  readonly activation: ActivationName;
  readonly label: string;
  /** The gap: mean, min, max and sample standard deviation over the seeds (SD null for 1 seed). */
  readonly gap: number;
  readonly min: number;
  readonly max: number;
  readonly sd: number | null;
  /** Mean training and test error. */
  readonly trainError: number;
  readonly testError: number;
  /** The loss gap: mean, min and max over the seeds. */
  readonly lossGap: number;
  readonly lossMin: number;
  readonly lossMax: number;
}

/** PReLU against the others at one size. */
export interface PreluExcess {
  readonly size: number;
  /** Per seed: PReLU's gap minus the larger of ReLU's and LeakyReLU's (paired: same digits). */
  readonly perSeed: readonly number[];
  /** The mean of `perSeed`: PReLU's excess gap. */
  readonly mean: number;
  /** The 95 % Student t interval of that mean over the seeds; null for one seed. */
  readonly interval: MeanInterval | null;
  /** The larger of ReLU's and LeakyReLU's mean gaps, the gap PReLU's excess adds to. */
  readonly others: number;
  /** The seed spread: the widest min–max range of one activation's gap over the seeds. */
  readonly spread: number;
}

/** What {@linkcode dataSizeGap} returns: plain data. */
export interface DataSizeGapResult {
  /** The options used, defaults filled in (without the callback). */
  readonly options: Omit<Options<typeof DATA_SIZE_GAP_OPTIONS>, "onProgress">;
  readonly split: "test";
  /** The SGD steps per size: epochs × steps per epoch. */
  readonly schedule: readonly {
    size: number;
    epochs: number;
    stepsPerEpoch: number;
    steps: number;
  }[];
  readonly runs: readonly DataSizeGapRun[];
  readonly summary: readonly DataSizeGapSummary[];
  /** PReLU's excess gap on the small set and on the large one. */
  readonly small: PreluExcess;
  readonly large: PreluExcess;
  /** The smallest drop of an activation's mean gap from the small to the large set. */
  readonly dataEffect: number;
}

/**
 * Trains ReLU, LeakyReLU and PReLU MLPs on `small` and on `large` MNIST training digits, `seeds`
 * times each, and measures every network's train–test gap on the official test digits.
 *
 * @example
 * ```ts
 * import { dataSizeGap } from "./data_size_gap.ts";
 * import assert from "node:assert/strict";
 * const r = await dataSizeGap({ small: 20, large: 60, test: 100, hidden: [8], seeds: 1 });
 * assert.equal(r.runs.length, 6);
 * assert.deepEqual(r.schedule.map((s) => s.steps), [1, 1]);
 * ```
 */
export async function dataSizeGap(options?: DataSizeGapOptions): Promise<DataSizeGapResult> {
  const { onProgress, ...o } = parseOptions("dataSizeGap", options, DATA_SIZE_GAP_OPTIONS);
  if (o.small >= o.large) {
    throw new RangeError(
      `dataSizeGap: option "small" (${o.small}) must be below option "large" (${o.large})`,
    );
  }
  const perEpoch = (size: number) => Math.ceil(size / o.batchSize);
  const steps = o.epochs * perEpoch(o.large);
  const schedule = [o.small, o.large].map((size) => {
    const epochs = size === o.large ? o.epochs : Math.max(1, Math.round(steps / perEpoch(size)));
    return { size, epochs, stepsPerEpoch: perEpoch(size), steps: epochs * perEpoch(size) };
  });
  const seeds = Array.from({ length: o.seeds }, (_, k) => o.seed + k);
  const paramsOf = (a: ActivationName): Partial<Params> =>
    a === "leakyRelu" ? { alpha: o.leakyAlpha } : a === "prelu" ? { alpha: o.alpha } : {};
  const total = 2 * o.seeds * DATA_SIZE_GAP_ACTIVATIONS.length;
  const runs: DataSizeGapRun[] = [];
  let test: Dataset | undefined; // the same test digits for every seed: held as floats once
  for (const { size, epochs } of schedule) {
    for (const seed of seeds) {
      const data = await trainAndTest({ train: size, test: o.test, seed });
      test ??= holdFloats(data.test);
      for (const activation of DATA_SIZE_GAP_ACTIVATIONS) {
        const label = getActivation(activation).label;
        const model = new MLP([784, ...o.hidden, 10], {
          activation,
          params: paramsOf(activation),
          prelu: o.prelu,
          init: { scheme: "he", gain: Math.SQRT2 }, // the same initial weights for all three
          seed,
        });
        const t0 = performance.now();
        await fitAsync(model, { train: data.train }, {
          epochs,
          lr: o.lr,
          momentum: o.momentum,
          weightDecay: o.weightDecay,
          batchSize: o.batchSize,
          seed,
          probeSize: 16,
          startOn: "probe", // the errors are measured below: no pass over the digits before
        });
        const seconds = (performance.now() - t0) / 1000;
        const onTrain = evaluate(model, data.train);
        const onTest = evaluate(model, test);
        const trainError = 1 - onTrain.accuracy;
        const testError = 1 - onTest.accuracy;
        runs.push({
          size,
          seed,
          activation,
          label,
          trainError,
          testError,
          gap: testError - trainError,
          lossGap: onTest.loss - onTrain.loss,
          alpha: model.layers.flatMap((l) => (l.alpha ? [mean(l.alpha.data)] : [])),
          seconds,
        });
        await onProgress?.(runs.length, total, `${label}, ${size} digits, seed ${seed}`);
      }
    }
  }
  const of = (size: number, a: ActivationName) =>
    runs.filter((r) => r.size === size && r.activation === a);
  const summary = schedule.flatMap(({ size }) =>
    DATA_SIZE_GAP_ACTIVATIONS.map((activation): DataSizeGapSummary => {
      const rs = of(size, activation);
      const gaps = rs.map((r) => r.gap);
      const losses = rs.map((r) => r.lossGap);
      return {
        size,
        activation,
        label: rs[0].label,
        gap: mean(gaps),
        min: Math.min(...gaps),
        max: Math.max(...gaps),
        sd: gaps.length > 1 ? standardDeviation(gaps) : null,
        trainError: mean(rs.map((r) => r.trainError)),
        testError: mean(rs.map((r) => r.testError)),
        lossGap: mean(losses),
        lossMin: Math.min(...losses),
        lossMax: Math.max(...losses),
      };
    })
  );
  const excess = (size: number): PreluExcess => {
    const at = (a: ActivationName, seed: number) => of(size, a).find((r) => r.seed === seed)!.gap;
    const perSeed = seeds.map((s) => at("prelu", s) - Math.max(at("relu", s), at("leakyRelu", s)));
    const rows = summary.filter((r) => r.size === size);
    const [relu, leaky] = rows;
    return {
      size,
      perSeed,
      mean: mean(perSeed),
      interval: perSeed.length > 1 ? meanInterval(perSeed, DATA_SIZE_GAP_THRESHOLDS.level) : null,
      others: Math.max(relu.gap, leaky.gap),
      spread: Math.max(...rows.map((r) => r.max - r.min)),
    };
  };
  const gapOf = (size: number, a: ActivationName) =>
    summary.find((r) => r.size === size && r.activation === a)!.gap;
  return {
    options: o,
    split: "test",
    schedule,
    runs,
    summary,
    small: excess(o.small),
    large: excess(o.large),
    dataEffect: Math.min(
      ...DATA_SIZE_GAP_ACTIVATIONS.map((a) => gapOf(o.small, a) - gapOf(o.large, a)),
    ),
  };
}

/** The thresholds {@linkcode dataSizeGapFinding} decides by. */
export const DATA_SIZE_GAP_THRESHOLDS = {
  /** "Plenty of data" is tested only if the large set is at least this many times the small one. */
  minRatio: 10,
  /** The fewest seeds an interval is measured from. */
  minSeeds: 2,
  /** The confidence level of the intervals of PReLU's excess gap. */
  level: 0.95,
};

const pts = (x: number) => {
  const v = formatNumber(100 * x, { style: "unicode", digits: 2 });
  return `${v} ${v === "1" || v === "−1" ? "point" : "points"}`;
};
const digits = (n: number) => n.toLocaleString("en-US");
const than = (x: number) =>
  x >= 0
    ? `exceeds the larger of ReLU's and LeakyReLU's by ${pts(x)}`
    : `is below the larger of ReLU's and LeakyReLU's by ${pts(-x)}`;

/** Column labels for a table of {@linkcode DataSizeGapResult.summary}. */
export const DATA_SIZE_GAP_COLUMNS = [
  { key: "size", label: "training digits" },
  { key: "label", label: "activation" },
  { key: "trainError", label: "training error" },
  { key: "testError", label: "test error" },
  { key: "gap", label: "gap" },
  { key: "sd", label: "gap: SD" },
  { key: "lossGap", label: "loss gap" },
] as const;

/**
 * The finding on C5.3, from PReLU's excess gap: its gap minus the larger of ReLU's and LeakyReLU's,
 * seed by seed (the three networks of a seed share digits and initial weights), and the 95 %
 * Student t interval of its mean over the seeds:
 * - `"holds"`: on the small set the interval lies above 0, on the large set it does not: PReLU
 *   overfits more, but only with little data;
 * - `"holds in part"`: the intervals lie above 0 at both sizes;
 * - `"does not hold"`: on the small set the interval lies below 0: PReLU overfits less;
 * - `"inconclusive"`: the small set's interval includes 0, fewer than 2 seeds, or the large set
 *   under 10 × the small one.
 *
 * @example
 * ```ts
 * import { dataSizeGap, dataSizeGapFinding } from "./data_size_gap.ts";
 * import assert from "node:assert/strict";
 * const r = await dataSizeGap({ small: 20, large: 60, test: 100, hidden: [8], seeds: 1 });
 * assert.equal(dataSizeGapFinding(r).verdict, "inconclusive"); // one seed, 3× the data
 * ```
 */
export function dataSizeGapFinding(result: DataSizeGapResult): Finding {
  const claim = "C5.3";
  const article = "try PReLU only with plenty of training data";
  const { small, large } = result;
  const seeds = small.perSeed.length;
  const ratio = large.size / small.size;
  const numbers = {
    smallExcess: small.mean,
    smallLower: small.interval?.lower ?? null,
    smallUpper: small.interval?.upper ?? null,
    smallPerSeed: small.perSeed,
    smallOthers: small.others,
    largeExcess: large.mean,
    largeLower: large.interval?.lower ?? null,
    largeUpper: large.interval?.upper ?? null,
    dataEffect: result.dataEffect,
    seeds,
  };
  const measured = `PReLU's extra gap: ${pts(small.mean)} at ${digits(small.size)} digits${
    within(small.interval)
  }, ${pts(large.mean)} at ${digits(large.size)}${within(large.interval)}`;
  const verdict = (v: Finding["verdict"], text: string) =>
    finding({ claim, article, measured, verdict: v, numbers, text });
  if (seeds < DATA_SIZE_GAP_THRESHOLDS.minSeeds || ratio < DATA_SIZE_GAP_THRESHOLDS.minRatio) {
    const why = seeds < DATA_SIZE_GAP_THRESHOLDS.minSeeds
      ? "with one seed there is no interval to judge a difference by"
      : `${digits(large.size)} digits are only ${formatNumber(ratio, { digits: 2 })} times ${
        digits(small.size)
      }, too few to stand for plenty of data`;
    return verdict("inconclusive", `Nothing to decide: ${why}.`);
  }
  const s = small.interval!;
  const l = large.interval!;
  const first = `With ${digits(small.size)} training digits PReLU's gap (test − training error) ${
    than(small.mean)
  } (${level()} interval ${range(s)}, ${seeds} seeds, per seed ${
    listText(small.perSeed.map(pts))
  }); with ${digits(large.size)} digits the difference is ${pts(large.mean)} (${range(l)}).`;
  const size = small.others > 0
    ? ` The others' gap on the small set is ${pts(small.others)}: PReLU's excess is ${
      percent(small.mean / small.others)
    } of what the small training set costs.`
    : "";
  if (s.lower > 0) {
    const both = l.lower > 0;
    return verdict(
      both ? "holds in part" : "holds",
      first +
        (both
          ? " PReLU overfits more at both sizes, so plenty of data does not remove its penalty."
          : " PReLU overfits more only with little data, as the advice says.") +
        size,
    );
  }
  if (s.upper < 0) {
    return verdict(
      "does not hold",
      first + " PReLU overfits less than the others on the small set.",
    );
  }
  return verdict(
    "inconclusive",
    first + " The interval includes 0: these seeds cannot tell whether PReLU overfits " +
      "more on little data.",
  );
}

const level = () => percent(DATA_SIZE_GAP_THRESHOLDS.level, 0);
const range = (i: MeanInterval) => `${pts(i.lower)} to ${pts(i.upper)}`;
const within = (i: MeanInterval | null) => i === null ? "" : ` (${level()} interval ${range(i)})`;
