/**
 * F1–F4, the chain rule through sigmoid neurons: the weight gradient of one neuron carries σ′ as
 * a factor (F1, derived by mathjs and checked at random points); a chain of neurons
 * a → b → c → d → L (F2) whose ∂L/∂a is the product of the local derivatives along it (F3, against
 * what `backward()` computes); and one of those factors expanded, ∂d/∂c = σ′(w_d·c + b_d)·w_d (F4).
 * The per-neuron factor σ′(z)·w is also what C1.2's "each neuron multiplies the gradient by at most
 * 1/4" is about.
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import { Value } from "../autograd/value.ts";
import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import { integer, number, type Options, type OptionsInput, parseOptions } from "../options.ts";
import { Rng } from "../random.ts";
import { derivative, texOf } from "../symbolic.ts";
import { type Finding, finding } from "./finding.ts";

const sigmoid = getActivation("sigmoid");

/** The options of {@linkcode sigmoidChain}, with their defaults. */
export const SIGMOID_CHAIN_OPTIONS = {
  /** Seed of the input, the weights and the biases (the chain draws from `Rng(seed + 1)`). */
  seed: integer(1, { min: 0 }),
  /** Standard deviation of the weights, drawn from N(0, weightStd²). */
  weightStd: number(1.5, { min: 0, open: "min", max: 100 }),
};

/** One sigmoid neuron of the chain, out = σ(input·w + β), every node kept. */
export interface ChainNeuron {
  /** Its name: "b", "c" or "d". */
  readonly name: string;
  /** Its input (the previous neuron's output, or a). */
  readonly input: Value;
  /** Its weight w. */
  readonly w: Value;
  /** Its bias β (β rather than b, so that b can name a neuron). */
  readonly beta: Value;
  /** input · w. */
  readonly product: Value;
  /** The pre-activation z = input · w + β. */
  readonly z: Value;
  /** The output σ(z). */
  readonly out: Value;
}

/** What {@linkcode sigmoidChain} returns: the graph, after `backward()`. */
export interface SigmoidChain {
  /** The input a, drawn from U(0, 1). */
  readonly input: Value;
  /** The three neurons b, c, d. */
  readonly neurons: readonly ChainNeuron[];
  /** The target t of the loss (1). */
  readonly target: number;
  /** The loss L = ½(d − t)², after `backward()`: every node's `grad` is ∂L/∂node. */
  readonly loss: Value;
  /** The nodes from a to L, in order: the path the gradient travels (to highlight). */
  readonly path: readonly Value[];
}

/**
 * The article's chain a → b → c → d → L as the scalar autograd engine records it: three sigmoid
 * neurons b = σ(a·w_b + β_b), c = σ(b·w_c + β_c), d = σ(c·w_d + β_d), and L = ½(d − 1)², with
 * a ~ U(0, 1), w ~ N(0, weightStd²), β ~ N(0, 0.5²); `backward()` has been called on L.
 *
 * @example
 * ```ts
 * import { sigmoidChain } from "./chain_rule.ts";
 * import assert from "node:assert/strict";
 * const chain = sigmoidChain({ seed: 3 });
 * assert.deepEqual(chain.neurons.map((n) => n.out.label), ["b", "c", "d"]);
 * assert.equal(chain.path[0], chain.input);
 * assert.equal(chain.loss.grad, 1);
 * ```
 */
export function sigmoidChain(options?: OptionsInput<typeof SIGMOID_CHAIN_OPTIONS>): SigmoidChain {
  const o = parseOptions("sigmoidChain", options, SIGMOID_CHAIN_OPTIONS);
  const rng = new Rng(o.seed + 1);
  const input = new Value(rng.uniform(0, 1), { label: "a" });
  const neurons: ChainNeuron[] = [];
  for (const name of ["b", "c", "d"]) {
    const from = neurons.length === 0 ? input : neurons[neurons.length - 1].out;
    const w = new Value(rng.normal(0, o.weightStd), { label: `w_${name}` });
    const beta = new Value(rng.normal(0, 0.5), { label: `β_${name}` });
    const product = from.mul(w);
    const z = product.add(beta);
    z.label = `z_${name}`;
    const out = z.apply("sigmoid");
    out.label = name;
    neurons.push({ name, input: from, w, beta, product, z, out });
  }
  const target = 1;
  const d = neurons[2].out;
  const diff = d.add(new Value(-target, { label: "−t" }));
  const squared = diff.pow(2);
  const loss = squared.mul(0.5);
  loss.label = "L";
  loss.backward();
  const path = [input, ...neurons.flatMap((n) => [n.product, n.z, n.out]), diff, squared, loss];
  return { input, neurons, target, loss, path };
}

/** The options of {@linkcode chainRule}, with their defaults. */
export const CHAIN_RULE_OPTIONS = {
  ...SIGMOID_CHAIN_OPTIONS,
  /** Random points (w, x, b, t) at which F1's symbolic derivative is checked. */
  points: integer(5, { min: 1, max: 1000 }),
};

/** What {@linkcode chainRule} takes: every field optional. */
export type ChainRuleOptions = OptionsInput<typeof CHAIN_RULE_OPTIONS>;

/** One random point of F1: the neuron y = σ(wx + b) and its loss ½(y − t)². */
export interface WeightGradientPoint {
  readonly w: number;
  readonly x: number;
  readonly b: number;
  /** The target, 0 or 1. */
  readonly t: number;
  /** z = wx + b. */
  readonly z: number;
  /** ∂L/∂y = y − t. */
  readonly dLdy: number;
  /** σ′(z), from the registry. */
  readonly slope: number;
  /** The chain rule's product (y − t)·σ′(z)·x. */
  readonly product: number;
  /** mathjs's ∂L/∂w at the point. */
  readonly symbolic: number;
  /** |symbolic − product| / |product|. */
  readonly relativeDifference: number;
}

/** One factor of F3's ∂L/∂a = ∂L/∂d · ∂d/∂c · ∂c/∂b · ∂b/∂a. */
export interface ChainFactor {
  /** "∂L/∂d", "∂d/∂c", … */
  readonly factor: string;
  /** The product of the graph's edge labels along that stretch of the path. */
  readonly edges: number;
  /** Its formula: "d − t", "σ′(z_d)·w_d", … */
  readonly formula: string;
  /** The formula's value, with the registry's σ′. */
  readonly fromFormula: number;
  /** σ′(z) of the neuron (null for ∂L/∂d). */
  readonly slope: number | null;
  /** w of the neuron (null for ∂L/∂d). */
  readonly weight: number | null;
}

/** What {@linkcode chainRule} returns: plain data. */
export interface ChainRuleResult {
  /** The options used, defaults filled in. */
  readonly options: Options<typeof CHAIN_RULE_OPTIONS>;
  /** F1: one neuron's ∂L/∂w, derived by mathjs and checked against the three factors. */
  readonly weightGradient: {
    /** L as LaTeX. */
    readonly lossTex: string;
    /** mathjs's ∂L/∂w as LaTeX. */
    readonly gradientTex: string;
    /** The random points. */
    readonly points: readonly WeightGradientPoint[];
    /** The largest relative difference over the points. */
    readonly worst: number;
  };
  /** F2, F3: the chain's factors, their product and what `backward()` stored in a. */
  readonly chain: {
    /** The values of a, b, c, d. */
    readonly values: readonly number[];
    /** ∂L/∂d, then one factor per neuron from d back to b. */
    readonly factors: readonly ChainFactor[];
    /** The product of the four factors. */
    readonly product: number;
    /** a.grad after `backward()`. */
    readonly backward: number;
    /** ∂L/∂a = (factor)(factor)… = product, as LaTeX. */
    readonly tex: string;
  };
  /** F4: ∂d/∂c derived by mathjs, beside σ′(z_d)·w_d and the graph's factor. */
  readonly expanded: {
    /** d and mathjs's ∂d/∂c as LaTeX. */
    readonly tex: string;
    /** mathjs's ∂d/∂c at the chain's values. */
    readonly symbolic: number;
    /** σ′(z_d)·w_d from the registry. */
    readonly fromRegistry: number;
    /** ∂d/∂c from the graph's edges (F3's factor). */
    readonly fromGraph: number;
    /** w_d. */
    readonly weight: number;
    /** σ′(z_d) from the registry. */
    readonly slope: number;
    /** mathjs's ∂d/∂c divided by w_d: σ′(z_d) if the middle term is σ′. */
    readonly quotient: number;
  };
}

/**
 * mathjs LaTeX, tidied: subscripts, and no roman t or b (mathjs reads them as units); the letter
 * keeps braces so that it cannot run into a preceding command (\cdot{t}, not \cdott).
 */
const asTex = (s: string) => s.replace(/\\_/g, "_").replace(/\\mathrm\{([a-z])\}/g, "{$1}");
const sigmoidOf = (z: string) => sigmoid.expression.replace(/\bx\b/g, `(${z})`);
const relative = (a: number, b: number) =>
  a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

/** ∂child/∂parent along the edges from parent to child (summed if there are two). */
const local = (child: Value, parent: Value) =>
  child.edges.filter((e) => e.parent === parent).reduce((s, e) => s + e.local, 0);
/** The product of the local derivatives along a path of nodes, first to last. */
const along = (path: readonly Value[]) =>
  path.slice(1).reduce((p, node, i) => p * local(node, path[i]), 1);

/**
 * F1–F4 computed: mathjs's ∂L/∂w of one sigmoid neuron against (y − t)·σ′(z)·x at `points`
 * random points; the chain of {@linkcode sigmoidChain}, its four chain-rule factors read off
 * the graph's edges and from their formulas, their product against `backward()`; and mathjs's
 * ∂d/∂c against σ′(z_d)·w_d.
 *
 * @example
 * ```ts
 * import { chainRule } from "./chain_rule.ts";
 * import assert from "node:assert/strict";
 * const r = chainRule({ points: 3 });
 * assert.ok(r.weightGradient.worst < 1e-12);
 * assert.ok(Math.abs(r.chain.product - r.chain.backward) < 1e-15);
 * ```
 */
export function chainRule(options?: ChainRuleOptions): ChainRuleResult {
  const o = parseOptions("chainRule", options, CHAIN_RULE_OPTIONS);

  const lossExpr = `0.5 * (${sigmoidOf("w * x + b")} - t)^2`;
  const dLdw = derivative(lossExpr, "w");
  const rng = new Rng(o.seed);
  const points = Array.from({ length: o.points }, (): WeightGradientPoint => {
    const w = rng.normal(0, o.weightStd), x = rng.normal(0, 1), b = rng.normal(0, 1);
    const t = rng.int(2);
    const z = w * x + b;
    const dLdy = sigmoid.f(z) - t;
    const slope = sigmoid.df(z);
    const product = dLdy * slope * x;
    const symbolic = dLdw.evaluate({ w, x, b, t }) as number;
    return {
      w,
      x,
      b,
      t,
      z,
      dLdy,
      slope,
      product,
      symbolic,
      relativeDifference: relative(symbolic, product),
    };
  });

  const chain = sigmoidChain({ seed: o.seed, weightStd: o.weightStd });
  const [nb, nc, nd] = chain.neurons;
  const [diff, squared] = chain.path.slice(-3, -1);
  const neuronFactor = (n: ChainNeuron): ChainFactor => ({
    factor: `∂${n.out.label}/∂${n.input.label}`,
    edges: along([n.input, n.product, n.z, n.out]),
    formula: `σ′(z_${n.name})·w_${n.name}`,
    fromFormula: sigmoid.df(n.z.data) * n.w.data,
    slope: sigmoid.df(n.z.data),
    weight: n.w.data,
  });
  const factors: ChainFactor[] = [
    {
      factor: "∂L/∂d",
      edges: along([nd.out, diff, squared, chain.loss]),
      formula: "d − t",
      fromFormula: nd.out.data - chain.target,
      slope: null,
      weight: null,
    },
    ...[nd, nc, nb].map(neuronFactor),
  ];
  const product = factors.reduce((p, f) => p * f.edges, 1);
  const num = (v: number) => formatNumber(v, { digits: 4 });
  const partial = (a: string, b: string) => String.raw`\frac{\partial ${a}}{\partial ${b}}`;
  const chainTex = `${partial("L", "a")} = ${partial("L", "d")}${partial("d", "c")}${
    partial("c", "b")
  }${partial("b", "a")} = ${factors.map((f) => `(${num(f.edges)})`).join("")} = ${num(product)}`;

  const neuronExpr = sigmoidOf("w_d * c + b_d");
  const dddc = derivative(neuronExpr, "c");
  const symbolic = dddc.evaluate({ w_d: nd.w.data, c: nc.out.data, b_d: nd.beta.data }) as number;
  return {
    options: o,
    weightGradient: {
      lossTex: `L = ${asTex(texOf(lossExpr))}`,
      gradientTex: String.raw`\frac{\partial L}{\partial w} = ${asTex(texOf(dLdw))}`,
      points,
      worst: Math.max(...points.map((p) => p.relativeDifference)),
    },
    chain: {
      values: [chain.input, nb.out, nc.out, nd.out].map((v) => v.data),
      factors,
      product,
      backward: chain.input.grad,
      tex: chainTex,
    },
    expanded: {
      tex: String.raw`d = ${asTex(texOf(neuronExpr))}, \qquad ${partial("d", "c")} = ${
        asTex(texOf(dddc))
      }`,
      symbolic,
      fromRegistry: sigmoid.df(nd.z.data) * nd.w.data,
      fromGraph: factors[1].edges,
      weight: nd.w.data,
      slope: sigmoid.df(nd.z.data),
      quotient: symbolic / nd.w.data,
    },
  };
}

/** Column labels for the tables of a {@linkcode ChainRuleResult} (`table(rows, { columns })`). */
export const CHAIN_RULE_COLUMNS = {
  /** For `weightGradient.points` (w, b and t enter through z and y − t). */
  points: [
    { key: "z", label: "z = wx + b" },
    { key: "dLdy", label: "∂L/∂y = y − t" },
    { key: "slope", label: "σ′(z)" },
    { key: "x", label: "x" },
    { key: "product", label: "(y − t)·σ′(z)·x" },
    { key: "symbolic", label: "mathjs ∂L/∂w" },
    { key: "relativeDifference", label: "relative difference" },
  ],
  /** For `chain.factors`. */
  factors: [
    { key: "factor", label: "factor" },
    { key: "edges", label: "edge labels multiplied" },
    { key: "formula", label: "formula" },
    { key: "fromFormula", label: "formula, registry σ′" },
    { key: "slope", label: "σ′(z)" },
    { key: "weight", label: "w" },
  ],
} as const;

/** The tolerance of the chain-rule findings. */
export const CHAIN_RULE_THRESHOLDS = {
  /** Two computations of the same derivative agree within this relative difference (rounding). */
  relative: 1e-12,
  /** The article's bound on each neuron's factor. */
  bound: 0.25,
};

const u = (x: number) => formatNumber(x, { style: "unicode" });
const range = (xs: readonly number[]) => `${u(Math.min(...xs))} … ${u(Math.max(...xs))}`;
const ofPoints = (k: number) => k === 1 ? "the 1 random point" : `all ${k} random points`;

/**
 * The finding on F1, "∂L/∂w = ∂L/∂y · σ′(z) · x": `"holds"` when mathjs's derivative equals the
 * product of the three factors at every point within {@linkcode CHAIN_RULE_THRESHOLDS}.relative,
 * `"does not hold"` otherwise.
 *
 * @example
 * ```ts
 * import { chainRule, weightGradientFinding } from "./chain_rule.ts";
 * import assert from "node:assert/strict";
 * assert.equal(weightGradientFinding(chainRule({ points: 2 })).verdict, "holds");
 * ```
 */
export function weightGradientFinding(result: ChainRuleResult): Finding {
  const { points, worst } = result.weightGradient;
  const tol = CHAIN_RULE_THRESHOLDS.relative;
  const off = points.filter((p) => p.relativeDifference > tol).length;
  const base = {
    claim: "F1",
    article: "∂L/∂w = ∂L/∂y · σ′(z) · x: σ′ is a factor",
    measured: `mathjs ∂L/∂w vs the product, worst relative difference ${u(worst)}`,
    numbers: { points: points.length, worst, off },
  };
  if (off > 0) {
    return finding({
      ...base,
      verdict: "does not hold",
      text: `At ${off} of ${points.length} random points mathjs's ∂L/∂w differs from ` +
        `∂L/∂y · σ′(z) · x by more than ${u(tol)} (relative difference up to ${u(worst)}).`,
    });
  }
  const agreement = worst === 0
    ? "exactly"
    : `to a relative difference of ${points.length === 1 ? "" : "at most "}${u(worst)} (rounding)`;
  const slopes = points.map((p) => p.slope);
  const middle = points.length === 1
    ? `is ${u(slopes[0])} there`
    : `ranges over ${range(slopes)} there`;
  return finding({
    ...base,
    verdict: "holds",
    text: `At ${ofPoints(points.length)} mathjs's ∂L/∂w equals ∂L/∂y · σ′(z) · x ${agreement}; ` +
      `the middle factor σ′(z) ${middle}, never above 1/4.`,
  });
}

/**
 * The finding on F2 and F3, "∂L/∂a is the product of the local derivatives along the chain":
 * `"holds"` when the product of the factors read off the graph equals the gradient `backward()`
 * stored in a within {@linkcode CHAIN_RULE_THRESHOLDS}.relative, `"does not hold"` otherwise.
 *
 * @example
 * ```ts
 * import { chainProductFinding, chainRule } from "./chain_rule.ts";
 * import assert from "node:assert/strict";
 * assert.equal(chainProductFinding(chainRule({ points: 1 })).verdict, "holds");
 * ```
 */
export function chainProductFinding(result: ChainRuleResult): Finding {
  const { product, backward } = result.chain;
  const difference = relative(product, backward);
  const base = {
    claim: "F2, F3",
    article: "∂L/∂a is the product of the local derivatives along a → b → c → d → L",
    measured: `product ${u(product)}, backward() ${u(backward)}`,
    numbers: { product, backward, difference },
  };
  const holds = difference <= CHAIN_RULE_THRESHOLDS.relative;
  return finding({
    ...base,
    verdict: holds ? "holds" : "does not hold",
    text: holds
      ? `The four factors read off the graph multiply to ${u(product)}, and \`backward()\` ` +
        `stored ${u(backward)} in a (relative difference ${u(difference)}).`
      : `The four factors multiply to ${u(product)}, but \`backward()\` stored ${
        u(backward)
      } in a (relative difference ${u(difference)}).`,
  });
}

/**
 * The finding on F4, "∂d/∂c = σ′(w_d·c + b_d)·w_d: the middle term is σ′": `"holds"` when
 * mathjs's ∂d/∂c divided by w_d equals the registry's σ′(z_d), and ∂d/∂c equals the graph's
 * factor, within {@linkcode CHAIN_RULE_THRESHOLDS}.relative; `"does not hold"` otherwise.
 *
 * @example
 * ```ts
 * import { chainRule, expandedFactorFinding } from "./chain_rule.ts";
 * import assert from "node:assert/strict";
 * assert.equal(expandedFactorFinding(chainRule({ points: 1 })).verdict, "holds");
 * ```
 */
export function expandedFactorFinding(result: ChainRuleResult): Finding {
  const e = result.expanded;
  const slopeDifference = relative(e.quotient, e.slope);
  const graphDifference = relative(e.symbolic, e.fromGraph);
  const tol = CHAIN_RULE_THRESHOLDS.relative;
  const holds = slopeDifference <= tol && graphDifference <= tol;
  return finding({
    claim: "F4",
    article: "∂d/∂c = σ′(w_d·c + b_d)·w_d: the middle term is σ′",
    measured: `mathjs ∂d/∂c ÷ w_d = ${u(e.quotient)}, σ′(z_d) = ${u(e.slope)}`,
    verdict: holds ? "holds" : "does not hold",
    numbers: { ...e, slopeDifference, graphDifference },
    text: holds
      ? `mathjs's ∂d/∂c is ${u(e.symbolic)} at the chain's values, the graph's factor ${
        u(e.fromGraph)
      }; divided by w_d = ${u(e.weight)} it leaves ${u(e.quotient)}, which is σ′(z_d).`
      : `mathjs's ∂d/∂c (${u(e.symbolic)}) divided by w_d = ${u(e.weight)} is ${
        u(e.quotient)
      }, not σ′(z_d) = ${u(e.slope)}, or it differs from the graph's factor ${u(e.fromGraph)}.`,
  });
}

/**
 * The finding on C1.2 for single neurons, "each neuron multiplies the gradient by a factor of at
 * most 1/4", from the chain's per-neuron factors σ′(z)·w:
 * - `"holds"`: every |σ′(z)·w| is at most 1/4;
 * - `"holds in part"`: every σ′(z) is at most 1/4, but the weights make some |σ′(z)·w| larger;
 * - `"does not hold"`: some σ′(z) itself exceeds 1/4 (impossible for a true sigmoid).
 *
 * @example
 * ```ts
 * import { chainRule, neuronFactorFinding } from "./chain_rule.ts";
 * import assert from "node:assert/strict";
 * const f = neuronFactorFinding(chainRule({ points: 1, weightStd: 0.1 }));
 * assert.equal(f.verdict, "holds"); // small weights: every factor below 1/4
 * ```
 */
export function neuronFactorFinding(result: ChainRuleResult): Finding {
  const neurons = result.chain.factors.filter((f) => f.slope !== null && f.weight !== null);
  const slopes = neurons.map((f) => f.slope as number);
  const weights = neurons.map((f) => f.weight as number);
  const factors = neurons.map((f) => Math.abs(f.fromFormula));
  const { bound } = CHAIN_RULE_THRESHOLDS;
  const over = neurons.filter((_, i) => factors[i] > bound).map((f) => f.factor);
  const numbers = { slopes, weights, factors, largest: Math.max(...factors) };
  const base = {
    claim: "C1.2 (per neuron)",
    article: "each neuron multiplies the gradient by a factor ≤ 1/4",
    measured: `|σ′(z)·w| = ${listText(factors.map(u))}`,
    numbers,
  };
  const parts = `the σ′ parts are ${listText(slopes.map(u))} and the weights ${
    listText(weights.map(u))
  }`;
  if (slopes.some((s) => s > bound)) {
    return finding({
      ...base,
      verdict: "does not hold",
      text: `Some neuron's σ′ exceeds 1/4 in this chain: ${parts}.`,
    });
  }
  if (over.length > 0) {
    return finding({
      ...base,
      verdict: "holds in part",
      text: `Each neuron contributes σ′(z)·w, not σ′ alone: in this chain ${parts}, so ${
        listText(over)
      } ${over.length === 1 ? "is" : "are"} larger than 1/4 in size (${
        over.length === 1 ? "" : "up to "
      }${u(numbers.largest)}). The bound 1/4 is σ′'s; a neuron's factor also carries its weight.`,
    });
  }
  return finding({
    ...base,
    verdict: "holds",
    text: `Each neuron contributes σ′(z)·w; in this chain ${parts}, and every factor is at ` +
      `most 1/4 in size (largest ${u(numbers.largest)}).`,
  });
}
