/**
 * Heatmaps of matrices: correlation matrices, weight matrices.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { formatNumber } from "../display/format_number.ts";
import { type ColorSpec, rampLegend, resolveColor, scaleOptions, textOn } from "./_color.ts";
import { type Figure, figure } from "./figure.ts";
import { describe, plural, requireTitle } from "./_validate.ts";

/** An axis of a heatmap. */
export interface HeatmapAxis {
  /** Its label (default "column" for x, "row" for y). */
  label?: string;
  /** A name for each column (x) or row (y), shown as tick labels (default: the indices). */
  ticks?: readonly string[];
}

/** Options of {@linkcode heatmap}. */
export interface HeatmapOptions extends ColorSpec {
  /** The title (required). */
  title: string;
  /** The matrix: an array of rows, or a flat row-major array with `shape`. */
  values: ReadonlyArray<ArrayLike<number>> | ArrayLike<number>;
  /** `[rows, columns]` of a flat `values`. */
  shape?: [number, number];
  /** The x axis (columns). */
  x?: HeatmapAxis;
  /** The y axis (rows, the first at the top). */
  y?: HeatmapAxis;
  /** The colour legend's label (default "value"). */
  colorLabel?: string;
  /** Write each value in its cell (default: when there are at most 144 cells). */
  annotate?: boolean;
  /** Significant digits of the written values (default 2; integers below 10⁷ are written whole). */
  digits?: number;
  /** A one-line note under the figure. */
  caption?: string;
}

/** Matrices above this many cells are drawn as one image rather than one rectangle per cell. */
const MAX_CELLS = 2500;

interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

function matrixOf(fn: string, values: unknown, shape?: [number, number]): Matrix {
  const isNumbers = (v: unknown): v is ArrayLike<number> =>
    (Array.isArray(v) || ArrayBuffer.isView(v)) &&
    Array.prototype.every.call(v, (e: unknown) => typeof e === "number");
  if (Array.isArray(values) && values.length > 0 && !isNumbers(values)) {
    const matrix = values as unknown[];
    if (!matrix.every(isNumbers)) {
      throw new TypeError(`${fn}: values must be rows of numbers, got ${describe(values)}`);
    }
    const rowsOf = matrix as ArrayLike<number>[];
    const cols = rowsOf[0].length;
    rowsOf.forEach((row, i) => {
      if (row.length !== cols) {
        throw new RangeError(
          `${fn}: row ${i} has ${row.length} values but row 0 has ${cols}; rows must be equal`,
        );
      }
    });
    if (cols === 0) throw new RangeError(`${fn}: values has empty rows`);
    const data = new Float64Array(rowsOf.length * cols);
    rowsOf.forEach((row, i) => data.set(Array.from(row), i * cols));
    return { rows: rowsOf.length, cols, data };
  }
  if (!isNumbers(values) || values.length === 0) {
    throw new TypeError(
      `${fn}: values must be a non-empty matrix (rows of numbers, or a flat array with shape)`,
    );
  }
  if (!shape) {
    throw new TypeError(`${fn}: a flat values array needs shape: [rows, columns]`);
  }
  const [rows, cols] = shape;
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows * cols !== values.length) {
    throw new RangeError(
      `${fn}: shape [${rows}, ${cols}] does not fit ${values.length} values`,
    );
  }
  return { rows, cols, data: Float64Array.from(values) };
}

function tickEvery(n: number): number {
  return n <= 16 ? 1 : Math.ceil(n / 10);
}

/**
 * A heatmap of a matrix, first row at the top, with a colour legend; diverging (blue–red,
 * centred on 0) when the values have both signs. Small matrices get their values written in the
 * cells.
 *
 * @example
 * ```ts
 * import { heatmap } from "./heatmap.ts";
 * import assert from "node:assert/strict";
 * const fig = heatmap({
 *   title: "Correlation of hidden units",
 *   values: [[1, -0.5], [-0.5, 1]],
 *   x: { label: "unit", ticks: ["h1", "h2"] },
 *   y: { label: "unit", ticks: ["h1", "h2"] },
 *   colorLabel: "correlation",
 * });
 * assert.match(fig.html, /-0.5/);
 * ```
 */
export function heatmap(options: HeatmapOptions): Figure {
  const fn = "heatmap";
  const title = requireTitle(fn, options?.title);
  const { rows, cols, data } = matrixOf(fn, options.values, options.shape);
  for (const [axis, n, spec] of [["x", cols, options.x], ["y", rows, options.y]] as const) {
    if (spec?.ticks && spec.ticks.length !== n) {
      throw new RangeError(
        `${fn}: ${axis}.ticks has ${spec.ticks.length} names for ${n} ${
          axis === "x" ? "columns" : "rows"
        }`,
      );
    }
  }
  const color = resolveColor(data, options);
  const colorScale = Plot.scale({ color: scaleOptions(color) });
  const xTicks = options.x?.ticks ?? Array.from({ length: cols }, (_, j) => String(j));
  const yTicks = options.y?.ticks ?? Array.from({ length: rows }, (_, i) => String(i));
  const longest = Math.max(...yTicks.map((t) => [...t].length));
  const marginLeft = Math.max(40, 14 + 6 * longest);
  const cell = Math.max(1, Math.min(40, Math.floor((640 - marginLeft - 20) / cols)));
  const width = marginLeft + cell * cols + 20;
  const height = 30 + cell * rows + 45;
  const nonFinite = data.filter((v) => !Number.isFinite(v)).length;
  const notes = nonFinite > 0 ? [`${plural(nonFinite, "non-finite value")} left blank.`] : [];
  const annotate = options.annotate ?? rows * cols <= 144;
  const xLabel = options.x?.label ?? "column";
  const yLabel = options.y?.label ?? "row";
  const legend = rampLegend(color, options.colorLabel ?? "value");
  const cellsData: Array<{ i: number; j: number; v: number }> = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = data[i * cols + j];
      if (Number.isFinite(v)) cellsData.push({ i, j, v });
    }
  }
  const text = annotate
    ? [
      Plot.text(cellsData, {
        x: (d) => xTicks[d.j],
        y: (d) => yTicks[d.i],
        text: (d) => formatNumber(d.v, { digits: options.digits ?? 2 }),
        fill: (d) => textOn(String(colorScale.apply(d.v))),
        fontSize: cell < 30 ? 8 : 10,
      }),
    ]
    : [];
  if (rows * cols <= MAX_CELLS) {
    const stepX = tickEvery(cols);
    const stepY = tickEvery(rows);
    return figure({
      title,
      caption: options.caption,
      notes,
      width,
      height,
      marginLeft,
      grid: false,
      x: {
        label: xLabel,
        domain: xTicks,
        ticks: xTicks.filter((_, j) => j % stepX === 0),
        tickSize: 0,
        labelAnchor: "center",
      },
      y: {
        label: yLabel,
        domain: yTicks,
        ticks: yTicks.filter((_, i) => i % stepY === 0),
        tickSize: 0,
      },
      color: legend,
      marks: [
        Plot.cell(cellsData, {
          x: (d) => xTicks[d.j],
          y: (d) => yTicks[d.i],
          fill: "v",
          inset: 0,
        }),
        ...text,
        Plot.frame({ strokeOpacity: 0.3 }),
      ],
    });
  }
  // Large matrices: one image, pixelated, on linear axes with ticks at the cell centres.
  const stepX = tickEvery(cols);
  const stepY = tickEvery(rows);
  return figure({
    title,
    caption: options.caption,
    notes,
    width,
    height,
    marginLeft,
    grid: false,
    x: {
      label: xLabel,
      domain: [0, cols],
      ticks: xTicks.map((_, j) => j + 0.5).filter((_, j) => j % stepX === 0),
      tickFormat: (t: number) => xTicks[Math.floor(t)],
      labelAnchor: "center",
    },
    y: {
      label: yLabel,
      domain: [0, rows],
      reverse: true,
      ticks: yTicks.map((_, i) => i + 0.5).filter((_, i) => i % stepY === 0),
      tickFormat: (t: number) => yTicks[Math.floor(t)],
    },
    color: legend,
    marks: [
      Plot.raster(Array.from(data, (v) => (Number.isFinite(v) ? v : NaN)), {
        width: cols,
        height: rows,
        x1: 0,
        x2: cols,
        y1: 0,
        y2: rows,
        imageRendering: "pixelated",
      }),
      Plot.frame({ strokeOpacity: 0.3 }),
    ],
  });
}
