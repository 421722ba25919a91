/**
 * Decision boundaries of 2-D classifiers: the predicted class or probability over the plane,
 * with the data points on top.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { type Figure, figure, SERIES_COLORS } from "./figure.ts";
import { describe, interval, requireTitle } from "./_validate.ts";
import { sampleGrid } from "./_grid.ts";

/** A labelled point of a 2-D data set. */
export interface LabelledPoint {
  x: number;
  y: number;
  /** Its class: 0, 1, 2, … */
  label: number;
}

/** Options of {@linkcode decisionBoundary}. */
export interface DecisionBoundaryOptions {
  /** The title (required). */
  title: string;
  /** The model: a class (0, 1, …) or the probability of class 1 at (x, y). */
  predict: (x: number, y: number) => number;
  /** The data points, drawn on top. */
  points: readonly LabelledPoint[];
  /** The area shown (default: the points' extent plus 10 %). */
  domain?: { x: [number, number]; y: [number, number] };
  /**
   * What `predict` returns: `"class"` or `"probability"` (of class 1). Default: `"class"` when
   * every prediction sampled is an integer.
   */
  output?: "class" | "probability";
  /** A name per class, for the legend (default "class 0", "class 1", …). */
  classNames?: readonly string[];
  /** Samples per axis (default 100). */
  resolution?: number;
  /** The x-axis label (default "x₁"). */
  xLabel?: string;
  /** The y-axis label (default "x₂"). */
  yLabel?: string;
  /** A one-line note under the figure. */
  caption?: string;
}

function paddedExtent(values: number[]): [number, number] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const pad = (max - min) * 0.1 || 1;
  return [min - pad, max + pad];
}

/**
 * The plane coloured by a classifier's prediction (classes, or the probability of class 1 on a
 * diverging scale with the 0.5 contour drawn) and the labelled data points on top.
 *
 * @example
 * ```ts
 * import { decisionBoundary } from "./decision_boundary.ts";
 * import assert from "node:assert/strict";
 * const fig = decisionBoundary({
 *   title: "A linear classifier",
 *   predict: (x, y) => (x + y > 0 ? 1 : 0),
 *   points: [{ x: -1, y: -1, label: 0 }, { x: 1, y: 1, label: 1 }],
 *   resolution: 20,
 * });
 * assert.match(fig.html, /class 0[^]*class 1/);
 * ```
 */
export function decisionBoundary(options: DecisionBoundaryOptions): Figure {
  const fn = "decisionBoundary";
  const title = requireTitle(fn, options?.title);
  const { predict, points } = options;
  if (typeof predict !== "function") {
    throw new TypeError(`${fn}: predict must be a function (x, y) => class or probability`);
  }
  if (!Array.isArray(points) || points.length === 0) {
    throw new TypeError(`${fn}: points must be a non-empty array of { x, y, label }`);
  }
  points.forEach((p, i) => {
    if (
      !p || !Number.isFinite(p.x) || !Number.isFinite(p.y) || !Number.isInteger(p.label) ||
      p.label < 0
    ) {
      throw new TypeError(
        `${fn}: point ${i} must have finite x, y and a class label 0, 1, …; got ${describe(p)}`,
      );
    }
  });
  const xDomain = interval(
    fn,
    "domain.x",
    options.domain?.x ?? paddedExtent(points.map((p) => p.x)),
  );
  const yDomain = interval(
    fn,
    "domain.y",
    options.domain?.y ?? paddedExtent(points.map((p) => p.y)),
  );
  const res = options.resolution ?? 100;
  if (!Number.isInteger(res) || res < 2) {
    throw new RangeError(`${fn}: resolution must be an integer ≥ 2, got ${res}`);
  }
  // Sample once; the raster and the contour both read this grid (clipped to the frame).
  const sampled = sampleGrid(predict, xDomain, yDomain, res);
  const grid = sampled.values;
  const { values: _, ...frame } = sampled;
  const output = options.output ?? (grid.every(Number.isInteger) ? "class" : "probability");
  let nClasses = output === "class" ? 1 : 2;
  for (const p of points) nClasses = Math.max(nClasses, p.label + 1);
  if (output === "class") {
    for (const v of grid) if (v + 1 > nClasses && Number.isFinite(v)) nClasses = v + 1;
  }
  const classes = Array.from({ length: nClasses }, (_, c) => c);
  const names = classes.map((c) => options.classNames?.[c] ?? `class ${c}`);
  const common = {
    title,
    caption: options.caption,
    height: 420,
    x: { label: options.xLabel ?? "x₁", domain: xDomain },
    y: { label: options.yLabel ?? "x₂", domain: yDomain },
  };
  const dots = (fill: Plot.ChannelValueSpec) =>
    Plot.dot(points, {
      x: "x",
      y: "y",
      fill,
      stroke: "currentColor",
      strokeWidth: 0.8,
      r: 3.5,
    });
  if (output === "class") {
    return figure({
      ...common,
      color: {
        type: "ordinal",
        domain: classes,
        range: SERIES_COLORS.slice(0, Math.max(nClasses, 1)) as string[],
        tickFormat: (c: number) => names[c],
        legend: nClasses > 1,
      },
      marks: [
        Plot.raster(grid, {
          ...frame,
          fill: Plot.identity,
          fillOpacity: 0.35,
          imageRendering: "pixelated",
          clip: true,
        }),
        ...(nClasses === 2
          ? [
            Plot.contour(grid, {
              ...frame,
              clip: true,
              thresholds: [0.5],
              stroke: "currentColor",
              strokeOpacity: 0.6,
              fill: null,
            }),
          ]
          : []),
        dots((p: LabelledPoint) => p.label),
        Plot.frame({ strokeOpacity: 0.3 }),
      ],
    });
  }
  const bad = grid.filter((v) => !(v >= 0 && v <= 1)).length;
  if (bad > 0) {
    throw new RangeError(
      `${fn}: output "probability" needs predictions in [0, 1]; ${bad} of ${grid.length} are not`,
    );
  }
  if (nClasses > 2) {
    throw new RangeError(
      `${fn}: output "probability" is for two classes (0 and 1); the points have ${nClasses}`,
    );
  }
  // Hue: the more likely class; strength: the confidence |2p − 1|. No white anywhere, so the
  // map reads on light and dark backgrounds alike.
  return figure({
    ...common,
    color: {
      type: "ordinal",
      domain: [0, 1],
      range: SERIES_COLORS.slice(0, 2) as string[],
      tickFormat: (c: number) => names[c],
      legend: true,
    },
    marks: [
      Plot.raster(grid, {
        ...frame,
        fill: (p: number) => (p >= 0.5 ? 1 : 0),
        fillOpacity: (p: number) => 0.6 * Math.abs(2 * p - 1),
        clip: true,
      }),
      Plot.contour(grid, {
        ...frame,
        clip: true,
        thresholds: [0.5],
        stroke: "currentColor",
        strokeWidth: 1.5,
        fill: null,
      }),
      dots((p: LabelledPoint) => p.label),
      Plot.frame({ strokeOpacity: 0.3 }),
    ],
    notes: [
      `Colour: the more probable class, stronger where the model is surer (|2p − 1|, p = P(${
        names[1]
      })); the line is p = 0.5.`,
    ],
  });
}
