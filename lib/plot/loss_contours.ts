/**
 * Contours of a loss over two parameters with optimisation paths on top: the figure of
 * zig-zagging updates.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { formatNumber } from "../display/format_number.ts";
import { type Figure, figure, SERIES_COLORS } from "./figure.ts";
import { describe, interval, requireTitle } from "./_validate.ts";
import { sampleGrid } from "./_grid.ts";

/** An optimisation path: the parameters after each step. */
export interface OptimisationPath {
  /** Its name, shown in the legend when there are several paths. */
  name: string;
  /** `[w1, w2]` at the start and after each step. */
  points: ReadonlyArray<readonly [number, number]>;
}

/** Options of {@linkcode lossContours}. */
export interface LossContoursOptions {
  /** The title (required). */
  title: string;
  /** The loss at (w1, w2). */
  loss: (w1: number, w2: number) => number;
  /** Optimisation paths drawn over the contours. */
  paths?: readonly OptimisationPath[];
  /** The area shown (default: the paths' and optimum's extent plus 15 %). */
  domain?: { x: [number, number]; y: [number, number] };
  /**
   * The optimum to mark (default: the lowest loss on the sampling grid, marked as approximate);
   * `false` marks none.
   */
  optimum?: readonly [number, number] | false;
  /** The contour levels: a count (default 12, spread by quantile of the loss) or the values. */
  levels?: number | readonly number[];
  /** Samples per axis (default 120). */
  resolution?: number;
  /** The x-axis label (default "w₁"). */
  xLabel?: string;
  /** The y-axis label (default "w₂"). */
  yLabel?: string;
  /**
   * Draw one unit of w₁ as long as one unit of w₂ (default false), so that a round bowl looks
   * round: the shorter side of the domain is widened about its centre to fill the frame.
   */
  equalAspect?: boolean;
  /** A one-line note under the figure. */
  caption?: string;
}

function extent(values: number[], pad: number): [number, number] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const p = (max - min) * pad || 1;
  return [min - p, max + p];
}

/**
 * Contour lines of a two-parameter loss, the optimum marked with ✕, and optimisation paths as
 * lines with a dot per step and an arrow at the end.
 *
 * @example
 * ```ts
 * import { lossContours } from "./loss_contours.ts";
 * import assert from "node:assert/strict";
 * const fig = lossContours({
 *   title: "An elongated bowl",
 *   loss: (a, b) => a * a + 10 * b * b,
 *   paths: [{ name: "gradient descent", points: [[2, 1], [1.6, -0.8], [1.3, 0.6]] }],
 *   optimum: [0, 0],
 *   resolution: 40,
 * });
 * assert.match(fig.caption ?? "", /✕: the optimum \(0, 0\)/);
 * ```
 */
export function lossContours(options: LossContoursOptions): Figure {
  const fn = "lossContours";
  const title = requireTitle(fn, options?.title);
  const { loss, paths = [] } = options;
  if (typeof loss !== "function") throw new TypeError(`${fn}: loss must be a function (w1, w2)`);
  const names = new Set<string>();
  for (const p of paths) {
    if (!p || typeof p.name !== "string" || p.name === "") {
      throw new TypeError(`${fn}: every path needs a non-empty name`);
    }
    if (names.has(p.name)) throw new TypeError(`${fn}: two paths are named "${p.name}"`);
    names.add(p.name);
    if (!Array.isArray(p.points) || p.points.length === 0) {
      throw new TypeError(`${fn}: path "${p.name}" has no points`);
    }
    p.points.forEach((q, i) => {
      if (!Array.isArray(q) || q.length !== 2 || !q.every(Number.isFinite)) {
        throw new TypeError(
          `${fn}: point ${i} of path "${p.name}" must be a finite [w1, w2], got ${describe(q)}`,
        );
      }
    });
  }
  const given = options.optimum || undefined;
  const xs = [...paths.flatMap((p) => p.points.map((q) => q[0])), ...(given ? [given[0]] : [])];
  const ys = [...paths.flatMap((p) => p.points.map((q) => q[1])), ...(given ? [given[1]] : [])];
  if (!options.domain && xs.length === 0) {
    throw new TypeError(`${fn}: pass a domain, or paths or an optimum to take it from`);
  }
  let xDomain = interval(fn, "domain.x", options.domain?.x ?? extent(xs, 0.15));
  let yDomain = interval(fn, "domain.y", options.domain?.y ?? extent(ys, 0.15));
  const equalAspect = options.equalAspect ?? false;
  if (equalAspect) {
    // The plot area of the default 640 × 420 figure is about 580 × 370 px: widen the side that
    // is short of that shape, then let Plot derive the height from the domains (aspectRatio 1).
    const shape = 370 / 580;
    const widen = ([lo, hi]: [number, number], span: number): [number, number] => {
      const mid = (lo + hi) / 2;
      return [mid - span / 2, mid + span / 2];
    };
    const xSpan = xDomain[1] - xDomain[0];
    const ySpan = yDomain[1] - yDomain[0];
    if (ySpan / xSpan < shape) yDomain = widen(yDomain, xSpan * shape);
    else xDomain = widen(xDomain, ySpan / shape);
  }
  const res = options.resolution ?? 120;
  if (!Number.isInteger(res) || res < 2) {
    throw new RangeError(`${fn}: resolution must be an integer ≥ 2, got ${res}`);
  }
  const sampled = sampleGrid(loss, xDomain, yDomain, res);
  const { values: grid, ...frame } = sampled;
  // The lowest loss on the visible part of the grid.
  let best = { v: Infinity, x: NaN, y: NaN };
  const pad = (sampled.width - res) / 2;
  const dx = (xDomain[1] - xDomain[0]) / res;
  const dy = (yDomain[1] - yDomain[0]) / res;
  for (let j = pad; j < pad + res; j++) {
    for (let i = pad; i < pad + res; i++) {
      const v = grid[j * sampled.width + i];
      if (v < best.v) best = { v, x: frame.x1 + (i + 0.5) * dx, y: frame.y1 - (j + 0.5) * dy };
    }
  }
  const finite = Array.from(grid).filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) {
    throw new RangeError(`${fn}: the loss is not finite anywhere on the domain`);
  }
  const levels = options.levels ?? 12;
  const thresholds = typeof levels === "number"
    ? [
      ...new Set(Array.from({ length: levels }, (_, k) =>
        finite[Math.floor(((k + 0.5) / levels) * (finite.length - 1))])),
    ]
    : [...levels];
  const notes: string[] = [];
  const marks: Plot.Markish[] = [
    Plot.contour(grid, {
      ...frame,
      clip: true,
      thresholds,
      stroke: "currentColor",
      strokeOpacity: 0.35,
      fill: null,
    }),
  ];
  const optimum = options.optimum === false ? undefined : given ?? [best.x, best.y];
  if (optimum) {
    marks.push(
      Plot.dot([optimum], {
        x: (d) => d[0],
        y: (d) => d[1],
        symbol: "times",
        r: 6,
        strokeWidth: 2.5,
        stroke: "currentColor",
      }),
    );
    const at = `(${formatNumber(optimum[0], { digits: 3, style: "unicode" })}, ${
      formatNumber(optimum[1], { digits: 3, style: "unicode" })
    })`;
    notes.push(
      given
        ? `✕: the optimum ${at}.`
        : `✕: the lowest loss on the ${res} × ${res} sampling grid, ${
          formatNumber(best.v, { style: "unicode" })
        } at ${at}.`,
    );
  }
  const many = paths.length > 1;
  paths.forEach((p, k) => {
    const stroke = many ? () => p.name : SERIES_COLORS[k];
    marks.push(
      Plot.line(p.points as Array<[number, number]>, {
        x: (d) => d[0],
        y: (d) => d[1],
        stroke,
        strokeWidth: 1.75,
        markerMid: p.points.length <= 200 ? "dot" : undefined,
        markerEnd: "arrow",
      }),
      // The start, larger and ringed in the text colour.
      Plot.dot([p.points[0]], {
        x: (d) => d[0],
        y: (d) => d[1],
        fill: stroke,
        stroke: "currentColor",
        r: 4.5,
      }),
    );
  });
  notes.unshift(
    `Contours: ${thresholds.length} levels of the loss${
      typeof levels === "number" ? ", spread by quantile" : ""
    }.${
      paths.length > 0 ? " Paths: a dot per step from the ringed start; the arrow is the end." : ""
    }`,
  );
  if (equalAspect) notes.push("Both axes on the same scale.");
  return figure({
    title,
    caption: options.caption,
    notes,
    // With equal aspect, Plot computes the height from the width and the domains.
    ...(equalAspect ? { height: undefined, aspectRatio: 1 } : { height: 420 }),
    x: { label: options.xLabel ?? "w₁", domain: xDomain },
    y: { label: options.yLabel ?? "w₂", domain: yDomain },
    color: many
      ? { legend: true, domain: paths.map((p) => p.name), range: SERIES_COLORS as string[] }
      : undefined,
    marks: [...marks, Plot.frame({ strokeOpacity: 0.3 })],
  });
}
