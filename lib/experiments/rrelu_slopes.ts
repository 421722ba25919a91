/**
 * C3.2, "α may be random" (RReLU): the slopes `Tensor.rrelu` draws in training, against
 * U(lower, upper), the fixed slope it uses at evaluation, (lower + upper)/2 (PyTorch's
 * convention; 11/48 for its defaults 1/8 and 1/3), and training against evaluation outputs for
 * the same inputs; beside Xu et al.'s 2015 scheme, slope 1/a with a ~ U(l, u), 2/(l + u) at test.
 *
 * @module
 */

import { activations } from "../activations/registry.ts";
import { Tensor } from "../autograd/tensor.ts";
import { formatNumber } from "../display/format_number.ts";
import { integer, number, type Options, type OptionsInput, parseOptions } from "../options.ts";
import { Rng } from "../random.ts";
import { uniformKsTest } from "../stats/ks_test.ts";
import { mean } from "../stats/summary.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode rreluSlopes}, with their defaults. */
export const RRELU_SLOPES_OPTIONS = {
  /** RReLU's lower bound (PyTorch's default 1/8). */
  lower: number(1 / 8, { min: 0, max: 1 }),
  /** RReLU's upper bound (PyTorch's default 1/3). */
  upper: number(1 / 3, { min: 0, max: 1 }),
  /** Negative inputs whose drawn slopes are read back. */
  samples: integer(20_000, { min: 100, max: 1_000_000 }),
  /** Training passes over the grid of inputs on [−4, 2]. */
  draws: integer(200, { min: 2, max: 10_000 }),
  /** Xu et al.'s l in a ~ U(l, u). */
  xuLower: number(3, { min: 1, max: 100 }),
  /** Xu et al.'s u. */
  xuUpper: number(8, { min: 1, max: 100 }),
  /** Seed of the inputs and of the slopes. */
  seed: integer(1, { min: 0 }),
};

/** What {@linkcode rreluSlopes} takes: every field optional. */
export type RreluSlopesOptions = OptionsInput<typeof RRELU_SLOPES_OPTIONS>;

/** What {@linkcode rreluSlopes} returns: plain data. */
export interface RreluSlopesResult {
  /** The options used, defaults filled in. */
  readonly options: Options<typeof RRELU_SLOPES_OPTIONS>;
  /** The slopes drawn in training, output / input, one per negative input. */
  readonly slopes: readonly number[];
  /** Their smallest, largest and mean. */
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Kolmogorov–Smirnov against U(lower, upper): the largest gap D and its p-value. */
  readonly ks: { readonly statistic: number; readonly p: number };
  /** The registry's evaluation slope, −RReLU(−1). */
  readonly evalSlope: number;
  /** Xu et al.: the mean training slope E[1/a] and the test slope 2/(l + u). */
  readonly xu: { readonly meanSlope: number; readonly testSlope: number };
  /** Inputs on [−4, 2]: the mean, min and max of the training draws, one draw, the evaluation output. */
  readonly curve: {
    readonly x: readonly number[];
    readonly mean: readonly number[];
    readonly min: readonly number[];
    readonly max: readonly number[];
    readonly oneDraw: readonly number[];
    readonly evaluation: readonly number[];
  };
  /** A few inputs: two training passes and the evaluation output. */
  readonly rows: readonly Record<string, number>[];
}

/**
 * Draws RReLU's training slopes for `samples` negative inputs, compares them with U(lower, upper),
 * and sets training passes against the evaluation output on a grid of inputs.
 *
 * @example
 * ```ts
 * import { rreluSlopes } from "./rrelu_slopes.ts";
 * import assert from "node:assert/strict";
 * const r = rreluSlopes({ samples: 500, draws: 10 });
 * assert.ok(r.min >= 1 / 8 && r.max <= 1 / 3);
 * assert.ok(Math.abs(r.evalSlope - 11 / 48) < 1e-15);
 * ```
 */
export function rreluSlopes(options?: RreluSlopesOptions): RreluSlopesResult {
  const o = parseOptions("rreluSlopes", options, RRELU_SLOPES_OPTIONS);
  if (!(o.lower < o.upper) || !(o.xuLower < o.xuUpper)) {
    throw new RangeError(
      `rreluSlopes: options "lower" < "upper" and "xuLower" < "xuUpper" are required, got ${o.lower}, ${o.upper}, ${o.xuLower}, ${o.xuUpper}`,
    );
  }
  const bounds = { lower: o.lower, upper: o.upper };
  const rng = new Rng(o.seed);
  const inputs = Tensor.from(
    Array.from({ length: o.samples }, () => -Math.abs(rng.normal(0, 2)) - 1e-3),
  );
  const out = inputs.rrelu({ ...bounds, training: true, rng });
  const slopes = Array.from(out.data, (y, i) => y / inputs.data[i]);
  const gridX = Array.from({ length: 61 }, (_, i) => -4 + (6 * i) / 60);
  const draws = Array.from(
    { length: o.draws },
    () => Tensor.from(gridX).rrelu({ ...bounds, training: true, rng }).data,
  );
  const at = (i: number) => draws.map((d) => d[i]);
  const probe = Tensor.from([-3, -1, -0.5, 0.5, 2]);
  const t1 = probe.rrelu({ ...bounds, training: true, rng });
  const t2 = probe.rrelu({ ...bounds, training: true, rng });
  const ev = probe.rrelu({ ...bounds, training: false });
  const { xuLower: l, xuUpper: u } = o;
  return {
    options: o,
    slopes,
    min: Math.min(...slopes),
    max: Math.max(...slopes),
    mean: mean(slopes),
    ks: uniformKsTest(slopes, o.lower, o.upper),
    evalSlope: -activations.rrelu.f(-1, bounds),
    xu: { meanSlope: Math.log(u / l) / (u - l), testSlope: 2 / (l + u) },
    curve: {
      x: gridX,
      mean: gridX.map((_, i) => mean(at(i))),
      min: gridX.map((_, i) => Math.min(...at(i))),
      max: gridX.map((_, i) => Math.max(...at(i))),
      oneDraw: [...draws[0]],
      evaluation: [...Tensor.from(gridX).rrelu(bounds).data],
    },
    rows: [...probe.data].map((x, i) => ({
      x,
      "training, pass 1": t1.data[i],
      "training, pass 2": t2.data[i],
      evaluation: ev.data[i],
    })),
  };
}

/** The thresholds {@linkcode rreluSlopesFinding} decides by. */
export const RRELU_SLOPES_THRESHOLDS = {
  /** The slopes are "uniform" unless the Kolmogorov–Smirnov p-value is below this. */
  uniform: 0.01,
};

const n = (x: number) => formatNumber(x, { style: "unicode", digits: 4 });

/**
 * The finding on C3.2's first half, "α may be random", for RReLU as PyTorch defines it:
 * - `"holds"`: every training slope lies in [lower, upper], they pass the uniformity test
 *   (p ≥ 0.01), and evaluation uses (lower + upper)/2;
 * - `"holds in part"`: in range with that evaluation slope, but less uniform than chance allows;
 * - `"does not hold"`: a slope outside [lower, upper], or another evaluation slope;
 * - `"inconclusive"`: lower = upper leaves nothing random (not reachable through the options,
 *   which require lower < upper; kept for hand-made results).
 *
 * @example
 * ```ts
 * import { rreluSlopes, rreluSlopesFinding } from "./rrelu_slopes.ts";
 * import assert from "node:assert/strict";
 * assert.equal(rreluSlopesFinding(rreluSlopes({ samples: 2000, draws: 5 })).verdict, "holds");
 * ```
 */
export function rreluSlopesFinding(result: RreluSlopesResult): Finding {
  const { lower, upper } = result.options;
  const claim = "C3.2 (slopes)";
  const article = "α may be random (RReLU)";
  const mid = (lower + upper) / 2;
  const numbers = {
    min: result.min,
    max: result.max,
    mean: result.mean,
    ks: result.ks.statistic,
    p: result.ks.p,
    evalSlope: result.evalSlope,
    xuTestSlope: result.xu.testSlope,
  };
  const measured = `slopes in [${n(result.min)}, ${n(result.max)}], KS p = ${
    formatNumber(result.ks.p, { digits: 2 })
  }; evaluation slope ${n(result.evalSlope)}`;
  if (lower === upper) {
    return finding({
      claim,
      article,
      measured,
      verdict: "inconclusive",
      numbers,
      text: "Nothing to decide: with lower = upper the slope is not random.",
    });
  }
  const inRange = result.min >= lower && result.max <= upper;
  const midEval = Math.abs(result.evalSlope - mid) < 1e-12;
  const uniform = result.ks.p >= RRELU_SLOPES_THRESHOLDS.uniform;
  const xu = `Xu et al.'s 1/U(${result.options.xuLower}, ${result.options.xuUpper}) has mean ${
    n(result.xu.meanSlope)
  } and tests with ${n(result.xu.testSlope)}`;
  if (!inRange || !midEval) {
    return finding({
      claim,
      article,
      measured,
      verdict: "does not hold",
      numbers,
      text: `The slopes run from ${n(result.min)} to ${n(result.max)} and evaluation uses ${
        n(result.evalSlope)
      }, not U(${n(lower)}, ${n(upper)}) and ${n(mid)}.`,
    });
  }
  return finding({
    claim,
    article,
    measured,
    verdict: uniform ? "holds" : "holds in part",
    numbers,
    text: `In training each negative input gets its own slope, from ${n(result.min)} to ${
      n(result.max)
    } (mean ${n(result.mean)}; ${uniform ? "uniform" : "less uniform than chance allows"}, KS p = ${
      formatNumber(result.ks.p, { digits: 2 })
    }); at evaluation the slope is fixed at ${n(result.evalSlope)} = (lower + upper)/2. ${xu}.`,
  });
}
