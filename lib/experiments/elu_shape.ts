/**
 * F9 and F10, ELU's formula and graph: the registry's formula with its derivative taken
 * symbolically (mathjs) and checked against the kernel the networks train with; the slope on a
 * grid of x > 0 (is it exactly 1?); and the left tail, where the output approaches −α.
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import { formatNumber } from "../display/format_number.ts";
import { numbers, type Options, type OptionsInput, parseOptions } from "../options.ts";
import { derivative, texOf } from "../symbolic.ts";
import { eluAlphaOption } from "./_activation_params.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode eluShape}, with their defaults. */
export const ELU_SHAPE_OPTIONS = {
  /** ELU's α: the floor −α the output tends to as x → −∞. */
  alpha: eluAlphaOption(),
  /** The distances |x| at which the left tail is tabulated (f(−|x|) and its gap to −α). */
  left: numbers([1, 5, 10, 20, 40], { min: 0, open: "min", max: 1000 }),
};

/** What {@linkcode eluShape} takes: every field optional. */
export type EluShapeOptions = OptionsInput<typeof ELU_SHAPE_OPTIONS>;

/** One row of the left tail. */
export interface EluTailRow {
  /** The point x < 0. */
  readonly x: number;
  /** f(x). */
  readonly f: number;
  /** f(x) − (−α): how far f still is from its floor. */
  readonly gap: number;
  /** f′(x). */
  readonly df: number;
}

/** What {@linkcode eluShape} returns: plain data. */
export interface EluShapeResult {
  /** The options used, defaults filled in. */
  readonly options: Options<typeof ELU_SHAPE_OPTIONS>;
  /** The registry's LaTeX of f and f′. */
  readonly tex: { readonly f: string; readonly df: string };
  /** The registry's mathjs expression of f. */
  readonly expression: string;
  /** Its derivative by mathjs (branch by branch), as text and as LaTeX. */
  readonly derivative: { readonly expression: string; readonly tex: string };
  /** Points of [−10, 10] (step 0.01, x = 0 included) where the two derivatives are compared. */
  readonly gridPoints: number;
  /** The largest |symbolic f′ − kernel f′| over that grid. */
  readonly formulaGap: number;
  /** Log-spaced points of x > 0, from the smallest positive double to 10⁶. */
  readonly positivePoints: number;
  /** The largest |f′(x) − 1| over them. */
  readonly slopeGap: number;
  /** f, its gap to −α and f′ at x = −|x| for each distance of `left`. */
  readonly tail: readonly EluTailRow[];
  /** The first x on a 0.01 grid going left from 0 where f(x) is −α exactly in float64 (or null by −1000). */
  readonly exactFrom: number | null;
  /** f(−∞). */
  readonly floor: number;
  /** f′(−∞) and f′(+∞). */
  readonly slopeAtInfinity: { readonly left: number; readonly right: number };
}

/**
 * Takes ELU's formula from the registry, differentiates it with mathjs and compares that with the
 * registry's kernel on a grid; measures f′ − 1 for x > 0 and f + α far out on the left.
 * Deterministic: no randomness is involved.
 *
 * @example The slope is exactly 1 on the right; f reaches −α in float64 on the far left
 * ```ts
 * import { eluShape } from "./elu_shape.ts";
 * import assert from "node:assert/strict";
 * const r = eluShape({ alpha: 1, left: [10, 40] });
 * assert.equal(r.slopeGap, 0);
 * assert.equal(r.formulaGap, 0);
 * assert.equal(r.floor, -1);
 * assert.equal(r.tail[1].f, -1);
 * ```
 */
export function eluShape(options?: EluShapeOptions): EluShapeResult {
  const o = parseOptions("eluShape", options, ELU_SHAPE_OPTIONS);
  for (let i = 1; i < o.left.length; i++) {
    if (!(o.left[i] > o.left[i - 1])) {
      throw new RangeError(
        `eluShape: option "left" must be in increasing order, got left[${i - 1}] = ${
          o.left[i - 1]
        } and left[${i}] = ${o.left[i]}`,
      );
    }
  }
  const elu = getActivation("elu");
  const p = { alpha: o.alpha };
  const d = derivative(elu.expression);
  const compiled = d.compile();
  const grid = Float64Array.from({ length: 2001 }, (_, i) => Math.round(-1000 + i) / 100);
  const kernel = elu.dfArray(grid, undefined, p);
  let formulaGap = 0;
  grid.forEach((x, i) => {
    formulaGap = Math.max(
      formulaGap,
      Math.abs(compiled.evaluate({ x, alpha: o.alpha }) - kernel[i]),
    );
  });
  const positives = Float64Array.from(
    { length: 20_000 },
    (_, i) => 10 ** (-323 + (329 * i) / 19_999),
  );
  positives[0] = Number.MIN_VALUE;
  let slopeGap = 0;
  for (const s of elu.dfArray(positives, undefined, p)) {
    slopeGap = Math.max(slopeGap, Math.abs(s - 1));
  }
  const tail = o.left.map((dist) => {
    const f = elu.f(-dist, p);
    return { x: -dist, f, gap: f + o.alpha, df: elu.df(-dist, p) };
  });
  let exactFrom: number | null = null;
  for (let k = 0; k <= 100_000; k++) {
    if (elu.f(-k / 100, p) === -o.alpha) {
      exactFrom = -k / 100;
      break;
    }
  }
  return {
    options: o,
    tex: { ...elu.tex },
    expression: elu.expression,
    derivative: { expression: d.toString(), tex: texOf(d) },
    gridPoints: grid.length,
    formulaGap,
    positivePoints: positives.length,
    slopeGap,
    tail,
    exactFrom,
    floor: elu.f(-Infinity, p),
    slopeAtInfinity: { left: elu.df(-Infinity, p), right: elu.df(Infinity, p) },
  };
}

/** The thresholds {@linkcode eluShapeFinding} decides by. */
export const ELU_SHAPE_THRESHOLDS = {
  /** The symbolic and the kernel's f′ "agree" within this (absolute, over the grid). */
  formula: 1e-12,
  /** f′ "is 1" for x > 0 within this. */
  slope: 1e-12,
};

const u = (x: number) => formatNumber(x, { style: "unicode", digits: 3 });
const count = (n: number) => n.toLocaleString("en-US");

/**
 * The finding on F9 and F10, from three checks: the symbolic derivative of the registry's formula
 * matches its kernel (F9); f′ is 1 for every x > 0; f tends to −α on the left (its gap to −α
 * shrinks along the tail, f(−∞) = −α and f′(−∞) = 0):
 * - `"holds"`: all three;
 * - `"holds in part"`: one or two of them, the text says which fail;
 * - `"does not hold"`: none;
 * - `"inconclusive"`: α = 0, where ELU is ReLU and there is no curve that tends to −α.
 *
 * @example
 * ```ts
 * import { eluShape, eluShapeFinding } from "./elu_shape.ts";
 * import assert from "node:assert/strict";
 * assert.equal(eluShapeFinding(eluShape({ left: [10, 20] })).verdict, "holds");
 * assert.equal(eluShapeFinding(eluShape({ alpha: 0, left: [10, 20] })).verdict, "inconclusive");
 * ```
 */
export function eluShapeFinding(result: EluShapeResult): Finding {
  const { alpha } = result.options;
  const claim = "F9, F10";
  const article =
    "f = x for x > 0, α(eˣ − 1) for x ≤ 0: gradient 1 on the right, f → −α on the left";
  const numbers = {
    alpha,
    formulaGap: result.formulaGap,
    slopeGap: result.slopeGap,
    floor: result.floor,
    exactFrom: result.exactFrom,
  };
  if (alpha === 0) {
    return finding({
      claim,
      article,
      measured: "α = 0: ELU is ReLU",
      verdict: "inconclusive",
      numbers,
      text:
        "With α = 0 ELU is ReLU: f is 0 for every x ≤ 0, so there is no curve that tends to −α.",
    });
  }
  const t = ELU_SHAPE_THRESHOLDS;
  const gaps = result.tail.map((r) => r.gap);
  const shrinking = gaps.every((g, i) => g >= 0 && (i === 0 || g <= gaps[i - 1])) &&
    gaps[0] > 0;
  const checks = [
    {
      ok: result.formulaGap <= t.formula,
      yes: `the derivative mathjs takes of the registry's formula matches the kernel at ${
        count(result.gridPoints)
      } points`,
      no: `the derivative mathjs takes of the registry's formula differs from the kernel by up to ${
        u(result.formulaGap)
      }`,
    },
    {
      ok: result.slopeGap <= t.slope,
      yes: `f′ is exactly 1 at all ${count(result.positivePoints)} points of x > 0`,
      no: `f′ differs from 1 by up to ${u(result.slopeGap)} for x > 0`,
    },
    {
      ok: shrinking && result.floor === -alpha && result.slopeAtInfinity.left === 0,
      yes: `f − (−α) shrinks from ${u(gaps[0])} at x = ${u(result.tail[0].x)} to ${
        u(gaps[gaps.length - 1])
      } at x = ${u(result.tail[result.tail.length - 1].x)}, f(−∞) = −α = ${
        u(-alpha)
      } and f′(−∞) = 0`,
      no: `f does not settle on −α = ${u(-alpha)} (f(−∞) = ${u(result.floor)}, f′(−∞) = ${
        u(result.slopeAtInfinity.left)
      })`,
    },
  ];
  const passed = checks.filter((c) => c.ok).length;
  const verdict = passed === 3 ? "holds" : passed === 0 ? "does not hold" : "holds in part";
  const parts = checks.map((c) => (c.ok ? c.yes : c.no));
  return finding({
    claim,
    article,
    measured: `max |f′ − 1| = ${u(result.slopeGap)} for x > 0; f(−∞) = ${u(result.floor)} (α = ${
      u(alpha)
    })`,
    verdict,
    numbers,
    text: `${parts[0][0].toUpperCase()}${parts[0].slice(1)}; ${parts[1]}; ${parts[2]}.`,
  });
}

/** Column labels for a table of the tail (`table(result.tail, { columns })`). */
export const ELU_TAIL_COLUMNS = [
  { key: "x", label: "x" },
  { key: "f", label: "f(x)" },
  { key: "gap", label: "f(x) − (−α)" },
  { key: "df", label: "f′(x)" },
] as const;
