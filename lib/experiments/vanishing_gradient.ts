/**
 * C1.2, the vanishing gradient at initialisation: the weight-gradient norm of every layer of a deep
 * MLP on MNIST digits, for several activations, each initialised as it asks (`init: "auto"`), over
 * several initialisations; and the two factors the gradient picks up per hidden layer, the
 * activation's and the weights'.
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import type { ActivationName } from "../activations/types.ts";
import { batchOf } from "../train/fit.ts";
import { gradientProfile } from "../train/gradient_profile.ts";
import { autoScheme, gainFor } from "../nn/init.ts";
import { MLP } from "../nn/mlp.ts";
import {
  activationList,
  integer,
  type Options,
  type OptionsInput,
  parseOptions,
} from "../options.ts";
import { geometricMean, median } from "../stats/summary.ts";
import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import { trainingDigits } from "./_digits.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode vanishingGradient}, with their defaults. */
export const VANISHING_GRADIENT_OPTIONS = {
  /** The activations compared. */
  activations: activationList(["sigmoid", "tanh", "relu", "elu"]),
  /** Hidden layers of the MLP. */
  depth: integer(10, { min: 1, max: 50 }),
  /** Units per hidden layer. */
  width: integer(64, { min: 1, max: 1024 }),
  /** MNIST training digits the gradient is measured on. */
  batch: integer(256, { min: 1, max: 10_000 }),
  /** Initialisations per activation (the figure's median and range). */
  inits: integer(3, { min: 1, max: 20 }),
  /** Seed of the digits and of the first initialisation (the k-th uses seed + 100·k). */
  seed: integer(1, { min: 0 }),
};

/** What {@linkcode vanishingGradient} takes: every field optional. */
export type VanishingGradientOptions = OptionsInput<typeof VANISHING_GRADIENT_OPTIONS>;

/** One activation's measurements. */
export interface VanishingGradientRun {
  /** The registry name. */
  readonly activation: ActivationName;
  /** Its label, for legends. */
  readonly label: string;
  /** The initialisation `"auto"` chose: "Xavier, gain 1", "He" … */
  readonly init: string;
  /** Per layer (input side first, output last): the median ‖∂L/∂W_l‖ over the inits. */
  readonly median: readonly number[];
  /** Per layer: the smallest ‖∂L/∂W_l‖ over the inits. */
  readonly min: readonly number[];
  /** Per layer: the largest ‖∂L/∂W_l‖ over the inits. */
  readonly max: readonly number[];
  /**
   * The geometric mean over hidden layers l = 2 … depth of the median ratio
   * ‖∂L/∂W_l‖ / ‖∂L/∂W_{l+1}‖: how much the gradient shrinks per hidden layer (layer 1 is left
   * out, as its input is the pixels); null when depth < 2 leaves no such layer.
   */
  readonly perLayer: number | null;
  /** The geometric mean over hidden layers and inits of the activation's factor. */
  readonly activationFactor: number;
  /** The geometric mean over hidden layers and inits of the weights' factor. */
  readonly weightFactor: number;
  /** The first layer's median norm over the output layer's. */
  readonly firstOverLast: number;
  /** The largest median norm over the smallest, across all layers. */
  readonly spread: number;
}

/** What {@linkcode vanishingGradient} returns: plain data. */
export interface VanishingGradientResult {
  /** The options used, defaults filled in. */
  readonly options: Options<typeof VANISHING_GRADIENT_OPTIONS>;
  /** The layer numbers 1 … depth + 1 (depth + 1 is the output layer). */
  readonly layers: readonly number[];
  /** One entry per activation, in the order given. */
  readonly runs: readonly VanishingGradientRun[];
  /**
   * The article's bound for sigmoid: its output layer's median norm times 0.25 per sigmoid layer
   * passed, ‖∂L/∂W_L‖ · 0.25^(L−l); null when sigmoid is not among the activations.
   */
  readonly bound: readonly number[] | null;
}

const initName = (name: ActivationName): string => {
  const scheme = autoScheme(name);
  if (scheme === "xavier") return `Xavier, gain ${formatNumber(gainFor(name), { digits: 3 })}`;
  return scheme === "he" ? "He" : "LeCun";
};

/**
 * Measures the gradient layer by layer in a deep MLP 784 → width × depth → 10 at initialisation,
 * for each activation over `inits` initialisations, on `batch` MNIST training digits.
 *
 * @example At a tiny size: sigmoid's first layer gets far less gradient than its last
 * ```ts
 * import { vanishingGradient } from "./vanishing_gradient.ts";
 * import assert from "node:assert/strict";
 * const r = await vanishingGradient({ activations: ["sigmoid"], depth: 6, width: 16, batch: 32, inits: 1 });
 * assert.deepEqual(r.layers, [1, 2, 3, 4, 5, 6, 7]);
 * assert.ok(r.runs[0].firstOverLast < 0.01);
 * ```
 */
export async function vanishingGradient(
  options?: VanishingGradientOptions,
): Promise<VanishingGradientResult> {
  const o = parseOptions("vanishingGradient", options, VANISHING_GRADIENT_OPTIONS);
  const digits = await trainingDigits(o.batch, o.seed);
  const batch = batchOf(digits, Int32Array.from({ length: digits.n }, (_, i) => i));
  const sizes = [digits.features, ...Array(o.depth).fill(o.width), digits.classes];
  const layers = Array.from({ length: o.depth + 1 }, (_, i) => i + 1);

  const runs = o.activations.map((name): VanishingGradientRun => {
    const profiles = Array.from({ length: o.inits }, (_, k) =>
      gradientProfile(
        new MLP(sizes, { activation: name, init: "auto", seed: o.seed + 100 * k }),
        batch,
      ));
    const byLayer = (l: number) => profiles.map((p) => p.weightGrad[l]);
    const med = layers.map((_, l) => median(byLayer(l)));
    const ratios = med.slice(1, o.depth).map((v, i) => v / med[i + 2]);
    return {
      activation: name,
      label: getActivation(name).label,
      init: initName(name),
      median: med,
      min: layers.map((_, l) => Math.min(...byLayer(l))),
      max: layers.map((_, l) => Math.max(...byLayer(l))),
      perLayer: ratios.length > 0 ? geometricMean(ratios) : null,
      activationFactor: geometricMean(profiles.flatMap((p) => p.activationFactor)),
      weightFactor: geometricMean(profiles.flatMap((p) => p.weightFactor)),
      firstOverLast: med[0] / med[o.depth],
      spread: Math.max(...med) / Math.min(...med),
    };
  });
  const sigmoid = runs.find((r) => r.activation === "sigmoid");
  const bound = sigmoid
    ? layers.map((l) => sigmoid.median[o.depth] * 0.25 ** (o.depth + 1 - l))
    : null;
  return { options: o, layers, runs, bound };
}

/** The thresholds {@linkcode vanishingGradientFinding} decides by. */
export const VANISHING_GRADIENT_THRESHOLDS = {
  /** The first layer "barely" gets a gradient: below this fraction of the output layer's. */
  vanished: 0.01,
  /** The per-layer ratio is "near 1/4" within this distance. */
  nearQuarter: 0.05,
};

const n = (x: number) => formatNumber(x, { style: "unicode", digits: 3 });

/**
 * The finding on C1.2 at initialisation, from sigmoid's numbers:
 * - `"holds"`: the first layer gets less than 1 % of the output layer's gradient and the shrink
 *   per layer is near 1/4 (within 0.05), as σ′ ≤ 1/4 predicts;
 * - `"holds in part"`: it vanishes, but per layer by a factor that is not near 1/4 — σ′ is only
 *   one factor, the weights are the other; or it shrinks per layer but the network is too shallow
 *   for the product to become tiny (the first layer keeps 1 % or more of the output layer's);
 * - `"does not hold"`: the gradient does not shrink per layer (a factor of 1 or more), and the
 *   first layer keeps 1 % or more of the output layer's;
 * - `"inconclusive"`: sigmoid was not measured, or the network has fewer than 2 hidden layers.
 *
 * @example
 * ```ts
 * import { vanishingGradient, vanishingGradientFinding } from "./vanishing_gradient.ts";
 * import assert from "node:assert/strict";
 * const r = await vanishingGradient({ activations: ["relu"], depth: 3, width: 8, batch: 16, inits: 1 });
 * assert.equal(vanishingGradientFinding(r).verdict, "inconclusive"); // no sigmoid measured
 * ```
 */
export function vanishingGradientFinding(result: VanishingGradientResult): Finding {
  const claim = "C1.2";
  const article = "each sigmoid layer multiplies the gradient by at most 1/4, so it vanishes";
  const s = result.runs.find((r) => r.activation === "sigmoid");
  const { depth } = result.options;
  if (!s || s.perLayer === null) {
    const why = !s
      ? "sigmoid is not among the activations measured"
      : `the network has ${depth} hidden layer, too few for a per-layer ratio`;
    return finding({
      claim,
      article,
      measured: why,
      verdict: "inconclusive",
      text: `Nothing to decide: ${why}.`,
      numbers: { depth },
    });
  }
  const { vanished, nearQuarter } = VANISHING_GRADIENT_THRESHOLDS;
  const numbers = {
    perLayer: s.perLayer,
    firstOverLast: s.firstOverLast,
    activationFactor: s.activationFactor,
    weightFactor: s.weightFactor,
    depth,
  };
  const measured = `×${n(s.perLayer)} per layer; layer 1 gets ${
    n(s.firstOverLast)
  } of the output layer's gradient`;
  const factors = `the activation passes on ${n(s.activationFactor)} per layer and the weights ` +
    `multiply by ${n(s.weightFactor)}`;
  if (s.firstOverLast >= vanished) {
    const shrinks = s.perLayer < 1;
    return finding({
      claim,
      article,
      measured,
      verdict: shrinks ? "holds in part" : "does not hold",
      numbers,
      text:
        `Across ${depth} sigmoid layers the first layer still gets ${
          n(s.firstOverLast)
        } of the output layer's gradient (${s.init} init): ${factors}, ×${n(s.perLayer)} in all. ` +
        (shrinks
          ? `The gradient shrinks layer by layer, but ${depth} layers are too few for it to vanish.`
          : "The gradient does not shrink on its way down."),
    });
  }
  const near = Math.abs(s.perLayer - 0.25) < nearQuarter;
  return finding({
    claim,
    article,
    measured,
    verdict: near ? "holds" : "holds in part",
    numbers,
    text:
      `Across ${depth} sigmoid layers the gradient shrinks by ${
        n(s.perLayer)
      } per layer and the first layer gets ${n(s.firstOverLast)} of the output layer's. ` +
      (near
        ? `That is the article's 1/4: ${factors}.`
        : `The factor is not 1/4, because σ′ is only one of two: ${factors}.`),
  });
}

/** Column labels for a table of the runs (`table(result.runs, { columns })`). */
export const VANISHING_GRADIENT_COLUMNS = [
  { key: "label", label: "activation" },
  { key: "init", label: "init" },
  { key: "perLayer", label: "shrink per hidden layer" },
  { key: "activationFactor", label: "activation factor" },
  { key: "weightFactor", label: "weight factor" },
  { key: "firstOverLast", label: "layer 1 / output layer" },
  { key: "spread", label: "largest / smallest layer" },
] as const;

/** The thresholds {@linkcode reluRemedyFinding} decides by (with `vanished` above). */
export const RELU_REMEDY_THRESHOLDS = {
  /** The gradient stays "level" when its largest layer norm is within this factor of its smallest. */
  level: 10,
};

/**
 * The finding on C1.4's first remedy, "use ReLU", at initialisation, from ReLU's numbers:
 * - `"holds"`: ReLU's layer norms stay within a factor 10 of one another;
 * - `"holds in part"`: its first layer keeps at least 1 % of the output layer's gradient, but the
 *   norms spread over more than a factor 10;
 * - `"does not hold"`: its first layer gets less than 1 % of the output layer's gradient;
 * - `"inconclusive"`: ReLU was not measured, or the network has fewer than 2 hidden layers.
 *
 * @example
 * ```ts
 * import { reluRemedyFinding, vanishingGradient } from "./vanishing_gradient.ts";
 * import assert from "node:assert/strict";
 * const r = await vanishingGradient({ activations: ["sigmoid"], depth: 3, width: 8, batch: 16, inits: 1 });
 * assert.equal(reluRemedyFinding(r).verdict, "inconclusive"); // no ReLU measured
 * ```
 */
export function reluRemedyFinding(result: VanishingGradientResult): Finding {
  const claim = "C1.4 (ReLU)";
  const article = "ReLU remedies the vanishing gradient";
  const relu = result.runs.find((r) => r.activation === "relu");
  const { depth } = result.options;
  if (!relu || relu.perLayer === null) {
    const why = !relu
      ? "ReLU is not among the activations measured"
      : `the network has ${depth} hidden layer, too few for a per-layer ratio`;
    return finding({
      claim,
      article,
      measured: why,
      verdict: "inconclusive",
      text: `Nothing to decide: ${why}.`,
      numbers: { depth },
    });
  }
  const others = result.runs.filter((r) => r.activation !== "relu");
  const numbers = {
    spread: relu.spread,
    perLayer: relu.perLayer,
    firstOverLast: relu.firstOverLast,
    others: others.map((r) => r.spread),
    depth,
  };
  const measured = `ReLU: largest / smallest layer ${n(relu.spread)}, ×${
    n(relu.perLayer)
  } per layer`;
  const beside = others.length === 0
    ? ""
    : ` (the same measure is ${listText(others.map((r) => `${n(r.spread)} for ${r.label}`))})`;
  const layers = `${depth + 1} layers`;
  if (relu.firstOverLast < VANISHING_GRADIENT_THRESHOLDS.vanished) {
    return finding({
      claim,
      article,
      measured,
      verdict: "does not hold",
      numbers,
      text: `With ${relu.init} init ReLU's first layer gets ${
        n(relu.firstOverLast)
      } of the output layer's gradient across ${layers}: it vanishes too.`,
    });
  }
  const level = relu.spread <= RELU_REMEDY_THRESHOLDS.level;
  return finding({
    claim,
    article,
    measured,
    verdict: level ? "holds" : "holds in part",
    numbers,
    text:
      `With ${relu.init} init ReLU keeps every layer's gradient norm within a factor ${
        n(relu.spread)
      } of the others across ${layers}${beside}, ×${n(relu.perLayer)} per hidden layer. ` +
      (level
        ? "ReLU′ is 1 wherever a unit is on, and He's gain √2 makes up for the units that are off."
        : `It does not vanish, but it is not level either: a spread above ${RELU_REMEDY_THRESHOLDS.level}.`),
  });
}
