/**
 * BarDatum charts: one value per label, optionally grouped (e.g. dead units per activation and
 * learning rate).
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { formatNumber } from "../display/format_number.ts";
import { type Figure, figure, SERIES_COLORS } from "./figure.ts";
import { describe, requireTitle } from "./_validate.ts";

/** One bar. */
export interface BarDatum {
  /** The category on the x axis. */
  label: string;
  /** Its height. */
  value: number;
  /** A group: bars of different groups sit side by side within a label, coloured by group. */
  group?: string;
  /** A whisker from `lower` to `upper` drawn over the bar, e.g. min–max or ±1 sd across seeds. */
  spread?: { lower: number; upper: number };
}

/** Options of {@linkcode barChart}. */
export interface BarChartOptions {
  /** The title (required). */
  title: string;
  /** The bars, in the order shown. */
  bars: readonly BarDatum[];
  /** The y-axis label: what the values are, with units (required). */
  yLabel: string;
  /** The x-axis label (default: none, the categories speak for themselves). */
  xLabel?: string;
  /** Write each value above its bar (default: when there are at most 24 bars). */
  annotate?: boolean;
  /** A one-line note under the figure. */
  caption?: string;
}

/**
 * A bar chart; with groups, bars sit side by side within each label and a legend names the
 * groups.
 *
 * @example
 * ```ts
 * import { barChart } from "./bar_chart.ts";
 * import assert from "node:assert/strict";
 * const fig = barChart({
 *   title: "Dead units after training",
 *   bars: [{ label: "ReLU", value: 0.4 }, { label: "LeakyReLU", value: 0 }],
 *   yLabel: "fraction of hidden units",
 * });
 * assert.match(fig.html, /LeakyReLU/);
 * ```
 */
export function barChart(options: BarChartOptions): Figure {
  const fn = "barChart";
  const title = requireTitle(fn, options?.title);
  const { bars } = options;
  if (typeof options.yLabel !== "string" || options.yLabel.trim() === "") {
    throw new TypeError(`${fn}: yLabel is required (what the values are, with units)`);
  }
  if (!Array.isArray(bars) || bars.length === 0) {
    throw new TypeError(`${fn}: bars must be a non-empty array of { label, value, group? }`);
  }
  bars.forEach((b, i) => {
    if (!b || typeof b.label !== "string" || !Number.isFinite(b.value)) {
      throw new TypeError(
        `${fn}: bar ${i} needs a string label and a finite value, got ${describe(b)}`,
      );
    }
    if (
      b.spread !== undefined &&
      !(Number.isFinite(b.spread?.lower) && Number.isFinite(b.spread?.upper) &&
        b.spread.lower <= b.spread.upper)
    ) {
      throw new RangeError(
        `${fn}: bar ${i} spread needs finite lower ≤ upper, got ${describe(b.spread)}`,
      );
    }
  });
  const labels = [...new Set(bars.map((b) => b.label))];
  const groups = [...new Set(bars.map((b) => b.group ?? ""))];
  const grouped = groups.length > 1 || groups[0] !== "";
  const annotate = options.annotate ?? bars.length <= 24;
  // The top and bottom of each bar with its whisker; room for the value labels beyond them.
  const top = (b: BarDatum) => Math.max(b.value, b.spread?.upper ?? b.value);
  const bottom = (b: BarDatum) => Math.min(b.value, b.spread?.lower ?? b.value);
  const lo = Math.min(0, ...bars.map(bottom));
  const hi = Math.max(0, ...bars.map(top));
  const pad = annotate ? 0.08 * (hi - lo || 1) : 0;
  const yDomain: [number, number] = [lo < 0 ? lo - pad : 0, hi > 0 || lo === 0 ? hi + pad : 0];
  const text = (b: BarDatum) => formatNumber(b.value, { digits: 3 });
  // Values above positive bars and below negative ones.
  const labelsOf = (channels: Record<string, unknown>): Plot.Markish[] =>
    annotate
      ? [
        Plot.text(bars.filter((b) => b.value >= 0), {
          ...channels,
          y: top,
          text,
          dy: -4,
          lineAnchor: "bottom",
        }),
        Plot.text(bars.filter((b) => b.value < 0), {
          ...channels,
          y: bottom,
          text,
          dy: 4,
          lineAnchor: "top",
        }),
      ]
      : [];
  // Whiskers, centred on their bars.
  const spreads = bars.filter((b) => b.spread);
  const whiskersOf = (channels: Record<string, unknown>): Plot.Markish[] =>
    spreads.length
      ? [
        Plot.ruleX(spreads, {
          ...channels,
          y1: (b: BarDatum) => b.spread!.lower,
          y2: (b: BarDatum) => b.spread!.upper,
          stroke: "currentColor",
          strokeWidth: 1.5,
        }),
      ]
      : [];
  // An x-axis label sits under the category names, with a gap (Plot's default would touch them).
  const belowTicks = options.xLabel ? { marginBottom: 42 } : {};
  if (!grouped) {
    return figure({
      title,
      caption: options.caption,
      x: { label: options.xLabel ?? null, domain: labels, padding: 0.25 },
      ...belowTicks,
      y: { label: options.yLabel, domain: yDomain, nice: true },
      grid: false,
      marks: [
        Plot.gridY({ strokeOpacity: 0.1 }),
        Plot.barY(bars, { x: "label", y: "value", fill: SERIES_COLORS[0] }),
        ...whiskersOf({ x: "label" }),
        ...labelsOf({ x: "label" }),
        Plot.ruleY([0], { strokeOpacity: 0.6 }),
      ],
    });
  }
  const group = (b: BarDatum) => b.group ?? "";
  return figure({
    title,
    caption: options.caption,
    x: { axis: null, domain: groups, padding: 0.1 },
    fx: { label: options.xLabel ?? null, domain: labels, padding: 0.15 },
    ...belowTicks,
    y: { label: options.yLabel, domain: yDomain, nice: true },
    grid: false,
    color: { legend: groups.length > 1, domain: groups, range: SERIES_COLORS as string[] },
    marks: [
      Plot.gridY({ strokeOpacity: 0.1 }),
      Plot.barY(bars, { fx: "label", x: group, y: "value", fill: group }),
      ...whiskersOf({ fx: "label", x: group }),
      ...labelsOf({ fx: "label", x: group }),
      Plot.ruleY([0], { strokeOpacity: 0.6 }),
    ],
  });
}
