/**
 * C6.1–C6.3 on MNIST digits, like for like: one MLP trained with every activation on the same
 * training digits, minibatches and seeds, scored on the official test digits; each activation's
 * mean test error with its 95 % Student t interval, and seed-by-seed (paired) differences from
 * ReLU with their interval and a sign test. A second arm trains ReLU, LeakyReLU and PReLU on a
 * small training set for as many SGD steps, for "PReLU only with plenty of data".
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import type { ActivationName } from "../activations/types.ts";
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
import { mean, movingAverage } from "../stats/summary.ts";
import { signTest } from "../stats/sign_test.ts";
import { type MeanInterval, meanInterval } from "../stats/interval.ts";
import { evaluate, fitAsync } from "../train/fit.ts";
import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import { plural } from "../display/prose.ts";
import { trainAndTest } from "./_digits.ts";
import { type Finding, finding } from "./finding.ts";

/** The activations of the small-data arm. */
export const DATA_ARM: readonly ActivationName[] = ["relu", "leakyRelu", "prelu"];

/** The options of {@linkcode activationComparison}, with their defaults. */
export const ACTIVATION_COMPARISON_OPTIONS = {
  /**
   * The activations compared. ReLU (the baseline) and LeakyReLU and PReLU (the data arm's) are
   * trained whether listed or not: ReLU first, the other two last.
   */
  activations: activationList([
    "sigmoid",
    "tanh",
    "relu",
    "leakyRelu",
    "rrelu",
    "prelu",
    "elu",
    "gelu",
  ]),
  /** One run per seed and activation; a seed picks the training digits, weights and batches. */
  seeds: integers([1, 2, 3, 4, 5], { min: 0 }, { minLength: 2, distinct: true }),
  /** MNIST training digits per run. */
  train: integer(10_000, { min: 10, max: 59_000 }),
  /** Official MNIST test digits every error is measured on. */
  test: integer(10_000, { min: 10, max: 10_000 }),
  /** Hidden layer widths of the MLP 784 → hidden → 10. */
  hidden: integers([64, 64], { min: 1, max: 1024 }, { maxLength: 8 }),
  /** Passes over the training digits. */
  epochs: integer(1, { min: 1, max: 50 }),
  /** Minibatch size. */
  batch: integer(64, { min: 1, max: 4096 }),
  /** SGD learning rate, the same for every activation. */
  lr: number(0.05, { min: 0, max: 10, open: "min" }),
  /** SGD momentum. */
  momentum: number(0.9, { min: 0, max: 1, open: "max" }),
  /** Training digits of the small-data arm (ReLU, LeakyReLU, PReLU), trained as many steps. */
  small: integer(1_000, { min: 10, max: 59_000 }),
  /** Progress callback, awaited after every epoch of every run. */
  onProgress: progressOption(),
};

/** What {@linkcode activationComparison} takes: every field optional. */
export type ActivationComparisonOptions = OptionsInput<typeof ACTIVATION_COMPARISON_OPTIONS>;

/** One trained network. */
export interface ComparisonRun {
  /** The activation. */
  readonly activation: ActivationName;
  /** The seed. */
  readonly seed: number;
  /** Error on the official test digits after training. */
  readonly testError: number;
  /** Error on its own training digits after training (the data arm's activations only). */
  readonly trainError: number | null;
  /** Fraction of hidden units whose pre-activation is never positive on the probe, at the end. */
  readonly dead: number;
  /** Mean activation of each hidden layer on the probe, at the end. */
  readonly activationMean: readonly number[];
  /** PReLU's learned α of each hidden layer (null for other activations). */
  readonly alpha: readonly number[] | null;
  /** Wall time of training, seconds. */
  readonly seconds: number;
}

/** Seed-by-seed differences of one activation's test error from a baseline's. */
export interface Paired {
  /** Per seed: its test error minus the baseline's (negative: better). */
  readonly differences: readonly number[];
  /** Their mean with a 95 % t interval. */
  readonly interval: MeanInterval;
  /** Seeds where it did better (lower error). */
  readonly better: number;
  /** Seeds where it did worse. */
  readonly worse: number;
  /** The sign test's two-sided p (ties left out). */
  readonly signP: number;
  /** "better" or "worse" when the interval excludes 0, else "within noise". */
  readonly verdict: "better" | "worse" | "within noise";
}

/** One activation's summary over the seeds. */
export interface ComparisonSummary {
  /** The activation. */
  readonly activation: ActivationName;
  /** Its label. */
  readonly label: string;
  /** Test error per seed, in the order of `options.seeds`. */
  readonly errors: readonly number[];
  /** Mean test error with its 95 % interval. */
  readonly interval: MeanInterval;
  /** Paired against ReLU (ReLU itself: differences of 0). */
  readonly vsRelu: Paired;
  /** Mean over seeds of the dead fraction. */
  readonly dead: number;
  /** Mean over seeds of each hidden layer's mean activation. */
  readonly activationMean: readonly number[];
  /** Mean over seeds of PReLU's α per layer, or null. */
  readonly alpha: readonly number[] | null;
  /** The fastest run's training time, seconds. */
  readonly seconds: number;
  /** The training loss along the steps, smoothed, mean over seeds (`curveSteps` its x). */
  readonly curve: readonly number[];
}

/** The data arm at one size. */
export interface DataArmSize {
  /** Training digits. */
  readonly train: number;
  /** Epochs (the small set gets as many SGD steps as the large one). */
  readonly epochs: number;
  /** Per activation of {@linkcode DATA_ARM}: test errors and train–test gaps per seed. */
  readonly rows: readonly {
    activation: ActivationName;
    label: string;
    errors: number[];
    gaps: number[];
    meanError: number;
    meanGap: number;
    alpha: number[] | null;
  }[];
  /** The better (by mean test error) of ReLU and LeakyReLU at this size. */
  readonly rival: ActivationName;
  /** PReLU's test error minus the rival's, paired. */
  readonly prelu: Paired;
  /** PReLU's gap minus the rival's, paired (positive: it overfits more). */
  readonly gap: Paired;
}

/** What {@linkcode activationComparison} returns: plain data. */
export interface ActivationComparisonResult {
  /** The options used (without the callback). */
  readonly options: Omit<Options<typeof ACTIVATION_COMPARISON_OPTIONS>, "onProgress">;
  /** Every run, activation by activation, seed by seed. */
  readonly runs: readonly ComparisonRun[];
  /** One summary per activation trained (ReLU, LeakyReLU, PReLU added if not listed). */
  readonly summaries: readonly ComparisonSummary[];
  /** The SGD step each point of a `curve` ends at. */
  readonly curveSteps: readonly number[];
  /** The data arm: the small set, then the large (the comparison's own runs). */
  readonly dataArm: readonly [DataArmSize, DataArmSize];
  /** PReLU's deficit on the small set minus on the large, against the small set's rival. */
  readonly deficitShift: Paired;
}

/**
 * Paired differences a − b with their 95 % t interval and a sign test.
 *
 * @example
 * ```ts
 * import { paired } from "./activation_comparison.ts";
 * import assert from "node:assert/strict";
 * const p = paired([0.05, 0.06, 0.05], [0.07, 0.08, 0.08]);
 * assert.equal(p.verdict, "better");
 * assert.equal(p.better, 3);
 * ```
 */
export function paired(a: readonly number[], b: readonly number[]): Paired {
  const differences = a.map((v, i) => v - b[i]);
  const interval = meanInterval(differences);
  const better = differences.filter((d) => d < 0).length;
  const worse = differences.filter((d) => d > 0).length;
  return {
    differences,
    interval,
    better,
    worse,
    signP: signTest(better, better + worse),
    verdict: interval.upper < 0 ? "better" : interval.lower > 0 ? "worse" : "within noise",
  };
}

const CURVE_POINTS = 40;

/**
 * Trains a 784-`hidden`-10 MLP with each activation once per seed, on `train` MNIST training
 * digits chosen by the seed, for `epochs` epochs of SGD (the same digits, batches and
 * initialisation seed for every activation; weights initialised as each asks, `init: "auto"`),
 * and measures its error on the first `test` official test digits. Then ReLU, LeakyReLU and
 * PReLU again on `small` digits, for as many SGD steps.
 *
 * @example At a tiny size
 * ```ts
 * import { activationComparison } from "./activation_comparison.ts";
 * import assert from "node:assert/strict";
 * const r = await activationComparison({
 *   activations: ["prelu"], seeds: [1, 2], train: 60, test: 40, hidden: [8], small: 20, batch: 20,
 * });
 * assert.deepEqual(r.summaries.map((s) => s.activation), ["relu", "prelu", "leakyRelu"]);
 * assert.equal(r.dataArm[0].epochs, 3); // 20 digits, 3 times over: the 3 steps of 60 digits
 * ```
 */
export async function activationComparison(
  options?: ActivationComparisonOptions,
): Promise<ActivationComparisonResult> {
  const { onProgress, ...o } = parseOptions(
    "activationComparison",
    options,
    ACTIVATION_COMPARISON_OPTIONS,
  );
  const names: ActivationName[] = [
    ...(o.activations.includes("relu") ? [] : ["relu" as const]),
    ...o.activations,
    ...DATA_ARM.filter((n) => n !== "relu" && !o.activations.includes(n)),
  ];
  const armNames = [...DATA_ARM];
  const stepsPer = (n: number) => Math.ceil(n / o.batch);
  const smallEpochs = Math.max(1, Math.round((o.epochs * stepsPer(o.train)) / stepsPer(o.small)));
  const total = (names.length * o.epochs + armNames.length * smallEpochs) * o.seeds.length;
  let done = 0;
  const sizes = [784, ...o.hidden, 10];

  const train = async (
    name: ActivationName,
    seed: number,
    data: Awaited<ReturnType<typeof trainAndTest>>,
    epochs: number,
    withTrain: boolean,
  ) => {
    const label = getActivation(name).label;
    const model = new MLP(sizes, { activation: name, init: "auto", seed });
    const start = performance.now();
    const history = await fitAsync(model, { train: data.train }, {
      epochs,
      batchSize: o.batch,
      lr: o.lr,
      momentum: o.momentum,
      seed,
      probeSize: 512,
      onEpoch: async (record) => {
        if (record.epoch > 0) {
          await onProgress?.(++done, total, `${label}, seed ${seed}, ${data.train.n} digits`);
        }
      },
    });
    const seconds = (performance.now() - start) / 1000;
    const last = history.epochs[epochs];
    const run: ComparisonRun = {
      activation: name,
      seed,
      testError: 1 - evaluate(model, data.test).accuracy,
      trainError: withTrain ? 1 - evaluate(model, data.train).accuracy : null,
      dead: mean(last.deadFraction),
      activationMean: last.activationMean,
      alpha: name === "prelu" ? last.alpha.map((a) => a![0]) : null,
      seconds,
    };
    return { run, stepLoss: history.stepLoss };
  };

  const runs: ComparisonRun[] = [];
  const losses = new Map<string, number[]>();
  for (const seed of o.seeds) {
    const data = await trainAndTest({ train: o.train, test: o.test, seed });
    for (const name of names) {
      const { run, stepLoss } = await train(name, seed, data, o.epochs, armNames.includes(name));
      runs.push(run);
      losses.set(`${name} ${seed}`, stepLoss);
    }
  }
  const smallRuns: ComparisonRun[] = [];
  for (const seed of o.seeds) {
    const data = await trainAndTest({ train: o.small, test: o.test, seed });
    for (const name of armNames) {
      smallRuns.push((await train(name, seed, data, smallEpochs, true)).run);
    }
  }

  const totalSteps = o.epochs * stepsPer(o.train);
  const window = Math.max(1, Math.floor(totalSteps / CURVE_POINTS));
  const at = Array.from(
    { length: Math.min(CURVE_POINTS, totalSteps) },
    (_, i) => Math.round(((i + 1) * totalSteps) / Math.min(CURVE_POINTS, totalSteps)),
  );
  const of = (name: ActivationName, from = runs) =>
    o.seeds.map((seed) => from.find((r) => r.activation === name && r.seed === seed)!);
  const reluErrors = of("relu").map((r) => r.testError);
  const summaries = names.map((name): ComparisonSummary => {
    const rs = of(name);
    const errors = rs.map((r) => r.testError);
    const smoothed = o.seeds.map((seed) => movingAverage(losses.get(`${name} ${seed}`)!, window));
    return {
      activation: name,
      label: getActivation(name).label,
      errors,
      interval: meanInterval(errors),
      vsRelu: paired(errors, reluErrors),
      dead: mean(rs.map((r) => r.dead)),
      activationMean: o.hidden.map((_, l) => mean(rs.map((r) => r.activationMean[l]))),
      alpha: name === "prelu" ? o.hidden.map((_, l) => mean(rs.map((r) => r.alpha![l]))) : null,
      seconds: Math.min(...rs.map((r) => r.seconds)),
      curve: at.map((s) => mean(smoothed.map((c) => c[s - 1]))),
    };
  });

  const arm = (from: ComparisonRun[], n: number, epochs: number): DataArmSize => {
    const rows = armNames.map((name) => {
      const rs = of(name, from);
      const errors = rs.map((r) => r.testError);
      const gaps = rs.map((r) => r.testError - r.trainError!);
      return {
        activation: name,
        label: getActivation(name).label,
        errors,
        gaps,
        meanError: mean(errors),
        meanGap: mean(gaps),
        alpha: name === "prelu" ? o.hidden.map((_, l) => mean(rs.map((r) => r.alpha![l]))) : null,
      };
    });
    const get = (name: ActivationName) => rows.find((r) => r.activation === name)!;
    const rival = get("relu").meanError <= get("leakyRelu").meanError ? "relu" : "leakyRelu";
    return {
      train: n,
      epochs,
      rows,
      rival,
      prelu: paired(get("prelu").errors, get(rival).errors),
      gap: paired(get("prelu").gaps, get(rival).gaps),
    };
  };
  const small = arm(smallRuns, o.small, smallEpochs);
  const large = arm(runs, o.train, o.epochs);
  const deficit = (a: DataArmSize) => {
    const p = a.rows.find((r) => r.activation === "prelu")!.errors;
    const r = a.rows.find((x) => x.activation === small.rival)!.errors;
    return p.map((v, i) => v - r[i]);
  };
  return {
    options: o,
    runs: [...runs, ...smallRuns],
    summaries,
    curveSteps: at,
    dataArm: [small, large],
    deficitShift: paired(deficit(small), deficit(large)),
  };
}

const pct = (x: number) => `${formatNumber(100 * x, { digits: 3 })} %`;
const count = (n: number) => n.toLocaleString("en-US");

/** A paired difference in words, in percentage points with two decimals: "+0.41 pp [0.12, 0.70]". */
export function pairedText(p: Paired): string {
  const f = (x: number) => (100 * x).toFixed(2).replace("-", "−");
  const m = p.interval.mean;
  return `${m < 0 ? "−" : "+"}${Math.abs(100 * m).toFixed(2)} pp [${f(p.interval.lower)}, ${
    f(p.interval.upper)
  }]`;
}

const inconclusive = (claim: string, article: string, why: string, numbers = {}) =>
  finding({
    claim,
    article,
    measured: why,
    verdict: "inconclusive",
    text: `Nothing to decide: ${why}.`,
    numbers,
  });

const summaryOf = (r: ActivationComparisonResult, name: ActivationName) =>
  r.summaries.find((s) => s.activation === name);

/**
 * The finding on C6.1's "try ReLU first" as a model: is ReLU as good as the best activation?
 * - `"holds"`: ReLU has the lowest mean test error, or the best is within noise of it (the 95 %
 *   interval of the paired differences contains 0);
 * - `"holds in part"`: the best is clearly better, but ReLU is clearly worse than fewer than
 *   half of the others;
 * - `"does not hold"`: ReLU is clearly worse than half of the others or more;
 * - `"inconclusive"`: ReLU is the only activation trained.
 *
 * @example
 * ```ts
 * import { activationComparison, reluFirstFinding } from "./activation_comparison.ts";
 * import assert from "node:assert/strict";
 * const r = await activationComparison({ activations: ["relu"], seeds: [1, 2], train: 40, test: 20, hidden: [4], small: 20 });
 * assert.equal(reluFirstFinding({ ...r, summaries: r.summaries.slice(0, 1) }).verdict, "inconclusive");
 * ```
 */
export function reluFirstFinding(result: ActivationComparisonResult): Finding {
  const claim = "C6.1 (first model)";
  const article = "try ReLU first";
  const relu = summaryOf(result, "relu")!;
  const others = result.summaries.filter((s) => s.activation !== "relu");
  if (others.length === 0) {
    return inconclusive(claim, article, "ReLU is the only activation trained");
  }
  const best = [...result.summaries].sort((a, b) => a.interval.mean - b.interval.mean)[0];
  const beaten = others.filter((s) => s.vsRelu.verdict === "better");
  const numbers = {
    relu: relu.interval.mean,
    best: best.interval.mean,
    beatenBy: beaten.length,
    others: others.length,
  };
  const n = result.options.seeds.length;
  const measured = `ReLU ${pct(relu.interval.mean)} test error; best ${best.label} ${
    pct(best.interval.mean)
  }; clearly better than ReLU: ${beaten.length} of ${others.length}`;
  if (best.activation === "relu" || best.vsRelu.verdict !== "better") {
    return finding({
      claim,
      article,
      measured,
      verdict: "holds",
      numbers,
      text: best.activation === "relu"
        ? `ReLU has the lowest mean test error of the ${result.summaries.length} activations, ` +
          `${pct(relu.interval.mean)} ± ${pct(relu.interval.halfWidth)} over ${n} seeds.`
        : `ReLU's mean test error, ${pct(relu.interval.mean)}, is within noise of the best, ` +
          `${best.label}'s ${pct(best.interval.mean)} (${best.label} − ReLU: ${
            pairedText(best.vsRelu)
          }, 95 % interval over ${n} seeds).`,
    });
  }
  const half = beaten.length < others.length / 2;
  return finding({
    claim,
    article,
    measured,
    verdict: half ? "holds in part" : "does not hold",
    numbers,
    text: `${listText(beaten.map((s) => s.label))} ${
      beaten.length === 1 ? "beats" : "beat"
    } ReLU's ${pct(relu.interval.mean)} test error clearly (${best.label} − ReLU: ${
      pairedText(best.vsRelu)
    }), ${half ? "fewer than half" : "half or more"} of the ${others.length} others.`,
  });
}

/** How a set of activations fare against a baseline, as a verdict on "they improve on it". */
function improves(
  claim: string,
  article: string,
  compared: readonly { label: string; p: Paired }[],
  base: string,
  n: number,
): Finding {
  if (compared.length === 0) return inconclusive(claim, article, "none of them was trained");
  const better = compared.filter((c) => c.p.verdict === "better");
  const worse = compared.filter((c) => c.p.verdict === "worse");
  const each = listText(compared.map((c) => `${c.label} − ${base} ${pairedText(c.p)}`));
  const numbers = {
    differences: compared.map((c) => c.p.interval.mean),
    better: better.length,
    worse: worse.length,
  };
  const measured = `${each} (95 % intervals, ${n} seeds)`;
  const verdict = better.length === compared.length
    ? "holds"
    : better.length > 0
    ? "holds in part"
    : worse.length > 0
    ? "does not hold"
    : "inconclusive";
  const say = verdict === "holds"
    ? `${compared.length === 1 ? "It improves" : "Each improves"} on ${base} clearly`
    : verdict === "holds in part"
    ? `Only ${listText(better.map((c) => c.label))} improve${
      better.length === 1 ? "s" : ""
    } on ${base} clearly`
    : verdict === "does not hold"
    ? `None improves on ${base}, and ${listText(worse.map((c) => c.label))} ${
      worse.length === 1 ? "does" : "do"
    } clearly worse`
    : `No difference from ${base} clears the noise of ${plural(n, "seed")}`;
  return finding({
    claim,
    article,
    measured,
    verdict,
    numbers,
    text: `${say}: test error ${each} (mean and 95 % interval of the per-seed differences).`,
  });
}

/**
 * The finding on C6.2, "then LeakyReLU or ELU": do they improve on ReLU's test error?
 * `"holds"` when each trained is clearly better (the paired 95 % interval below 0), `"holds in
 * part"` when some are, `"does not hold"` when none is and one is clearly worse, and
 * `"inconclusive"` when every difference is within noise or neither was trained.
 *
 * @example
 * ```ts
 * import { activationComparison, leakyOrEluFinding } from "./activation_comparison.ts";
 * import assert from "node:assert/strict";
 * const r = await activationComparison({ activations: ["relu"], seeds: [1, 2], train: 40, test: 20, hidden: [4], small: 20 });
 * assert.equal(leakyOrEluFinding(r).verdict, "inconclusive");
 * ```
 */
export function leakyOrEluFinding(result: ActivationComparisonResult): Finding {
  const compared = (["leakyRelu", "elu"] as const).map((n) => summaryOf(result, n)).filter((s) =>
    s !== undefined
  ).map((s) => ({ label: s!.label, p: s!.vsRelu }));
  return improves(
    "C6.2",
    "then LeakyReLU or ELU",
    compared,
    "ReLU",
    result.options.seeds.length,
  );
}

/**
 * The finding on C6.3's order, "then RReLU and PReLU": do they improve on the better (by mean
 * test error) of LeakyReLU and ELU? Verdicts as {@linkcode leakyOrEluFinding}'s.
 *
 * @example
 * ```ts
 * import { activationComparison, rreluPreluFinding } from "./activation_comparison.ts";
 * import assert from "node:assert/strict";
 * const r = await activationComparison({ activations: ["prelu"], seeds: [1, 2], train: 40, test: 20, hidden: [4], small: 20 });
 * assert.equal(rreluPreluFinding(r).verdict, "inconclusive"); // no LeakyReLU or ELU to compare with
 * ```
 */
export function rreluPreluFinding(result: ActivationComparisonResult): Finding {
  const claim = "C6.3 (order)";
  const article = "then RReLU and PReLU";
  const step2 =
    (["leakyRelu", "elu"] as const).map((n) => summaryOf(result, n)).filter((s) => s !== undefined)
      .sort((a, b) => a!.interval.mean - b!.interval.mean)[0];
  if (!step2) return inconclusive(claim, article, "neither LeakyReLU nor ELU was trained");
  const compared = (["rrelu", "prelu"] as const).map((n) => summaryOf(result, n)).filter((s) =>
    s !== undefined
  ).map((s) => ({ label: s!.label, p: paired(s!.errors, step2.errors) }));
  return improves(claim, article, compared, step2.label, result.options.seeds.length);
}

/**
 * The finding on C6.3's "PReLU only with plenty of data": does PReLU fall behind the better of
 * ReLU and LeakyReLU — a higher test error or a larger train–test gap, clearly — on the small set
 * and not on the large one?
 * - `"holds"`: behind on the small set only;
 * - `"holds in part"`: behind on both, clearly more on the small one (the deficit shift's
 *   interval above 0);
 * - `"does not hold"`: behind on the large set, not clearly more on the small one;
 * - `"inconclusive"`: not clearly behind on either set.
 *
 * @example
 * ```ts
 * import { activationComparison, preluDataFinding } from "./activation_comparison.ts";
 * import assert from "node:assert/strict";
 * const r = await activationComparison({ activations: ["relu"], seeds: [1, 2], train: 40, test: 20, hidden: [4], small: 20 });
 * assert.match(preluDataFinding(r).claim, /C6.3/);
 * ```
 */
export function preluDataFinding(result: ActivationComparisonResult): Finding {
  const claim = "C6.3 (data)";
  const article = "PReLU only with plenty of training data";
  const [small, large] = result.dataArm;
  const behind = (a: DataArmSize) => a.prelu.verdict === "worse" || a.gap.verdict === "worse";
  const bs = behind(small);
  const bl = behind(large);
  const shift = result.deficitShift;
  const rival = (a: DataArmSize) => getActivation(a.rival).label;
  const at = (a: DataArmSize) =>
    `${count(a.train)} digits: PReLU − ${rival(a)} ${pairedText(a.prelu)}, gap ${
      pairedText(a.gap)
    }`;
  const numbers = {
    small: small.prelu.interval.mean,
    large: large.prelu.interval.mean,
    smallGap: small.gap.interval.mean,
    largeGap: large.gap.interval.mean,
    shift: shift.interval.mean,
  };
  const measured = `${at(small)}; ${at(large)}`;
  const verdict = bs && !bl
    ? "holds"
    : bs && bl && shift.verdict === "worse"
    ? "holds in part"
    : bl
    ? "does not hold"
    : "inconclusive";
  const lead = verdict === "holds"
    ? `PReLU falls behind ${rival(small)} on ${count(small.train)} training digits and not on ${
      count(large.train)
    }, as the article warns`
    : verdict === "holds in part"
    ? `PReLU falls behind on both sets, clearly more on ${count(small.train)} digits (shift ${
      pairedText(shift)
    })`
    : verdict === "does not hold"
    ? `PReLU falls behind on ${
      count(large.train)
    } digits too, so more data does not remove its deficit`
    : `PReLU is not clearly behind on either set: no small-data penalty shows at this scale`;
  return finding({
    claim,
    article,
    measured,
    verdict,
    numbers,
    text: `${lead}. Test error and train–test gap, 95 % intervals: ${measured}.`,
  });
}

/** One row of {@linkcode comparisonRows}. */
export interface ComparisonRow {
  /** The activation's label. */
  readonly activation: string;
  /** "9.02 % ± 1.83 %": mean test error and the 95 % interval's half-width. */
  readonly error: string;
  /** Its paired difference from ReLU ("—" for ReLU). */
  readonly diff: string;
  /** "4 / 1": seeds better / worse than ReLU. */
  readonly seeds: string;
  /** The sign test's p. */
  readonly signP: number;
  /** "better", "worse", "within noise", or "baseline" for ReLU. */
  readonly verdict: string;
}

/**
 * The summaries as table rows: mean test error ± 95 %, the paired difference from ReLU, the sign
 * test and the verdict.
 *
 * @example
 * ```ts
 * import { activationComparison, comparisonRows } from "./activation_comparison.ts";
 * import assert from "node:assert/strict";
 * const r = await activationComparison({ activations: ["relu"], seeds: [1, 2], train: 40, test: 20, hidden: [4], small: 20 });
 * assert.equal(comparisonRows(r)[0].verdict, "baseline");
 * ```
 */
export function comparisonRows(result: ActivationComparisonResult): ComparisonRow[] {
  const p2 = (x: number) => `${formatNumber(100 * x, { digits: 3 })} %`;
  return result.summaries.map((s) => ({
    activation: s.label,
    error: `${p2(s.interval.mean)} ± ${p2(s.interval.halfWidth)}`,
    diff: s.activation === "relu" ? "—" : pairedText(s.vsRelu),
    seeds: `${s.vsRelu.better} / ${s.vsRelu.worse}`,
    signP: s.vsRelu.signP,
    verdict: s.activation === "relu" ? "baseline" : s.vsRelu.verdict,
  }));
}

/** Column labels for `table(comparisonRows(result), { columns })`. */
export const COMPARISON_COLUMNS = [
  { key: "activation", label: "activation" },
  { key: "error", label: "test error, mean ± 95 %" },
  { key: "diff", label: "minus ReLU, seed by seed [95 %]" },
  { key: "seeds", label: "seeds better / worse" },
  { key: "signP", label: "sign test p", digits: 3 },
  { key: "verdict", label: "against ReLU" },
] as const;

const list = (digits: number) => (v: unknown) =>
  Array.isArray(v)
    ? v.map((x: number) => formatNumber(x, { digits, style: "unicode" })).join(", ")
    : "";

/** Column labels and formats for `table(result.summaries, { columns })`: units, means, α, time. */
export const SUMMARY_COLUMNS = [
  { key: "label", label: "activation" },
  {
    key: "dead",
    label: "units with z ≤ 0 on every probe digit",
    format: (v: unknown) => `${formatNumber(100 * (v as number), { digits: 2 })} %`,
  },
  { key: "activationMean", label: "mean activation, per layer", format: list(2) },
  { key: "alpha", label: "PReLU α learned, per layer", format: list(3) },
  { key: "seconds", label: "s per run (fastest)", digits: 2 },
];
