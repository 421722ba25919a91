/**
 * C2.5, F5, F6: for a unit fed by non-negative inputs (ReLU outputs, or pixels in [0, 1]),
 * ∂L/∂wᵢ = δ · xᵢ with one δ = ∂L/∂z per example, so all of one example's weight gradients share
 * δ's sign. A weight is updated with the minibatch gradient, a sum over examples with their own δ;
 * we train a ReLU MLP on MNIST digits and count, step by step, the gradient columns (one unit's
 * weight gradient) of one sign, per example and per minibatch.
 *
 * @module
 */

import { formatNumber } from "../display/format_number.ts";
import { percent, plural } from "../display/prose.ts";
import { MLP } from "../nn/mlp.ts";
import type { LayerTrace } from "../nn/mlp.ts";
import { SGD } from "../optim/sgd.ts";
import {
  integer,
  integers,
  number,
  type Options,
  type OptionsInput,
  parseOptions,
  progressOption,
} from "../options.ts";
import { Rng } from "../random.ts";
import { signTest } from "../stats/sign_test.ts";
import { batchOf } from "../train/fit.ts";
import { trainingDigits } from "./_digits.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode sameSignGradients}, with their defaults. */
export const SAME_SIGN_GRADIENTS_OPTIONS = {
  /** Hidden layer widths (layer 2 is fed by layer 1's ReLU outputs). */
  hidden: integers([128, 128], { min: 2, max: 1024 }, { minLength: 2, maxLength: 5 }),
  /** MNIST training digits the minibatches are drawn from. */
  train: integer(2000, { min: 10, max: 60_000 }),
  /** Training steps whose gradients are counted. */
  steps: integer(100, { min: 1, max: 10_000 }),
  /** Minibatch size. */
  batchSize: integer(32, { min: 1, max: 60_000 }),
  /** SGD learning rate. */
  lr: number(0.05, { min: 0, max: 10, open: "min" }),
  /** SGD momentum. */
  momentum: number(0.9, { min: 0, max: 1, open: "max" }),
  /** Layer-1 units whose per-example gradients are counted (784 inputs each: the costly part). */
  layer1Units: integer(16, { min: 0, max: 1024 }),
  /** Seed of the digits, the weights and the minibatch order. */
  seed: integer(0, { min: 0 }),
  /** Called every 10 steps (`progress("training")` draws a bar). */
  onProgress: progressOption(),
};

/** What {@linkcode sameSignGradients} takes: every field optional. */
export type SameSignGradientsOptions = OptionsInput<typeof SAME_SIGN_GRADIENTS_OPTIONS>;

/** The counts of one layer. */
export interface SignCounts {
  /** (example, unit) pairs with a nonzero gradient column, and those of one sign. */
  readonly examplesNonzero: number;
  readonly examplesOneSign: number;
  /** (step, unit) pairs with a nonzero minibatch gradient column, and those of one sign. */
  readonly batchNonzero: number;
  readonly batchOneSign: number;
}

/** What {@linkcode sameSignGradients} returns: plain data. */
export interface SameSignGradientsResult {
  readonly options: Omit<Options<typeof SAME_SIGN_GRADIENTS_OPTIONS>, "onProgress">;
  /** Layer 1 (inputs: pixels), layer 2 (inputs: ReLU outputs). */
  readonly layers: readonly [SignCounts, SignCounts];
  /** The largest |Σ per-example gradient − the library's minibatch gradient|. */
  readonly maxSumError: number;
  /** Per layer-2 unit: the share of its nonzero minibatch steps whose column had one sign (null: never nonzero). */
  readonly unitShare: readonly (number | null)[];
  /** The layer-2 unit on for most examples of the first batch, followed step by step. */
  readonly tracked: {
    readonly unit: number;
    readonly steps: readonly number[];
    /** Share of the minibatch gradient's nonzero components that are > 0. */
    readonly batchPositive: readonly number[];
    /** Share of the batch's examples (nonzero gradient) whose gradient is all > 0. */
    readonly examplesPositive: readonly number[];
  };
}

const sign = (g: number) => (g > 0 ? 1 : g < 0 ? 2 : 0);

/**
 * Trains a ReLU MLP 784 → hidden → 10 for `steps` minibatch steps of SGD with momentum and, at
 * each step, reads δ = ∂L/∂z of every unit from the traced pre-activations, forms each example's
 * gradient δ·xᵢ and counts the gradient columns of one sign, per example and per minibatch, for
 * every unit of layer 2 and the first `layer1Units` of layer 1.
 *
 * @example Per example, every nonzero gradient column of layer 2 has one sign
 * ```ts
 * import { sameSignGradients } from "./same_sign_gradients.ts";
 * import assert from "node:assert/strict";
 * const r = await sameSignGradients({ hidden: [8, 6], train: 40, steps: 3, batchSize: 8, layer1Units: 2 });
 * assert.equal(r.layers[1].examplesOneSign, r.layers[1].examplesNonzero);
 * ```
 */
export async function sameSignGradients(
  options?: SameSignGradientsOptions,
): Promise<SameSignGradientsResult> {
  const { onProgress, ...o } = parseOptions(
    "sameSignGradients",
    options,
    SAME_SIGN_GRADIENTS_OPTIONS,
  );
  if (o.layer1Units > o.hidden[0]) {
    throw new RangeError(
      `sameSignGradients: option "layer1Units" (${o.layer1Units}) must be at most the first hidden layer's width (${
        o.hidden[0]
      })`,
    );
  }
  const data = await trainingDigits(o.train, o.seed);
  const model = new MLP([784, ...o.hidden, 10], { activation: "relu", seed: o.seed });
  const opt = new SGD(model.parameters(), { lr: o.lr, momentum: o.momentum });
  const rng = new Rng(o.seed);
  const n = data.n;
  const batch = Math.min(o.batchSize, n);
  let order = rng.permutation(n);
  let pos = 0;
  const counts = [0, 1].map(() => ({
    examplesNonzero: 0,
    examplesOneSign: 0,
    batchNonzero: 0,
    batchOneSign: 0,
  }));
  const m2 = o.hidden[1];
  const unitNonzero = new Array(m2).fill(0);
  const unitOne = new Array(m2).fill(0);
  let maxSumError = 0;
  let unit = -1;
  const tracked = {
    steps: [] as number[],
    batchPositive: [] as number[],
    examplesPositive: [] as number[],
  };
  for (let step = 1; step <= o.steps; step++) {
    if (pos + batch > n) {
      order = rng.permutation(n);
      pos = 0;
    }
    const { x, y } = batchOf(data, order, pos, pos + batch);
    pos += batch;
    opt.zeroGrad();
    const trace: LayerTrace[] = [];
    model.forward(x, { trace }).crossEntropy(y).backward();
    const inputs = [x, trace[0].post];
    for (const l of [0, 1]) {
      const xin = inputs[l];
      const delta = trace[l].pre.grad!;
      const grad = model.layers[l].linear.weight.grad!;
      const [b, fanIn] = xin.shape;
      const m = delta.shape[1];
      if (l === 1 && unit < 0) {
        let best = -1;
        for (let j = 0; j < m; j++) {
          let on = 0;
          for (let e = 0; e < b; e++) if (trace[1].pre.data[e * m + j] > 0) on++;
          if (on > best) [unit, best] = [j, on];
        }
      }
      for (let j = 0; j < m; j++) {
        let seen = 0;
        let positive = 0;
        let nonzero = 0;
        for (let i = 0; i < fanIn; i++) {
          const s = sign(grad.data[i * m + j]);
          seen |= s;
          if (s) nonzero++;
          if (s === 1) positive++;
        }
        if (seen) {
          counts[l].batchNonzero++;
          if (seen !== 3) counts[l].batchOneSign++;
          if (l === 1) {
            unitNonzero[j]++;
            if (seen !== 3) unitOne[j]++;
          }
        }
        if (l === 1 && j === unit && nonzero > 0) {
          tracked.steps.push(step);
          tracked.batchPositive.push(positive / nonzero);
        }
      }
      const perExample = l === 0 ? o.layer1Units : m;
      for (let j = 0; j < perExample; j++) {
        const sum = new Float64Array(fanIn);
        let signed = 0;
        let allPositive = 0;
        for (let e = 0; e < b; e++) {
          const d = delta.data[e * m + j];
          let seen = 0;
          for (let i = 0; i < fanIn; i++) {
            const g = d * xin.data[e * fanIn + i];
            sum[i] += g;
            seen |= sign(g);
          }
          if (seen) {
            counts[l].examplesNonzero++;
            if (seen !== 3) counts[l].examplesOneSign++;
            signed++;
            if (seen === 1) allPositive++;
          }
        }
        for (let i = 0; i < fanIn; i++) {
          maxSumError = Math.max(maxSumError, Math.abs(sum[i] - grad.data[i * m + j]));
        }
        if (l === 1 && j === unit && tracked.steps.at(-1) === step) {
          tracked.examplesPositive.push(signed ? allPositive / signed : 0);
        }
      }
    }
    opt.step();
    if (step % 10 === 0 || step === o.steps) await onProgress?.(step, o.steps, `step ${step}`);
  }
  return {
    options: o,
    layers: [counts[0], counts[1]],
    maxSumError,
    unitShare: unitNonzero.map((k, j) => (k ? unitOne[j] / k : null)),
    tracked: { unit, ...tracked },
  };
}

/** Column labels for a table of the layers (`table(rows, { columns })` with `SIGN_ROWS`). */
export const SAME_SIGN_COLUMNS = [
  { key: "layer", label: "layer" },
  { key: "examplesNonzero", label: "per-example columns ≠ 0" },
  { key: "examplesShare", label: "… of one sign" },
  { key: "batchNonzero", label: "minibatch columns ≠ 0" },
  { key: "batchShare", label: "… of one sign" },
] as const;

/**
 * The layers' counts as table rows, with the shares (see {@linkcode SAME_SIGN_COLUMNS}).
 *
 * @example
 * ```ts
 * import { sameSignRows } from "./same_sign_gradients.ts";
 * import assert from "node:assert/strict";
 * const c = { examplesNonzero: 4, examplesOneSign: 4, batchNonzero: 2, batchOneSign: 1 };
 * assert.equal(sameSignRows({ layers: [c, c] })[1].batchShare, 0.5);
 * ```
 */
export function sameSignRows(result: Pick<SameSignGradientsResult, "layers">) {
  return result.layers.map((c, l) => ({
    layer: l === 0 ? "1 (inputs: pixels ≥ 0)" : "2 (inputs: ReLU outputs ≥ 0)",
    examplesNonzero: c.examplesNonzero,
    examplesShare: c.examplesNonzero ? c.examplesOneSign / c.examplesNonzero : 0,
    batchNonzero: c.batchNonzero,
    batchShare: c.batchNonzero ? c.batchOneSign / c.batchNonzero : 0,
  }));
}

/** The thresholds {@linkcode sameSignFinding} decides by. */
export const SAME_SIGN_THRESHOLDS = {
  /** The sign test over layer-2 units is significant below this p. */
  alpha: 0.05,
};

/**
 * The finding on C2.5, "all weight gradients of a neuron fed by ReLU outputs share one sign: in
 * one update they all grow or all shrink", from layer 2. Per example it is exact or it is not;
 * per minibatch each unit votes whether most of its updates had one sign, and a sign test over
 * the units decides:
 * - `"holds"`: every per-example column has one sign, and significantly most units' minibatch
 *   updates do too;
 * - `"holds in part"`: every per-example column has one sign, but significantly most units'
 *   minibatch updates mix signs (the article describes batch size 1);
 * - `"does not hold"`: some per-example column mixes signs;
 * - `"inconclusive"`: no nonzero column, or the sign test over units is not significant.
 *
 * @example
 * ```ts
 * import { sameSignFinding, sameSignGradients } from "./same_sign_gradients.ts";
 * import assert from "node:assert/strict";
 * const r = await sameSignGradients({ hidden: [8, 6], train: 40, steps: 1, batchSize: 1, layer1Units: 0 });
 * assert.notEqual(sameSignFinding(r).verdict, "does not hold");
 * ```
 */
export function sameSignFinding(result: SameSignGradientsResult): Finding {
  const c = result.layers[1];
  const { batchSize } = result.options;
  const voting = result.unitShare.filter((s): s is number => s !== null && s !== 0.5);
  const k = voting.filter((s) => s > 0.5).length;
  const p = signTest(k, voting.length);
  const perExample = c.examplesNonzero ? c.examplesOneSign / c.examplesNonzero : 0;
  const perBatch = c.batchNonzero ? c.batchOneSign / c.batchNonzero : 0;
  const numbers = { perExample, perBatch, unitsMostlyOneSign: k, units: voting.length, p };
  const base = {
    claim: "C2.5, F5, F6",
    article: "a ReLU-fed neuron's weight gradients share one sign",
    measured: `one sign: ${percent(perExample, 2)} per example, ${
      percent(perBatch)
    } per minibatch of ${batchSize} (layer 2)`,
    numbers,
  };
  if (c.examplesNonzero === 0) {
    return finding({
      ...base,
      verdict: "inconclusive",
      text: "Nothing to decide: no layer-2 gradient column was nonzero.",
    });
  }
  if (c.examplesOneSign < c.examplesNonzero) {
    return finding({
      ...base,
      verdict: "does not hold",
      text: `${c.examplesNonzero - c.examplesOneSign} of ${
        plural(c.examplesNonzero, "per-example gradient column")
      } of layer 2 mixed signs.`,
    });
  }
  const exact = `Per example the rule is exact: all ${
    plural(c.examplesNonzero, "nonzero gradient column")
  } of layer 2 had one sign.`;
  const test = `${k} of ${voting.length} units had mostly one-sign updates (sign test p = ${
    formatNumber(p, { style: "unicode", digits: 2 })
  })`;
  if (p >= SAME_SIGN_THRESHOLDS.alpha) {
    return finding({
      ...base,
      verdict: "inconclusive",
      text: `${exact} Per minibatch of ${batchSize}, ${
        percent(perBatch)
      } did; ${test}, which does not decide.`,
    });
  }
  const most = k > voting.length / 2;
  return finding({
    ...base,
    verdict: most ? "holds" : "holds in part",
    text:
      `${exact} A weight is updated with the minibatch gradient, and of its columns (batches of ${batchSize}) ${
        percent(perBatch)
      } did: ${test}. ` +
      (most
        ? "Most updates still move all of a unit's weights one way."
        : "Summed over a batch, the examples' δ disagree in sign and the update mixes."),
  });
}
