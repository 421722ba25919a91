/**
 * C4.1, what α learns: a deep PReLU MLP trained on MNIST digits, with one α per layer (shared, the
 * form of He et al.'s Table 1) over many seeds, and with one α per unit (channel-wise) over a few.
 * The trainer records every α after every epoch; the question is He et al.'s observation that α
 * is large in the early layers and small near the top.
 *
 * @module
 */

import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import { percent, plural } from "../display/prose.ts";
import { MLP } from "../nn/mlp.ts";
import {
  integer,
  integers,
  number,
  type Options,
  type OptionsInput,
  parseOptions,
  progressOption,
} from "../options.ts";
import { type MeanInterval, meanInterval } from "../stats/interval.ts";
import { rankCorrelation } from "../stats/rank_correlation.ts";
import { mean, quantile } from "../stats/summary.ts";
import { evaluate, fitAsync } from "../train/fit.ts";
import { trainAndTest } from "./_digits.ts";
import { type Finding, finding, type Verdict } from "./finding.ts";

/** The options of {@linkcode learnedAlpha}, with their defaults. */
export const LEARNED_ALPHA_OPTIONS = {
  /** PReLU's initial α (He et al. and PyTorch: 0.25). */
  alpha: number(0.25, { min: -10, max: 10 }),
  /** The hidden layers of the MLP 784 → hidden → 10. */
  hidden: integers([64, 64, 64, 64, 64], { min: 1, max: 512 }, { maxLength: 12 }),
  /** MNIST training digits. */
  train: integer(1000, { min: 10, max: 50_000 }),
  /** Official MNIST test digits the trained networks are scored on. */
  test: integer(2000, { min: 1, max: 10_000 }),
  /** Epochs of training. */
  epochs: integer(6, { min: 1, max: 100 }),
  /** SGD's learning rate. */
  lr: number(0.01, { min: 0, max: 10, open: "min" }),
  /** SGD's momentum. */
  momentum: number(0.9, { min: 0, max: 1, open: "max" }),
  /** Weight decay on weights and biases (never on α). */
  weightDecay: number(5e-4, { min: 0, max: 1 }),
  /** Minibatch size. */
  batchSize: integer(32, { min: 1, max: 10_000 }),
  /**
   * Seeds of the shared form (the k-th is seed + k: digits, weights, minibatch order); the verdict
   * is a t interval over them.
   */
  seeds: integer(10, { min: 1, max: 20 }),
  /** Seeds of the per-unit form (seed, seed + 1, …: the first of the shared form's seeds). */
  channelSeeds: integer(3, { min: 1, max: 20 }),
  /** The first seed. */
  seed: integer(0, { min: 0 }),
  /** Called after every epoch of every network (`progress("training")` draws a bar). */
  onProgress: progressOption(),
};

/** What {@linkcode learnedAlpha} takes: every field optional. */
export type LearnedAlphaOptions = OptionsInput<typeof LEARNED_ALPHA_OPTIONS>;

/** One network with one α per layer. */
export interface SharedAlphaRun {
  readonly seed: number;
  /** Per epoch (0 = before training), per hidden layer: α. */
  readonly alpha: readonly (readonly number[])[];
  /** α per hidden layer after training. */
  readonly final: readonly number[];
  /** Spearman's rank correlation of α with depth after training (null: α equal in every layer). */
  readonly rho: number | null;
  /** Accuracy on the official test digits. */
  readonly testAccuracy: number;
}

/** One network with one α per unit. */
export interface ChannelAlphaRun {
  readonly seed: number;
  /** Per epoch, per hidden layer: the mean α over the layer's units, and its 10 % and 90 % quantiles. */
  readonly mean: readonly (readonly number[])[];
  readonly low: readonly (readonly number[])[];
  readonly high: readonly (readonly number[])[];
  /** The layer means after training. */
  readonly final: readonly number[];
  /** Spearman's rank correlation of the layer means with depth (null: all equal). */
  readonly rho: number | null;
  /** Units whose α ended below 0. */
  readonly negative: number;
  /** Accuracy on the official test digits. */
  readonly testAccuracy: number;
}

/** What {@linkcode learnedAlpha} returns: plain data. */
export interface LearnedAlphaResult {
  /** The options used, defaults filled in (without the callback). */
  readonly options: Omit<Options<typeof LEARNED_ALPHA_OPTIONS>, "onProgress">;
  /** The split the accuracies come from. */
  readonly split: "test";
  /** Hidden layer numbers 1 … L, and epochs 0 … E. */
  readonly layers: readonly number[];
  readonly epochs: readonly number[];
  readonly shared: readonly SharedAlphaRun[];
  readonly channel: readonly ChannelAlphaRun[];
  /** Per hidden layer: the shared α after training, mean / min / max over the seeds. */
  readonly sharedMean: readonly number[];
  readonly sharedMin: readonly number[];
  readonly sharedMax: readonly number[];
  /** Per hidden layer: the per-unit layer mean after training, mean over its seeds. */
  readonly channelMean: readonly number[];
  /** The farthest any shared α, and any per-unit layer mean, moved from the initial α. */
  readonly sharedMove: number;
  readonly channelMove: number;
  /** Shared α below 0 after training (out of seeds × layers), and units with α below 0 (out of all). */
  readonly negativeShared: number;
  readonly negativeUnits: number;
  readonly units: number;
}

const rankOrNull = (depths: number[], alphas: readonly number[]): number | null => {
  const r = rankCorrelation(depths, alphas);
  return Number.isNaN(r) ? null : r;
};

/**
 * Trains the PReLU MLP 784 → hidden → 10 with SGD (momentum, weight decay on weights and biases
 * only) on `train` MNIST digits, `seeds` times with a shared α and `channelSeeds` times with one α
 * per unit, and records every α after every epoch.
 *
 * @example
 * ```ts
 * import { learnedAlpha } from "./learned_alpha.ts";
 * import assert from "node:assert/strict";
 * const r = await learnedAlpha({ hidden: [8, 8], train: 40, test: 20, epochs: 1, seeds: 1 });
 * assert.deepEqual(r.shared[0].alpha[0], [0.25, 0.25]); // epoch 0: where α starts
 * assert.equal(r.channel[0].final.length, 2);
 * ```
 */
export async function learnedAlpha(options?: LearnedAlphaOptions): Promise<LearnedAlphaResult> {
  const { onProgress, ...o } = parseOptions("learnedAlpha", options, LEARNED_ALPHA_OPTIONS);
  const L = o.hidden.length;
  const layers = Array.from({ length: L }, (_, l) => l + 1);
  const total = (o.seeds + o.channelSeeds) * o.epochs;
  let done = 0;
  const train = async (mode: "shared" | "channel", seed: number) => {
    const data = await trainAndTest({ train: o.train, test: o.test, seed });
    const model = new MLP([784, ...o.hidden, 10], {
      activation: "prelu",
      params: { alpha: o.alpha },
      prelu: mode,
      seed,
    });
    const history = await fitAsync(model, { train: data.train }, {
      epochs: o.epochs,
      lr: o.lr,
      momentum: o.momentum,
      weightDecay: o.weightDecay,
      batchSize: o.batchSize,
      seed,
      probeSize: 64,
      startOn: "probe", // only α is read from the history
      onEpoch: async (r) => {
        if (r.epoch > 0) {
          await onProgress?.(++done, total, `${mode} α, seed ${seed}, epoch ${r.epoch}`);
        }
      },
    });
    const alphas = history.epochs.map((e) => e.alpha.map((a) => [...a!]));
    return { alphas, testAccuracy: evaluate(model, data.test).accuracy };
  };

  const shared: SharedAlphaRun[] = [];
  const channel: ChannelAlphaRun[] = [];
  let finalUnits: number[] = [];
  for (let k = 0; k < Math.max(o.seeds, o.channelSeeds); k++) {
    const seed = o.seed + k;
    if (k < o.seeds) {
      const s = await train("shared", seed);
      const alpha = s.alphas.map((perLayer) => perLayer.map((a) => a[0]));
      const final = alpha[o.epochs];
      shared.push({
        seed,
        alpha,
        final,
        rho: rankOrNull(layers, final),
        testAccuracy: s.testAccuracy,
      });
    }
    if (k < o.channelSeeds) {
      const c = await train("channel", seed);
      const stat = (f: (a: number[]) => number) => c.alphas.map((perLayer) => perLayer.map(f));
      const means = stat(mean);
      const last = c.alphas[o.epochs];
      finalUnits = finalUnits.concat(last.flat());
      channel.push({
        seed,
        mean: means,
        low: stat((a) => quantile(a, 0.1)),
        high: stat((a) => quantile(a, 0.9)),
        final: means[o.epochs],
        rho: rankOrNull(layers, means[o.epochs]),
        negative: last.flat().filter((v) => v < 0).length,
        testAccuracy: c.testAccuracy,
      });
    }
  }
  const byLayer = (runs: readonly { final: readonly number[] }[], f: (xs: number[]) => number) =>
    layers.map((_, l) => f(runs.map((r) => r.final[l])));
  const sharedFinals = shared.flatMap((r) => r.final);
  return {
    options: o,
    split: "test",
    layers,
    epochs: Array.from({ length: o.epochs + 1 }, (_, e) => e),
    shared,
    channel,
    sharedMean: byLayer(shared, mean),
    sharedMin: byLayer(shared, (xs) => Math.min(...xs)),
    sharedMax: byLayer(shared, (xs) => Math.max(...xs)),
    channelMean: byLayer(channel, mean),
    sharedMove: Math.max(...sharedFinals.map((v) => Math.abs(v - o.alpha))),
    channelMove: Math.max(...channel.flatMap((r) => r.final.map((v) => Math.abs(v - o.alpha)))),
    negativeShared: sharedFinals.filter((v) => v < 0).length,
    negativeUnits: finalUnits.filter((v) => v < 0).length,
    units: finalUnits.length,
  };
}

/** One row of {@linkcode learnedAlphaRows}: a seed's networks after training. */
export type LearnedAlphaRow = {
  readonly seed: number;
  /** The shared α per layer, first to last hidden layer. */
  readonly shared: readonly number[];
  readonly rho: number | null;
  readonly testAccuracy: number;
  /** The per-unit form's layer means and test accuracy, null where it was not trained. */
  readonly channel: readonly number[] | null;
  readonly channelTestAccuracy: number | null;
};

/**
 * One row per seed of the shared form, with the per-unit form's numbers beside them for the seeds
 * it was trained with; for `table(rows, { columns: LEARNED_ALPHA_COLUMNS })`.
 *
 * @example
 * ```ts
 * import { learnedAlpha, learnedAlphaRows } from "./learned_alpha.ts";
 * import assert from "node:assert/strict";
 * const r = await learnedAlpha({ hidden: [4], train: 40, test: 20, epochs: 1, seeds: 2, channelSeeds: 1 });
 * const rows = learnedAlphaRows(r);
 * assert.deepEqual(rows.map((row) => row.seed), [0, 1]);
 * assert.equal(rows[1].channel, null);
 * ```
 */
export function learnedAlphaRows(result: LearnedAlphaResult): LearnedAlphaRow[] {
  return result.shared.map((s) => {
    const c = result.channel.find((run) => run.seed === s.seed);
    return {
      seed: s.seed,
      shared: s.final,
      rho: s.rho,
      testAccuracy: s.testAccuracy,
      channel: c ? c.final : null,
      channelTestAccuracy: c ? c.testAccuracy : null,
    };
  });
}

// A shared α moves by tenths, a per-unit layer mean by thousandths: two and three decimals.
const alphaList = (decimals: number) => (v: unknown) =>
  v === null ? "" : (v as number[]).map((a) => a.toFixed(decimals)).join(", ");

/** Column labels for {@linkcode learnedAlphaRows}. */
export const LEARNED_ALPHA_COLUMNS = [
  { key: "seed", label: "seed" },
  { key: "shared", label: "shared α, layer 1 → last", format: alphaList(2) },
  { key: "rho", label: "rank corr. with depth" },
  { key: "testAccuracy", label: "test accuracy" },
  { key: "channel", label: "per-unit α, layer means", format: alphaList(3) },
  { key: "channelTestAccuracy", label: "per-unit: test accuracy" },
] as const;

/** The thresholds {@linkcode learnedAlphaFinding} decides by. */
export const LEARNED_ALPHA_THRESHOLDS = {
  /** The fewest hidden layers a depth profile is judged on. */
  minLayers: 3,
  /** The confidence level of the t interval of the mean rank correlation over the seeds. */
  level: 0.95,
};

const n = (x: number) => formatNumber(x, { style: "unicode", digits: 2 });

/**
 * The finding on what α learns, against He et al.'s "α is larger in early layers and small near
 * the top", from the shared α after training: per seed ρ, its rank correlation with depth (0 where
 * α ends level), and the 95 % Student t interval of the mean ρ over the seeds:
 * - `"holds"`: the interval lies below 0 (α falls with depth) and layer 1's α, averaged over the
 *   seeds, is the largest;
 * - `"holds in part"`: the interval lies below 0, but layer 1's average α is not the largest;
 * - `"does not hold"`: the interval lies above 0 (α rises with depth: the opposite);
 * - `"inconclusive"`: the interval contains 0, or there are fewer than 2 seeds or 3 hidden layers.
 *
 * At 10 seeds (the default) every window of seeds k … k + 9 for k = 0 … 10 gives an interval above
 * 0; at 3 seeds 14 of the 18 windows contain 0.
 *
 * @example
 * ```ts
 * import { learnedAlpha, learnedAlphaFinding } from "./learned_alpha.ts";
 * import assert from "node:assert/strict";
 * const r = await learnedAlpha({ hidden: [8, 8], train: 40, test: 20, epochs: 1, seeds: 1, channelSeeds: 1 });
 * assert.equal(learnedAlphaFinding(r).verdict, "inconclusive"); // 2 layers: no profile to judge
 * ```
 */
export function learnedAlphaFinding(result: LearnedAlphaResult): Finding {
  const claim = "C4.1 (what α learns)";
  const article = "He et al.: learned α larger in early layers, small near the top";
  const t = LEARNED_ALPHA_THRESHOLDS;
  const L = result.layers.length;
  const rhos = result.shared.map((r) => r.rho ?? 0);
  const seeds = result.shared.length;
  const channelRhos = result.channel.map((r) => r.rho ?? 0);
  const layerMeans = result.sharedMean;
  const interval = seeds >= 2 ? meanInterval(rhos, t.level) : null;
  const numbers = {
    rho: rhos,
    rhoMean: mean(rhos),
    rhoLower: interval?.lower ?? null,
    rhoUpper: interval?.upper ?? null,
    channelRho: channelRhos,
    firstLayer: result.shared.map((r) => r.final[0]),
    layerMeans,
    layers: L,
  };
  const above = rhos.filter((r) => r > 0).length;
  const below = rhos.filter((r) => r < 0).length;
  const range = (i: MeanInterval) => `${n(i.lower)} to ${n(i.upper)}`;
  const measured =
    `rank correlation of the shared α with depth: mean ${n(numbers.rhoMean)} over ${
      plural(seeds, "seed")
    }` + (interval ? ` (${percent(t.level, 0)} interval ${range(interval)})` : "") +
    `, above 0 in ${above}; per-unit layer means ${listText(channelRhos.map(n))}`;
  if (L < t.minLayers) {
    return finding({
      claim,
      article,
      measured: `${plural(L, "hidden layer")}: no depth profile`,
      verdict: "inconclusive",
      numbers,
      text: `With ${
        plural(L, "hidden layer")
      } there is no depth profile to judge: use ${t.minLayers} or more.`,
    });
  }
  const others = layerMeans.slice(1);
  const ours = `In our ${L}-layer MLP the shared α's rank correlation with depth (−1: it falls ` +
    `layer by layer, +1: it rises) is ${listText(rhos.map(n))} in the ${plural(seeds, "seed")}, ` +
    `above 0 in ${above} and below in ${below}` +
    (interval
      ? `; its mean is ${n(interval.mean)}, with a ${percent(t.level, 0)} interval of ${
        range(interval)
      }`
      : "") +
    `. On average layer 1 ends at ${n(layerMeans[0])}, the layers above it at ${
      n(Math.min(...others))
    } to ${n(Math.max(...others))}.`;
  const decide = (verdict: Verdict, why: string) =>
    finding({ claim, article, measured, verdict, numbers, text: `${ours} ${why}` });
  if (interval === null) {
    return decide("inconclusive", "One seed gives no interval: use 2 or more.");
  }
  if (interval.upper < 0) {
    return layerMeans[0] > Math.max(...others)
      ? decide("holds", "α falls with depth and is largest in layer 1, as in He et al.'s model.")
      : decide("holds in part", "α falls with depth, but layer 1 is not the largest on average.");
  }
  if (interval.lower > 0) {
    return decide("does not hold", "α rises with depth: the opposite of He et al.'s profile.");
  }
  return decide(
    "inconclusive",
    "The interval contains 0: these seeds show no consistent depth profile.",
  );
}
