/**
 * C1.1, the bound on σ′: where an activation's derivative is largest and how small it gets,
 * found numerically (a golden-section search and a dense grid), not typed in, and where float64
 * rounds it to exactly 0.
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import { argminOf } from "../activations/minimum.ts";
import type { ActivationName } from "../activations/types.ts";
import {
  activation,
  integer,
  number,
  type Options,
  type OptionsInput,
  parseOptions,
} from "../options.ts";
import { formatNumber } from "../display/format_number.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode slopeBound}, with their defaults. */
export const SLOPE_BOUND_OPTIONS = {
  /** The activation whose derivative is bounded (the article's is sigmoid). */
  activation: activation("sigmoid"),
  /** The search and the grid cover [−halfWidth, halfWidth]. */
  halfWidth: number(20, { min: 1, max: 1000 }),
  /** Points of the grid, both ends included (an odd count puts one at x = 0). */
  points: integer(40_001, { min: 3, max: 1_000_000 }),
  /** The bound the article states for the derivative: 1/4. */
  bound: number(0.25, { min: 0, open: "min" }),
};

/** What {@linkcode slopeBound} takes: every field optional. */
export type SlopeBoundOptions = OptionsInput<typeof SLOPE_BOUND_OPTIONS>;

/** One way of locating an extreme of f′: a row of the chapter's table. */
export interface SlopeRow {
  /** How it was found. */
  readonly method: string;
  /** Where. */
  readonly x: number;
  /** f′ there. */
  readonly slope: number;
}

/** What {@linkcode slopeBound} returns: plain data. */
export interface SlopeBoundResult {
  /** The options used, defaults filled in. */
  readonly options: Options<typeof SLOPE_BOUND_OPTIONS>;
  /** The activation's label ("Sigmoid"). */
  readonly label: string;
  /** The golden-section search for the largest f′ on the domain: where, and the value. */
  readonly peak: { readonly x: number; readonly slope: number };
  /** The largest f′ on the grid, and where (the first such point). */
  readonly gridMax: { readonly x: number; readonly slope: number };
  /** The smallest f′ on the grid, and where (the first such point). */
  readonly gridMin: { readonly x: number; readonly slope: number };
  /**
   * The smallest x > 0 (to 10⁻⁹) from which f′ rounds to exactly 0 in float64, found by bisection
   * on [0, 1000]; null when f′(1000) is not 0.
   */
  readonly firstZero: number | null;
  /** The four ways, as the rows of a table. */
  readonly rows: readonly SlopeRow[];
}

/** "σ′" for sigmoid, "Tanh′" for another activation. */
const prime = (name: ActivationName, label: string) => name === "sigmoid" ? "σ′" : `${label}′`;

/**
 * Locates the largest and smallest derivative of an activation on [−halfWidth, halfWidth], by a
 * golden-section search on −f′ and on a grid, and the point from which float64 rounds f′ to 0.
 *
 * @example Sigmoid: the largest slope is 1/4, at 0
 * ```ts
 * import { slopeBound } from "./slope_bound.ts";
 * import assert from "node:assert/strict";
 * const r = slopeBound({ points: 101 });
 * assert.equal(r.peak.slope, 0.25);
 * assert.ok(Math.abs(r.peak.x) < 1e-6);
 * assert.ok(r.firstZero !== null && r.firstZero > 36 && r.firstZero < 38);
 * ```
 */
export function slopeBound(options?: SlopeBoundOptions): SlopeBoundResult {
  const o = parseOptions("slopeBound", options, SLOPE_BOUND_OPTIONS);
  const f = getActivation(o.activation);
  const h = o.halfWidth;
  const grid = Float64Array.from(
    { length: o.points },
    (_, i) => ((2 * i - (o.points - 1)) * h) / (o.points - 1),
  );
  const slopes = f.dfArray(grid);
  let iMax = 0;
  let iMin = 0;
  slopes.forEach((v, i) => {
    if (v > slopes[iMax]) iMax = i;
    if (v < slopes[iMin]) iMin = i;
  });
  const xPeak = argminOf((x) => -f.df(x), -h, h);
  const peak = { x: xPeak, slope: f.df(xPeak) };
  const gridMax = { x: grid[iMax], slope: slopes[iMax] };
  const gridMin = { x: grid[iMin], slope: slopes[iMin] };

  let firstZero: number | null = null;
  if (f.df(1000) === 0 && f.df(0) > 0) {
    let lo = 0;
    let hi = 1000;
    while (hi - lo > 1e-9) {
      const mid = (lo + hi) / 2;
      if (f.df(mid) > 0) lo = mid;
      else hi = mid;
    }
    firstZero = hi;
  }
  const d = prime(o.activation, f.label);
  const span = `[−${formatNumber(h)}, ${formatNumber(h)}]`;
  const grid1 = `a grid of ${o.points.toLocaleString("en-US")} points on ${span}`;
  const rows: SlopeRow[] = [
    { method: `golden-section search for the largest ${d} on ${span}`, ...peak },
    { method: `largest ${d} on ${grid1}`, ...gridMax },
    { method: `smallest ${d} on that grid`, ...gridMin },
    ...(firstZero === null ? [] : [{
      method: `first x from which ${d} rounds to 0 in float64`,
      x: firstZero,
      slope: f.df(firstZero),
    }]),
  ];
  return { options: o, label: f.label, peak, gridMax, gridMin, firstZero, rows };
}

/** The tolerances {@linkcode slopeBoundFinding} decides by. */
export const SLOPE_BOUND_THRESHOLDS = {
  /** The maximum is "at x = 0" when the search puts it within this distance of 0. */
  atZero: 1e-6,
  /** The largest slope may exceed the bound by this much (float64 rounding) and still keep it. */
  slack: 1e-12,
  /** The maximum is "at the edge" (it may lie outside) within this fraction of halfWidth of it. */
  edge: 1e-6,
};

const n = (x: number) => formatNumber(x, { style: "unicode" });

/** A bound as the article writes it: 1/4 rather than 0.25. */
const fraction = (x: number) => Number.isInteger(1 / x) && x < 1 ? `1/${1 / x}` : n(x);

/**
 * The finding on C1.1, the article's "σ′ lies in about [0, 0.25]":
 * - `"holds"`: the largest slope is at most the bound (within float64 rounding), at x = 0, and
 *   no slope on the grid is negative;
 * - `"holds in part"`: the bound holds but the maximum is not at x = 0, or some slope is negative;
 * - `"does not hold"`: the search or the grid finds a slope above the bound;
 * - `"inconclusive"`: the largest slope lies at the end of the domain searched, so a larger one may
 *   lie outside it.
 *
 * @example
 * ```ts
 * import { slopeBound, slopeBoundFinding } from "./slope_bound.ts";
 * import assert from "node:assert/strict";
 * assert.equal(slopeBoundFinding(slopeBound({ points: 101 })).verdict, "holds");
 * assert.equal(slopeBoundFinding(slopeBound({ activation: "tanh", points: 101 })).verdict, "does not hold");
 * ```
 */
export function slopeBoundFinding(result: SlopeBoundResult): Finding {
  const claim = "C1.1";
  const article = "σ′ lies in about [0, 0.25], largest at x = 0";
  const { peak, gridMax, gridMin, firstZero } = result;
  const { activation: name, bound, halfWidth } = result.options;
  const d = prime(name, result.label);
  const { atZero, slack, edge } = SLOPE_BOUND_THRESHOLDS;
  const at = (x: number) => `x = ${Math.abs(x) <= atZero ? "0" : n(x)}`;
  const largest = Math.max(peak.slope, gridMax.slope);
  const numbers = {
    peakX: peak.x,
    peakSlope: peak.slope,
    gridMax: gridMax.slope,
    gridMin: gridMin.slope,
    firstZero,
    bound,
  };
  const measured = `max ${d} = ${n(largest)} at ${at(peak.x)}; min on the grid ${n(gridMin.slope)}`;
  if (largest > bound + slack) {
    return finding({
      claim,
      article,
      measured,
      verdict: "does not hold",
      numbers,
      text: `${d} reaches ${n(largest)} at ${
        at(peak.slope >= gridMax.slope ? peak.x : gridMax.x)
      }, above the article's bound ${fraction(bound)}.`,
    });
  }
  const atEdge = Math.abs(peak.x) > halfWidth * (1 - edge) ||
    Math.abs(gridMax.x) >= halfWidth;
  if (atEdge) {
    return finding({
      claim,
      article,
      measured,
      verdict: "inconclusive",
      numbers,
      text: `The largest ${d} found, ${n(largest)}, lies at the end of the domain searched ` +
        `(${at(peak.x)}): a larger one may lie beyond ±${n(halfWidth)}.`,
    });
  }
  const zero = firstZero === null
    ? ""
    : ` In float64, though, it rounds to exactly 0 for x ≥ ${n(firstZero)}.`;
  if (Math.abs(peak.x) > atZero || gridMin.slope < 0) {
    const where = gridMin.slope < 0
      ? `it is negative somewhere (${n(gridMin.slope)} at x = ${n(gridMin.x)})`
      : `its maximum is at ${at(peak.x)}, not at 0`;
    return finding({
      claim,
      article,
      measured,
      verdict: "holds in part",
      numbers,
      text: `${d} never exceeds ${fraction(bound)} (largest ${n(largest)}), but ${where}.`,
    });
  }
  const range = gridMin.slope > 0 ? `(0, ${fraction(bound)}]` : `[0, ${fraction(bound)}]`;
  return finding({
    claim,
    article,
    measured,
    verdict: "holds",
    numbers,
    text: `${d} is largest at x = 0, where it is ${n(peak.slope)}, and falls away from it, to ${
      n(gridMin.slope)
    } at ${at(gridMin.x)}: ${d} ∈ ${range}.${zero}`,
  });
}
