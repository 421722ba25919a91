/**
 * Line charts of named series: training histories, gradient norms layer by layer. A log scale
 * leaves out values it cannot show (zeros, negatives) and says so in the caption.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { type Figure, figure, SERIES_COLORS } from "./figure.ts";
import { numbers, plural, requireTitle } from "./_validate.ts";
import { logTicks } from "./_axis.ts";
import { ruleMarks, type RuleSpec } from "./_rules.ts";
import { formatNumber } from "../display/format_number.ts";

/** One line of a {@linkcode lineChart}. */
export interface LineSeries {
  /** Its name, shown in the legend. */
  name: string;
  /** The x values. */
  x: ArrayLike<number>;
  /** The y values, one per x. */
  y: ArrayLike<number>;
  /** A shaded band around the line, e.g. min–max or ±1 sd across seeds. */
  band?: { lower: ArrayLike<number>; upper: ArrayLike<number> };
  /** Draw the line dashed (e.g. a reference). */
  dashed?: boolean;
}

/** An axis of a chart. */
export interface AxisOptions {
  /** Its label, with units where they apply (required). */
  label: string;
  /** `"linear"` (default) or `"log"`. */
  type?: "linear" | "log";
  /** Its extent (default: the data's). */
  domain?: [number, number];
  /** Tick positions (default: Plot's; powers of ten on a log axis spanning two decades or more). */
  ticks?: readonly number[];
  /**
   * Round the extent out to nice values (default: true on the y axis, false on the x axis, and
   * false on a log axis with given `ticks`, whose labels Plot leaves blank on a nice log domain).
   * On a log axis nice means powers of ten: pass false to keep a given `domain` as it is.
   */
  nice?: boolean;
}

export type { RuleSpec } from "./_rules.ts";

/** Options of {@linkcode lineChart}. */
export interface LineChartOptions {
  /** The title (required). */
  title: string;
  /** The lines; a legend is shown when there is more than one. */
  series: readonly LineSeries[];
  /** The x axis: label and scale type. */
  x: AxisOptions;
  /** The y axis: label and scale type (`"log"` where values span decades). */
  y: AxisOptions;
  /** Reference lines. */
  rules?: readonly RuleSpec[];
  /** Extra Plot marks drawn on top. */
  marks?: readonly Plot.Markish[];
  /** Draw a dot at each point (default: when every series has at most 30 points). */
  markers?: boolean;
  /** A one-line note under the figure. */
  caption?: string;
  /** Width in pixels (default 640). */
  width?: number;
  /** Height in pixels (default 360). */
  height?: number;
  /**
   * Draw each series in its own panel, side by side with shared axes, headed by its name
   * (small multiples, for series whose bands would overlap); default false.
   */
  panels?: boolean;
}

/** Tick labels as plain numbers: 1 rather than 1.0, 0.001 rather than 1m. */
const plainNumber = (v: number) => formatNumber(v, { digits: 3 });

interface Point {
  series: string;
  x: number;
  y: number;
  lower?: number;
  upper?: number;
}

/**
 * A line chart of named series, with optional bands, reference rules and log axes. On a log axis
 * non-positive values are left out (the line breaks there) and counted in the caption; so are
 * non-finite values on any axis. No path is ever drawn through NaN.
 *
 * @example
 * ```ts
 * import { lineChart } from "./line_chart.ts";
 * import assert from "node:assert/strict";
 * const fig = lineChart({
 *   title: "Gradient norm by layer",
 *   series: [
 *     { name: "sigmoid", x: [1, 2, 3], y: [1e-1, 1e-3, 0] },
 *     { name: "relu", x: [1, 2, 3], y: [1, 0.9, 1.1] },
 *   ],
 *   x: { label: "layer" },
 *   y: { label: "‖∂L/∂W‖", type: "log" },
 * });
 * assert.match(fig.caption ?? "", /1 value ≤ 0 not drawn on the log y axis \(sigmoid\)/);
 * assert.doesNotMatch(fig.html, /NaN/);
 * ```
 */
export function lineChart(options: LineChartOptions): Figure {
  const fn = "lineChart";
  const title = requireTitle(fn, options?.title);
  const { series, x: xAxis, y: yAxis } = options;
  if (!Array.isArray(series) || series.length === 0) {
    throw new TypeError(`${fn}: series must be a non-empty array of { name, x, y }`);
  }
  for (const [axis, spec] of [["x", xAxis], ["y", yAxis]] as const) {
    if (!spec || typeof spec.label !== "string" || spec.label.trim() === "") {
      throw new TypeError(`${fn}: ${axis}.label is required (the axis label, with units)`);
    }
  }
  const names = new Set<string>();
  const logX = xAxis.type === "log";
  const logY = yAxis.type === "log";
  const points: Point[] = [];
  const dropped = { logX: new Map<string, number>(), logY: new Map<string, number>(), nan: 0 };
  const count = (m: Map<string, number>, name: string) => m.set(name, (m.get(name) ?? 0) + 1);
  for (const s of series) {
    if (!s || typeof s.name !== "string" || s.name === "") {
      throw new TypeError(`${fn}: every series needs a non-empty name`);
    }
    if (names.has(s.name)) throw new TypeError(`${fn}: two series are named "${s.name}"`);
    names.add(s.name);
    const x = numbers(fn, `series "${s.name}" x`, s.x);
    const y = numbers(fn, `series "${s.name}" y`, s.y);
    if (x.length !== y.length) {
      throw new RangeError(
        `${fn}: series "${s.name}" has ${x.length} x values but ${y.length} y values`,
      );
    }
    if (x.length === 0) throw new RangeError(`${fn}: series "${s.name}" is empty`);
    const lower = s.band ? numbers(fn, `series "${s.name}" band.lower`, s.band.lower) : undefined;
    const upper = s.band ? numbers(fn, `series "${s.name}" band.upper`, s.band.upper) : undefined;
    if (lower && upper && (lower.length !== x.length || upper.length !== x.length)) {
      throw new RangeError(
        `${fn}: series "${s.name}" band needs ${x.length} lower and upper values`,
      );
    }
    x.forEach((xi, i) => {
      let xv = xi;
      let yv = y[i];
      if (!Number.isFinite(xv) || !Number.isFinite(yv)) {
        dropped.nan++;
        xv = yv = NaN;
      } else if (logX && xv <= 0) {
        count(dropped.logX, s.name);
        xv = NaN;
      } else if (logY && yv <= 0) {
        count(dropped.logY, s.name);
        yv = NaN;
      }
      const p: Point = { series: s.name, x: xv, y: yv };
      if (lower && upper) {
        const ok = (v: number) => Number.isFinite(v) && (!logY || v > 0);
        p.lower = ok(lower[i]) ? lower[i] : NaN;
        p.upper = ok(upper[i]) ? upper[i] : NaN;
      }
      points.push(p);
    });
  }
  const notes: string[] = [];
  for (const [axis, m] of [["x", dropped.logX], ["y", dropped.logY]] as const) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    if (total > 0) {
      notes.push(
        `${plural(total, "value")} ≤ 0 not drawn on the log ${axis} axis (${
          [...m].map(([name, k]) => (m.size > 1 ? `${name}: ${k}` : name)).join(", ")
        }).`,
      );
    }
  }
  if (dropped.nan > 0) notes.push(`${plural(dropped.nan, "non-finite value")} not drawn.`);

  const many = series.length > 1;
  const markers = options.markers ?? series.every((s) => s.x.length <= 30);
  const color = (s: LineSeries) => many ? () => s.name : SERIES_COLORS[0];
  // With a given domain, lines leaving it are cut at the frame rather than drawn over the axes.
  const clipped = xAxis.domain !== undefined || yAxis.domain !== undefined;
  const panels = options.panels === true;
  // In panels, each series' marks go to its own facet; marks without fx repeat in every panel.
  const facet = panels ? { fx: "series" } : {};
  const marks: Plot.Markish[] = [];
  for (const s of series) {
    const data = points.filter((p) => p.series === s.name);
    if (s.band) {
      marks.push(
        Plot.areaY(data, {
          ...facet,
          x: "x",
          y1: "lower",
          y2: "upper",
          fill: color(s),
          fillOpacity: 0.18,
          clip: clipped,
        }),
      );
    }
    marks.push(
      Plot.line(data, {
        ...facet,
        x: "x",
        y: "y",
        stroke: color(s),
        strokeWidth: 2,
        strokeDasharray: s.dashed ? "6,4" : undefined,
        marker: markers ? "dot" : undefined,
        clip: clipped,
      }),
    );
  }
  marks.push(...ruleMarks(options.rules));
  marks.push(...(options.marks ?? []));
  return figure({
    title,
    caption: options.caption,
    notes,
    width: options.width,
    height: options.height,
    x: {
      label: xAxis.label,
      type: xAxis.type ?? "linear",
      domain: xAxis.domain,
      ...(xAxis.nice !== undefined ? { nice: xAxis.nice } : {}),
      ...(logX ? logTicks(xAxis.domain ?? points.map((p) => p.x)) : {}),
      ...(xAxis.ticks ? { ticks: [...xAxis.ticks], tickFormat: plainNumber } : {}),
    },
    y: {
      label: yAxis.label,
      type: yAxis.type ?? "linear",
      domain: yAxis.domain,
      nice: yAxis.nice ?? !(logY && yAxis.ticks),
      ...(logY
        ? logTicks(yAxis.domain ?? points.flatMap((p) => [p.y, p.lower ?? NaN, p.upper ?? NaN]))
        : {}),
      ...(yAxis.ticks ? { ticks: [...yAxis.ticks], tickFormat: plainNumber } : {}),
    },
    ...(panels ? { fx: { domain: series.map((s) => s.name), label: null, padding: 0.12 } } : {}),
    color: many
      ? { legend: !panels, domain: series.map((s) => s.name), range: SERIES_COLORS as string[] }
      : undefined,
    marks,
  });
}
