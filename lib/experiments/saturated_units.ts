/**
 * C1.3, saturated neurons make the vanishing gradient worse: a deep sigmoid MLP on MNIST digits
 * with three initialisations — the matched one (Xavier), weights far too large, and Xavier weights
 * with every bias shifted — and, for each, how many hidden units are saturated and what that does
 * to the gradient on its way down.
 *
 * @module
 */

import { MLP, type MLPOptions } from "../nn/mlp.ts";
import { batchOf } from "../train/fit.ts";
import { gradientProfile } from "../train/gradient_profile.ts";
import { formatNumber } from "../display/format_number.ts";
import { percent } from "../display/prose.ts";
import { integer, number, type Options, type OptionsInput, parseOptions } from "../options.ts";
import { geometricMean, mean } from "../stats/summary.ts";
import { getActivation } from "../activations/registry.ts";
import { trainingDigits } from "./_digits.ts";
import { type Finding, finding } from "./finding.ts";
import { saturationEdges } from "./saturation_sides.ts";

/** The options of {@linkcode saturatedUnits}, with their defaults. */
export const SATURATED_UNITS_OPTIONS = {
  /** Hidden layers of the sigmoid MLP. */
  depth: integer(10, { min: 1, max: 50 }),
  /** Units per hidden layer. */
  width: integer(64, { min: 1, max: 1024 }),
  /** MNIST training digits the pre-activations and the gradient are measured on. */
  batch: integer(256, { min: 1, max: 10_000 }),
  /** Seed of the digits and of the weights (the same weights draw for all three inits). */
  seed: integer(1, { min: 0 }),
  /** Too-large init: every weight drawn from N(0, badStd²). */
  badStd: number(1, { min: 0, open: "min", max: 100 }),
  /** Shifted init: Xavier weights, every bias set to this. */
  shiftBias: number(6, { min: -100, max: 100 }),
  /** A unit is saturated where σ′(z) is below this fraction of σ′'s maximum. */
  fraction: number(0.01, { min: 0, max: 1, open: true }),
};

/** What {@linkcode saturatedUnits} takes: every field optional. */
export type SaturatedUnitsOptions = OptionsInput<typeof SATURATED_UNITS_OPTIONS>;

/** One initialisation's measurements. */
export interface SaturatedUnitsRun {
  /** "matched", "large", "shifted". */
  readonly key: "matched" | "large" | "shifted";
  /** Its name for legends: "Xavier (matched)", "N(0, 1²) weights", "Xavier, biases = 6". */
  readonly name: string;
  /** The fraction of all hidden pre-activations in a saturated region. */
  readonly saturated: number;
  /** The mean σ′(z) over all hidden pre-activations. */
  readonly meanSlope: number;
  /** Per hidden layer, the activation's factor ‖∂L/∂z_l‖ / ‖∂L/∂h_l‖. */
  readonly activationFactor: readonly number[];
  /** The geometric mean of the activation's factor over the hidden layers. */
  readonly activationMean: number;
  /** The geometric mean of the weights' factor over the hidden layers. */
  readonly weightMean: number;
  /** ‖∂L/∂W₁‖, the first layer's weight gradient. */
  readonly firstLayer: number;
  /** ‖∂L/∂W₁‖ over the matched network's. */
  readonly firstOverMatched: number;
  /** All hidden pre-activations, layer by layer (for the histogram). */
  readonly pre: readonly number[];
  /** The largest |z| among them (for the histogram's domain). */
  readonly largest: number;
}

/** What {@linkcode saturatedUnits} returns: plain data. */
export interface SaturatedUnitsResult {
  /** The options used, defaults filled in. */
  readonly options: Options<typeof SATURATED_UNITS_OPTIONS>;
  /** The hidden-layer numbers 1 … depth. */
  readonly layers: readonly number[];
  /** σ′'s saturation threshold (fraction · 1/4). */
  readonly threshold: number;
  /** Saturated: |z| beyond this edge (σ′ is symmetric). */
  readonly edge: number;
  /** The three initialisations: matched, large, shifted. */
  readonly runs: readonly SaturatedUnitsRun[];
}

/**
 * Builds the sigmoid MLP 784 → width × depth → 10 three ways (matched Xavier, N(0, badStd²)
 * weights, Xavier with biases = shiftBias), runs one backward pass of each on `batch` MNIST
 * training digits, and measures the saturated fraction of the hidden pre-activations and the
 * factors the gradient picks up.
 *
 * @example Shifted biases saturate most units and shrink the first layer's gradient
 * ```ts
 * import { saturatedUnits } from "./saturated_units.ts";
 * import assert from "node:assert/strict";
 * const r = await saturatedUnits({ depth: 4, width: 16, batch: 32 });
 * const [matched, , shifted] = r.runs;
 * assert.ok(shifted.saturated > matched.saturated);
 * assert.ok(shifted.firstOverMatched < 1);
 * ```
 */
export async function saturatedUnits(
  options?: SaturatedUnitsOptions,
): Promise<SaturatedUnitsResult> {
  const o = parseOptions("saturatedUnits", options, SATURATED_UNITS_OPTIONS);
  const digits = await trainingDigits(o.batch, o.seed);
  const batch = batchOf(digits, Int32Array.from({ length: digits.n }, (_, i) => i));
  const sizes = [digits.features, ...Array(o.depth).fill(o.width), digits.classes];
  const edges = saturationEdges("sigmoid", o.fraction);
  const edge = edges.right as number; // sigmoid saturates on both sides, symmetrically
  const sigmoid = getActivation("sigmoid");
  const inits: [SaturatedUnitsRun["key"], string, MLPOptions][] = [
    ["matched", "Xavier (matched)", { init: "auto" }],
    [
      "large",
      `N(0, ${formatNumber(o.badStd)}²) weights`,
      { init: { scheme: "normal", std: o.badStd } },
    ],
    ["shifted", `Xavier, biases = ${formatNumber(o.shiftBias)}`, {
      init: "auto",
      bias: o.shiftBias,
    }],
  ];
  const profiles = inits.map(([, , init]) =>
    gradientProfile(new MLP(sizes, { activation: "sigmoid", seed: o.seed, ...init }), batch)
  );
  const matchedFirst = profiles[0].weightGrad[0];
  const runs = profiles.map((p, i): SaturatedUnitsRun => {
    const pre = p.pre.flatMap((z) => Array.from(z));
    return {
      key: inits[i][0],
      name: inits[i][1],
      saturated: pre.filter((z) => Math.abs(z) > edge).length / pre.length,
      meanSlope: mean(sigmoid.dfArray(Float64Array.from(pre))),
      activationFactor: p.activationFactor,
      activationMean: geometricMean(p.activationFactor),
      weightMean: geometricMean(p.weightFactor),
      firstLayer: p.weightGrad[0],
      firstOverMatched: p.weightGrad[0] / matchedFirst,
      pre,
      largest: pre.reduce((m, z) => Math.max(m, Math.abs(z)), 0),
    };
  });
  return {
    options: o,
    layers: Array.from({ length: o.depth }, (_, i) => i + 1),
    threshold: edges.threshold,
    edge,
    runs,
  };
}

/** Column labels for a table of the runs (`table(result.runs, { columns })`). */
export const SATURATED_UNITS_COLUMNS = [
  { key: "name", label: "init" },
  { key: "saturated", label: "saturated (all hidden layers)" },
  { key: "meanSlope", label: "mean σ′(z)" },
  { key: "activationMean", label: "activation factor (geometric mean)" },
  { key: "weightMean", label: "weight factor (geometric mean)" },
  { key: "firstLayer", label: "‖∂L/∂W₁‖" },
  { key: "firstOverMatched", label: "‖∂L/∂W₁‖ / matched" },
] as const;

/** The thresholds {@linkcode saturatedUnitsFinding} decides by. */
export const SATURATED_UNITS_THRESHOLDS = {
  /** Saturation "makes it much worse": the first layer's gradient below this fraction of the matched one's. */
  worse: 1e-3,
  /** The shifted biases must saturate at least this fraction of the units for a verdict. */
  enough: 0.1,
};

const u = (x: number) => formatNumber(x, { style: "unicode" });

/**
 * The finding on C1.3, "saturated neurons make the vanishing gradient worse", from the shifted
 * init against the matched one (the same weights, so saturation is the only change):
 * - `"holds"`: the first layer's gradient falls below 1/1000 of the matched network's;
 * - `"holds in part"`: it shrinks, by less than that;
 * - `"does not hold"`: it does not shrink;
 * - `"inconclusive"`: the shifted biases saturate fewer than 10 % of the units (a small shift).
 * The text adds what the too-large weights did, which can hide saturation behind a larger
 * gradient.
 *
 * @example
 * ```ts
 * import { saturatedUnits, saturatedUnitsFinding } from "./saturated_units.ts";
 * import assert from "node:assert/strict";
 * const r = await saturatedUnits({ depth: 2, width: 8, batch: 16, shiftBias: 0 });
 * assert.equal(saturatedUnitsFinding(r).verdict, "inconclusive"); // no shift, nothing saturated
 * ```
 */
export function saturatedUnitsFinding(result: SaturatedUnitsResult): Finding {
  const [matched, large, shifted] = result.runs;
  const { depth, shiftBias } = result.options;
  const { worse, enough } = SATURATED_UNITS_THRESHOLDS;
  const numbers = {
    matchedSaturated: matched.saturated,
    shiftedSaturated: shifted.saturated,
    largeSaturated: large.saturated,
    shiftedFirst: shifted.firstOverMatched,
    largeFirst: large.firstOverMatched,
    matchedActivation: matched.activationMean,
    shiftedActivation: shifted.activationMean,
  };
  const base = {
    claim: "C1.3",
    article: "saturated neurons make the vanishing gradient worse",
    measured: `biases ${u(shiftBias)}: ${
      percent(shifted.saturated)
    } saturated, layer 1's gradient ×${u(shifted.firstOverMatched)}`,
    numbers,
  };
  const largeNote = large.firstOverMatched > 1
    ? ` Too-large weights saturate ${
      percent(large.saturated)
    } of the units too, yet their size multiplies the gradient back up (layer 1 ×${
      u(large.firstOverMatched)
    }): saturation does not always show as a small gradient.`
    : ` Too-large weights saturate ${percent(large.saturated)} of the units and leave layer 1 ${
      u(large.firstOverMatched)
    } times the matched gradient.`;
  if (shifted.saturated < enough) {
    return finding({
      ...base,
      verdict: "inconclusive",
      text: `Biases of ${u(shiftBias)} saturate ${
        percent(shifted.saturated)
      } of the units (the matched init ${percent(matched.saturated)}), fewer than the ${
        percent(enough, 0)
      } needed to tell.`,
    });
  }
  const what = `With the matched weights and every bias at ${u(shiftBias)}, ${
    percent(shifted.saturated)
  } of the units are saturated (matched init: ${
    percent(matched.saturated)
  }), the activation passes on ${u(shifted.activationMean)} of the gradient per layer instead of ${
    u(matched.activationMean)
  }, and after ${depth} ${depth === 1 ? "layer" : "layers"} the first layer gets ${
    u(shifted.firstOverMatched)
  } times the matched network's gradient`;
  const verdict = shifted.firstOverMatched < worse
    ? "holds"
    : shifted.firstOverMatched < 1
    ? "holds in part"
    : "does not hold";
  const how = verdict === "holds"
    ? "."
    : verdict === "holds in part"
    ? `: smaller, but by less than a factor ${u(1 / worse)}.`
    : ": no smaller than with the matched init.";
  return finding({ ...base, verdict, text: what + how + largeNote });
}
