/**
 * F8 and the first half of C3.1: LeakyReLU and its derivative from the registry (slope α on the
 * negative side, never 0 for α > 0), and the gradient a unit killed by a negative bias receives on
 * the first minibatch of MNIST digits, under ReLU and under LeakyReLU.
 *
 * @module
 */

import { activations } from "../activations/registry.ts";
import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import { MLP } from "../nn/mlp.ts";
import {
  integer,
  number,
  numbers,
  type Options,
  type OptionsInput,
  parseOptions,
} from "../options.ts";
import { batchOf } from "../train/fit.ts";
import { killUnits } from "../train/kill_units.ts";
import { trainingDigits } from "./_digits.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode leakyReluSlope}, with their defaults. */
export const LEAKY_RELU_SLOPE_OPTIONS = {
  /** LeakyReLU's slopes α for x ≤ 0 (the first one is drawn in F8). */
  alphas: numbers([0.01, 0.1], { min: 0, max: 1 }),
  /** MNIST training digits the units are killed on (their largest pre-activation over these). */
  train: integer(1000, { min: 1, max: 10_000 }),
  /** Units of each hidden layer of the MLP 784 → hidden → hidden → 10. */
  hidden: integer(64, { min: 2, max: 512 }),
  /** Units of hidden layer 1 killed by a negative bias (the others stay live). */
  killed: integer(32, { min: 1, max: 511 }),
  /** The killed units' largest pre-activation is put this far below 0. */
  margin: number(0.05, { min: 0, max: 100 }),
  /** Digits in the first minibatch the gradient is measured on. */
  batchSize: integer(32, { min: 1, max: 10_000 }),
  /** Seed of the digits and of the weights (the same weights for every activation). */
  seed: integer(1, { min: 0 }),
};

/** What {@linkcode leakyReluSlope} takes: every field optional. */
export type LeakyReluSlopeOptions = OptionsInput<typeof LEAKY_RELU_SLOPE_OPTIONS>;

/** The gradient killed and live units get under one activation. */
export interface KilledGradientRow {
  /** "ReLU" or "LeakyReLU α = 0.01". */
  readonly label: string;
  /** α, or null for ReLU. */
  readonly alpha: number | null;
  /** ‖∂L/∂w‖ per killed unit (root mean square over the killed units' weight columns). */
  readonly killed: number;
  /** ‖∂L/∂w‖ per live unit. */
  readonly live: number;
  /** killed / live. */
  readonly ratio: number;
}

/** What {@linkcode leakyReluSlope} returns: plain data. */
export interface LeakyReluSlopeResult {
  /** The options used, defaults filled in. */
  readonly options: Options<typeof LEAKY_RELU_SLOPE_OPTIONS>;
  /** The negative side, for the zoomed figure: x on [−6, 0] and f, f′ of LeakyReLU (α₁), ReLU. */
  readonly zoom: {
    readonly x: readonly number[];
    readonly f: readonly number[];
    readonly df: readonly number[];
    readonly relu: readonly number[];
  };
  /** A few points: x, LeakyReLU(x), LeakyReLU′(x), ReLU(x), ReLU′(x) (α₁). */
  readonly rows: readonly Record<string, number>[];
  /** The smallest and largest LeakyReLU′ (α₁) over 1001 points of [−50, 0]. */
  readonly negativeSlope: readonly [number, number];
  /** The smallest and largest LeakyReLU′ (α₁) over 1000 points of (0, 50]. */
  readonly positiveSlope: readonly [number, number];
  /** ReLU first, then one row per α. */
  readonly gradient: readonly KilledGradientRow[];
}

const grid = (from: number, to: number, n: number) =>
  Float64Array.from({ length: n }, (_, i) => from + ((to - from) * i) / (n - 1));

const range = (a: Float64Array): [number, number] => [Math.min(...a), Math.max(...a)];

/**
 * Evaluates LeakyReLU (slope `alphas[0]`) and its derivative from the registry, then kills
 * `killed` units of hidden layer 1 of an MLP on `train` MNIST digits and measures the weight
 * gradient of killed and live units on the first minibatch, under ReLU and each α (the same
 * initial weights for all).
 *
 * @example At a tiny size: a killed ReLU unit gets no gradient, a killed LeakyReLU unit some
 * ```ts
 * import { leakyReluSlope } from "./leaky_relu_slope.ts";
 * import assert from "node:assert/strict";
 * const r = await leakyReluSlope({ train: 40, hidden: 8, killed: 4, batchSize: 16 });
 * assert.equal(r.gradient[0].killed, 0);
 * assert.ok(r.gradient[1].killed > 0);
 * assert.deepEqual(r.negativeSlope, [0.01, 0.01]);
 * ```
 */
export async function leakyReluSlope(
  options?: LeakyReluSlopeOptions,
): Promise<LeakyReluSlopeResult> {
  const o = parseOptions("leakyReluSlope", options, LEAKY_RELU_SLOPE_OPTIONS);
  if (o.killed >= o.hidden) {
    throw new RangeError(
      `leakyReluSlope: option "killed" must be below "hidden" (${o.hidden}), got ${o.killed}`,
    );
  }
  const leaky = activations.leakyRelu;
  const p = { alpha: o.alphas[0] };
  const zx = grid(-6, 0, 121);
  const points = [-5, -1, -0.001, 0, 0.001, 1, 5];
  const rows = points.map((x) => ({
    x,
    "LeakyReLU(x)": leaky.f(x, p),
    "LeakyReLU′(x)": leaky.df(x, p),
    "ReLU(x)": activations.relu.f(x),
    "ReLU′(x)": activations.relu.df(x),
  }));
  const right = grid(0.05, 50, 1000);

  const digits = await trainingDigits(o.train, o.seed);
  const all = Int32Array.from({ length: digits.n }, (_, i) => i);
  const x = batchOf(digits, all).x;
  const first = batchOf(digits, all, 0, Math.min(o.batchSize, digits.n));
  const specs = [
    { label: "ReLU", alpha: null },
    ...o.alphas.map((a) => ({ label: `LeakyReLU α = ${formatNumber(a)}`, alpha: a })),
  ];
  const gradient = specs.map(({ label, alpha }): KilledGradientRow => {
    const model = new MLP([digits.features, o.hidden, o.hidden, digits.classes], {
      activation: alpha === null ? "relu" : "leakyRelu",
      params: alpha === null ? {} : { alpha },
      init: { scheme: "he", gain: Math.SQRT2 },
      seed: o.seed,
    });
    killUnits(model, x, o.killed, o.margin);
    model.forward(first.x).crossEntropy(first.y).backward();
    const g = model.layers[0].linear.weight.gradBuffer();
    let killed = 0;
    let live = 0;
    for (let i = 0; i < g.length; i++) {
      if (i % o.hidden < o.killed) killed += g[i] ** 2;
      else live += g[i] ** 2;
    }
    const k = Math.sqrt(killed / o.killed);
    const l = Math.sqrt(live / (o.hidden - o.killed));
    return { label, alpha, killed: k, live: l, ratio: k / l };
  });
  return {
    options: o,
    zoom: {
      x: [...zx],
      f: [...leaky.fArray(zx, undefined, p)],
      df: [...leaky.dfArray(zx, undefined, p)],
      relu: [...activations.relu.fArray(zx)],
    },
    rows,
    negativeSlope: range(leaky.dfArray(grid(-50, 0, 1001), undefined, p)),
    positiveSlope: range(leaky.dfArray(right, undefined, p)),
    gradient,
  };
}

const n = (x: number) => formatNumber(x, { style: "unicode", digits: 3 });

/**
 * The finding on F8 (LeakyReLU′ = α for x ≤ 0, 1 for x > 0), from the registry's derivative:
 * - `"holds"`: the slope is α on every point of [−50, 0] and 1 on (0, 50], with α > 0;
 * - `"holds in part"`: so, but α = 0: the graph is ReLU's and no gradient leaks;
 * - `"does not hold"`: the slope differs from α or 1 somewhere.
 *
 * @example
 * ```ts
 * import { leakyReluSlope, leakyReluSlopeFinding } from "./leaky_relu_slope.ts";
 * import assert from "node:assert/strict";
 * const r = await leakyReluSlope({ alphas: [0], train: 20, hidden: 4, killed: 2 });
 * assert.equal(leakyReluSlopeFinding(r).verdict, "holds in part");
 * ```
 */
export function leakyReluSlopeFinding(result: LeakyReluSlopeResult): Finding {
  const alpha = result.options.alphas[0];
  const [lo, hi] = result.negativeSlope;
  const [plo, phi] = result.positiveSlope;
  const numbers = { alpha, negativeMin: lo, negativeMax: hi, positiveMin: plo, positiveMax: phi };
  const claim = "F8";
  const article = "LeakyReLU(x) = αx for x < 0: slope α on the left, 1 on the right";
  const exact = lo === alpha && hi === alpha && plo === 1 && phi === 1;
  if (!exact) {
    return finding({
      claim,
      article,
      measured: `slope ${n(lo)}…${n(hi)} on [−50, 0], ${n(plo)}…${n(phi)} on (0, 50]`,
      verdict: "does not hold",
      numbers,
      text: `The registry's LeakyReLU′ runs from ${n(lo)} to ${n(hi)} on [−50, 0] and from ${
        n(plo)
      } to ${n(phi)} on (0, 50], not α = ${n(alpha)} and 1.`,
    });
  }
  return finding({
    claim,
    article,
    measured: `slope exactly ${n(alpha)} on [−50, 0] and 1 on (0, 50]`,
    verdict: alpha > 0 ? "holds" : "holds in part",
    numbers,
    text: `LeakyReLU′ is exactly α = ${n(alpha)} at every one of 1,001 points of [−50, 0] and 1 ` +
      `on (0, 50]. ` + (alpha > 0
        ? "However negative the input, α times the upstream gradient passes."
        : "With α = 0 the graph is ReLU's: nothing leaks on the negative side."),
  });
}

/**
 * The finding on C3.1's mechanism, "a killed unit still gets a gradient α", from the first
 * minibatch after killing:
 * - `"holds"`: a killed ReLU unit gets exactly 0 and a killed LeakyReLU unit a gradient > 0 for
 *   every α > 0;
 * - `"does not hold"`: for some α > 0 the killed LeakyReLU units get 0;
 * - `"inconclusive"`: no α > 0 was measured, or the killed ReLU units got a gradient (the kill
 *   failed).
 *
 * @example
 * ```ts
 * import { killedGradientFinding, leakyReluSlope } from "./leaky_relu_slope.ts";
 * import assert from "node:assert/strict";
 * const r = await leakyReluSlope({ train: 40, hidden: 8, killed: 4, batchSize: 16 });
 * assert.equal(killedGradientFinding(r).verdict, "holds");
 * ```
 */
export function killedGradientFinding(result: LeakyReluSlopeResult): Finding {
  const [relu, ...leaky] = result.gradient;
  const positive = leaky.filter((r) => r.alpha !== null && r.alpha > 0);
  const claim = "C3.1 (gradient)";
  const article = "for x < 0 LeakyReLU still passes a small gradient α";
  const numbers = {
    reluKilled: relu.killed,
    killed: leaky.map((r) => r.killed),
    ratios: leaky.map((r) => r.ratio),
  };
  if (relu.killed !== 0 || positive.length === 0) {
    const why = relu.killed !== 0
      ? `the killed ReLU units got a gradient ${n(relu.killed)}, so the kill did not hold`
      : "no slope α > 0 was measured";
    return finding({
      claim,
      article,
      measured: why,
      verdict: "inconclusive",
      numbers,
      text: `Nothing to decide: ${why}.`,
    });
  }
  const none = positive.filter((r) => r.killed === 0);
  const each = listText(positive.map((r) => `${n(r.ratio)} of a live unit's (α = ${r.alpha})`));
  if (none.length > 0) {
    return finding({
      claim,
      article,
      measured: `killed LeakyReLU units get 0 with α = ${none[0].alpha}`,
      verdict: "does not hold",
      numbers,
      text: `With α = ${none[0].alpha} the killed LeakyReLU units get no gradient at all.`,
    });
  }
  return finding({
    claim,
    article,
    measured: `killed ReLU unit: 0; killed LeakyReLU unit: ${each}`,
    verdict: "holds",
    numbers,
    text: `On the first minibatch a killed ReLU unit gets a gradient of exactly 0, a killed ` +
      `LeakyReLU unit ${each}: of the order of α, as the slope α on the negative side predicts.`,
  });
}
