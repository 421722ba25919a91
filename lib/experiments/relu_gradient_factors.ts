/**
 * C2.1, ReLU's derivative is 0 or 1, so a product of such factors is 0 or 1: the gradient either
 * passes unchanged or stops. Scalar chains a → n₁ → … → n_D, nₖ = f(wₖ·nₖ₋₁ + bₖ), are built with
 * the autograd engine `Value`, once with ReLU and once with sigmoid on the same weights, and every
 * activation node's local derivative f′(zₖ) is read off the graph.
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import { Value } from "../autograd/value.ts";
import { formatNumber } from "../display/format_number.ts";
import { percent, plural } from "../display/prose.ts";
import { integer, number, type Options, type OptionsInput, parseOptions } from "../options.ts";
import { Rng } from "../random.ts";
import { mean, median } from "../stats/summary.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode reluGradientFactors}, with their defaults. */
export const RELU_GRADIENT_FACTORS_OPTIONS = {
  /** Neurons per chain. */
  depth: integer(30, { min: 1, max: 200 }),
  /** Chains drawn. */
  chains: integer(1000, { min: 1, max: 100_000 }),
  /** The weights' mean: wₖ ~ N(weightMean, weightStd²) (0 stops nearly every ReLU chain). */
  weightMean: number(1, { min: -10, max: 10 }),
  /** The weights' standard deviation. */
  weightStd: number(0.5, { min: 0, max: 10 }),
  /** Seed of the weights, biases (N(0, 0.1²)) and inputs (U(0, 1)). */
  seed: integer(0, { min: 0 }),
};

/** What {@linkcode reluGradientFactors} takes: every field optional. */
export type ReluGradientFactorsOptions = OptionsInput<typeof RELU_GRADIENT_FACTORS_OPTIONS>;

/** One activation's chains. */
export interface ChainRun {
  /** "relu" or "sigmoid". */
  readonly activation: "relu" | "sigmoid";
  /** Its label. */
  readonly label: string;
  /** Every local derivative f′(zₖ), chain after chain. */
  readonly factors: readonly number[];
  /** Factors exactly 0, exactly 1, and of any other value. */
  readonly zero: number;
  readonly one: number;
  readonly other: number;
  /** The largest and the median factor. */
  readonly largest: number;
  readonly median: number;
  /** Chains whose ∂L/∂a is exactly 0. */
  readonly stopped: number;
  /** Chains whose activation factors are all exactly 1. */
  readonly passing: number;
  /** Chains whose ∂L/∂a equals the product of the weights w_D⋯w₁ to the last bit. */
  readonly passedExactly: number;
  /** Per k = 1 … depth: the mean, min and max over chains of ∏ f′ over the last k neurons. */
  readonly tailMean: readonly number[];
  readonly tailMin: readonly number[];
  readonly tailMax: readonly number[];
  /** The median over chains of the product of all the chain's activation factors. */
  readonly medianProduct: number;
}

/** What {@linkcode reluGradientFactors} returns: plain data. */
export interface ReluGradientFactorsResult {
  /** The options used, defaults filled in. */
  readonly options: Options<typeof RELU_GRADIENT_FACTORS_OPTIONS>;
  /** k = 1 … depth, neurons passed counted back from the loss. */
  readonly k: readonly number[];
  /** ReLU's chains, then sigmoid's (the same weights, biases and inputs). */
  readonly runs: readonly [ChainRun, ChainRun];
  /** σ′'s largest value (at 0) to the power k: sigmoid's bound. */
  readonly bound: readonly number[];
  /** ReLU's derivative at −10⁻³⁰⁰, 0 and 10⁻³⁰⁰ (the registry's convention at the kink). */
  readonly kink: readonly [number, number, number];
  /** ReLU chains that pass with the same chains' weights redrawn with mean 0. */
  readonly zeroMeanPassing: number;
}

function chainsOf(
  name: "relu" | "sigmoid",
  o: Options<typeof RELU_GRADIENT_FACTORS_OPTIONS>,
  weightMean: number,
) {
  const rng = new Rng(o.seed);
  const factors: number[][] = [];
  const grads: number[] = [];
  const products: number[] = [];
  for (let c = 0; c < o.chains; c++) {
    const a = new Value(rng.uniform(0, 1), { label: "a" });
    const ws: number[] = [];
    const acts: Value[] = [];
    let h = a;
    for (let k = 1; k <= o.depth; k++) {
      const w = rng.normal(weightMean, o.weightStd);
      ws.push(w);
      h = h.mul(w).add(rng.normal(0, 0.1)).apply(name);
      acts.push(h);
    }
    h.backward();
    factors.push(acts.map((n) => n.edges[0].local));
    grads.push(a.grad);
    products.push(ws.reduceRight((p, w) => p * w, 1));
  }
  return { factors, grads, products };
}

function runOf(
  name: "relu" | "sigmoid",
  o: Options<typeof RELU_GRADIENT_FACTORS_OPTIONS>,
): ChainRun {
  const { factors, grads, products } = chainsOf(name, o, o.weightMean);
  const flat = factors.flat();
  const count = (p: (x: number) => boolean) => flat.filter(p).length;
  const passes = factors.map((f) => f.every((x) => x === 1));
  const tails = Array.from(
    { length: o.depth },
    (_, k) => factors.map((f) => f.slice(o.depth - k - 1).reduce((p, x) => p * x, 1)),
  );
  return {
    activation: name,
    label: getActivation(name).label,
    factors: flat,
    zero: count((x) => x === 0),
    one: count((x) => x === 1),
    other: count((x) => x !== 0 && x !== 1),
    largest: Math.max(...flat),
    median: median(flat),
    stopped: grads.filter((g) => g === 0).length,
    passing: passes.filter(Boolean).length,
    passedExactly: grads.filter((g, c) => passes[c] && g === products[c]).length,
    tailMean: tails.map(mean),
    tailMin: tails.map((t) => Math.min(...t)),
    tailMax: tails.map((t) => Math.max(...t)),
    medianProduct: median(tails[o.depth - 1]),
  };
}

/**
 * Builds `chains` scalar chains of `depth` neurons with ReLU and with sigmoid (the same draws),
 * runs `backward()` through each, and counts the activation factors f′(zₖ) that are exactly 0,
 * exactly 1 or anything else, and the chains whose gradient stops or passes as ∏w exactly.
 *
 * @example At a tiny size: every ReLU factor is 0 or 1, no sigmoid factor exceeds 1/4
 * ```ts
 * import { reluGradientFactors } from "./relu_gradient_factors.ts";
 * import assert from "node:assert/strict";
 * const [relu, sigmoid] = reluGradientFactors({ depth: 5, chains: 20 }).runs;
 * assert.equal(relu.other, 0);
 * assert.equal(relu.stopped + relu.passing, 20);
 * assert.ok(sigmoid.largest <= 0.25);
 * ```
 */
export function reluGradientFactors(
  options?: ReluGradientFactorsOptions,
): ReluGradientFactorsResult {
  const o = parseOptions("reluGradientFactors", options, RELU_GRADIENT_FACTORS_OPTIONS);
  const relu = getActivation("relu");
  const zeroMean = chainsOf("relu", o, 0).factors.filter((f) => f.every((x) => x === 1));
  const k = Array.from({ length: o.depth }, (_, i) => i + 1);
  return {
    options: o,
    k,
    runs: [runOf("relu", o), runOf("sigmoid", o)],
    bound: k.map((n) => getActivation("sigmoid").df(0) ** n),
    kink: [relu.df(-1e-300), relu.df(0), relu.df(1e-300)],
    zeroMeanPassing: zeroMean.length,
  };
}

/** Column labels for a table of the runs (`table(result.runs, { columns })`). */
export const RELU_GRADIENT_FACTORS_COLUMNS = [
  { key: "label", label: "activation" },
  { key: "zero", label: "factors exactly 0" },
  { key: "one", label: "factors exactly 1" },
  { key: "other", label: "any other value" },
  { key: "largest", label: "largest factor" },
  { key: "stopped", label: "chains with ∂L/∂a = 0" },
  { key: "passedExactly", label: "chains with ∂L/∂a = w_D⋯w₁ exactly" },
] as const;

const u = (x: number) => formatNumber(x, { style: "unicode", digits: 3 });

/** A count for prose, with thousands separators: 30000 → "30,000". */
const c = (x: number) => x.toLocaleString("en-US");

/**
 * The finding on C2.1, from the ReLU chains:
 * - `"does not hold"`: some factor is neither 0 nor 1, or a chain's gradient is neither 0 nor
 *   exactly the product of its weights;
 * - `"inconclusive"`: every chain stopped, or every chain passed, so only one of the two outcomes
 *   was seen (the weights decide which: see `weightMean`);
 * - `"holds"`: otherwise — every factor 0 or 1, every chain stopped or passed as ∏w exactly.
 *
 * @example
 * ```ts
 * import { reluGradientFactors, reluGradientFactorsFinding } from "./relu_gradient_factors.ts";
 * import assert from "node:assert/strict";
 * const r = reluGradientFactors({ depth: 3, chains: 50 });
 * assert.equal(reluGradientFactorsFinding(r).verdict, "holds");
 * ```
 */
export function reluGradientFactorsFinding(result: ReluGradientFactorsResult): Finding {
  const [relu, sigmoid] = result.runs;
  const { chains, depth } = result.options;
  const total = relu.factors.length;
  const exact = relu.stopped + relu.passedExactly;
  const numbers = {
    other: relu.other,
    stopped: relu.stopped,
    passing: relu.passing,
    passedExactly: relu.passedExactly,
    sigmoidLargest: sigmoid.largest,
    zeroMeanPassing: result.zeroMeanPassing,
  };
  const base = {
    claim: "C2.1",
    article: "ReLU′ is 0 or 1: the gradient passes unchanged or stops",
    measured:
      `${c(relu.other)} of ${c(total)} factors neither 0 nor 1; ${c(relu.stopped)} of ${
        c(chains)
      } ` +
      `chains stopped, ${c(relu.passedExactly)} passed as ∏w exactly`,
    numbers,
  };
  const sig = `sigmoid's factors on the same chains are at most ${u(sigmoid.largest)}`;
  if (relu.other > 0 || exact < chains) {
    return finding({
      ...base,
      verdict: "does not hold",
      text:
        `In ${plural(chains, "chain")} of ${depth} ReLU neurons ${c(relu.other)} of ${c(total)} ` +
        `factors were neither 0 nor 1, and ${
          chains - exact
        } chains neither stopped nor passed the product of their weights exactly.`,
    });
  }
  if (relu.stopped === 0 || relu.stopped === chains) {
    return finding({
      ...base,
      verdict: "inconclusive",
      text: `Every ReLU factor of ${plural(chains, "chain")} was exactly 0 or 1, but ${
        relu.stopped === 0 ? "no chain stopped" : "every chain stopped"
      }, so only one of the two outcomes was seen; ${sig}.`,
    });
  }
  return finding({
    ...base,
    verdict: "holds",
    text:
      `Every one of ${c(total)} ReLU factors was exactly 0 or 1: ${
        percent(relu.stopped / chains)
      } of the chains stopped (∂L/∂a = 0) and the rest passed ∂L/∂a = w_D⋯w₁ to the last bit; ` +
      `${sig}. Whether a chain passes depends on the weights: with zero-mean weights only ${
        c(result.zeroMeanPassing)
      } of ${c(chains)} do.`,
  });
}
