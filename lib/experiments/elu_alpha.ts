/**
 * C5.2, "α is usually 1": what ELU's α changes — the floor −α, the slope α just left of 0 and so
 * the jump of f′ at 0, and the mean output E[f(Z)] for standard normal inputs Z (by quadrature,
 * `normalExpectation`, beside a Monte Carlo estimate) — and the α at which that mean is zero.
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import {
  integer,
  number,
  numbers,
  type Options,
  type OptionsInput,
  parseOptions,
} from "../options.ts";
import { Rng } from "../random.ts";
import { normalExpectation } from "../stats/normal_expectation.ts";
import { mean, standardDeviation } from "../stats/summary.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode eluAlpha}, with their defaults. */
export const ELU_ALPHA_OPTIONS = {
  /** The α values compared, each in [0, 10]. */
  alphas: numbers([0.5, 1, 2], { min: 0, max: 10 }, { distinct: true }),
  /** Draws of Z ~ N(0, 1) for the Monte Carlo estimate (the same draws for every α). */
  samples: integer(200_000, { min: 100, max: 2_000_000 }),
  /** Seed of the draws. */
  seed: integer(0, { min: 0 }),
  /** LeakyReLU's slope for the comparison of mean outputs (Clevert et al.: 0.1). */
  leakyAlpha: number(0.1, { min: 0, max: 1 }),
};

/** What {@linkcode eluAlpha} takes: every field optional. */
export type EluAlphaOptions = OptionsInput<typeof ELU_ALPHA_OPTIONS>;

/** One α's numbers. */
export interface EluAlphaRow {
  /** α. */
  readonly alpha: number;
  /** f(−∞) = −α. */
  readonly floor: number;
  /** f′(0), the left value α (PyTorch's convention at 0). */
  readonly slopeLeft: number;
  /** f′ just right of 0 (at the smallest positive double): 1. */
  readonly slopeRight: number;
  /** The jump of f′ at 0, |f′(0⁺) − f′(0)|. */
  readonly jump: number;
  /** E[f(Z)], Z ~ N(0, 1), by quadrature. */
  readonly mean: number;
  /** The Monte Carlo estimate of E[f(Z)]. */
  readonly sampled: number;
  /** Its standard error. */
  readonly standardError: number;
}

/** What {@linkcode eluAlpha} returns: plain data. */
export interface EluAlphaResult {
  /** The options used, defaults filled in. */
  readonly options: Options<typeof ELU_ALPHA_OPTIONS>;
  /** One row per α, in increasing order of α. */
  readonly rows: readonly EluAlphaRow[];
  /** E[f(Z)] by quadrature on a grid of α from 0 to 3 (step 1/8), for the figure. */
  readonly curve: { readonly alpha: readonly number[]; readonly mean: readonly number[] };
  /** The α at which E[f(Z)] = 0 (bisection on the quadrature, to 10⁻⁹). */
  readonly alphaZero: number;
  /** E[relu(Z)] (= 1/√(2π)) and E[leakyRelu(Z)] with `leakyAlpha`, for comparison. */
  readonly reluMean: number;
  /** E[leakyRelu(Z)]. */
  readonly leakyMean: number;
}

/**
 * ELU's floor, slopes at 0 and mean output for standard normal inputs, for each α.
 *
 * @example The mean output falls as α grows and is zero near α = 1.67
 * ```ts
 * import { eluAlpha } from "./elu_alpha.ts";
 * import assert from "node:assert/strict";
 * const r = eluAlpha({ alphas: [1, 2], samples: 1000 });
 * assert.equal(r.rows[0].jump, 0);
 * assert.ok(r.rows[0].mean > 0 && r.rows[1].mean < 0);
 * assert.ok(Math.abs(r.alphaZero - 1.674) < 1e-3);
 * ```
 */
export function eluAlpha(options?: EluAlphaOptions): EluAlphaResult {
  const o = parseOptions("eluAlpha", options, ELU_ALPHA_OPTIONS);
  const elu = getActivation("elu");
  const meanAt = (alpha: number) => normalExpectation((z) => elu.fArray(z, undefined, { alpha }));
  const z = new Rng(o.seed).fillNormal(new Float64Array(o.samples));
  const rows = [...o.alphas].sort((a, b) => a - b).map((alpha): EluAlphaRow => {
    const p = { alpha };
    const fz = elu.fArray(z, undefined, p);
    const slopeLeft = elu.df(0, p);
    const slopeRight = elu.df(Number.MIN_VALUE, p);
    return {
      alpha,
      floor: elu.f(-Infinity, p),
      slopeLeft,
      slopeRight,
      jump: Math.abs(slopeRight - slopeLeft),
      mean: meanAt(alpha),
      sampled: mean(fz),
      standardError: standardDeviation(fz) / Math.sqrt(fz.length),
    };
  });
  const grid = Array.from({ length: 25 }, (_, i) => i / 8);
  let lo = 0;
  let hi = 10;
  while (hi - lo > 1e-9) {
    const mid = (lo + hi) / 2;
    if (meanAt(mid) > 0) lo = mid;
    else hi = mid;
  }
  const leaky = getActivation("leakyRelu");
  return {
    options: o,
    rows,
    curve: { alpha: grid, mean: grid.map(meanAt) },
    alphaZero: (lo + hi) / 2,
    reluMean: normalExpectation((x) => getActivation("relu").fArray(x)),
    leakyMean: normalExpectation((x) => leaky.fArray(x, undefined, { alpha: o.leakyAlpha })),
  };
}

/** The thresholds {@linkcode eluAlphaFinding} decides by. */
export const ELU_ALPHA_THRESHOLDS = {
  /** f′ is "continuous" at 0 when its jump is below this. */
  continuous: 1e-12,
  /** The Monte Carlo estimate "agrees" with the quadrature within this many standard errors. */
  agree: 4,
  /** α = 1 "centres" the output when the zero-mean α is within this of 1. */
  nearOne: 0.05,
};

const u = (x: number) => formatNumber(x, { style: "unicode", digits: 3 });

/**
 * The finding on C5.2, "α is usually 1", from the reason the numbers give for it:
 * - `"holds"`: α = 1 is the one α compared at which f′ is continuous at 0, and it also gives a
 *   zero mean output for standard normal inputs (the zero-mean α within 0.05 of 1);
 * - `"holds in part"`: α = 1 is the one that makes f′ continuous, but a zero mean output needs
 *   another α (the text gives it) — so the convention is not about C5.1's zero mean;
 * - `"does not hold"`: f′ is not continuous at α = 1 either, so the numbers give no reason for it;
 * - `"inconclusive"`: α = 1 is not among the α compared, or the Monte Carlo estimate disagrees
 *   with the quadrature by more than 4 standard errors for some α.
 *
 * @example
 * ```ts
 * import { eluAlpha, eluAlphaFinding } from "./elu_alpha.ts";
 * import assert from "node:assert/strict";
 * assert.equal(eluAlphaFinding(eluAlpha({ samples: 1000 })).verdict, "holds in part");
 * assert.equal(eluAlphaFinding(eluAlpha({ alphas: [2], samples: 1000 })).verdict, "inconclusive");
 * ```
 */
export function eluAlphaFinding(result: EluAlphaResult): Finding {
  const claim = "C5.2";
  const article = "α is usually 1";
  const t = ELU_ALPHA_THRESHOLDS;
  const one = result.rows.find((r) => r.alpha === 1);
  const worst = Math.max(
    ...result.rows.map((r) => Math.abs(r.sampled - r.mean) / r.standardError),
  );
  const numbers = {
    alphaZero: result.alphaZero,
    jumpAtOne: one ? one.jump : null,
    meanAtOne: one ? one.mean : null,
    worstStandardErrors: worst,
  };
  if (!one || worst > t.agree) {
    const why = !one
      ? "α = 1 is not among the α compared"
      : `the Monte Carlo estimate is ${u(worst)} standard errors from the quadrature`;
    return finding({
      claim,
      article,
      measured: why,
      verdict: "inconclusive",
      numbers,
      text: `Nothing to decide: ${why}.`,
    });
  }
  const others = result.rows.filter((r) => r.alpha !== 1);
  const jumps = others.length === 0
    ? ""
    : ` (${listText(others.map((r) => `${u(r.jump)} at α = ${u(r.alpha)}`))})`;
  const measured = `jump of f′ at 0: ${u(one.jump)} at α = 1; E[f(Z)] = 0 at α = ${
    u(result.alphaZero)
  }`;
  if (one.jump >= t.continuous) {
    return finding({
      claim,
      article,
      measured,
      verdict: "does not hold",
      numbers,
      text: `Even at α = 1 f′ jumps by ${
        u(one.jump)
      } at 0, so the numbers give no reason for α = 1.`,
    });
  }
  const centres = Math.abs(result.alphaZero - 1) < t.nearOne;
  return finding({
    claim,
    article,
    measured,
    verdict: centres ? "holds" : "holds in part",
    numbers,
    text: `α = 1 is the only α at which f′ is continuous at 0: the jump is |1 − α|${jumps}. ` +
      (centres
        ? `It also centres the output: E[f(Z)] = ${u(one.mean)} for Z ~ N(0, 1).`
        : `It does not centre the output: E[f(Z)] = ${
          u(one.mean)
        } for Z ~ N(0, 1), and zero only at α ≈ ${u(result.alphaZero)}.`),
  });
}

/** Column labels for a table of the rows (`table(result.rows, { columns })`). */
export const ELU_ALPHA_COLUMNS = [
  { key: "alpha", label: "α" },
  { key: "floor", label: "f(−∞) = −α" },
  { key: "slopeLeft", label: "f′(0) = f′(0⁻)" },
  { key: "slopeRight", label: "f′(0⁺)" },
  { key: "jump", label: "jump of f′ at 0" },
  { key: "mean", label: "E[f(Z)], quadrature" },
  { key: "sampled", label: "E[f(Z)], sampled" },
  { key: "standardError", label: "± 1 s.e." },
] as const;
