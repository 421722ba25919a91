/**
 * C6.1, "ReLU has the lowest compute cost": every activation's forward and backward kernel timed
 * per element in alternating rounds, with the run-to-run spread measured in the same run, so
 * that "cheaper" is said only of a difference larger than that spread; and what the kernels are
 * worth inside one SGD step of an MLP.
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import type { ActivationName, Params } from "../activations/types.ts";
import { MLP } from "../nn/mlp.ts";
import { SGD } from "../optim/sgd.ts";
import {
  activationList,
  integer,
  integers,
  type Options,
  type OptionsInput,
  parseOptions,
} from "../options.ts";
import { Rng } from "../random.ts";
import { correlation, median } from "../stats/summary.ts";
import { signTest } from "../stats/sign_test.ts";
import { batchOf } from "../train/fit.ts";
import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import { percent } from "../display/prose.ts";
import { trainingDigits } from "./_digits.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode kernelCost}, with their defaults. */
export const KERNEL_COST_OPTIONS = {
  /** The activations timed (ReLU, the yardstick, is timed whether listed or not). */
  activations: activationList([
    "sigmoid",
    "tanh",
    "relu",
    "leakyRelu",
    "rrelu",
    "prelu",
    "elu",
    "selu",
    "gelu",
    "silu",
    "softplus",
  ]),
  /** Values per kernel call. */
  size: integer(2 ** 16, { min: 64, max: 2 ** 22 }),
  /**
   * Timing rounds per pass (there are two passes): each round runs every kernel once, in an order
   * rotated from round to round.
   */
  rounds: integer(20, { min: 2, max: 1000 }),
  /** Hidden layer widths of the MLP whose SGD step is timed (784 inputs, 10 outputs). */
  stepHidden: integers([128, 128], { min: 1, max: 1024 }, { maxLength: 8 }),
  /** MNIST training digits in the timed step's batch. */
  stepBatch: integer(64, { min: 1, max: 1024 }),
  /** Seed of the values, the digits and the MLP's weights. */
  seed: integer(1, { min: 0 }),
};

/** What {@linkcode kernelCost} takes: every field optional. */
export type KernelCostOptions = OptionsInput<typeof KERNEL_COST_OPTIONS>;

/** How an activation's kernels compare with ReLU's, beyond the measured spread. */
export type CostVerdict = "cheaper" | "tied" | "costlier";

/** One activation's timings. */
export interface KernelCostRun {
  /** The registry name. */
  readonly activation: ActivationName;
  /** Its label. */
  readonly label: string;
  /** The median over rounds of the forward kernel's time, ns per element. */
  readonly forwardNs: number;
  /** The median over rounds of the backward kernel's time (dx += dy·f′(x)), ns per element. */
  readonly backwardNs: number;
  /** forwardNs + backwardNs. */
  readonly totalNs: number;
  /** The median over rounds of (forward + backward) / ReLU's in the same round. */
  readonly vsRelu: number;
  /** The same median in each of the two passes (each warmed up afresh): two runs. */
  readonly passes: readonly [number, number];
  /** Rounds in which it was cheaper than ReLU, of `rounds`. */
  readonly roundsCheaper: number;
  /** The sign test's two-sided p of those rounds (ties left out). */
  readonly signP: number;
  /** Cheaper or costlier than ReLU by more than the margin, or tied. */
  readonly verdict: CostVerdict;
  /** One SGD step of the timed MLP with this activation, median over rounds, in ms. */
  readonly stepMs: number;
  /** Its activation kernels' share of that step (kernel time × hidden values / step time). */
  readonly stepShare: number;
}

/** What {@linkcode kernelCost} returns: plain data (times vary from run to run). */
export interface KernelCostResult {
  /** The options used, defaults filled in. */
  readonly options: Options<typeof KERNEL_COST_OPTIONS>;
  /** One entry per activation, ReLU included, in the order given (ReLU first if not given). */
  readonly runs: readonly KernelCostRun[];
  /** A plain copy `out.set(x)` of the same size, ns per element: the memory-bound reference. */
  readonly copyNs: number;
  /** ReLU's backward kernel on the same values sorted (a predictable sign), ns per element. */
  readonly reluSortedBackwardNs: number;
  /** ReLU timed a second time as if it were another activation: its vsRelu (ideally 1). */
  readonly twin: number;
  /**
   * The run-to-run spread of a ratio, relative (as |ln(a / b)|): the largest disagreement between
   * the two passes for any activation, or the twin's distance from 1, whichever is larger.
   */
  readonly spread: number;
  /**
   * The margin a ratio r to ReLU must clear, as |ln r|, to be "cheaper" or "costlier":
   * max(spread, the floor).
   */
  readonly margin: number;
  /** Hidden values per timed SGD step (batch × hidden units). */
  readonly hiddenValues: number;
}

/** The thresholds {@linkcode kernelCost} and {@linkcode kernelCostFinding} decide by. */
export const KERNEL_COST_THRESHOLDS = {
  /**
   * The smallest margin (as |ln r|), even when the measured spread is smaller: 0.3, a ratio
   * below 0.74 or above 1.35. Runs of chapter 06 on a shared 2-core machine under load 0.2–4.8
   * put LeakyReLU, RReLU and PReLU anywhere from 0.85× to 1.06× ReLU's kernels, and a second
   * timing in the same notebook moved LeakyReLU across a 15 % floor: the processes differ more
   * than one run's passes do.
   */
  floor: 0.3,
  /** A spread (|ln| of the passes' disagreement) above this, 0.5, leaves the timing undecided. */
  tooNoisy: 0.5,
  /** ReLU's piecewise-linear relatives: a kernel of theirs cheaper than ReLU's is "in part". */
  relatives: ["leakyRelu", "rrelu", "prelu"] as readonly ActivationName[],
};

/** Times each function once per round, in an order rotated by one from round to round. */
function alternating(fns: readonly (() => void)[], rounds: number): number[][] {
  for (const fn of fns) for (let k = 0; k < 5; k++) fn();
  const times = fns.map((): number[] => []);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < fns.length; k++) {
      const i = (k + r) % fns.length;
      const t = performance.now();
      fns[i]();
      times[i].push(performance.now() - t);
    }
  }
  return times;
}

/**
 * Times every activation's array kernels over `size` values from N(0, 2²) — forward
 * `out[i] = f(x[i])` and backward `dx[i] += dy[i]·f′(x[i])`, as the autograd engine calls them —
 * and one SGD step of a 784-`stepHidden`-10 MLP with each, in `rounds` alternating rounds; and
 * ReLU a second time, to see how far two timings of the same kernel disagree.
 *
 * @example At a tiny size (the times mean little; the shape is what is checked)
 * ```ts
 * import { kernelCost } from "./kernel_cost.ts";
 * import assert from "node:assert/strict";
 * const r = await kernelCost({ activations: ["relu", "elu"], size: 256, rounds: 4, stepHidden: [8], stepBatch: 4 });
 * assert.deepEqual(r.runs.map((x) => x.activation), ["relu", "elu"]);
 * assert.equal(r.runs[0].verdict, "tied"); // ReLU against itself
 * assert.ok(r.margin >= 0.3);
 * ```
 */
export async function kernelCost(options?: KernelCostOptions): Promise<KernelCostResult> {
  const o = parseOptions("kernelCost", options, KERNEL_COST_OPTIONS);
  const names: ActivationName[] = o.activations.includes("relu")
    ? o.activations
    : ["relu", ...o.activations];
  const rng = new Rng(o.seed);
  const x = rng.fillNormal(new Float64Array(o.size), 0, 2);
  const dy = rng.fillNormal(new Float64Array(o.size), 0, 1);
  const sorted = x.slice().sort();
  const out = new Float64Array(o.size);
  const dx = new Float64Array(o.size);
  const acts = names.map((name) => {
    const a = getActivation(name);
    const p: Params = a.resolve();
    return { name, a, p, y: a.fArray(x, new Float64Array(o.size)) };
  });
  const relu = getActivation("relu");
  const kernels = [
    ...acts.map(({ a, p }) => () => a.kernels.forward(x, out, p)),
    ...acts.map(({ a, p, y }) => () => a.kernels.backward(x, y, dy, dx, p)),
    () => relu.kernels.forward(x, out, {}), // the twin
    () => relu.kernels.backward(x, x, dy, dx, {}),
    () => out.set(x),
    () => relu.kernels.backward(sorted, sorted, dy, dx, {}),
  ];
  // Two passes, each warmed up afresh: the run-to-run spread is how far their ratios disagree.
  const passes = [alternating(kernels, o.rounds), alternating(kernels, o.rounds)];
  const times = passes[0].map((t, i) => [...t, ...passes[1][i]]);
  const n = acts.length;
  const ns = (ms: number) => (ms * 1e6) / o.size;
  const total = (i: number) => times[i].map((t, r) => t + times[n + i][r]);
  const reluIndex = names.indexOf("relu");
  const reluTotal = total(reluIndex);
  const ratios = (tot: readonly number[]) => tot.map((t, r) => t / reluTotal[r]);
  const twinRatios = ratios(times[2 * n].map((t, r) => t + times[2 * n + 1][r]));
  const twin = median(twinRatios);

  const digits = await trainingDigits(o.stepBatch, o.seed);
  const batch = batchOf(digits, Int32Array.from({ length: digits.n }, (_, i) => i));
  const sizes = [digits.features, ...o.stepHidden, digits.classes];
  const steps = names.map((name) => {
    const net = new MLP(sizes, { activation: name, init: "auto", seed: o.seed });
    const opt = new SGD(net.parameters(), { lr: 0.01 });
    const stepRng = new Rng(o.seed);
    return () => {
      opt.zeroGrad();
      net.forward(batch.x, { training: true, rng: stepRng }).crossEntropy(batch.y).backward();
      opt.step();
    };
  });
  const stepTimes = alternating(steps, o.rounds);
  const hiddenValues = o.stepBatch * o.stepHidden.reduce((s, w) => s + w, 0);

  const halvesOf = (rs: readonly number[]): [number, number] => [
    median(rs.slice(0, o.rounds)),
    median(rs.slice(o.rounds)),
  ];
  const all = acts.map((_, i) => ratios(total(i)));
  const spread = Math.max(
    Math.abs(Math.log(twin)),
    ...[...all, twinRatios].map((rs) => {
      const [a, b] = halvesOf(rs);
      return Math.abs(Math.log(a / b));
    }),
  );
  const margin = Math.max(spread, KERNEL_COST_THRESHOLDS.floor);
  const runs = acts.map(({ name, a }, i): KernelCostRun => {
    const vsRelu = median(all[i]);
    const cheaper = all[i].filter((v) => v < 1).length;
    const costlier = all[i].filter((v) => v > 1).length;
    const forwardNs = ns(median(times[i]));
    const backwardNs = ns(median(times[n + i]));
    const stepMs = median(stepTimes[i]);
    return {
      activation: name,
      label: a.label,
      forwardNs,
      backwardNs,
      totalNs: forwardNs + backwardNs,
      vsRelu,
      passes: halvesOf(all[i]),
      roundsCheaper: cheaper,
      signP: signTest(cheaper, cheaper + costlier),
      verdict: name === "relu" || Math.abs(Math.log(vsRelu)) <= margin
        ? "tied"
        : vsRelu < 1
        ? "cheaper"
        : "costlier",
      stepMs,
      stepShare: (hiddenValues * (forwardNs + backwardNs)) / 1e6 / stepMs,
    };
  });
  return {
    options: o,
    runs,
    copyNs: ns(median(times[2 * n + 2])),
    reluSortedBackwardNs: ns(median(times[2 * n + 3])),
    twin,
    spread,
    margin,
    hiddenValues,
  };
}

/** `deno task bench`'s reference numbers (data/bench.json), as far as they are read here. */
export interface BenchReference {
  /** When they were recorded. */
  readonly date: string;
  /** Values per kernel call in the bench. */
  readonly elements: number;
  /** ns per element of each activation's kernels. */
  readonly activations: Readonly<
    Record<string, { readonly forwardNs: number; readonly backwardNs: number }>
  >;
}

/** The runs beside the bench's numbers, and how well the two rankings agree. */
export interface BenchComparison {
  /** Per activation measured here and in the bench: both totals, ns per element. */
  readonly rows: readonly { label: string; here: number; bench: number }[];
  /** Spearman's rank correlation of the two totals (null with fewer than 3 in common). */
  readonly rankCorrelation: number | null;
}

const ranks = (xs: readonly number[]) => {
  const order = xs.map((v, i) => [v, i]).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  order.forEach(([, i], k) => (r[i] = k + 1));
  return r;
};

/**
 * This run's forward + backward totals beside `deno task bench`'s reference, and Spearman's rank
 * correlation between the two.
 *
 * @example
 * ```ts
 * import { benchComparison, kernelCost } from "./kernel_cost.ts";
 * import assert from "node:assert/strict";
 * const r = await kernelCost({ activations: ["relu", "elu"], size: 256, rounds: 4, stepHidden: [8], stepBatch: 4 });
 * const bench = { date: "2026-11-27", elements: 1024, activations: { relu: { forwardNs: 1, backwardNs: 1 } } };
 * assert.equal(benchComparison(r, bench).rows.length, 1);
 * assert.equal(benchComparison(r, bench).rankCorrelation, null);
 * ```
 */
export function benchComparison(
  result: KernelCostResult,
  bench: BenchReference,
): BenchComparison {
  const rows = result.runs.filter((r) => bench.activations[r.activation]).map((r) => {
    const b = bench.activations[r.activation];
    return { label: r.label, here: r.totalNs, bench: b.forwardNs + b.backwardNs };
  });
  const rankCorrelation = rows.length < 3 ? null : correlation(
    ranks(rows.map((r) => r.here)),
    ranks(rows.map((r) => r.bench)),
  );
  return { rows, rankCorrelation };
}

const n3 = (x: number) => formatNumber(x, { digits: 3 });
const times = (x: number) => `${formatNumber(x, { digits: 3 })}×`;

/**
 * The finding on C6.1's "lowest compute cost", from the ratios to ReLU and the margin:
 * - `"holds"`: no kernel is cheaper than ReLU's by more than the margin;
 * - `"holds in part"`: some are, but only ReLU's piecewise-linear relatives (LeakyReLU, RReLU,
 *   PReLU);
 * - `"does not hold"`: a kernel outside that family is cheaper than ReLU's;
 * - `"inconclusive"`: the spread exceeds 50 %, or ReLU is the only activation timed.
 *
 * @example
 * ```ts
 * import { kernelCost, kernelCostFinding } from "./kernel_cost.ts";
 * import assert from "node:assert/strict";
 * const r = await kernelCost({ activations: ["relu"], size: 256, rounds: 4, stepHidden: [8], stepBatch: 4 });
 * assert.equal(kernelCostFinding(r).verdict, "inconclusive"); // nothing to compare ReLU with
 * ```
 */
export function kernelCostFinding(result: KernelCostResult): Finding {
  const claim = "C6.1 (cost)";
  const article = "ReLU has the lowest compute cost";
  const others = result.runs.filter((r) => r.activation !== "relu");
  const relu = result.runs.find((r) => r.activation === "relu")!;
  const numbers = {
    spread: result.spread,
    margin: result.margin,
    reluNs: relu.totalNs,
    vsRelu: others.map((r) => r.vsRelu),
    reluShare: relu.stepShare,
  };
  const within = `±${percent(result.margin, 0)}`;
  if (others.length === 0 || result.spread > KERNEL_COST_THRESHOLDS.tooNoisy) {
    const why = others.length === 0
      ? "ReLU is the only activation timed"
      : `two passes disagree by ${percent(result.spread, 0)}, too noisy to rank kernels`;
    return finding({
      claim,
      article,
      measured: why,
      verdict: "inconclusive",
      text: `Nothing to decide: ${why}.`,
      numbers,
    });
  }
  const cheaper = others.filter((r) => r.verdict === "cheaper");
  const tied = others.filter((r) => r.verdict === "tied");
  const costlier = others.filter((r) => r.verdict === "costlier");
  const costliest = [...others].sort((a, b) => b.vsRelu - a.vsRelu)[0];
  const share = `ReLU's kernels are ${
    percent(relu.stepShare)
  } of an SGD step, ${costliest.label}'s ${percent(costliest.stepShare)}`;
  const measured =
    `ReLU ${n3(relu.totalNs)} ns/element; ${cheaper.length} cheaper, ${tied.length} ` +
    `tied, ${costlier.length} costlier beyond ${within}`;
  const ties = tied.length > 0
    ? ` (tied within ${within}: ${listText(tied.map((r) => `${r.label} ${times(r.vsRelu)}`))})`
    : "";
  if (cheaper.length === 0) {
    return finding({
      claim,
      article,
      measured,
      verdict: "holds",
      numbers,
      text: `No kernel is cheaper than ReLU's ${n3(relu.totalNs)} ns per element forward and ` +
        `backward beyond the run-to-run margin of ${within}${ties}; ${costliest.label} costs ` +
        `${times(costliest.vsRelu)} as much. But ${share}: the matrix products dominate.`,
    });
  }
  const family = cheaper.every((r) => KERNEL_COST_THRESHOLDS.relatives.includes(r.activation));
  return finding({
    claim,
    article,
    measured,
    verdict: family ? "holds in part" : "does not hold",
    numbers,
    text: `${listText(cheaper.map((r) => `${r.label} (${times(r.vsRelu)})`))} ${
      cheaper.length === 1 ? "is" : "are"
    } cheaper than ReLU's ${n3(relu.totalNs)} ns per element beyond the margin of ${within}${
      family ? ", ReLU's own piecewise-linear relatives" : ""
    }. ${share}.`,
  });
}

/** Whether two timings give the same verdict for every activation, and where they differ. */
export interface CostAgreement {
  /** The activations whose verdict differs between the two runs (by label). */
  readonly differ: readonly string[];
  /** The activations compared. */
  readonly compared: number;
}

/**
 * Compares the per-activation verdicts (cheaper, tied, costlier than ReLU) of two timings.
 *
 * @example
 * ```ts
 * import { costAgreement, kernelCost } from "./kernel_cost.ts";
 * import assert from "node:assert/strict";
 * const o = { activations: ["relu", "tanh"] as const, size: 256, rounds: 4, stepHidden: [8], stepBatch: 4 };
 * const a = await kernelCost({ ...o, activations: [...o.activations] });
 * assert.deepEqual(costAgreement(a, a), { differ: [], compared: 1 });
 * ```
 */
export function costAgreement(a: KernelCostResult, b: KernelCostResult): CostAgreement {
  const both = a.runs.filter((r) =>
    r.activation !== "relu" && b.runs.some((s) => s.activation === r.activation)
  );
  const differ = both.filter((r) =>
    b.runs.find((s) => s.activation === r.activation)!.verdict !== r.verdict
  ).map((r) => r.label);
  const compared = both.length;
  return { differ, compared };
}

/**
 * The finding on whether the cost verdict is one a rerun reproduces: a second timing in the same
 * notebook gives the same verdict for every activation (`"holds"`), for most (`"holds in
 * part"`), or for half or fewer (`"does not hold"`); `"inconclusive"` when nothing is compared.
 *
 * @example
 * ```ts
 * import { costRepeatFinding } from "./kernel_cost.ts";
 * import assert from "node:assert/strict";
 * assert.equal(costRepeatFinding({ differ: [], compared: 11 }).verdict, "holds");
 * ```
 */
export function costRepeatFinding(agreement: CostAgreement): Finding {
  const claim = "C6.1 (cost, rerun)";
  const article = "(a timing verdict should survive a rerun)";
  const { differ, compared } = agreement;
  const numbers = { differ: differ.length, compared };
  if (compared === 0) {
    return finding({
      claim,
      article,
      measured: "no activation in both timings",
      verdict: "inconclusive",
      text: "Nothing to decide: the two timings share no activation.",
      numbers,
    });
  }
  const same = compared - differ.length;
  const measured = `${same} of ${compared} verdicts the same in a second timing`;
  if (differ.length === 0) {
    return finding({
      claim,
      article,
      measured,
      verdict: "holds",
      numbers,
      text: `A second timing, run just after the first, gives the same verdict against ReLU ` +
        `for all ${compared} activations.`,
    });
  }
  return finding({
    claim,
    article,
    measured,
    verdict: same > compared / 2 ? "holds in part" : "does not hold",
    numbers,
    text: `A second timing gives the same verdict against ReLU for ${same} of ${compared} ` +
      `activations; it changes for ${listText(differ)}, which ${
        differ.length === 1 ? "lies" : "lie"
      } near the margin.`,
  });
}

/**
 * The runs as table rows, with the bench's forward + backward total beside each (when given).
 *
 * @example
 * ```ts
 * import { KERNEL_COST_COLUMNS, kernelCost, kernelCostRows } from "./kernel_cost.ts";
 * import assert from "node:assert/strict";
 * const r = await kernelCost({ activations: ["relu"], size: 256, rounds: 2, stepHidden: [4], stepBatch: 2 });
 * const bench = { date: "d", elements: 1, activations: { relu: { forwardNs: 1, backwardNs: 2 } } };
 * assert.equal(kernelCostRows(r, bench)[0].bench, 3);
 * assert.equal(KERNEL_COST_COLUMNS[0].key, "label");
 * ```
 */
export function kernelCostRows(
  result: KernelCostResult,
  bench?: BenchReference,
): (KernelCostRun & { bench: number | null })[] {
  return result.runs.map((r) => {
    const b = bench?.activations[r.activation];
    return { ...r, bench: b ? b.forwardNs + b.backwardNs : null };
  });
}

/** Column labels for `table(kernelCostRows(result, bench), { columns })`. */
export const KERNEL_COST_COLUMNS = [
  { key: "label", label: "activation" },
  { key: "forwardNs", label: "forward ns/element" },
  { key: "backwardNs", label: "backward ns/element" },
  { key: "vsRelu", label: "× ReLU's" },
  { key: "verdict", label: "against ReLU" },
  { key: "signP", label: "sign test p (rounds)" },
  { key: "bench", label: "fwd + bwd, deno task bench" },
] as const;
