/**
 * C3.1 against CS231n's warning: with a learning rate set too high "as much as 40 % of your
 * network can be dead". The same MLP, nothing killed by hand, trains on MNIST digits at a too-high
 * learning rate with ReLU and with LeakyReLU (the same initial weights per seed); we count the
 * units of each hidden layer never positive on the training digits at the end.
 *
 * @module
 */

import { formatNumber } from "../display/format_number.ts";
import { plural } from "../display/prose.ts";
import { MLP } from "../nn/mlp.ts";
import {
  integer,
  number,
  type Options,
  type OptionsInput,
  parseOptions,
  progressOption,
} from "../options.ts";
import { mean } from "../stats/summary.ts";
import { batchOf, evaluate, fitAsync } from "../train/fit.ts";
import { revivedUnits } from "../train/kill_units.ts";
import { trainAndTest } from "./_digits.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode highLearningRate}, with their defaults. */
export const HIGH_LEARNING_RATE_OPTIONS = {
  /** LeakyReLU's slope α. */
  alpha: number(0.01, { min: 0, max: 1 }),
  /** The too-high SGD learning rate. */
  lr: number(0.7, { min: 0, max: 100, open: "min" }),
  /** Runs per activation: weights and minibatch order from seed, seed + 1, … */
  runs: integer(3, { min: 1, max: 50 }),
  /** Epochs per run. */
  epochs: integer(4, { min: 1, max: 100 }),
  /** MNIST training digits. */
  train: integer(1000, { min: 10, max: 50_000 }),
  /** Official MNIST test digits every trained network is scored on. */
  test: integer(2000, { min: 1, max: 10_000 }),
  /** Units of each hidden layer of the MLP 784 → hidden → hidden → 10. */
  hidden: integer(64, { min: 1, max: 512 }),
  /** Minibatch size. */
  batchSize: integer(32, { min: 1, max: 50_000 }),
  /** Seed of the first run. */
  seed: integer(1, { min: 0 }),
  /** Called after every epoch of every run (`progress("training")` draws a bar). */
  onProgress: progressOption(),
};

/** What {@linkcode highLearningRate} takes: every field optional. */
export type HighLearningRateOptions = OptionsInput<typeof HIGH_LEARNING_RATE_OPTIONS>;

/** One run. */
export interface HighLearningRateRun {
  /** "ReLU" or "LeakyReLU α = 0.01". */
  readonly label: string;
  /** "relu" or "leakyRelu". */
  readonly activation: "relu" | "leakyRelu";
  /** Its seed (weights and minibatch order; the digits come from the first seed). */
  readonly seed: number;
  /** Per epoch (0 = before training): hidden layer 1's units never positive on the training digits. */
  readonly dead: readonly number[];
  /** At the end, hidden layer 2's units never positive. */
  readonly deadLayer2: number;
  /** Per epoch: the training loss. */
  readonly trainLoss: readonly number[];
  /** The loss became non-finite: left out of the means. */
  readonly diverged: boolean;
  /** Error on the official MNIST test digits at the end (null when diverged). */
  readonly testError: number | null;
}

/** What {@linkcode highLearningRate} returns: plain data. */
export interface HighLearningRateResult {
  /** The options used, defaults filled in (without the callback). */
  readonly options: Omit<Options<typeof HIGH_LEARNING_RATE_OPTIONS>, "onProgress">;
  /** The split the errors come from. */
  readonly split: "test";
  /** ReLU's runs, then LeakyReLU's, seed by seed. */
  readonly runs: readonly HighLearningRateRun[];
}

const neverPositive = (model: MLP, x: ReturnType<typeof batchOf>["x"], layer: number) => {
  const units = model.sizes[layer + 1];
  if (layer === 0) return 1 - revivedUnits(model, x, units) / units;
  const trace: { pre: { data: Float64Array } }[] = [];
  model.forward(x, { trace: trace as never });
  const z = trace[layer].pre.data;
  let alive = 0;
  for (let j = 0; j < units; j++) {
    for (let i = j; i < z.length; i += units) {
      if (z[i] > 0) {
        alive++;
        break;
      }
    }
  }
  return 1 - alive / units;
};

/**
 * Trains the MLP 784 → hidden → hidden → 10 at learning rate `lr` with ReLU and with LeakyReLU,
 * `runs` seeds each (He init, the same weights for both within a seed), and records the units
 * never positive on the training digits.
 *
 * @example
 * ```ts
 * import { highLearningRate } from "./high_learning_rate.ts";
 * import assert from "node:assert/strict";
 * const r = await highLearningRate({ runs: 1, epochs: 1, train: 40, test: 20, hidden: 8 });
 * assert.deepEqual(r.runs.map((run) => run.label), ["ReLU", "LeakyReLU α = 0.01"]);
 * assert.equal(r.runs[0].dead.length, 2);
 * ```
 */
export async function highLearningRate(
  options?: HighLearningRateOptions,
): Promise<HighLearningRateResult> {
  const { onProgress, ...o } = parseOptions(
    "highLearningRate",
    options,
    HIGH_LEARNING_RATE_OPTIONS,
  );
  const total = 2 * o.runs * o.epochs;
  let done = 0;
  const runs: HighLearningRateRun[] = [];
  const data = await trainAndTest({ train: o.train, test: o.test, seed: o.seed });
  const x = batchOf(data.train, Int32Array.from({ length: data.train.n }, (_, i) => i)).x;
  for (const activation of ["relu", "leakyRelu"] as const) {
    const label = activation === "relu" ? "ReLU" : `LeakyReLU α = ${formatNumber(o.alpha)}`;
    for (let k = 0; k < o.runs; k++) {
      const seed = o.seed + k;
      const model = new MLP([data.train.features, o.hidden, o.hidden, data.train.classes], {
        activation,
        params: activation === "relu" ? {} : { alpha: o.alpha },
        init: { scheme: "he", gain: Math.SQRT2 },
        seed,
      });
      const dead: number[] = [];
      const history = await fitAsync(model, { train: data.train }, {
        epochs: o.epochs,
        lr: o.lr,
        batchSize: o.batchSize,
        seed,
        probeSize: 1,
        onEpoch: async (record) => {
          dead.push(Number.isFinite(record.trainLoss) ? neverPositive(model, x, 0) : NaN);
          if (record.epoch > 0) {
            await onProgress?.(++done, total, `${label}, seed ${seed}, epoch ${record.epoch}`);
          }
        },
      });
      const trainLoss = history.epochs.map((e) => e.trainLoss);
      const diverged = !trainLoss.every(Number.isFinite) || dead.some(Number.isNaN);
      runs.push({
        label,
        activation,
        seed,
        dead: diverged ? dead.map(() => 0) : dead,
        deadLayer2: diverged ? 0 : neverPositive(model, x, 1),
        trainLoss: diverged ? trainLoss.map((l) => (Number.isFinite(l) ? l : 0)) : trainLoss,
        diverged,
        testError: diverged ? null : 1 - evaluate(model, data.test).accuracy,
      });
    }
  }
  return { options: o, split: "test", runs };
}

/** The thresholds {@linkcode highLearningRateFinding} decides by. */
export const HIGH_LEARNING_RATE_THRESHOLDS = {
  /** The learning rate "kills" units when ReLU ends with at least this fraction of layer 1 dead. */
  kills: 0.05,
  /** LeakyReLU differs from ReLU when the mean fractions differ by more than this. */
  differ: 0.1,
};

const pct = (x: number) => `${formatNumber(100 * x, { digits: 3 })} %`;

/** Mean of the finite runs of one activation: layer-1 never-positive fraction, test error. */
export function highLearningRateSummary(
  result: HighLearningRateResult,
  activation: "relu" | "leakyRelu",
): { runs: number; diverged: number; dead: number | null; testError: number | null } {
  const all = result.runs.filter((r) => r.activation === activation);
  const ok = all.filter((r) => !r.diverged);
  return {
    runs: ok.length,
    diverged: all.length - ok.length,
    dead: ok.length ? mean(ok.map((r) => r.dead[r.dead.length - 1])) : null,
    testError: ok.length ? mean(ok.map((r) => r.testError as number)) : null,
  };
}

/**
 * The finding on C3.1 at a too-high learning rate, from the mean fraction of hidden layer 1 never
 * positive at the end (over the runs that did not diverge):
 * - `"holds"`: ReLU ends with at least 5 % dead and LeakyReLU with more than 0.1 less;
 * - `"holds in part"`: about as many LeakyReLU units end on their negative side (within 0.1) —
 *   but there they still get an α-sized gradient, where ReLU's get none;
 * - `"does not hold"`: more than 0.1 more LeakyReLU units end there;
 * - `"inconclusive"`: every run of one activation diverged, ReLU ends with under 5 % dead (the
 *   learning rate killed nothing to fix), or α = 0 (LeakyReLU is then ReLU).
 *
 * @example
 * ```ts
 * import { highLearningRate, highLearningRateFinding } from "./high_learning_rate.ts";
 * import assert from "node:assert/strict";
 * const r = await highLearningRate({ lr: 0.01, runs: 1, epochs: 1, train: 40, test: 20, hidden: 8 });
 * assert.ok(["inconclusive", "holds in part"].includes(highLearningRateFinding(r).verdict));
 * ```
 */
export function highLearningRateFinding(result: HighLearningRateResult): Finding {
  const claim = "C3.1 (high learning rate)";
  const article = "LeakyReLU fixes the units a too-high learning rate kills";
  const { lr, epochs } = result.options;
  const relu = highLearningRateSummary(result, "relu");
  const leaky = highLearningRateSummary(result, "leakyRelu");
  const numbers = {
    reluDead: relu.dead,
    leakyDead: leaky.dead,
    reluDiverged: relu.diverged,
    leakyDiverged: leaky.diverged,
    reluTestError: relu.testError,
    leakyTestError: leaky.testError,
  };
  if (relu.dead === null || leaky.dead === null) {
    const who = relu.dead === null ? "ReLU" : "LeakyReLU";
    return finding({
      claim,
      article,
      measured: `every ${who} run diverged`,
      verdict: "inconclusive",
      numbers,
      text: `Nothing to decide: at learning rate ${lr} every ${who} run diverged.`,
    });
  }
  const measured = `layer 1 never positive: ReLU ${pct(relu.dead)}, LeakyReLU ${pct(leaky.dead)}`;
  const errors = `test error ${pct(relu.testError as number)} and ${
    pct(leaky.testError as number)
  }`;
  const { kills, differ } = HIGH_LEARNING_RATE_THRESHOLDS;
  if (result.options.alpha === 0) {
    return finding({
      claim,
      article,
      measured,
      verdict: "inconclusive",
      numbers,
      text: "Nothing to decide: with α = 0 LeakyReLU is ReLU, and no gradient leaks.",
    });
  }
  if (relu.dead < kills) {
    return finding({
      claim,
      article,
      measured,
      verdict: "inconclusive",
      numbers,
      text: `At learning rate ${lr} only ${
        pct(relu.dead)
      } of ReLU's first layer ends dead: nothing for LeakyReLU to fix.`,
    });
  }
  const gap = leaky.dead - relu.dead;
  const verdict = gap < -differ ? "holds" : gap > differ ? "does not hold" : "holds in part";
  const start = `After ${plural(epochs, "epoch")} at learning rate ${lr}, ${
    pct(relu.dead)
  } of ReLU's first-layer units are dead for good and ${
    pct(leaky.dead)
  } of LeakyReLU's sit on their negative side (${errors}). `;
  const tail = verdict === "holds"
    ? "Fewer LeakyReLU units end stuck."
    : verdict === "does not hold"
    ? "More LeakyReLU units end stuck than ReLU units die."
    : "About as many units are knocked over; LeakyReLU's still get an α-sized gradient.";
  return finding({ claim, article, measured, verdict, numbers, text: start + tail });
}
