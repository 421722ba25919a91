/**
 * C3.2's second half, "the randomness helps the parameters escape local minima and saddle
 * points": a deliberately small MLP on two interleaving moons, trained by full-batch gradient
 * descent (so the only randomness in training is RReLU's), from the same initial weights per seed
 * with RReLU and with a fixed-slope control, LeakyReLU at RReLU's evaluation slope
 * (lower + upper)/2. Over many seeds, sign tests from lib/stats decide whether RReLU escapes poor
 * solutions more often, and whether it ends lower.
 *
 * @module
 */

import { twoMoons } from "../data/synthetic.ts";
import { formatNumber } from "../display/format_number.ts";
import { percent } from "../display/prose.ts";
import { MLP } from "../nn/mlp.ts";
import { SGD } from "../optim/sgd.ts";
import { Tensor } from "../autograd/tensor.ts";
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
import { median } from "../stats/summary.ts";
import { evaluate } from "../train/fit.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode rreluEscape}, with their defaults. */
export const RRELU_ESCAPE_OPTIONS = {
  /** RReLU's lower bound. */
  lower: number(1 / 8, { min: 0, max: 1 }),
  /** RReLU's upper bound. */
  upper: number(1 / 3, { min: 0, max: 1 }),
  /** Seeds: pairs of runs (RReLU and the control from the same initial weights). */
  seeds: integer(40, { min: 1, max: 1000 }),
  /** Two-moons training points. */
  points: integer(200, { min: 10, max: 10_000 }),
  /** Their noise. */
  noise: number(0.15, { min: 0, max: 1 }),
  /** Hidden layer sizes of the small MLP 2 → … → 2. */
  hidden: integers([4, 4], { min: 1, max: 64 }),
  /** Full-batch gradient-descent steps. */
  steps: integer(300, { min: 1, max: 100_000 }),
  /** Learning rate. */
  lr: number(0.5, { min: 0, max: 10, open: "min" }),
  /** A run is stuck when its final training loss (evaluation mode) is above this. */
  stuck: number(0.15, { min: 0, max: 10, open: "min" }),
  /** Seed of the moons; seed k's weights come from seed + 1000 + k. */
  seed: integer(1, { min: 0 }),
  /** Called after every pair of runs (`progress("training")` draws a bar). */
  onProgress: progressOption(),
};

/** What {@linkcode rreluEscape} takes: every field optional. */
export type RreluEscapeOptions = OptionsInput<typeof RRELU_ESCAPE_OPTIONS>;

/** A paired sign test: how often RReLU came out better, worse, and the two-sided p. */
export interface PairedTest {
  /** Seeds where RReLU did better. */
  readonly better: number;
  /** Seeds where it did worse. */
  readonly worse: number;
  /** The exact sign test's p over better + worse (ties left out). */
  readonly p: number;
}

/** What {@linkcode rreluEscape} returns: plain data. */
export interface RreluEscapeResult {
  /** The options used, defaults filled in (without the callback). */
  readonly options: Omit<Options<typeof RRELU_ESCAPE_OPTIONS>, "onProgress">;
  /** The control's fixed slope, (lower + upper)/2. */
  readonly controlSlope: number;
  /** Final training loss per seed (evaluation mode): the control's. */
  readonly control: readonly number[];
  /** Final training loss per seed (evaluation mode, the fixed slope): RReLU's. */
  readonly rrelu: readonly number[];
  /** Fraction of the control's runs stuck above `stuck`. */
  readonly controlStuck: number;
  /** Fraction of RReLU's runs stuck. */
  readonly rreluStuck: number;
  /** Escape: seeds where only the control is stuck (better) against only RReLU (worse). */
  readonly escape: PairedTest;
  /** Final loss: seeds where RReLU ends lower (better) against higher (worse). */
  readonly loss: PairedTest;
  /** Wall time of the training, in seconds. */
  readonly seconds: number;
}

const paired = (better: number, worse: number): PairedTest => ({
  better,
  worse,
  p: signTest(better, better + worse),
});

/**
 * Trains the small MLP on two moons `seeds` times with RReLU and with LeakyReLU at slope
 * (lower + upper)/2, from the same He-initialised weights per seed, and compares them seed by
 * seed.
 *
 * @example
 * ```ts
 * import { rreluEscape } from "./rrelu_escape.ts";
 * import assert from "node:assert/strict";
 * const r = await rreluEscape({ seeds: 3, points: 40, steps: 20 });
 * assert.equal(r.rrelu.length, 3);
 * assert.ok(Math.abs(r.controlSlope - 11 / 48) < 1e-15);
 * ```
 */
export async function rreluEscape(options?: RreluEscapeOptions): Promise<RreluEscapeResult> {
  const { onProgress, ...o } = parseOptions("rreluEscape", options, RRELU_ESCAPE_OPTIONS);
  if (!(o.lower < o.upper)) {
    throw new RangeError(
      `rreluEscape: option "lower" must be below "upper" (${o.upper}), got ${o.lower}`,
    );
  }
  const moons = twoMoons({ n: o.points, noise: o.noise, seed: o.seed });
  const x = new Tensor(moons.x, [moons.n, moons.features]);
  const controlSlope = (o.lower + o.upper) / 2;
  const start = performance.now();
  const train = (k: number, random: boolean) => {
    const model = new MLP([moons.features, ...o.hidden, moons.classes], {
      activation: random ? "rrelu" : "leakyRelu",
      params: random ? { lower: o.lower, upper: o.upper } : { alpha: controlSlope },
      init: { scheme: "he", gain: Math.SQRT2 },
      seed: o.seed + 1000 + k,
    });
    const opt = new SGD(model.parameters(), { lr: o.lr });
    const rng = new Rng(o.seed + k);
    for (let s = 0; s < o.steps; s++) {
      opt.zeroGrad();
      model.forward(x, { training: true, rng }).crossEntropy(moons.y).backward();
      opt.step();
    }
    const { loss } = evaluate(model, moons);
    if (!Number.isFinite(loss)) {
      throw new RangeError(
        `rreluEscape: the loss of seed ${k} diverged at learning rate ${o.lr}; try a smaller "lr"`,
      );
    }
    return loss;
  };
  const control: number[] = [];
  const rrelu: number[] = [];
  for (let k = 0; k < o.seeds; k++) {
    control.push(train(k, false));
    rrelu.push(train(k, true));
    await onProgress?.(k + 1, o.seeds, `seed ${k + 1} of ${o.seeds}`);
  }
  const stuck = (l: number) => l > o.stuck;
  const count = (f: (k: number) => boolean) => control.filter((_, k) => f(k)).length;
  return {
    options: o,
    controlSlope,
    control,
    rrelu,
    controlStuck: control.filter(stuck).length / o.seeds,
    rreluStuck: rrelu.filter(stuck).length / o.seeds,
    escape: paired(
      count((k) => stuck(control[k]) && !stuck(rrelu[k])),
      count((k) => !stuck(control[k]) && stuck(rrelu[k])),
    ),
    loss: paired(
      count((k) => rrelu[k] < control[k] - 1e-9),
      count((k) => rrelu[k] > control[k] + 1e-9),
    ),
    seconds: (performance.now() - start) / 1000,
  };
}

/** The thresholds {@linkcode rreluEscapeFinding} decides by. */
export const RRELU_ESCAPE_THRESHOLDS = {
  /** A sign test is significant below this p. */
  significance: 0.05,
};

const p2 = (p: number) => formatNumber(p, { digits: 2 });

/**
 * The finding on "the randomness helps escape poor minima and saddle points", decided by two
 * paired sign tests of RReLU against the fixed-slope control over the seeds — escape (seeds where
 * only one of the two ends stuck) first, then the final loss:
 * - `"holds"`: RReLU escapes significantly more often (p < 0.05), and does not end significantly
 *   higher in loss;
 * - `"holds in part"`: it escapes more often but ends higher in loss; or the escape test is not
 *   significant but RReLU ends significantly lower;
 * - `"does not hold"`: RReLU gets stuck significantly more often; or the escape test is not
 *   significant and RReLU ends significantly higher — the randomness then costs, and helps
 *   nothing measurable;
 * - `"inconclusive"`: neither test is significant.
 *
 * @example
 * ```ts
 * import { rreluEscape, rreluEscapeFinding } from "./rrelu_escape.ts";
 * import assert from "node:assert/strict";
 * const r = await rreluEscape({ seeds: 2, points: 40, steps: 10 });
 * assert.equal(rreluEscapeFinding(r).verdict, "inconclusive"); // 2 seeds cannot be significant
 * ```
 */
export function rreluEscapeFinding(result: RreluEscapeResult): Finding {
  const { seeds } = result.options;
  const { escape, loss } = result;
  const a = RRELU_ESCAPE_THRESHOLDS.significance;
  const claim = "C3.2 (escape)";
  const article = "the randomness helps escape local minima and saddle points";
  const slope = formatNumber(result.controlSlope, { digits: 3 });
  const numbers = {
    seeds,
    escapeBetter: escape.better,
    escapeWorse: escape.worse,
    escapeP: escape.p,
    lossBetter: loss.better,
    lossWorse: loss.worse,
    lossP: loss.p,
    rreluStuck: result.rreluStuck,
    controlStuck: result.controlStuck,
    rreluMedian: median(result.rrelu),
    controlMedian: median(result.control),
  };
  const measured = `stuck: RReLU ${percent(result.rreluStuck, 0)}, fixed slope ${
    percent(result.controlStuck, 0)
  }; escape sign test p = ${
    p2(escape.p)
  }; lower loss in ${loss.better}, higher in ${loss.worse} of ${seeds} seeds (p = ${p2(loss.p)})`;
  const escText = `Against LeakyReLU at the fixed slope ${slope}, from the same weights, RReLU ` +
    `escaped where the control stayed stuck on ${escape.better} of ${seeds} seeds and got stuck ` +
    `where it did not on ${escape.worse} (sign test p = ${p2(escape.p)})`;
  const lossText = `it ended with the lower training loss on ${loss.better} seeds and the ` +
    `higher on ${loss.worse} (p = ${p2(loss.p)})`;
  const escUp = escape.p < a && escape.better > escape.worse;
  const escDown = escape.p < a && escape.worse > escape.better;
  const lossUp = loss.p < a && loss.better > loss.worse;
  const lossDown = loss.p < a && loss.worse > loss.better;
  const verdict = escUp
    ? (lossDown ? "holds in part" : "holds")
    : escDown
    ? "does not hold"
    : lossDown
    ? "does not hold"
    : lossUp
    ? "holds in part"
    : "inconclusive";
  const tail = {
    "holds": "the random slope helps.",
    "holds in part": escUp
      ? "it escapes more often, but ends higher where both converge."
      : "no more escapes, but a lower loss.",
    "does not hold": escDown
      ? "the random slope gets stuck more often."
      : "no more escapes, and a measurably higher loss, so the randomness costs here.",
    "inconclusive": "no difference beyond chance.",
  }[verdict];
  return finding({
    claim,
    article,
    measured,
    verdict,
    numbers,
    text: `${escText}; ${lossText}: ${tail}`,
  });
}
