/**
 * C4.1 as He et al. 2015 train it: α starts at 0.25 and gets no weight decay, which would pull it
 * towards 0, that is towards ReLU. One SGD step with every gradient zero is weight decay alone,
 * θ ← θ − lr·λ·θ: every weight shrinks by the factor 1 − lr·λ, and α should not move.
 *
 * @module
 */

import { Tensor } from "../autograd/tensor.ts";
import { formatNumber } from "../display/format_number.ts";
import { MLP } from "../nn/mlp.ts";
import {
  integer,
  integers,
  number,
  oneOf,
  type Options,
  type OptionsInput,
  parseOptions,
} from "../options.ts";
import { SGD } from "../optim/sgd.ts";
import { mean } from "../stats/summary.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode alphaWeightDecay}, with their defaults. */
export const ALPHA_WEIGHT_DECAY_OPTIONS = {
  /** PReLU's initial α (He et al. and PyTorch: 0.25). */
  alpha: number(0.25, { min: -10, max: 10 }),
  /** The hidden layers of the PReLU MLP 784 → hidden → 10. */
  hidden: integers([64, 64, 64, 64, 64], { min: 1, max: 1024 }, { maxLength: 20 }),
  /** One α per layer (`"shared"`) or one per unit (`"channel"`). */
  prelu: oneOf("shared", ["shared", "channel"] as const),
  /** SGD's learning rate. */
  lr: number(0.01, { min: 0, max: 10, open: "min" }),
  /** SGD's weight decay λ (0 shows nothing: then nothing moves at all). */
  weightDecay: number(5e-4, { min: 0, max: 1 }),
  /** Seed of the weights. */
  seed: integer(0, { min: 0 }),
};

/** What {@linkcode alphaWeightDecay} takes: every field optional. */
export type AlphaWeightDecayOptions = OptionsInput<typeof ALPHA_WEIGHT_DECAY_OPTIONS>;

/** What the step did to one parameter tensor. */
export interface DecayRow {
  /** `layer1.weight`, `layer2.alpha`, … */
  readonly parameter: string;
  readonly kind: "weight" | "bias" | "alpha";
  /** Values in the tensor. */
  readonly values: number;
  /** The smallest and largest relative change (after − before) / before over its non-zero values; null when all are 0. */
  readonly minChange: number | null;
  readonly maxChange: number | null;
  /** Whether SGD applies weight decay to it. */
  readonly decayed: boolean;
}

/** What {@linkcode alphaWeightDecay} returns: plain data. */
export interface AlphaWeightDecayResult {
  /** The options used, defaults filled in. */
  readonly options: Options<typeof ALPHA_WEIGHT_DECAY_OPTIONS>;
  /** One row per parameter tensor, input side first. */
  readonly rows: readonly DecayRow[];
  /** What decay alone prescribes for every weight: −lr·λ. */
  readonly expected: number;
  /** The mean relative change of the weights. */
  readonly weightChange: number;
  /** The largest |relative change − expected| over every weight. */
  readonly weightDeviation: number;
  /** Weights in the network. */
  readonly weights: number;
  /** Whether every α is bit for bit what it was. */
  readonly alphaUnchanged: boolean;
  /** α tensors (one per hidden layer) and α values in all. */
  readonly alphaTensors: number;
  readonly alphaValues: number;
}

/**
 * Builds a PReLU MLP 784 → hidden → 10, gives every parameter a zero gradient and takes one SGD
 * step with weight decay: the relative change of every weight, bias and α.
 *
 * @example
 * ```ts
 * import { alphaWeightDecay } from "./alpha_weight_decay.ts";
 * import assert from "node:assert/strict";
 * const r = alphaWeightDecay({ hidden: [4], lr: 0.1, weightDecay: 0.01 });
 * assert.equal(r.alphaUnchanged, true);
 * assert.ok(Math.abs(r.weightChange - -0.001) < 1e-12);
 * ```
 */
export function alphaWeightDecay(options?: AlphaWeightDecayOptions): AlphaWeightDecayResult {
  const o = parseOptions("alphaWeightDecay", options, ALPHA_WEIGHT_DECAY_OPTIONS);
  const model = new MLP([784, ...o.hidden, 10], {
    activation: "prelu",
    params: { alpha: o.alpha },
    prelu: o.prelu,
    seed: o.seed,
  });
  const params = model.parameters();
  const opt = new SGD(params, { lr: o.lr, weightDecay: o.weightDecay });
  // One backward pass allocates every gradient buffer; zeroGrad then sets them all to 0.
  model.forward(Tensor.zeros([1, 784])).crossEntropy([0]).backward();
  opt.zeroGrad();
  const before = params.map((p) => p.tensor.data.slice());
  opt.step();
  const changes = params.map((p, k) =>
    Array.from(p.tensor.data, (v, i) => (v - before[k][i]) / before[k][i]).filter(Number.isFinite)
  );
  const rows = params.map((p, k): DecayRow => ({
    parameter: p.name,
    kind: p.kind,
    values: p.tensor.size,
    minChange: changes[k].length ? Math.min(...changes[k]) : null,
    maxChange: changes[k].length ? Math.max(...changes[k]) : null,
    decayed: p.kind !== "alpha",
  }));
  const expected = -o.lr * o.weightDecay;
  const weightChanges = params.flatMap((p, k) => (p.kind === "weight" ? changes[k] : []));
  const alphas = params.filter((p) => p.kind === "alpha");
  return {
    options: o,
    rows,
    expected,
    weightChange: mean(weightChanges),
    weightDeviation: Math.max(...weightChanges.map((c) => Math.abs(c - expected))),
    weights: weightChanges.length,
    alphaUnchanged: params.every((p, k) =>
      p.kind !== "alpha" || p.tensor.data.every((v, i) => v === before[k][i])
    ),
    alphaTensors: alphas.length,
    alphaValues: alphas.reduce((s, p) => s + p.tensor.size, 0),
  };
}

/** The thresholds {@linkcode alphaWeightDecayFinding} decides by. */
export const ALPHA_WEIGHT_DECAY_THRESHOLDS = {
  /** The weights moved "as decay prescribes": within this of −lr·λ, relative. */
  decayTolerance: 1e-9,
  /** He et al.'s initial α. */
  heAlpha: 0.25,
};

const n = (x: number) => formatNumber(x, { style: "unicode", digits: 3 });

/** Column labels for the table of {@linkcode AlphaWeightDecayResult.rows}. */
export const ALPHA_WEIGHT_DECAY_COLUMNS = [
  { key: "parameter", label: "parameter" },
  { key: "values", label: "values" },
  { key: "minChange", label: "relative change: min" },
  { key: "maxChange", label: "max" },
  { key: "decayed", label: "weight decay applied" },
] as const;

/**
 * The finding on C4.1's training rule, α from 0.25 with no weight decay:
 * - `"holds"`: every weight moved by −lr·λ (within 10⁻⁹, relative), every α stayed bit for bit
 *   where it was, and α started at He et al.'s 0.25;
 * - `"holds in part"`: the same, but α started elsewhere (the parameters cell chose it);
 * - `"does not hold"`: the weights decayed and some α moved;
 * - `"inconclusive"`: the weights did not move as decay prescribes (λ = 0, or decay was not applied
 *   at all), so α's standing still shows nothing.
 *
 * @example
 * ```ts
 * import { alphaWeightDecay, alphaWeightDecayFinding } from "./alpha_weight_decay.ts";
 * import assert from "node:assert/strict";
 * assert.equal(alphaWeightDecayFinding(alphaWeightDecay({ hidden: [4] })).verdict, "holds");
 * assert.equal(alphaWeightDecayFinding(alphaWeightDecay({ hidden: [4], weightDecay: 0 })).verdict, "inconclusive");
 * ```
 */
export function alphaWeightDecayFinding(result: AlphaWeightDecayResult): Finding {
  const claim = "C4.1 (no weight decay)";
  const article = "α starts at 0.25 and gets no weight decay (He et al.)";
  const { decayTolerance, heAlpha } = ALPHA_WEIGHT_DECAY_THRESHOLDS;
  const { alpha, lr, weightDecay } = result.options;
  const numbers = {
    expected: result.expected,
    weightChange: result.weightChange,
    weightDeviation: result.weightDeviation,
    alphaUnchanged: result.alphaUnchanged,
    alpha,
  };
  const decayed = result.expected !== 0 && result.weightDeviation <= decayTolerance;
  const weightsText = `every one of the ${
    result.weights.toLocaleString("en-US")
  } weights shrank by ${n(-result.weightChange)} of its value (lr·λ = ${n(lr)} × ${
    n(weightDecay)
  })`;
  const measured = `weights ×(1 ${result.weightChange < 0 ? "−" : "+"} ${
    n(Math.abs(result.weightChange))
  }), α ${result.alphaUnchanged ? "unchanged" : "moved"}`;
  if (!decayed) {
    return finding({
      claim,
      article,
      measured: `no decay to compare with (mean weight change ${n(result.weightChange)})`,
      verdict: "inconclusive",
      numbers,
      text: `The step did not decay the weights by −lr·λ = ${
        n(result.expected)
      } (mean relative change ${
        n(result.weightChange)
      }), so that α did not move shows nothing: set a weight decay above 0.`,
    });
  }
  if (!result.alphaUnchanged) {
    return finding({
      claim,
      article,
      measured,
      verdict: "does not hold",
      numbers,
      text:
        `A step of decay alone moved α as well as the weights (${weightsText}): the optimizer decays α.`,
    });
  }
  const alphaText = `all ${result.alphaValues} α (${result.alphaTensors} ${
    result.alphaTensors === 1 ? "tensor" : "tensors"
  }) stayed exactly at ${n(alpha)}`;
  return finding({
    claim,
    article,
    measured,
    verdict: alpha === heAlpha ? "holds" : "holds in part",
    numbers,
    text: `In one step of decay alone ${weightsText}, while ${alphaText}: SGD leaves α out of ` +
      "weight decay." +
      (alpha === heAlpha ? "" : ` α starts at ${n(alpha)} here, not He et al.'s ${heAlpha}.`),
  });
}
