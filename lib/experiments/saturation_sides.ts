/**
 * C1.3, saturation as the article defines it: the derivative tends to 0 — on the left as
 * x → −∞, on the right as x → +∞. The derivative is evaluated further and further out on both
 * sides, and the edge beyond which it stays below a small fraction of its maximum is found
 * numerically.
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import { argminOf } from "../activations/minimum.ts";
import type { ActivationName } from "../activations/types.ts";
import { formatNumber } from "../display/format_number.ts";
import {
  activation,
  number,
  numbers,
  type Options,
  type OptionsInput,
  parseOptions,
} from "../options.ts";
import { type Finding, finding } from "./finding.ts";

/** Where an activation's slope stays below a threshold: see {@linkcode saturationEdges}. */
export interface SaturationEdges {
  /** The largest |f′| (golden-section search on [−50, 50]). */
  readonly maxSlope: number;
  /** The threshold: `fraction` · maxSlope. */
  readonly threshold: number;
  /** The x < 0 left of which |f′| < threshold up to x = −`far`, or null if it is not. */
  readonly left: number | null;
  /** The x > 0 right of which |f′| < threshold up to x = `far`, or null if it is not. */
  readonly right: number | null;
}

/**
 * The edges of the saturated regions of an activation: with threshold = `fraction` of its
 * largest slope, the point on each side beyond which |f′| stays below the threshold out to
 * ±`far` (found by bisection, to 10⁻⁹, assuming |f′| falls monotonically toward that side), or
 * null on a side where |f′(±far)| is not below it.
 *
 * @example Sigmoid: σ′ < 1 % of 1/4 for |x| > 5.986
 * ```ts
 * import { saturationEdges } from "./saturation_sides.ts";
 * import assert from "node:assert/strict";
 * const e = saturationEdges("sigmoid", 0.01);
 * assert.equal(e.threshold, 0.0025);
 * assert.ok(e.right !== null && Math.abs(e.right - 5.9864) < 1e-4);
 * assert.equal(e.left, -(e.right as number));
 * assert.equal(saturationEdges("relu", 0.01).right, null);
 * ```
 */
export function saturationEdges(name: ActivationName, fraction: number, far = 50): SaturationEdges {
  if (!(fraction > 0 && fraction < 1)) {
    throw new RangeError(`saturationEdges: fraction must be in (0, 1), got ${fraction}`);
  }
  if (!(far > 0 && Number.isFinite(far))) {
    throw new RangeError(`saturationEdges: far must be a finite number > 0, got ${far}`);
  }
  const f = getActivation(name);
  const slope = (x: number) => Math.abs(f.df(x));
  const maxSlope = slope(argminOf((x) => -slope(x), -50, 50));
  const threshold = fraction * maxSlope;
  const edge = (side: 1 | -1): number | null => {
    if (!(slope(side * far) < threshold)) return null;
    let inside = 0; // |f′| ≥ threshold here, or the edge is at 0
    let outside = far;
    if (slope(0) < threshold) return 0;
    while (outside - inside > 1e-9) {
      const mid = (inside + outside) / 2;
      if (slope(side * mid) < threshold) outside = mid;
      else inside = mid;
    }
    return side * outside;
  };
  return { maxSlope, threshold, left: edge(-1), right: edge(1) };
}

/** The options of {@linkcode saturationSides}, with their defaults. */
export const SATURATION_SIDES_OPTIONS = {
  /** The activation looked at (the article's is sigmoid). */
  activation: activation("sigmoid"),
  /** Saturated: the slope below this fraction of its maximum. */
  fraction: number(0.01, { min: 0, max: 1, open: true }),
  /** The distances |x| at which the slope is evaluated on both sides, in increasing order. */
  at: numbers([2, 5, 10, 20, 40], { min: 0, open: "min", max: 1000 }),
};

/** What {@linkcode saturationSides} takes: every field optional. */
export type SaturationSidesOptions = OptionsInput<typeof SATURATION_SIDES_OPTIONS>;

/** The slope at ±|x|: a row of the chapter's table. */
export interface SaturationSidesRow {
  /** The distance |x|. */
  readonly x: number;
  /** f′(−|x|). */
  readonly left: number;
  /** f′(|x|). */
  readonly right: number;
}

/** What {@linkcode saturationSides} returns: plain data. */
export interface SaturationSidesResult {
  /** The options used, defaults filled in. */
  readonly options: Options<typeof SATURATION_SIDES_OPTIONS>;
  /** The activation's label. */
  readonly label: string;
  /** The slopes at ±|x| for each distance of `at`. */
  readonly rows: readonly SaturationSidesRow[];
  /** The saturated regions' edges and threshold (see {@linkcode saturationEdges}). */
  readonly edges: SaturationEdges;
  /** Whether the slope falls toward 0 on each side: below the threshold at the farthest |x|, never rising on the way out. */
  readonly measured: { readonly left: boolean; readonly right: boolean };
  /** What the registry declares. */
  readonly declared: { readonly left: boolean; readonly right: boolean };
}

/**
 * Evaluates an activation's slope at ±|x| for each distance, finds the saturated regions' edges
 * (|f′| below `fraction` of its maximum) and decides, side by side, whether the slope falls toward
 * 0 — below the threshold at the farthest distance and never rising on the way out.
 *
 * @example
 * ```ts
 * import { saturationSides } from "./saturation_sides.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(saturationSides().measured, { left: true, right: true });
 * assert.deepEqual(saturationSides({ activation: "relu" }).measured, { left: true, right: false });
 * ```
 */
export function saturationSides(options?: SaturationSidesOptions): SaturationSidesResult {
  const o = parseOptions("saturationSides", options, SATURATION_SIDES_OPTIONS);
  for (let i = 1; i < o.at.length; i++) {
    if (!(o.at[i] > o.at[i - 1])) {
      throw new RangeError(
        `saturationSides: option "at" must be in increasing order, got at[${i - 1}] = ${
          o.at[i - 1]
        } and at[${i}] = ${o.at[i]}`,
      );
    }
  }
  const f = getActivation(o.activation);
  const rows = o.at.map((x) => ({ x, left: f.df(-x), right: f.df(x) }));
  const edges = saturationEdges(o.activation, o.fraction, o.at[o.at.length - 1]);
  const falls = (side: "left" | "right") => {
    const s = rows.map((r) => Math.abs(r[side]));
    return s[s.length - 1] < edges.threshold && s.every((v, i) => i === 0 || v <= s[i - 1]);
  };
  return {
    options: o,
    label: f.label,
    rows,
    edges,
    measured: { left: falls("left"), right: falls("right") },
    declared: { ...f.saturation },
  };
}

/** Column labels for a table of the rows (`table(result.rows, { columns })`), for sigmoid. */
export const SATURATION_SIDES_COLUMNS = [
  { key: "x", label: "|x|" },
  { key: "left", label: "σ′(−|x|), left" },
  { key: "right", label: "σ′(|x|), right" },
] as const;

const u = (x: number) => formatNumber(x, { style: "unicode" });

/**
 * The finding on C1.3's definition, "sigmoid saturates on both sides (f′ → 0 as x → ±∞)", from
 * the measured sides:
 * - `"holds"`: the slope falls toward 0 on both sides;
 * - `"holds in part"`: on one side only;
 * - `"does not hold"`: on neither;
 * - `"inconclusive"`: the measurement and the registry's declaration disagree (too few or too
 *   near distances to tell, or a wrong declaration).
 *
 * @example
 * ```ts
 * import { saturationSides, saturationSidesFinding } from "./saturation_sides.ts";
 * import assert from "node:assert/strict";
 * assert.equal(saturationSidesFinding(saturationSides()).verdict, "holds");
 * assert.equal(saturationSidesFinding(saturationSides({ activation: "elu" })).verdict, "holds in part");
 * ```
 */
export function saturationSidesFinding(result: SaturationSidesResult): Finding {
  const { rows, edges, measured, declared, label } = result;
  const name = result.options.activation;
  const d = name === "sigmoid" ? "σ′" : `${label}′`;
  const first = rows[0];
  const last = rows[rows.length - 1];
  const sides = [measured.left && "left", measured.right && "right"].filter(Boolean);
  const numbers = {
    threshold: edges.threshold,
    left: edges.left,
    right: edges.right,
    farLeft: last.left,
    farRight: last.right,
  };
  const base = {
    claim: "C1.3 (both sides)",
    article: "saturation: f′ → 0; sigmoid saturates on the left and on the right",
    measured: `${d}(±${u(last.x)}) = ${u(last.left)}, ${u(last.right)}; saturated ${
      sides.length === 0 ? "on neither side" : `on the ${sides.join(" and ")}`
    }`,
    numbers,
  };
  // An exact 0 after non-zero slopes is float64 rounding (1 − σ(x) rounds to 0), not the limit.
  const far = (v: number, near: number) => v === 0 && near !== 0 ? "0 (rounded, in float64)" : u(v);
  const values = `from ${u(first.left)} at x = −${u(first.x)} to ${
    far(last.left, first.left)
  } at x = −${u(last.x)} on the left, and from ${u(first.right)} to ${
    far(last.right, first.right)
  } at x = ${u(last.x)} on the right`;
  if (measured.left !== declared.left || measured.right !== declared.right) {
    return finding({
      ...base,
      verdict: "inconclusive",
      text:
        `${d} goes ${values}, which disagrees with the registry's declaration (left: ${declared.left}, right: ${declared.right}); evaluate it further out.`,
    });
  }
  const below = `${u(100 * result.options.fraction)} % of its maximum (${u(edges.threshold)})`;
  const region = [
    edges.left !== null ? `x < ${u(edges.left)}` : "",
    edges.right !== null ? `x > ${u(edges.right)}` : "",
  ].filter(Boolean).join(" and ");
  const verdict = sides.length === 2
    ? "holds"
    : sides.length === 1
    ? "holds in part"
    : "does not hold";
  const who = result.options.activation === "sigmoid" ? "Sigmoid" : label;
  const conclusion = sides.length === 2
    ? `${who} saturates on the left and on the right`
    : sides.length === 1
    ? `${who} saturates on the ${sides[0]} only`
    : `${who} saturates on neither side`;
  return finding({
    ...base,
    verdict,
    text: `${d} goes ${values}. ${conclusion}${
      region ? `: ${d} is below ${below} for ${region}` : ""
    }.`,
  });
}

/** An activation's slope f′ sampled on an interval: see {@linkcode slopeCurve}. */
export interface SlopeCurve {
  /** The activation's label. */
  readonly label: string;
  /** The sample points, evenly spaced, both ends included. */
  readonly x: readonly number[];
  /** The registry's f′ at each point. */
  readonly df: readonly number[];
}

/**
 * The registry's derivative of an activation at `points` evenly spaced x in [from, to], for a
 * figure of where it vanishes.
 *
 * @example
 * ```ts
 * import { slopeCurve } from "./saturation_sides.ts";
 * import assert from "node:assert/strict";
 * const c = slopeCurve("relu", -1, 1, 3);
 * assert.deepEqual(c.x, [-1, 0, 1]);
 * assert.deepEqual(c.df, [0, 0, 1]);
 * ```
 */
export function slopeCurve(name: ActivationName, from = -10, to = 10, points = 401): SlopeCurve {
  if (!(Number.isFinite(from) && Number.isFinite(to) && from < to)) {
    throw new RangeError(`slopeCurve: need finite from < to, got [${from}, ${to}]`);
  }
  if (!(Number.isInteger(points) && points >= 2)) {
    throw new RangeError(`slopeCurve: points must be an integer ≥ 2, got ${points}`);
  }
  const f = getActivation(name);
  const x = Array.from(
    { length: points },
    (_, i) => i === points - 1 ? to : from + ((to - from) * i) / (points - 1),
  );
  return { label: f.label, x, df: x.map((v) => f.df(v)) };
}

/**
 * The finding on C2.2, "ReLU saturates on one side only (left)", from
 * `saturationSides({ activation: "relu" })` (any activation is read the same way):
 * - `"holds"`: the slope falls toward 0 on the left only, and is exactly 0 at every negative x
 *   evaluated — not tending to 0 but 0;
 * - `"holds in part"`: left only, but approaching 0 rather than 0 (ELU's kind);
 * - `"does not hold"`: on both sides, on the right only, or on neither;
 * - `"inconclusive"`: the measurement and the registry's declaration disagree.
 *
 * @example
 * ```ts
 * import { reluSaturationFinding, saturationSides } from "./saturation_sides.ts";
 * import assert from "node:assert/strict";
 * assert.equal(reluSaturationFinding(saturationSides({ activation: "relu" })).verdict, "holds");
 * assert.equal(reluSaturationFinding(saturationSides()).verdict, "does not hold"); // sigmoid
 * ```
 */
export function reluSaturationFinding(result: SaturationSidesResult): Finding {
  const { rows, measured, declared, label } = result;
  const last = rows[rows.length - 1];
  const d = `${label}′`;
  const exactZero = rows.every((r) => r.left === 0);
  const base = {
    claim: "C2.2",
    article: "ReLU saturates on one side only (left)",
    measured: `${d}(−${u(last.x)}) = ${u(last.left)}, ${d}(${u(last.x)}) = ${u(last.right)}`,
    numbers: { farLeft: last.left, farRight: last.right, exactZero, far: last.x },
  };
  if (measured.left !== declared.left || measured.right !== declared.right) {
    return finding({
      ...base,
      verdict: "inconclusive",
      text: `${d} at ±${u(last.x)} is ${u(last.left)} and ${
        u(last.right)
      }, which disagrees with the registry's declaration (left: ${declared.left}, right: ${declared.right}).`,
    });
  }
  if (measured.left && !measured.right) {
    return finding({
      ...base,
      verdict: exactZero ? "holds" : "holds in part",
      text: exactZero
        ? `${d} is exactly 0 at every x from −${u(rows[0].x)} to −${u(last.x)} and ${
          u(last.right)
        } on the right: ${label} saturates on the left only, and its left side is not small but 0, so a unit there passes no gradient at all.`
        : `${d} falls from ${u(rows[0].left)} at x = −${u(rows[0].x)} to ${u(last.left)} at x = −${
          u(last.x)
        } and stays ${
          u(last.right)
        } on the right: saturated on the left only, but approaching 0 rather than 0.`,
    });
  }
  const where = measured.left
    ? "on both sides"
    : measured.right
    ? "on the right only"
    : "on neither side";
  return finding({
    ...base,
    verdict: "does not hold",
    text: `${d} at ±${u(last.x)} is ${u(last.left)} and ${
      u(last.right)
    }: ${label} saturates ${where}.`,
  });
}
