/**
 * C0.2, one-sided saturation helps convergence: the same deep MLP trained on MNIST digits with
 * activations that saturate on both sides (sigmoid, tanh), on one side (ReLU, ELU, Softplus) and
 * on neither (LeakyReLU), each initialised as the library does for it (`init: "auto"`: Xavier for
 * sigmoid, tanh and Softplus, He otherwise), over several seeds; plus controls trained a second
 * time with He initialisation, to tell the activation's effect from its initialisation's. For
 * every network: the training loss step by step, whether it learned at all, its error on held-out
 * digits, and the share of the gradient that reaches the first layer before training starts.
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import type { ActivationName } from "../activations/types.ts";
import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import { percent, plural } from "../display/prose.ts";
import { autoScheme } from "../nn/init.ts";
import { MLP } from "../nn/mlp.ts";
import {
  activationList,
  integer,
  number,
  type Options,
  type OptionsInput,
  parseOptions,
  progressOption,
} from "../options.ts";
import { normalExpectation } from "../stats/normal_expectation.ts";
import { mean, median } from "../stats/summary.ts";
import { evaluate, fitAsync } from "../train/fit.ts";
import {
  eluAlphaOption,
  leakyAlphaOption,
  paramsFor,
  saturationSides,
  type Sides,
} from "./_activation_params.ts";
import { trainAndTest } from "./_digits.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode oneSidedSaturation}, with their defaults. */
export const ONE_SIDED_SATURATION_OPTIONS = {
  /** The activations compared, each with its default initialisation. */
  activations: activationList(["sigmoid", "tanh", "relu", "elu", "softplus", "leakyRelu"]),
  /** Activations trained a second time with He initialisation (gain √2), as controls. */
  heControls: activationList(["softplus"], undefined, { minLength: 0 }),
  /** Hidden layers. */
  depth: integer(6, { min: 1, max: 20 }),
  /** Units per hidden layer. */
  width: integer(32, { min: 1, max: 512 }),
  /** Passes over the training digits. */
  epochs: integer(3, { min: 1, max: 50 }),
  /** Seeds per network (seed, seed + 1, …): the same digits order and probe for every network. */
  seeds: integer(3, { min: 1, max: 10 }),
  /** SGD learning rate (minibatches of 64). */
  lr: number(0.1, { min: 0, max: 10, open: "min" }),
  /** MNIST training digits trained on. */
  digits: integer(1600, { min: 64, max: 60_000 }),
  /** Official MNIST test digits every network is tested on (the first n of the test file). */
  testDigits: integer(1000, { min: 10, max: 10_000 }),
  /** LeakyReLU's slope α for x ≤ 0. */
  alpha: leakyAlphaOption(),
  /** ELU's α. */
  eluAlpha: eluAlphaOption(),
  /** Seed of the digits and of the first seed's networks. */
  seed: integer(0, { min: 0 }),
  /** Called after each epoch of each run with (epochs done, epochs in all). */
  onProgress: progressOption(),
};

/** What {@linkcode oneSidedSaturation} takes: every field optional. */
export type OneSidedSaturationOptions = OptionsInput<typeof ONE_SIDED_SATURATION_OPTIONS>;

/** One seed's run of one network. */
export interface SaturationRun {
  /** The seed of its weights and minibatch order. */
  readonly seed: number;
  /** The mean training loss over the last epoch. */
  readonly trainLoss: number;
  /** The error on the held-out digits after training, in [0, 1]. */
  readonly heldOutError: number;
  /**
   * ‖∂L/∂W₁‖ / ‖∂L/∂W_out‖ before the first step (on the trainer's 256-digit probe batch): how
   * much of the gradient reaches the first layer. Null if the output layer's gradient is 0.
   */
  readonly gradientRatio: number | null;
}

/** One network: an activation with one initialisation, over the seeds. */
export interface SaturationNetwork {
  /** The registry name. */
  readonly activation: ActivationName;
  /** Its label, with " with He init" for a control: "Softplus with He init". */
  readonly label: string;
  /** The initialisation: "Xavier", "He" or "LeCun". */
  readonly init: string;
  /** Whether it is a He-initialised control. */
  readonly control: boolean;
  /** Where its activation saturates (measured with the parameters used). */
  readonly sides: Sides;
  /** Per seed. */
  readonly runs: readonly SaturationRun[];
  /** The training loss of every SGD step, averaged over the seeds. */
  readonly stepLoss: readonly number[];
  /** Seeds whose final training loss is at most {@linkcode ONE_SIDED_SATURATION_THRESHOLDS}.learned. */
  readonly learned: number;
  /** "learned" (every seed), "failed" (none) or "mixed". */
  readonly status: "learned" | "failed" | "mixed";
  /** Median over seeds of the final training loss. */
  readonly trainLoss: number;
  /** Median over seeds of the held-out error. */
  readonly heldOutError: number;
  /** The smallest and largest held-out error over the seeds. */
  readonly heldOutRange: readonly number[];
  /** Median over seeds of the gradient ratio (null if none is defined). */
  readonly gradientRatio: number | null;
  /** E[f(Z)] for Z ~ N(0, 1): the mean output for centred pre-activations. */
  readonly meanOutput: number;
  /** E[f′(Z)] for Z ~ N(0, 1), as E[Z·f(Z)]: the mean slope. */
  readonly meanSlope: number;
}

/** What {@linkcode oneSidedSaturation} returns: plain data. */
export interface OneSidedSaturationResult {
  /** The options used, defaults filled in (but onProgress). */
  readonly options: Omit<Options<typeof ONE_SIDED_SATURATION_OPTIONS>, "onProgress">;
  /** Where the held-out digits come from, for the prose: "test" (the official MNIST test digits). */
  readonly heldOutSplit: "test";
  /** The digits trained on and tested on. */
  readonly trainingDigits: number;
  /** The held-out digits. */
  readonly heldOutDigits: number;
  /** The networks: the activations in the order given, then the controls. */
  readonly networks: readonly SaturationNetwork[];
}

/** The thresholds the findings of {@linkcode oneSidedSaturation} decide by. */
export const ONE_SIDED_SATURATION_THRESHOLDS = {
  /** A network "learned" when its final training loss is at most this: 0.9·ln 10 (chance is ln 10). */
  learned: 0.9 * Math.LN10,
  /**
   * A property separates the networks that learned from those that failed only when the gap
   * between the two groups is larger than this fraction of its size (so rounding, as in a mean
   * slope of 0.5 − 10⁻¹⁵ against 0.5, does not count).
   */
  gap: 1e-6,
};

const SCHEME_NAMES = { xavier: "Xavier", he: "He", lecun: "LeCun", normal: "normal" } as const;

/**
 * Trains the deep networks: for every activation (with its default initialisation) and every
 * He-initialised control, `seeds` runs of `epochs` epochs of SGD on `digits` MNIST training
 * digits, each then tested on the first `testDigits` official MNIST test digits.
 *
 * @example A tiny run: a 6-layer sigmoid network passes far less gradient to its first layer
 * ```ts
 * import { oneSidedSaturation } from "./one_sided_saturation.ts";
 * import assert from "node:assert/strict";
 * const r = await oneSidedSaturation({
 *   activations: ["sigmoid", "relu"], heControls: [], depth: 6, width: 8, epochs: 1, seeds: 1,
 *   digits: 128, testDigits: 32,
 * });
 * const [sigmoid, relu] = r.networks;
 * assert.ok(sigmoid.gradientRatio! < relu.gradientRatio!);
 * ```
 */
export async function oneSidedSaturation(
  options?: OneSidedSaturationOptions,
): Promise<OneSidedSaturationResult> {
  const where = "oneSidedSaturation";
  const { onProgress, ...o } = parseOptions(where, options, ONE_SIDED_SATURATION_OPTIONS);
  for (const name of o.heControls) {
    if (!o.activations.includes(name)) {
      throw new RangeError(
        `${where}: option "heControls" names "${name}", which option "activations" ` +
          `([${o.activations.join(", ")}]) does not: a control needs its default-init network`,
      );
    }
    if (autoScheme(name) === "he") {
      throw new RangeError(
        `${where}: option "heControls" names "${name}", whose default initialisation is ` +
          "already He: its control would be the same network",
      );
    }
  }
  const { train, test } = await trainAndTest({ train: o.digits, test: o.testDigits, seed: o.seed });
  const configs = [
    ...o.activations.map((name) => ({ name, control: false })),
    ...o.heControls.map((name) => ({ name, control: true })),
  ];
  const seeds = Array.from({ length: o.seeds }, (_, k) => o.seed + k);
  const total = configs.length * seeds.length * o.epochs;
  let done = 0;
  const sizes = [train.features, ...Array(o.depth).fill(o.width), train.classes];
  const networks: SaturationNetwork[] = [];
  for (const { name, control } of configs) {
    const a = getActivation(name);
    const params = paramsFor(name, o);
    const stepLosses: number[][] = [];
    const runs: SaturationRun[] = [];
    for (const seed of seeds) {
      const net = new MLP(sizes, {
        activation: name,
        params,
        init: control ? { scheme: "he", gain: Math.SQRT2 } : "auto",
        seed,
      });
      const history = await fitAsync(net, { train }, {
        epochs: o.epochs,
        lr: o.lr,
        seed,
        probeSize: 256,
        onEpoch: async (record) => {
          if (record.epoch > 0) await onProgress?.(++done, total, `${a.label}, seed ${seed}`);
        },
      });
      const start = history.epochs[0].gradNorm;
      const ratio = start[0] / start[start.length - 1];
      stepLosses.push(history.stepLoss);
      runs.push({
        seed,
        trainLoss: history.epochs[history.epochs.length - 1].trainLoss,
        heldOutError: 1 - evaluate(net, test).accuracy,
        gradientRatio: Number.isFinite(ratio) ? ratio : null,
      });
    }
    const learned = runs.filter((r) => r.trainLoss <= ONE_SIDED_SATURATION_THRESHOLDS.learned)
      .length;
    const ratios = runs.map((r) => r.gradientRatio).filter((r): r is number => r !== null);
    const errors = runs.map((r) => r.heldOutError);
    const f = (z: Float64Array) => a.fArray(z, undefined, params);
    networks.push({
      activation: name,
      label: control ? `${a.label} with He init` : a.label,
      init: SCHEME_NAMES[control ? "he" : autoScheme(name)],
      control,
      sides: saturationSides(name, params),
      runs,
      stepLoss: stepLosses[0].map((_, i) => mean(stepLosses.map((s) => s[i]))),
      learned,
      status: learned === runs.length ? "learned" : learned === 0 ? "failed" : "mixed",
      trainLoss: median(runs.map((r) => r.trainLoss)),
      heldOutError: median(errors),
      heldOutRange: [Math.min(...errors), Math.max(...errors)],
      gradientRatio: ratios.length ? median(ratios) : null,
      meanOutput: normalExpectation(f),
      meanSlope: normalExpectation((z) => f(z).map((v, i) => v * z[i])),
    });
  }
  return {
    options: o,
    heldOutSplit: "test",
    trainingDigits: train.n,
    heldOutDigits: test.n,
    networks,
  };
}

const n3 = (x: number) => formatNumber(x, { style: "unicode", digits: 3 });
const err = (x: number) => percent(x);
const oneSided = (s: Sides) => s === "left" || s === "right";
const byError = (a: SaturationNetwork, b: SaturationNetwork) => a.heldOutError - b.heldOutError;
const labels = (nets: readonly SaturationNetwork[]) => listText(nets.map((x) => x.label));
const errorOf = (x: SaturationNetwork) => `${x.label}'s ${err(x.heldOutError)}`;
const notLearned = (nets: readonly SaturationNetwork[], everySeed: string) =>
  `${labels(nets)}, saturating on one side only, did not learn: ${
    nets.length === 1 ? "its" : "their"
  } final training loss stayed above 0.9·ln 10${everySeed}.`;

/**
 * The finding on C0.2, from the default-initialised networks' median held-out errors:
 * - `"holds"`: every one-sided network learned in every seed and each has a lower error than
 *   every two-sided network, by more than a percentage point;
 * - `"holds in part"`: the best one-sided network beats the best two-sided one by more than a
 *   point, but not every one-sided network beats every two-sided one (or one failed);
 * - `"does not hold"`: a two-sided network's error is within a point of the best one-sided
 *   network's, or lower;
 * - `"inconclusive"`: no one-sided or no two-sided network was trained, or no network learned.
 *
 * @example
 * ```ts
 * import { oneSidedSaturation, oneSidedSaturationFinding } from "./one_sided_saturation.ts";
 * import assert from "node:assert/strict";
 * const r = await oneSidedSaturation({
 *   activations: ["relu"], heControls: [], depth: 2, width: 8, epochs: 1, seeds: 1, digits: 64,
 *   testDigits: 16,
 * });
 * assert.equal(oneSidedSaturationFinding(r).verdict, "inconclusive"); // no two-sided network
 * ```
 */
export function oneSidedSaturationFinding(result: OneSidedSaturationResult): Finding {
  const claim = "C0.2";
  const article = "one-sided saturation helps convergence";
  const nets = result.networks.filter((x) => !x.control);
  const one = nets.filter((x) => oneSided(x.sides)).sort(byError);
  const two = nets.filter((x) => x.sides === "both").sort(byError);
  const split = result.heldOutSplit;
  const setting = `${result.options.depth} hidden layers, ${plural(result.options.seeds, "seed")}`;
  if (one.length === 0 || two.length === 0 || nets.every((x) => x.status !== "learned")) {
    const why = one.length === 0
      ? "no activation that saturates on one side only was trained"
      : two.length === 0
      ? "no activation that saturates on both sides was trained"
      : "no network learned in every seed";
    return finding({
      claim,
      article,
      measured: why,
      verdict: "inconclusive",
      text: `Nothing to compare: ${why}.`,
      numbers: { oneSided: one.length, twoSided: two.length },
    });
  }
  const [bestOne, bestTwo] = [one[0], two[0]];
  const worstOne = one[one.length - 1];
  const failedOne = one.filter((x) => x.status === "failed");
  const numbers = {
    bestOneSidedError: bestOne.heldOutError,
    bestTwoSidedError: bestTwo.heldOutError,
    worstOneSidedError: worstOne.heldOutError,
    failedOneSided: failedOne.length,
  };
  const measured = `best ${split} error: ${errorOf(bestTwo)} (two-sided) against ` +
    `${errorOf(bestOne)} (one-sided)`;
  // With one seed there is no median, no spread, and "every seed" is that seed.
  const many = result.options.seeds > 1;
  const everySeed = many ? " in every seed" : "";
  const errors = `${many ? "median " : ""}${split} errors: ${
    listText([...one, ...two].sort(byError).map(errorOf))
  }`;
  // "Clearly better": every seed of one network has a lower error than every seed of the other.
  const clearlyBetter = (a: SaturationNetwork, b: SaturationNetwork) =>
    a.heldOutRange[1] < b.heldOutRange[0];
  if (!clearlyBetter(bestOne, bestTwo)) {
    const better = clearlyBetter(bestTwo, bestOne);
    return finding({
      claim,
      article,
      measured,
      verdict: "does not hold",
      numbers,
      text:
        `${bestTwo.label}, which saturates on both sides, trains ${
          better ? "better than" : "as well as"
        } the best one-sided network${
          better || !many ? "" : ", within the spread of the seeds"
        } (${setting}; ${errors}).` +
        (failedOne.length ? ` ${notLearned(failedOne, everySeed)}` : ""),
    });
  }
  const clear = one.every((x) => x.status === "learned" && two.every((t) => clearlyBetter(x, t)));
  return finding({
    claim,
    article,
    measured,
    verdict: clear ? "holds" : "holds in part",
    numbers,
    text: clear
      ? `Every network that saturates on one side only learned and beats every two-sided ` +
        `one${everySeed} (${setting}; ${errors}).`
      : `The best one-sided network, ${bestOne.label}, beats the best two-sided ` +
        `one${everySeed}, but not every one-sided network does (${setting}; ${errors}).` +
        (failedOne.length ? ` ${notLearned(failedOne, everySeed)}` : ""),
  });
}

/** A property that may separate the networks that learned from those that failed. */
interface Separator {
  readonly what: string;
  readonly value: (x: SaturationNetwork) => number | null;
  /** True when learning goes with large values. */
  readonly high: boolean;
}

const SEPARATORS: readonly Separator[] = [
  { what: "the gradient ratio at the start", value: (x) => x.gradientRatio, high: true },
  { what: "the mean output |E[f(Z)]|", value: (x) => Math.abs(x.meanOutput), high: false },
  { what: "the mean slope E[f′(Z)]", value: (x) => x.meanSlope, high: true },
];

/**
 * The second finding on C0.2: is the saturation side what decides which deep networks train?
 * Among every network (controls included) that learned in every seed or failed in every seed:
 * - `"holds"`: every one that learned saturates on one side or none and every one that failed
 *   saturates on both, and every He control ends as its default-init network did;
 * - `"holds in part"`: the saturation side separates the default-init networks, but a He control
 *   changes the outcome, so the initialisation decides too;
 * - `"does not hold"`: a one-sided network failed or a two-sided one learned;
 * - `"inconclusive"`: no network failed in every seed, or none learned in every seed.
 * The text names the measured property (gradient ratio, mean output, mean slope) that does
 * separate them, if one does: every learned network on one side of every failed one.
 *
 * @example
 * ```ts
 * import { oneSidedSaturation, saturationCauseFinding } from "./one_sided_saturation.ts";
 * import assert from "node:assert/strict";
 * const r = await oneSidedSaturation({
 *   activations: ["relu"], heControls: [], depth: 2, width: 8, epochs: 1, seeds: 1, digits: 64,
 *   testDigits: 16,
 * });
 * assert.equal(saturationCauseFinding(r).verdict, "inconclusive"); // nothing failed
 * ```
 */
export function saturationCauseFinding(result: OneSidedSaturationResult): Finding {
  const claim = "C0.2 (what decides)";
  const article = "the saturation side decides how well a network converges";
  const nets = result.networks;
  const learned = nets.filter((x) => x.status === "learned");
  const failed = nets.filter((x) => x.status === "failed");
  if (learned.length === 0 || failed.length === 0) {
    const why = failed.length === 0
      ? "no network failed in every seed"
      : "no network learned in every seed";
    return finding({
      claim,
      article,
      measured: why,
      verdict: "inconclusive",
      text: `Nothing to separate: ${why}.`,
      numbers: { learned: learned.length, failed: failed.length },
    });
  }
  const separates = (s: Separator) => {
    const sign = s.high ? 1 : -1;
    const score = (x: SaturationNetwork) => {
      const v = s.value(x);
      return v === null ? NaN : sign * v;
    };
    const worst = learned.reduce((a, b) => (score(b) < score(a) ? b : a));
    const bestFailed = failed.reduce((a, b) => (score(b) > score(a) ? b : a));
    const [a, b] = [score(worst), score(bestFailed)];
    const ok = a - b > ONE_SIDED_SATURATION_THRESHOLDS.gap * Math.max(Math.abs(a), Math.abs(b));
    return { ...s, worst, bestFailed, ok };
  };
  const found = SEPARATORS.map(separates).filter((s) => s.ok);
  const bound = (s: Separator, x: SaturationNetwork) => n3(s.value(x)!);
  const separatorText = found.length === 0
    ? "None of the gradient ratio at the start, the mean output and the mean slope separates " +
      "them either."
    : `What does separate them is ${
      listText(found.map((s) =>
        `${s.what} (${s.high ? "at least" : "at most"} ${bound(s, s.worst)} for every network ` +
        `that learned, ${s.high ? "at most" : "at least"} ${bound(s, s.bestFailed)} for every ` +
        "one that failed)"
      ))
    }.`;
  // Counterexamples, grouped: "ELU and Softplus saturate on one side only and failed".
  const group = (nets: SaturationNetwork[], side: string, outcome: string) =>
    nets.length === 0 ? [] : [
      `${labels(nets)} ${nets.length === 1 ? "saturates" : "saturate"} on ${side} and ${outcome}`,
    ];
  const against = [
    ...group(failed.filter((x) => oneSided(x.sides)), "one side only", "failed"),
    ...group(failed.filter((x) => x.sides === "none"), "neither side", "failed"),
    ...group(learned.filter((x) => x.sides === "both"), "both sides", "learned"),
  ];
  const flipped = nets.filter((x) => x.control).flatMap((x) => {
    const base = nets.find((b) => !b.control && b.activation === x.activation);
    return base && base.status !== x.status ? [{ control: x, base }] : [];
  });
  const ratio = (x: SaturationNetwork) =>
    x.gradientRatio === null ? "" : ` (gradient ratio ${n3(x.gradientRatio)})`;
  const outcome = (x: SaturationNetwork) =>
    x.status === "mixed" ? `learned in ${x.learned} of ${plural(x.runs.length, "seed")}` : x.status;
  const flipText = flipped.map(({ control, base }) =>
    `${base.label} ${outcome(base)} with ${base.init} init${ratio(base)} and ${outcome(control)} ` +
    `with He init${ratio(control)}`
  );
  const numbers = {
    learned: learned.length,
    failed: failed.length,
    counterexamples: against.length,
    controlsFlipped: flipped.length,
  };
  const measured = against.length
    ? `${listText(against)}`
    : `every network that failed saturates on both sides`;
  if (against.length > 0) {
    return finding({
      claim,
      article,
      measured,
      verdict: "does not hold",
      numbers,
      text: `The saturation side does not tell which networks train: ${listText(against)}. ` +
        separatorText + (flipText.length
          ? ` The controls show the initialisation's part: ` +
            `${listText(flipText)}.`
          : ""),
    });
  }
  return finding({
    claim,
    article,
    measured,
    verdict: flipped.length ? "holds in part" : "holds",
    numbers,
    text: `The networks that failed are the two-sided ones (${labels(failed)}), and ` +
      `those that learned saturate on one side or none. ` +
      (flipped.length
        ? `But the initialisation decides too: ${listText(flipText)}.`
        : separatorText),
  });
}
