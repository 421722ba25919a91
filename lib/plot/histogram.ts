/**
 * Histograms of one or more groups of values (pre-activations, gradients, weights), overlaid on
 * shared bins.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { type Figure, figure, SERIES_COLORS } from "./figure.ts";
import { describe, interval, numbers, plural, requireTitle } from "./_validate.ts";
import { logTicks } from "./_axis.ts";
import { ruleMarks, type RuleSpec } from "./_rules.ts";

/** One group of values of a {@linkcode histogram}. */
export interface HistogramGroup {
  /** Its name, shown in the legend when there are several groups. */
  name: string;
  /** The values counted. */
  values: ArrayLike<number>;
}

/** Options of {@linkcode histogram}. */
export interface HistogramOptions {
  /** The title (required). */
  title: string;
  /** The groups, overlaid on the same bins. */
  groups: readonly HistogramGroup[];
  /** The number of equal-width bins (default 40). */
  bins?: number;
  /** The range binned (default: the values' extent); values outside are counted in a note. */
  domain?: [number, number];
  /** The x-axis label: what the values are, with units (required). */
  xLabel: string;
  /** The y-axis label (default "count", or "fraction" when normalised). */
  yLabel?: string;
  /** A log y axis, for counts spanning decades (empty bins are then not drawn). */
  log?: boolean;
  /** Show each group's fraction of its values rather than counts (default false). */
  normalize?: boolean;
  /**
   * How several groups are drawn: `"overlay"` (default), translucent on one set of axes, or
   * `"facets"`, small multiples: one panel per group, stacked, named in its corner, all on the
   * same bins and count axis (for groups that would hide one another when overlaid).
   */
  layout?: "overlay" | "facets";
  /** Labelled reference lines, as in `lineChart` (e.g. a threshold at x = ±t). */
  rules?: readonly RuleSpec[];
  /** A one-line note under the figure. */
  caption?: string;
}

interface Bin {
  group: string;
  x1: number;
  x2: number;
  y: number;
}

/**
 * Histograms of groups of values on shared equal-width bins, overlaid (translucent) with a
 * legend when there are several, or as stacked panels with `layout: "facets"`. Non-finite values
 * and values outside `domain` are left out and counted in the caption.
 *
 * @example
 * ```ts
 * import { histogram } from "./histogram.ts";
 * import assert from "node:assert/strict";
 * const fig = histogram({
 *   title: "Pre-activations",
 *   groups: [{ name: "layer 1", values: [0, 0.1, 0.2, 1, NaN] }],
 *   bins: 5,
 *   xLabel: "pre-activation z",
 * });
 * assert.match(fig.caption ?? "", /1 non-finite value left out/);
 * ```
 */
export function histogram(options: HistogramOptions): Figure {
  const fn = "histogram";
  const title = requireTitle(fn, options?.title);
  const { groups, bins = 40 } = options;
  if (typeof options.xLabel !== "string" || options.xLabel.trim() === "") {
    throw new TypeError(`${fn}: xLabel is required (what the values are, with units)`);
  }
  if (!Array.isArray(groups) || groups.length === 0) {
    throw new TypeError(`${fn}: groups must be a non-empty array of { name, values }`);
  }
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`${fn}: bins must be a positive integer, got ${bins}`);
  }
  const names = new Set<string>();
  const data = groups.map((g) => {
    if (!g || typeof g.name !== "string" || g.name === "") {
      throw new TypeError(`${fn}: every group needs a non-empty name`);
    }
    if (names.has(g.name)) throw new TypeError(`${fn}: two groups are named "${g.name}"`);
    names.add(g.name);
    return { name: g.name, values: numbers(fn, `group "${g.name}" values`, g.values) };
  });
  const all = data.flatMap((g) => g.values.filter(Number.isFinite));
  if (all.length === 0) throw new RangeError(`${fn}: no finite values to count`);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of all) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const [a, b] = options.domain ? interval(fn, "domain", options.domain) : [lo, hi];
  const width = (b - a) / bins;
  const rows: Bin[] = [];
  let nonFinite = 0;
  let outside = 0;
  for (const g of data) {
    const counts = new Array<number>(bins).fill(0);
    let n = 0;
    for (const v of g.values) {
      if (!Number.isFinite(v)) nonFinite++;
      else if (v < a || v > b) outside++;
      else {
        counts[Math.min(bins - 1, Math.floor((v - a) / width))]++;
        n++;
      }
    }
    counts.forEach((c, k) => {
      const y = options.normalize ? (n > 0 ? c / n : 0) : c;
      if (options.log && y <= 0) return;
      rows.push({ group: g.name, x1: a + k * width, x2: a + (k + 1) * width, y });
    });
  }
  const notes: string[] = [];
  if (nonFinite > 0) notes.push(`${plural(nonFinite, "non-finite value")} left out.`);
  if (outside > 0) notes.push(`${plural(outside, "value")} outside [${a}, ${b}] left out.`);
  const layout = options.layout ?? "overlay";
  if (layout !== "overlay" && layout !== "facets") {
    throw new TypeError(`${fn}: layout must be "overlay" or "facets", got ${describe(layout)}`);
  }
  const many = data.length > 1;
  const facets = many && layout === "facets";
  const minY = Math.min(...rows.map((r) => r.y));
  const base = options.log ? minY / 2 : 0;
  if (options.log) {
    notes.push(`Log ${options.normalize ? "fraction" : "count"} axis: empty bins are not drawn.`);
  }
  const maxY = Math.max(...rows.map((r) => r.y));
  const logAxis = logTicks([base, maxY]);
  // A tick outside the bars' range would be drawn beyond the frame (in facets, on the
  // neighbouring panel; otherwise over the axis labels).
  const yLogTicks = logAxis.ticks
    ? { ...logAxis, ticks: logAxis.ticks.filter((t) => t >= base && t <= maxY) }
    : logAxis;
  const groupNames = data.map((g) => g.name);
  return figure({
    title,
    caption: options.caption,
    notes,
    // Facets: a panel of about 120 px per group, one x axis at the bottom.
    ...(facets
      ? {
        height: 70 + 120 * data.length,
        fy: { domain: groupNames, axis: null, padding: 0.2 },
      }
      : {}),
    x: { label: options.xLabel, domain: [a, b] },
    y: {
      label: options.yLabel ?? (options.normalize ? "fraction" : "count"),
      type: options.log ? "log" : "linear",
      nice: !options.log,
      ...(options.log ? yLogTicks : {}),
    },
    color: many
      ? { legend: !facets, domain: groupNames, range: SERIES_COLORS as string[] }
      : undefined,
    marks: [
      Plot.rectY(rows, {
        x1: "x1",
        x2: "x2",
        y1: () => base,
        y2: "y",
        fill: many ? "group" : SERIES_COLORS[0],
        fillOpacity: many && !facets ? 0.5 : 0.85,
        insetLeft: 0.5,
        insetRight: 0.5,
        ...(facets ? { fy: "group" } : {}),
      }),
      ...(facets
        ? [
          // Each panel's name above its top right corner, clear of the bars and the y label.
          Plot.text(groupNames, {
            fy: (d: string) => d,
            text: (d: string) => d,
            frameAnchor: "top-right",
            textAnchor: "end",
            lineAnchor: "bottom",
            dy: -3,
            fontWeight: 600,
          }),
          Plot.frame({ strokeOpacity: 0.2 }),
        ]
        : []),
      ...(options.log ? [] : [Plot.ruleY([0], { strokeOpacity: 0.6 })]),
      ...ruleMarks(options.rules),
    ],
  });
}
