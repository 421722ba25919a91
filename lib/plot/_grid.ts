/**
 * Sampling a function of two variables on a grid, for raster and contour marks.
 *
 * @module
 */

/** A function sampled on a grid: row 0 at the top (largest y), as Plot's dense rasters read. */
export interface SampledGrid {
  /** The values, row-major. */
  values: number[];
  /** Samples per row. */
  width: number;
  /** Rows. */
  height: number;
  /** The grid's extent (its edges, not the sample centres): left, top, right, bottom. */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Samples `f` at the centres of a `resolution` × `resolution` grid covering the domain, plus
 * `pad` extra cells on every side: contour lines then run past the frame (the mark is clipped)
 * instead of closing along its edges.
 *
 * @example
 * ```ts
 * import { sampleGrid } from "./_grid.ts";
 * import assert from "node:assert/strict";
 * const g = sampleGrid((x, y) => x + 10 * y, [0, 2], [0, 2], 2, 0);
 * assert.deepEqual(g.values, [15.5, 16.5, 5.5, 6.5]); // top row first
 * ```
 */
export function sampleGrid(
  f: (x: number, y: number) => number,
  [xa, xb]: [number, number],
  [ya, yb]: [number, number],
  resolution: number,
  pad = 2,
): SampledGrid {
  const dx = (xb - xa) / resolution;
  const dy = (yb - ya) / resolution;
  const n = resolution + 2 * pad;
  const x1 = xa - pad * dx;
  const y1 = yb + pad * dy;
  const values = new Array<number>(n * n);
  for (let j = 0; j < n; j++) {
    const y = y1 - (j + 0.5) * dy;
    for (let i = 0; i < n; i++) values[j * n + i] = f(x1 + (i + 0.5) * dx, y);
  }
  return { values, width: n, height: n, x1, y1, x2: xb + pad * dx, y2: ya - pad * dy };
}
