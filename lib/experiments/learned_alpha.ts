/**
 * C4.1, what α learns: a deep PReLU MLP trained on MNIST digits, with one α per layer (shared, the
 * form of He et al.'s Table 1) and with one α per unit (channel-wise), each over several seeds.
 * The trainer records every α after every epoch; the question is He et al.'s observation that α
 * is large in the early layers and small near the top.
 *
 * @module
 */

import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import { plural } from "../display/prose.ts";
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
import { rankCorrelation } from "../stats/rank_correlation.ts";
import { mean, quantile } from "../stats/summary.ts";
import { evaluate, fitAsync } from "../train/fit.ts";
import { trainAndTest } from "./_digits.ts";
import { type Finding, finding } from "./finding.ts";

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
  /** Seeds per form of α (the k-th is seed + k: digits, weights, minibatch order). */
  seeds: integer(3, { min: 1, max: 10 }),
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
  /** Per hidden layer: the per-unit layer mean after training, mean over the seeds. */
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
 * only) on `train` MNIST digits, `seeds` times with a shared α and `seeds` times with one α per
 * unit, and records every α after every epoch.
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
  const seeds = Array.from({ length: o.seeds }, (_, k) => o.seed + k);
  const total = 2 * o.seeds * o.epochs;
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
  for (const seed of seeds) {
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

/** The thresholds {@linkcode learnedAlphaFinding} decides by. */
export const LEARNED_ALPHA_THRESHOLDS = {
  /** The fewest hidden layers a depth profile is judged on. */
  minLayers: 3,
};

const n = (x: number) => formatNumber(x, { style: "unicode", digits: 2 });

/**
 * The finding on what α learns, against He et al.'s "α is larger in early layers and small near
 * the top", from the shared α after training (ρ: its rank correlation with depth, per seed):
 * - `"holds"`: ρ < 0 and layer 1's α the largest, in every seed;
 * - `"holds in part"`: one of the two in every seed, not both;
 * - `"does not hold"`: ρ > 0 in every seed, or layer 1's α the smallest in every seed (the opposite);
 * - `"inconclusive"`: the seeds disagree, or fewer than 3 hidden layers.
 *
 * @example
 * ```ts
 * import { learnedAlpha, learnedAlphaFinding } from "./learned_alpha.ts";
 * import assert from "node:assert/strict";
 * const r = await learnedAlpha({ hidden: [8, 8], train: 40, test: 20, epochs: 1, seeds: 1 });
 * assert.equal(learnedAlphaFinding(r).verdict, "inconclusive"); // 2 layers: no profile to judge
 * ```
 */
export function learnedAlphaFinding(result: LearnedAlphaResult): Finding {
  const claim = "C4.1 (what α learns)";
  const article = "He et al.: learned α larger in early layers, small near the top";
  const L = result.layers.length;
  const rhos = result.shared.map((r) => r.rho);
  const seeds = result.shared.length;
  const every = seeds === 1 ? `in seed ${result.shared[0].seed}` : `in all ${seeds} seeds`;
  const rhoText = listText(rhos.map((r) => (r === null ? "none (α level)" : n(r))));
  const channelRhos = result.channel.map((r) => r.rho ?? 0);
  const numbers = {
    rho: rhos.map((r) => r ?? 0),
    channelRho: channelRhos,
    firstLayer: result.shared.map((r) => r.final[0]),
    layers: L,
  };
  const measured = `rank correlation with depth: shared α ${rhoText}; per-unit layer means ${
    listText(channelRhos.map(n))
  }`;
  if (L < LEARNED_ALPHA_THRESHOLDS.minLayers) {
    return finding({
      claim,
      article,
      measured: `${plural(L, "hidden layer")}: no depth profile`,
      verdict: "inconclusive",
      numbers,
      text: `With ${
        plural(L, "hidden layer")
      } there is no depth profile to judge: use ${LEARNED_ALPHA_THRESHOLDS.minLayers} or more.`,
    });
  }
  const falls = rhos.every((r) => r !== null && r < 0);
  const rises = rhos.every((r) => r !== null && r > 0);
  const firstLargest = result.shared.every((r) => r.final[0] > Math.max(...r.final.slice(1)));
  const firstSmallest = result.shared.every((r) => r.final[0] < Math.min(...r.final.slice(1)));
  const ours = `In our ${L}-layer MLP the shared α's rank correlation with depth is ${rhoText} ` +
    `(−1: it falls layer by layer) and layer 1 ends at ${
      listText(result.shared.map((r) => n(r.final[0])))
    }`;
  if (falls || firstLargest) {
    const both = falls && firstLargest;
    return finding({
      claim,
      article,
      measured,
      verdict: both ? "holds" : "holds in part",
      numbers,
      text: `${ours}. ` +
        (both
          ? `α falls with depth and is largest in layer 1 ${every}, as in He et al.'s model.`
          : falls
          ? `α tends to fall with depth ${every}, but layer 1 is not always the largest.`
          : `Layer 1 has the largest α ${every}, but below it α does not fall consistently.`),
    });
  }
  if (rises || firstSmallest) {
    return finding({
      claim,
      article,
      measured,
      verdict: "does not hold",
      numbers,
      text: `${ours}. ` +
        (rises
          ? `α rises with depth ${every}: the opposite of He et al.'s profile.`
          : `Layer 1 has the smallest α ${every}: the opposite of He et al.'s profile.`),
    });
  }
  return finding({
    claim,
    article,
    measured,
    verdict: "inconclusive",
    numbers,
    text: `${ours}: the seeds disagree, so this network shows no consistent depth profile.`,
  });
}
