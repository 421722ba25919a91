/**
 * Grids of small images, e.g. the first-layer weights of MNIST units as 28 × 28 pictures.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { colorize, type ColorSpec, rampLegend, resolveColor } from "./_color.ts";
import { pngDataUrl } from "./_dom.ts";
import { type Figure, figure } from "./figure.ts";
import { numbers, requireTitle } from "./_validate.ts";

/** Options of {@linkcode imageGrid}. */
export interface ImageGridOptions extends ColorSpec {
  /** The title (required). */
  title: string;
  /** The images, each a flat row-major array of pixel values. */
  images: ReadonlyArray<ArrayLike<number>>;
  /** Pixels per image row (default: √length, so 28 for 784 values). */
  width?: number;
  /** A label under each image (default: its index). */
  labels?: readonly string[];
  /** Images per row of the grid (default: up to 8). */
  columns?: number;
  /** The colour legend's label (default "value"). */
  colorLabel?: string;
  /** A one-line note under the figure. */
  caption?: string;
}

/**
 * A grid of images on one shared colour scale (diverging, centred on 0, when the values have
 * both signs), each labelled, with a colour legend. Each image is embedded as a small PNG.
 *
 * @example
 * ```ts
 * import { imageGrid } from "./image_grid.ts";
 * import assert from "node:assert/strict";
 * const stripes = Float64Array.from({ length: 16 }, (_, i) => (i % 4) - 1.5);
 * const fig = imageGrid({ title: "Two tiny images", images: [stripes, stripes.map((v) => -v)] });
 * assert.equal(fig.html.match(/<image /g)?.length, 3); // two images and the legend's ramp
 * ```
 */
export function imageGrid(options: ImageGridOptions): Figure {
  const fn = "imageGrid";
  const title = requireTitle(fn, options?.title);
  const { images } = options;
  if (!Array.isArray(images) || images.length === 0) {
    throw new TypeError(`${fn}: images must be a non-empty array of pixel arrays`);
  }
  const pixels = images.map((img, k) => numbers(fn, `image ${k}`, img));
  const n = pixels[0].length;
  const w = options.width ?? Math.round(Math.sqrt(n));
  if (!Number.isInteger(w) || w < 1 || n % w !== 0) {
    throw new RangeError(
      `${fn}: ${n} pixels do not make rows of ${w}; pass width (pixels per row)`,
    );
  }
  const h = n / w;
  pixels.forEach((p, k) => {
    if (p.length !== n) {
      throw new RangeError(`${fn}: image ${k} has ${p.length} pixels, image 0 has ${n}`);
    }
  });
  if (options.labels && options.labels.length !== images.length) {
    throw new RangeError(
      `${fn}: ${options.labels.length} labels for ${images.length} images`,
    );
  }
  const columns = options.columns ?? Math.min(8, images.length);
  if (!Number.isInteger(columns) || columns < 1) {
    throw new RangeError(`${fn}: columns must be a positive integer, got ${columns}`);
  }
  const rows = Math.ceil(images.length / columns);
  const color = resolveColor(pixels.flat(), options);
  const margin = 10;
  const cell = Math.floor((640 - 2 * margin) / Math.max(columns, 4));
  const size = Math.round(cell * 0.86);
  const labelHeight = 16;
  const cells = pixels.map((p, k) => ({
    col: k % columns,
    row: Math.floor(k / columns),
    src: pngDataUrl(w, h, colorize(p, color)),
    label: options.labels?.[k] ?? String(k),
  }));
  return figure({
    title,
    caption: options.caption,
    width: 2 * margin + cell * columns,
    height: 2 * margin + rows * (cell + labelHeight),
    margin,
    grid: false,
    x: { axis: null, domain: [0, columns] },
    y: { axis: null, domain: [0, rows], reverse: true },
    color: rampLegend(color, options.colorLabel ?? "value"),
    marks: [
      Plot.image(cells, {
        x: (d) => d.col + 0.5,
        y: (d) => d.row + 0.5 * cell / (cell + labelHeight),
        src: "src",
        width: size,
        height: Math.round((size * h) / w),
        imageRendering: "pixelated",
      }),
      Plot.text(cells, {
        x: (d) => d.col + 0.5,
        y: (d) => d.row + 1,
        text: "label",
        dy: -labelHeight / 2 + 2,
      }),
      // An empty mark that uses the colour scale, so the legend is drawn.
      Plot.dot([] as number[], { x: () => 0, y: () => 0, fill: (d: number) => d }),
    ],
  });
}
