/**
 * Small multiples: one line per panel, panels in a grid on shared axes, for series that would
 * hide one another in a single chart (several derivatives equal to 1 on the same side, say).
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { formatNumber } from "../display/format_number.ts";
import { logTicks } from "./_axis.ts";
import { type Figure, figure, SERIES_COLORS } from "./figure.ts";
import type { AxisOptions } from "./line_chart.ts";
import { numbers, plural, requireTitle } from "./_validate.ts";

/** One panel of {@linkcode smallMultiples}: a named line. */
export interface Panel {
  /** Its name, written in the panel. */
  name: string;
  /** The x values. */
  x: ArrayLike<number>;
  /** The y values, one per x. */
  y: ArrayLike<number>;
}

/** Options of {@linkcode smallMultiples}. */
export interface SmallMultiplesOptions {
  /** The title (required). */
  title: string;
  /** The panels, filled row by row. */
  panels: readonly Panel[];
  /** The x axis, shared by every panel (label required). */
  x: AxisOptions;
  /** The y axis, shared by every panel (label required; `"log"` for values spanning decades). */
  y: AxisOptions;
  /** Panels per row (default 4). */
  columns?: number;
  /** Where each panel's name is written (default "top-left"). */
  labelAnchor?: "top-left" | "top-right" | "bottom" | "bottom-left" | "bottom-right";
  /** Height of one row of panels in pixels (default 150). */
  rowHeight?: number;
  /** A one-line note under the figure. */
  caption?: string;
}

const plainNumber = (v: number) => formatNumber(v, { digits: 3 });

/**
 * A grid of small line charts, one series each, on shared axes. As in `lineChart`, a log axis
 * leaves out values ≤ 0 (the line breaks there) and the caption counts them, per panel; the
 * lines are cut at a given domain's frame.
 *
 * @example
 * ```ts
 * import { smallMultiples } from "./small_multiples.ts";
 * import assert from "node:assert/strict";
 * const x = [-2, -1, 0, 1, 2];
 * const fig = smallMultiples({
 *   title: "|f′| of two rectifiers",
 *   panels: [{ name: "ReLU", x, y: [0, 0, 0, 1, 1] }, { name: "LeakyReLU", x, y: [0.01, 0.01, 0.01, 1, 1] }],
 *   x: { label: "x" },
 *   y: { label: "|f′(x)|", type: "log" },
 * });
 * assert.match(fig.html, /LeakyReLU/);
 * assert.match(fig.caption ?? "", /3 values ≤ 0 not drawn on the log y axis \(ReLU: 3\)/);
 * ```
 */
export function smallMultiples(options: SmallMultiplesOptions): Figure {
  const fn = "smallMultiples";
  const title = requireTitle(fn, options?.title);
  const { panels, x: xAxis, y: yAxis } = options;
  if (!Array.isArray(panels) || panels.length === 0) {
    throw new TypeError(`${fn}: panels must be a non-empty array of { name, x, y }`);
  }
  for (const [axis, spec] of [["x", xAxis], ["y", yAxis]] as const) {
    if (!spec || typeof spec.label !== "string" || spec.label.trim() === "") {
      throw new TypeError(`${fn}: ${axis}.label is required (the axis label, with units)`);
    }
  }
  const columns = options.columns ?? 4;
  if (!Number.isInteger(columns) || columns < 1) {
    throw new RangeError(`${fn}: columns must be an integer ≥ 1, got ${columns}`);
  }
  const rowHeight = options.rowHeight ?? 150;
  if (!Number.isFinite(rowHeight) || rowHeight < 60) {
    throw new RangeError(`${fn}: rowHeight must be a number ≥ 60 (pixels), got ${rowHeight}`);
  }
  const logY = yAxis.type === "log";
  const names = new Set<string>();
  const points: Array<{ x: number; y: number; col: number; row: number }> = [];
  const labels: Array<{ name: string; col: number; row: number }> = [];
  const dropped = new Map<string, number>();
  let nonFinite = 0;
  panels.forEach((panel, i) => {
    if (!panel || typeof panel.name !== "string" || panel.name === "") {
      throw new TypeError(`${fn}: every panel needs a non-empty name`);
    }
    if (names.has(panel.name)) throw new TypeError(`${fn}: two panels are named "${panel.name}"`);
    names.add(panel.name);
    const x = numbers(fn, `panel "${panel.name}" x`, panel.x);
    const y = numbers(fn, `panel "${panel.name}" y`, panel.y);
    if (x.length !== y.length || x.length === 0) {
      throw new RangeError(
        `${fn}: panel "${panel.name}" needs as many y values as x values (≥ 1), got ${x.length} ` +
          `x and ${y.length} y`,
      );
    }
    const col = i % columns;
    const row = Math.floor(i / columns);
    labels.push({ name: panel.name, col, row });
    x.forEach((xv, k) => {
      let yv = y[k];
      if (!Number.isFinite(xv) || !Number.isFinite(yv)) {
        nonFinite++;
        yv = NaN;
      } else if (logY && yv <= 0) {
        dropped.set(panel.name, (dropped.get(panel.name) ?? 0) + 1);
        yv = NaN;
      }
      points.push({ x: xv, y: yv, col, row });
    });
  });
  const notes: string[] = [];
  const total = [...dropped.values()].reduce((a, b) => a + b, 0);
  if (total > 0) {
    notes.push(
      `${plural(total, "value")} ≤ 0 not drawn on the log y axis (${
        [...dropped].map(([name, k]) => `${name}: ${k}`).join(", ")
      }).`,
    );
  }
  if (nonFinite > 0) notes.push(`${plural(nonFinite, "non-finite value")} not drawn.`);
  const anchor = options.labelAnchor ?? "top-left";
  const rows = Math.ceil(panels.length / columns);
  const finiteY = points.map((p) => p.y).filter(Number.isFinite);
  return figure({
    title,
    caption: options.caption,
    notes,
    height: 70 + rows * rowHeight,
    marginTop: 16,
    x: {
      label: xAxis.label,
      type: xAxis.type ?? "linear",
      domain: xAxis.domain,
      ...(xAxis.ticks ? { ticks: [...xAxis.ticks], tickFormat: plainNumber } : {}),
    },
    y: {
      label: yAxis.label,
      type: yAxis.type ?? "linear",
      domain: yAxis.domain,
      ...(logY ? logTicks(yAxis.domain ?? finiteY) : {}),
      ...(yAxis.ticks ? { ticks: [...yAxis.ticks], tickFormat: plainNumber } : {}),
    },
    fx: { axis: null, padding: 0.08 },
    fy: { axis: null, padding: 0.12 },
    marks: [
      Plot.frame({ strokeOpacity: 0.2 }),
      Plot.line(points, {
        x: "x",
        y: "y",
        fx: "col",
        fy: "row",
        z: (p: { col: number; row: number }) => `${p.row},${p.col}`,
        stroke: SERIES_COLORS[0],
        strokeWidth: 2,
        clip: xAxis.domain !== undefined || yAxis.domain !== undefined,
      }),
      Plot.text(labels, {
        fx: "col",
        fy: "row",
        text: "name",
        frameAnchor: anchor,
        dx: anchor.endsWith("left") ? 4 : anchor.endsWith("right") ? -4 : 0,
        dy: anchor.startsWith("top") ? 4 : -4,
        fontWeight: 600,
      }),
    ],
  });
}
