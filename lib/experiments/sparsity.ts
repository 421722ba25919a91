/**
 * C2.3, sparsity and the feature-detector view on real digits: the same MLP is trained with ReLU,
 * sigmoid and tanh on MNIST training digits; on official test digits we count the hidden
 * activations that are exactly 0, correlate the first-layer units pair by pair (and, for ReLU,
 * its pre-activations z, the same units before the negatives are set to 0), and look at the most
 * variable ReLU units as switches: their weight images, their outputs, and the digits that switch
 * one on hardest or leave it at 0.
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import type { ActivationName } from "../activations/types.ts";
import type { Tensor } from "../autograd/tensor.ts";
import { mnistImage } from "../data/mnist.ts";
import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import { percent } from "../display/prose.ts";
import { MLP } from "../nn/mlp.ts";
import {
  activationList,
  integer,
  integers,
  number,
  type Options,
  type OptionsInput,
  parseOptions,
  progressOption,
} from "../options.ts";
import { correlation, mean, median, standardDeviation } from "../stats/summary.ts";
import { activationStats, batchOf, evaluate, fitAsync } from "../train/fit.ts";
import { trainAndTest } from "./_digits.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode sparsity}, with their defaults. */
export const SPARSITY_OPTIONS = {
  /** The activations trained, one network each (ReLU first for the figures). */
  activations: activationList(["relu", "sigmoid", "tanh"]),
  /** Hidden layer widths. */
  hidden: integers([128, 128], { min: 2, max: 1024 }, { maxLength: 5 }),
  /** MNIST training digits. */
  train: integer(2000, { min: 10, max: 60_000 }),
  /** Official MNIST test digits the errors are measured on. */
  test: integer(10_000, { min: 10, max: 10_000 }),
  /** The first this many of them give the activation statistics. */
  probe: integer(2000, { min: 10, max: 10_000 }),
  /** Epochs of training. */
  epochs: integer(3, { min: 1, max: 100 }),
  /** Minibatch size. */
  batchSize: integer(32, { min: 1, max: 60_000 }),
  /** SGD learning rate. */
  lr: number(0.05, { min: 0, max: 10, open: "min" }),
  /** SGD momentum. */
  momentum: number(0.9, { min: 0, max: 1, open: "max" }),
  /** Glorot, Bordes & Bengio 2011's fraction of exact zeros on MNIST (data/papers/glorot2011.json). */
  reference: number(0.83, { min: 0, max: 1 }),
  /** Seed of the digits, the weights and the minibatch order. */
  seed: integer(0, { min: 0 }),
  /** Called after every epoch of every network (`progress("training")` draws a bar). */
  onProgress: progressOption(),
};

/** What {@linkcode sparsity} takes: every field optional. */
export type SparsityOptions = OptionsInput<typeof SPARSITY_OPTIONS>;

/** Pairwise correlations of a layer's units over the probe digits. */
export interface UnitCorrelations {
  /** Mean |r| over pairs of units (units constant on every digit left out). */
  readonly meanAbs: number;
  /** Median r. */
  readonly median: number;
  /** Share of pairs with |r| > 0.5. */
  readonly strong: number;
  /** Units left out as constant. */
  readonly constant: number;
  /** Every pair's r. */
  readonly pairs: readonly number[];
}

/** One trained network. */
export interface SparsityRun {
  readonly activation: ActivationName;
  readonly label: string;
  /** Error on the official test digits after training. */
  readonly testError: number;
  /** Per hidden layer, per epoch (0 = before training): exact zeros on every training digit. */
  readonly zeroByEpoch: readonly (readonly number[])[];
  /** Per hidden layer: the fraction of activations exactly 0 on the probe digits. */
  readonly zero: readonly number[];
  /** Layer 1's units whose output is 0 on every probe digit (null where f is never exactly 0). */
  readonly dead: number | null;
  /** Layer 1's mean activation on the probe digits. */
  readonly mean: number;
  /** Layer 1's unit correlations (outputs). */
  readonly correlations: UnitCorrelations;
}

/** One first-layer ReLU unit looked at as a switch. */
export interface DetectorUnit {
  /** Its index in layer 1. */
  readonly unit: number;
  /** Its 784 incoming weights, a 28 × 28 image row by row. */
  readonly weights: readonly number[];
  /** Share of the probe digits it is on for (output > 0). */
  readonly on: number;
  /** Its output on every probe digit. */
  readonly outputs: readonly number[];
  /** Its mean output per class 0 … 9 (0 for a class with no probe digit). */
  readonly classMeans: readonly number[];
  /** Its best class's mean output over its mean output on all the probe digits (0 if never on). */
  readonly selectivity: number;
}

/** What {@linkcode sparsity} returns: plain data. */
export interface SparsityResult {
  readonly options: Omit<Options<typeof SPARSITY_OPTIONS>, "onProgress">;
  /** Training digits, test digits, probe digits. */
  readonly counts: { readonly train: number; readonly test: number; readonly probe: number };
  /** One entry per activation, in the order given. */
  readonly runs: readonly SparsityRun[];
  /** The ReLU network's pre-activations z of layer 1, correlated the same way; null without ReLU. */
  readonly reluPre: UnitCorrelations | null;
  /** The correlation matrix of the first `shown` live ReLU units, and their indices. */
  readonly heatmap: {
    readonly units: readonly number[];
    readonly r: readonly (readonly number[])[];
  } | null;
  /** The 8 most variable ReLU units of layer 1, most variable first. */
  readonly detectors: readonly DetectorUnit[];
  /** The most variable unit: the digits that drive it hardest and some that leave it at 0. */
  readonly star: {
    readonly unit: number;
    readonly strongest: readonly {
      readonly label: number;
      readonly output: number;
      readonly image: readonly number[];
    }[];
    readonly off: readonly { readonly label: number; readonly image: readonly number[] }[];
    /** Its mean output per class 0 … 9. */
    readonly classMeans: readonly number[];
  } | null;
}

const column = (t: Tensor, j: number) =>
  Float64Array.from({ length: t.shape[0] }, (_, i) => t.data[i * t.shape[1] + j]);

function unitCorrelations(h: Tensor) {
  const columns = Array.from({ length: h.shape[1] }, (_, j) => column(h, j));
  const live = [...columns.keys()].filter((j) => standardDeviation(columns[j]) > 0);
  const r: number[][] = live.map(() => new Array(live.length).fill(1));
  const pairs: number[] = [];
  for (let a = 0; a < live.length; a++) {
    for (let b = a + 1; b < live.length; b++) {
      r[a][b] = r[b][a] = correlation(columns[live[a]], columns[live[b]]);
      pairs.push(r[a][b]);
    }
  }
  const stats: UnitCorrelations = {
    meanAbs: pairs.length ? mean(pairs.map(Math.abs)) : 0,
    median: pairs.length ? median(pairs) : 0,
    strong: pairs.length ? pairs.filter((p) => Math.abs(p) > 0.5).length / pairs.length : 0,
    constant: h.shape[1] - live.length,
    pairs,
  };
  return { stats, live, r };
}

/**
 * Trains one MLP 784 → hidden → 10 per activation (initialised as it asks; the same digits and
 * minibatch order) with SGD and momentum, records the exact zeros per epoch on the training
 * digits, and measures sparsity, unit correlations and ReLU's switches on official test digits.
 *
 * @example At a tiny size: ReLU has exact zeros, sigmoid none
 * ```ts
 * import { sparsity } from "./sparsity.ts";
 * import assert from "node:assert/strict";
 * const r = await sparsity({ activations: ["relu", "sigmoid"], hidden: [16], train: 100, test: 50, probe: 50, epochs: 1 });
 * assert.ok(r.runs[0].zero[0] > 0.1);
 * assert.equal(r.runs[1].zero[0], 0);
 * ```
 */
export async function sparsity(options?: SparsityOptions): Promise<SparsityResult> {
  const { onProgress, ...o } = parseOptions("sparsity", options, SPARSITY_OPTIONS);
  if (o.probe > o.test) {
    throw new RangeError(
      `sparsity: option "probe" (${o.probe}) must be at most option "test" (${o.test})`,
    );
  }
  const data = await trainAndTest({ train: o.train, test: o.test, seed: o.seed });
  const probeRows = Int32Array.from({ length: o.probe }, (_, i) => i);
  const probe = batchOf(data.test, probeRows);
  const total = o.activations.length * o.epochs;
  let done = 0;
  const runs: SparsityRun[] = [];
  let relu: { model: MLP; trace: { pre: Tensor; post: Tensor }[] } | null = null;
  for (const name of o.activations) {
    const f = getActivation(name);
    const model = new MLP([784, ...o.hidden, 10], { activation: name, seed: o.seed });
    const history = await fitAsync(model, { train: data.train }, {
      epochs: o.epochs,
      batchSize: o.batchSize,
      lr: o.lr,
      momentum: o.momentum,
      seed: o.seed,
      probeSize: o.train,
      onEpoch: async (r) => {
        if (r.epoch > 0) await onProgress?.(++done, total, `${f.label}, epoch ${r.epoch}`);
      },
    });
    const stats = activationStats(model, probe.x);
    if (name === "relu") relu = { model, trace: stats.trace };
    runs.push({
      activation: name,
      label: f.label,
      testError: 1 - evaluate(model, data.test).accuracy,
      zeroByEpoch: o.hidden.map((_, l) => history.epochs.map((e) => e.zeroFraction[l])),
      zero: stats.zero,
      dead: f.f(-1) === 0 ? Math.round(stats.dead[0] * o.hidden[0]) : null,
      mean: stats.mean[0],
      correlations: unitCorrelations(stats.trace[0].post).stats,
    });
  }
  const counts = { train: data.train.n, test: data.test.n, probe: o.probe };
  if (relu === null) {
    return { options: o, counts, runs, reluPre: null, heatmap: null, detectors: [], star: null };
  }
  const post = relu.trace[0].post;
  const { live, r } = unitCorrelations(post);
  const shown = Math.min(24, live.length);
  const units = o.hidden[0];
  const std = Array.from({ length: units }, (_, j) => standardDeviation(column(post, j)));
  const top = [...std.keys()].sort((a, b) => std[b] - std[a]).slice(0, 8);
  const w = relu.model.layers[0].linear.weight;
  const label = (i: number) => data.test.y[i];
  const detectors = top.map((j): DetectorUnit => {
    const outputs = [...column(post, j)];
    const classMeans = Array.from({ length: 10 }, (_, c) => {
      const of = outputs.filter((_, i) => label(i) === c);
      return of.length ? mean(of) : 0;
    });
    const overall = mean(outputs);
    return {
      unit: j,
      weights: [...column(w, j)],
      on: outputs.filter((v) => v > 0).length / o.probe,
      outputs,
      classMeans,
      selectivity: overall > 0 ? Math.max(...classMeans) / overall : 0,
    };
  });
  const s = detectors[0];
  const order = [...s.outputs.keys()].sort((a, b) => s.outputs[b] - s.outputs[a]);
  return {
    options: o,
    counts,
    runs,
    reluPre: unitCorrelations(relu.trace[0].pre).stats,
    heatmap: {
      units: live.slice(0, shown),
      r: r.slice(0, shown).map((row) => row.slice(0, shown)),
    },
    detectors,
    star: {
      unit: s.unit,
      strongest: order.slice(0, 6).map((i) => ({
        label: label(i),
        output: s.outputs[i],
        image: [...mnistImage(data.test, i)],
      })),
      off: order.filter((i) => s.outputs[i] === 0).slice(0, 6).map((i) => ({
        label: label(i),
        image: [...mnistImage(data.test, i)],
      })),
      classMeans: s.classMeans,
    },
  };
}

/** The thresholds the sparsity findings decide by. */
export const SPARSITY_THRESHOLDS = {
  /** "Sparse": at least this fraction of ReLU's activations exactly 0 (layer mean). */
  sparse: 0.1,
  /** "As sparse as the paper": within this of its fraction. */
  near: 0.1,
  /** Correlations differ only when mean |r| differs by more than this. */
  noise: 0.01,
  /** A switch is off for between this share and 1 − this share of the digits. */
  switchShare: 0.05,
  /** A selective unit: its best class's mean output is at least this many times its overall mean. */
  selective: 2,
};

const pct = (x: number) => percent(x, 0);
const u = (x: number) => formatNumber(x, { style: "unicode", digits: 3 });

/**
 * The finding on C2.3's sparsity, from ReLU's exact zeros (mean over hidden layers) on the test
 * digits, beside the other activations' and Glorot et al. 2011's:
 * - `"holds"`: at least 10 % exactly 0, more than any other activation, and within 10 points of
 *   the paper's fraction (or above it);
 * - `"holds in part"`: sparse, but more than 10 points below the paper's fraction;
 * - `"does not hold"`: fewer than 10 %, or no more than another activation;
 * - `"inconclusive"`: no ReLU network was trained.
 *
 * @example
 * ```ts
 * import { sparsity, sparsityFinding } from "./sparsity.ts";
 * import assert from "node:assert/strict";
 * const r = await sparsity({ activations: ["tanh"], hidden: [8], train: 50, test: 20, probe: 20, epochs: 1 });
 * assert.equal(sparsityFinding(r).verdict, "inconclusive");
 * ```
 */
export function sparsityFinding(result: SparsityResult): Finding {
  const base = { claim: "C2.3 (sparsity)", article: "ReLU makes the network sparse" };
  const relu = result.runs.find((r) => r.activation === "relu");
  const { reference, epochs } = result.options;
  if (!relu) {
    return finding({
      ...base,
      measured: "no ReLU network trained",
      verdict: "inconclusive",
      text: "Nothing to decide: ReLU is not among the activations trained.",
      numbers: {},
    });
  }
  const zero = mean(relu.zero);
  const others = result.runs.filter((r) => r !== relu);
  const otherMax = Math.max(0, ...others.map((r) => mean(r.zero)));
  const { sparse, near } = SPARSITY_THRESHOLDS;
  const layers = listText(relu.zero.map((z, l) => `${pct(z)} in layer ${l + 1}`));
  const beside = others.length
    ? ` (${listText(others.map((r) => `${r.label} ${pct(mean(r.zero))}`))})`
    : "";
  const numbers = { zero, layers: [...relu.zero], otherMax, reference };
  const measured = `${layers} exactly 0 (paper ~${pct(reference)})`;
  if (zero < sparse || zero <= otherMax) {
    return finding({
      ...base,
      measured,
      verdict: "does not hold",
      numbers,
      text:
        `Only ${layers} of ReLU's activations on the test digits are exactly 0${beside}: not sparse.`,
    });
  }
  const close = zero >= reference - near;
  return finding({
    ...base,
    measured,
    verdict: close ? "holds" : "holds in part",
    numbers,
    text: `On the test digits ${layers} of ReLU's activations are exactly 0${beside}. ` +
      (close
        ? `That is Glorot et al.'s ~${pct(reference)}.`
        : `Sparse, but below Glorot et al.'s ~${
          pct(reference)
        }: their networks were larger and trained far longer than ${epochs} epochs.`),
  });
}

/**
 * The finding on C2.3's decorrelation, "negative values would correlate neurons; ReLU's zeros
 * decorrelate them", from the mean |r| between pairs of first-layer units: within the ReLU
 * network (outputs against pre-activations z) and across networks:
 * - `"holds"`: ReLU's outputs are less correlated than its z and than every other network's;
 * - `"holds in part"`: one of the two;
 * - `"does not hold"`: neither;
 * - `"inconclusive"`: no ReLU network, or outputs and z within 0.01 of each other.
 *
 * @example
 * ```ts
 * import { decorrelationFinding, sparsity } from "./sparsity.ts";
 * import assert from "node:assert/strict";
 * const r = await sparsity({ activations: ["sigmoid"], hidden: [8], train: 50, test: 20, probe: 20, epochs: 1 });
 * assert.equal(decorrelationFinding(r).verdict, "inconclusive");
 * ```
 */
export function decorrelationFinding(result: SparsityResult): Finding {
  const base = { claim: "C2.3 (correlation)", article: "ReLU's zeros make units less correlated" };
  const relu = result.runs.find((r) => r.activation === "relu");
  if (!relu || !result.reluPre) {
    return finding({
      ...base,
      measured: "no ReLU network trained",
      verdict: "inconclusive",
      text: "Nothing to decide: ReLU is not among the activations trained.",
      numbers: {},
    });
  }
  const out = relu.correlations.meanAbs;
  const pre = result.reluPre.meanAbs;
  const others = result.runs.filter((r) => r !== relu);
  const within = out < pre;
  const across = others.every((r) => out < r.correlations.meanAbs);
  const numbers = { out, pre, others: others.map((r) => r.correlations.meanAbs) };
  const order = [...result.runs].sort((a, b) => a.correlations.meanAbs - b.correlations.meanAbs);
  const measured = `mean |r|: ReLU outputs ${u(out)}, its z ${u(pre)}; ${
    others.map((r) => `${r.label} ${u(r.correlations.meanAbs)}`).join(", ")
  }`;
  const sentence = `Mean |r| between first-layer units: ${u(pre)} for ReLU's pre-activations z, ${
    u(out)
  } for its outputs; across networks, least to most correlated: ${
    order.map((r) => r.label).join(" < ")
  }.`;
  if (Math.abs(out - pre) < SPARSITY_THRESHOLDS.noise) {
    return finding({
      ...base,
      measured,
      verdict: "inconclusive",
      numbers,
      text:
        `${sentence} Zeroing the negatives changes the correlation by less than ${SPARSITY_THRESHOLDS.noise}.`,
    });
  }
  const verdict = within && across ? "holds" : within || across ? "holds in part" : "does not hold";
  const why = within && across
    ? "The zeros decorrelate the units, and ReLU's are the least correlated."
    : within
    ? "Zeroing the negatives decorrelates ReLU's own units, but other networks' units are less correlated still."
    : across
    ? "ReLU's units are the least correlated, but zeroing the negatives makes its own units more correlated, not less."
    : "The rectified outputs are more correlated than the signed inputs, the opposite of the article's claim.";
  return finding({ ...base, measured, verdict, numbers, text: `${sentence} ${why}` });
}

/**
 * The finding on C2.3's switch, "a positive output means the feature is present, larger means
 * clearer; every absent case maps to the same 0", from the 8 most variable first-layer ReLU units
 * (more than one, so that one unit's luck does not decide). A unit is a switch when it is exactly
 * 0 for between 5 % and 95 % of the digits, and selective when its best class's mean output is at
 * least twice its overall mean (it prefers some digits):
 * - `"holds"`: at least half of the units are selective switches;
 * - `"holds in part"`: at least half are switches, but fewer than half selective ones;
 * - `"does not hold"`: fewer than half are switches (on for almost every digit, or almost none);
 * - `"inconclusive"`: no ReLU network was trained.
 *
 * @example
 * ```ts
 * import { featureDetectorFinding, sparsity } from "./sparsity.ts";
 * import assert from "node:assert/strict";
 * const r = await sparsity({ activations: ["tanh"], hidden: [8], train: 50, test: 20, probe: 20, epochs: 1 });
 * assert.equal(featureDetectorFinding(r).verdict, "inconclusive");
 * ```
 */
export function featureDetectorFinding(result: SparsityResult): Finding {
  const base = {
    claim: "C2.3 (switch)",
    article: "a ReLU unit is a switch that detects a feature",
  };
  const s = result.star;
  const units = result.detectors;
  if (!s || !units.length) {
    return finding({
      ...base,
      measured: "no ReLU network trained",
      verdict: "inconclusive",
      text: "Nothing to decide: ReLU is not among the activations trained.",
      numbers: {},
    });
  }
  const { switchShare, selective } = SPARSITY_THRESHOLDS;
  const isSwitch = (d: DetectorUnit) => d.on >= switchShare && d.on <= 1 - switchShare;
  const switches = units.filter(isSwitch);
  const picky = switches.filter((d) => d.selectivity >= selective);
  const d = units[0];
  const best = d.classMeans.indexOf(Math.max(...d.classMeans));
  const worst = d.classMeans.indexOf(Math.min(...d.classMeans));
  const numbers = {
    units: units.length,
    switches: switches.length,
    selective: picky.length,
    on: units.map((x) => x.on),
    selectivity: units.map((x) => x.selectivity),
    unit: d.unit,
  };
  const of = `${switches.length} of the ${units.length} most variable ReLU units`;
  const measured = `${of} are switches, ${picky.length} of them selective (best class ≥ ` +
    `${selective}× the unit's mean)`;
  const onRange = `${pct(Math.min(...units.map((x) => x.on)))} to ${
    pct(Math.max(...units.map((x) => x.on)))
  }`;
  const half = units.length / 2;
  const verdict = switches.length < half
    ? "does not hold"
    : picky.length >= half
    ? "holds"
    : "holds in part";
  const star = `The most variable, unit ${d.unit}, is on for ${pct(d.on)} of the test digits; ` +
    `its mean output is ${u(d.selectivity)}× its average for the digit ${best} and lowest for ` +
    `the digit ${worst}.`;
  const text = verdict === "does not hold"
    ? `Only ${of} are switches (exactly 0 for ${percent(switchShare, 0)} to ${
      percent(1 - switchShare, 0)
    } of the test digits; they are on for ${onRange}): mostly not switches. ${star}`
    : `${of.charAt(0).toUpperCase()}${of.slice(1)} are switches, exactly 0 for some test ` +
      `digits and positive for the rest (on for ${onRange}); ${picky.length} of them prefer ` +
      `a digit class, their best class's mean output at least ${selective}× their average. ` +
      (verdict === "holds"
        ? `${star} Detectors of some strokes.`
        : `${star} Switches, but mostly not selective detectors.`);
  return finding({ ...base, measured, verdict, numbers, text });
}
