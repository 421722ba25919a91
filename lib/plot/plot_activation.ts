/**
 * Figures of activations: f and f′ of one activation with its saturated regions shaded, and
 * small multiples of several. Every value comes from the registry's `fArray` and `dfArray`.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { getActivation } from "../activations/registry.ts";
import type { Activation, Params } from "../activations/types.ts";
import { formatNumber } from "../display/format_number.ts";
import { type Figure, figure, SERIES_COLORS } from "./figure.ts";
import { ruleMarks, type RuleSpec } from "./_rules.ts";
import { interval, requireTitle } from "./_validate.ts";

/** Options of {@linkcode saturatedRegions}. */
export interface SaturationOptions {
  /** The activation's parameters (defaults: the registry's). */
  params?: Partial<Params>;
  /** The interval of x looked at (default [−6, 6]). */
  domain?: [number, number];
  /** The slope below which a region counts as saturated (default: `relative` · max |f′|). */
  threshold?: number;
  /** The threshold as a fraction of the largest |f′| on the domain (default 0.05). */
  relative?: number;
  /** The number of sample points (default 601). */
  points?: number;
}

/** Where an activation saturates on a domain: see {@linkcode saturatedRegions}. */
export interface Saturated {
  /** The slope threshold used. */
  threshold: number;
  /** The largest |f′(x)| on the sampled domain. */
  maxSlope: number;
  /** The saturated intervals `[from, to]`, at most one at each end of the domain. */
  regions: Array<[number, number]>;
}

/** Evenly spaced samples of `[a, b]`, both ends included. */
function linspace([a, b]: [number, number], n: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = i === n - 1 ? b : a + ((b - a) * i) / (n - 1);
  return x;
}

function entryOf(fn: string, nameOrEntry: string | Activation): Activation {
  if (typeof nameOrEntry === "string") return getActivation(nameOrEntry);
  if (nameOrEntry && typeof nameOrEntry.dfArray === "function") return nameOrEntry;
  throw new TypeError(`${fn}: expected an activation name or registry entry, got ${nameOrEntry}`);
}

/**
 * The saturated regions of an activation on a domain, computed from the registry's `dfArray`:
 * the intervals reaching the ends of the domain where the slope |f′(x)| is below the threshold
 * and still falling toward zero (or zero). A small constant slope, like LeakyReLU's 0.01 for
 * x < 0, is not saturation: the gradient passes however far out x goes.
 *
 * @example
 * ```ts
 * import { saturatedRegions } from "./plot_activation.ts";
 * import assert from "node:assert/strict";
 * assert.equal(saturatedRegions("sigmoid").regions.length, 2);
 * assert.deepEqual(saturatedRegions("relu").regions, [[-6, 0]]);
 * assert.deepEqual(saturatedRegions("leakyRelu").regions, []);
 * ```
 */
export function saturatedRegions(
  nameOrEntry: string | Activation,
  options: SaturationOptions = {},
): Saturated {
  const entry = entryOf("saturatedRegions", nameOrEntry);
  const domain = interval("saturatedRegions", "domain", options.domain ?? [-6, 6]);
  const n = options.points ?? 601;
  if (!Number.isInteger(n) || n < 3) {
    throw new RangeError(`saturatedRegions: points must be an integer ≥ 3, got ${n}`);
  }
  const x = linspace(domain, n);
  const d = entry.dfArray(x, undefined, options.params).map(Math.abs);
  let maxSlope = 0;
  for (const v of d) if (v > maxSlope) maxSlope = v;
  const relative = options.relative ?? 0.05;
  const threshold = options.threshold ?? relative * maxSlope;
  if (!(threshold >= 0) || !Number.isFinite(threshold)) {
    throw new RangeError(
      `saturatedRegions: threshold must be a finite number ≥ 0, got ${threshold}`,
    );
  }
  // Saturated at i: below the threshold, and zero or smaller than the neighbour further in.
  const saturatedLeft = (i: number) => d[i] < threshold && (d[i] === 0 || d[i] < d[i + 1]);
  const saturatedRight = (i: number) => d[i] < threshold && (d[i] === 0 || d[i] < d[i - 1]);
  const regions: Array<[number, number]> = [];
  let l = 0;
  while (l < n - 1 && saturatedLeft(l)) l++;
  let r = n - 1;
  while (r > l && saturatedRight(r)) r--;
  if (l > 0) regions.push([x[0], x[l - 1]]);
  if (r < n - 1) regions.push([x[r + 1], x[n - 1]]);
  return { threshold, maxSlope, regions };
}

const GREEK: Record<string, string> = { alpha: "α", lambda: "λ", beta: "β" };

function paramText(params: Partial<Params> | undefined): string {
  const entries = Object.entries(params ?? {}).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "";
  return ` (${
    entries.map(([k, v]) => `${GREEK[k] ?? k} = ${formatNumber(v as number, { style: "unicode" })}`)
      .join(", ")
  })`;
}

/** Options of {@linkcode plotActivation}. */
export interface PlotActivationOptions {
  /** The activation's parameters (defaults: the registry's). */
  params?: Partial<Params>;
  /** The interval of x shown (default [−6, 6]). */
  domain?: [number, number];
  /** The title (default: "<Label>: f and f′ on [a, b]"). */
  title?: string;
  /**
   * The slope below which (falling toward zero) a region is shaded as saturated; default 5 % of
   * the largest |f′| on the domain; `false` shades nothing.
   */
  shadeBelow?: number | false;
  /** The x-axis label (default "x (pre-activation)"). */
  xLabel?: string;
  /** The y-axis label (default "f(x), f′(x)"). */
  yLabel?: string;
  /** A one-line note under the figure. */
  caption?: string;
  /** Labelled reference lines, as in `lineChart` (e.g. the floor y = −α of ELU). */
  rules?: readonly RuleSpec[];
  /** The number of sample points (default 601). */
  points?: number;
  /** Width and height in pixels (default 640 × 360). */
  width?: number;
  height?: number;
}

interface CurveRow {
  x: number;
  y: number;
  series: string;
}

function curves(entry: Activation, x: Float64Array, params?: Partial<Params>): CurveRow[] {
  const f = entry.fArray(x, undefined, params);
  const df = entry.dfArray(x, undefined, params);
  const rows: CurveRow[] = [];
  x.forEach((xi, i) => rows.push({ x: xi, y: f[i], series: "f(x)" }));
  x.forEach((xi, i) => rows.push({ x: xi, y: df[i], series: "f′(x)" }));
  return rows;
}

const fmtDomain = ([a, b]: [number, number]) =>
  `[${formatNumber(a, { style: "unicode" })}, ${formatNumber(b, { style: "unicode" })}]`;

/**
 * f and f′ of one activation on a domain, with its saturated regions (see
 * {@linkcode saturatedRegions}) shaded and labelled, and a rule at y = 0.
 *
 * @example
 * ```ts
 * import { plotActivation } from "./plot_activation.ts";
 * import assert from "node:assert/strict";
 * const fig = plotActivation("sigmoid");
 * assert.equal(fig.title, "Sigmoid: f and f′ on [−6, 6]");
 * assert.match(fig.html, /f′\(x\)/);
 * assert.match(fig.caption ?? "", /Shaded: saturated/);
 * ```
 */
export function plotActivation(
  nameOrEntry: string | Activation,
  options: PlotActivationOptions = {},
): Figure {
  const entry = entryOf("plotActivation", nameOrEntry);
  const domain = interval("plotActivation", "domain", options.domain ?? [-6, 6]);
  entry.resolve(options.params); // a clear error for bad parameters, before anything is drawn
  const n = options.points ?? 601;
  const x = linspace(domain, n);
  const title = options.title === undefined
    ? `${entry.label}${paramText(options.params)}: f and f′ on ${fmtDomain(domain)}`
    : requireTitle("plotActivation", options.title);
  const marks: Plot.Markish[] = [];
  const notes: string[] = [];
  if (options.shadeBelow !== false) {
    const sat = saturatedRegions(entry, {
      params: options.params,
      domain,
      threshold: options.shadeBelow,
      points: n,
    });
    const rule = options.shadeBelow === undefined
      ? `|f′(x)| < ${formatNumber(sat.threshold, { digits: 3 })} (5 % of its maximum ${
        formatNumber(sat.maxSlope, { digits: 3 })
      } on ${fmtDomain(domain)}) and falling toward 0`
      : `|f′(x)| < ${formatNumber(sat.threshold, { digits: 3 })} and falling toward 0`;
    if (sat.regions.length > 0) {
      marks.push(
        Plot.rectX(sat.regions, {
          x1: (r: [number, number]) => r[0],
          x2: (r: [number, number]) => r[1],
          fill: "currentColor",
          fillOpacity: 0.08,
        }),
        Plot.text(sat.regions.filter(([a, b]) => b - a > 0.12 * (domain[1] - domain[0])), {
          x: (r: [number, number]) => (r[0] + r[1]) / 2,
          frameAnchor: "top",
          dy: 6,
          text: () => "saturated",
          fillOpacity: 0.75,
        }),
      );
      notes.push(`Shaded: saturated, where ${rule}.`);
    } else notes.push(`No saturated region: nowhere is ${rule}.`);
  }
  marks.push(
    Plot.ruleY([0], { strokeOpacity: 0.6 }),
    Plot.line(curves(entry, x, options.params), {
      x: "x",
      y: "y",
      stroke: "series",
      strokeWidth: 2,
    }),
  );
  marks.push(...ruleMarks(options.rules));
  return figure({
    title,
    caption: options.caption,
    notes,
    width: options.width,
    height: options.height,
    x: { label: options.xLabel ?? "x (pre-activation)", domain },
    y: { label: options.yLabel ?? "f(x), f′(x)" },
    color: { legend: true, domain: ["f(x)", "f′(x)"], range: SERIES_COLORS.slice(0, 2) },
    marks,
  });
}

/** Options of {@linkcode plotActivationGrid}. */
export interface PlotActivationGridOptions {
  /** The title (required). */
  title: string;
  /** Parameters by activation name. */
  params?: Partial<Record<string, Partial<Params>>>;
  /** The interval of x shown (default [−6, 6]). */
  domain?: [number, number];
  /** Panels per row (default 3). */
  columns?: number;
  /** Shade saturated regions, as in {@linkcode plotActivation} (default true). */
  shade?: boolean;
  /**
   * The y-axis domain shared by the panels (default: the data's extent); curves leaving it are
   * cut at each panel's frame.
   */
  yDomain?: [number, number];
  /** The x-axis tick positions (default: Plot's, which may leave a narrow panel one tick). */
  xTicks?: readonly number[];
  /** Draw f′ dashed, so that f and f′ differ by more than their colour (default false). */
  dashDerivative?: boolean;
  /**
   * The corner of each panel its name is written in (default "top-left"); "bottom-right" keeps
   * it clear of curves that leave a cut `yDomain` at the top.
   */
  labelCorner?: "top-left" | "bottom-right";
  /** The x-axis label (default "x"). */
  xLabel?: string;
  /** The y-axis label (default "f(x), f′(x)"). */
  yLabel?: string;
  /** A one-line note under the figure. */
  caption?: string;
  /** The number of sample points per curve (default 241). */
  points?: number;
}

/**
 * Small multiples: f and f′ of several activations, one panel each, on shared axes.
 *
 * @example
 * ```ts
 * import { plotActivationGrid } from "./plot_activation.ts";
 * import assert from "node:assert/strict";
 * const fig = plotActivationGrid(["sigmoid", "tanh", "relu"], { title: "Three activations" });
 * assert.match(fig.html, /Sigmoid[^]*Tanh[^]*ReLU/);
 * ```
 */
export function plotActivationGrid(
  names: ReadonlyArray<string | Activation>,
  options: PlotActivationGridOptions,
): Figure {
  const title = requireTitle("plotActivationGrid", options?.title);
  if (!Array.isArray(names) || names.length === 0) {
    throw new TypeError("plotActivationGrid: expected a non-empty array of activation names");
  }
  const entries = names.map((n) => entryOf("plotActivationGrid", n));
  const domain = interval("plotActivationGrid", "domain", options.domain ?? [-6, 6]);
  const columns = options.columns ?? 3;
  if (!Number.isInteger(columns) || columns < 1) {
    throw new RangeError(`plotActivationGrid: columns must be a positive integer, got ${columns}`);
  }
  const n = options.points ?? 241;
  const x = linspace(domain, n);
  const rows: Array<CurveRow & { col: number; row: number }> = [];
  const panels: Array<{ col: number; row: number; label: string }> = [];
  const shades: Array<{ col: number; row: number; x1: number; x2: number }> = [];
  entries.forEach((entry, i) => {
    const params = options.params?.[entry.name];
    entry.resolve(params);
    const col = i % columns;
    const row = Math.floor(i / columns);
    panels.push({ col, row, label: `${entry.label}${paramText(params)}` });
    for (const r of curves(entry, x, params)) rows.push({ ...r, col, row });
    if (options.shade ?? true) {
      for (const [x1, x2] of saturatedRegions(entry, { params, domain, points: n }).regions) {
        shades.push({ col, row, x1, x2 });
      }
    }
  });
  const nRows = Math.ceil(entries.length / columns);
  const notes = (options.shade ?? true)
    ? ["Shaded: saturated, where |f′(x)| < 5 % of its maximum in the panel and falling toward 0."]
    : [];
  return figure({
    title,
    caption: options.caption,
    notes,
    height: 60 + nRows * 150,
    marginTop: 28,
    x: {
      label: options.xLabel ?? "x",
      domain,
      ...(options.xTicks ? { ticks: [...options.xTicks] } : {}),
    },
    y: { label: options.yLabel ?? "f(x), f′(x)", domain: options.yDomain, ticks: 4 },
    fx: { axis: null, padding: 0.08 },
    fy: { axis: null, padding: 0.12 },
    color: { legend: true, domain: ["f(x)", "f′(x)"], range: SERIES_COLORS.slice(0, 2) },
    marks: [
      Plot.frame({ strokeOpacity: 0.2 }),
      Plot.rectX(shades, {
        x1: "x1",
        x2: "x2",
        fx: "col",
        fy: "row",
        fill: "currentColor",
        fillOpacity: 0.08,
      }),
      Plot.ruleY([0], { strokeOpacity: 0.5 }),
      ...["f(x)", "f′(x)"].map((series) =>
        Plot.line(rows.filter((r) => r.series === series), {
          x: "x",
          y: "y",
          stroke: "series",
          fx: "col",
          fy: "row",
          strokeWidth: 1.5,
          strokeDasharray: options.dashDerivative && series === "f′(x)" ? "5,3" : undefined,
          clip: options.yDomain !== undefined,
        })
      ),
      Plot.text(panels, {
        fx: "col",
        fy: "row",
        text: "label",
        frameAnchor: options.labelCorner ?? "top-left",
        dx: options.labelCorner === "bottom-right" ? -4 : 4,
        dy: options.labelCorner === "bottom-right" ? -4 : 4,
        fontWeight: 600,
      }),
    ],
  });
}
