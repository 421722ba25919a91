/**
 * Continuous colour scales shared by the heatmap-like figures.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { parseColor } from "./_dom.ts";

/** How values map to colours. */
export interface ColorSpec {
  /** A d3/Plot colour scheme name (default: "rdbu" reversed when diverging, else "viridis"). */
  scheme?: Plot.ColorScheme;
  /**
   * Centre the scale on zero (negative blue, positive red); default: when the values have both
   * signs.
   */
  diverging?: boolean;
  /** The values at the two ends of the scale (default: the data's extent, or ±max |v|). */
  domain?: [number, number];
}

/** Plot colour-scale options resolved from a {@linkcode ColorSpec} and the data. */
export interface ResolvedColor {
  type: "linear";
  scheme: Plot.ColorScheme;
  domain: [number, number];
  reverse: boolean;
  diverging: boolean;
}

/**
 * The colour scale for `values` (non-finite values are ignored).
 *
 * @example
 * ```ts
 * import { resolveColor } from "./_color.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(resolveColor([-1, 2]).domain, [-2, 2]);
 * assert.equal(resolveColor([1, 2]).scheme, "viridis");
 * ```
 */
export function resolveColor(values: Iterable<number>, spec: ColorSpec = {}): ResolvedColor {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) min = max = 0;
  const diverging = spec.diverging ?? (min < 0 && max > 0);
  let domain: [number, number];
  if (spec.domain) domain = spec.domain;
  else if (diverging) {
    const m = Math.max(Math.abs(min), Math.abs(max)) || 1;
    domain = [-m, m];
  } else domain = min === max ? [min - 1, max + 1] : [min, max];
  const scheme = spec.scheme ?? (diverging ? "rdbu" : "viridis");
  return {
    type: "linear",
    scheme,
    domain,
    reverse: spec.scheme === undefined && diverging,
    diverging,
  };
}

/**
 * The Plot scale options of a resolved colour scale.
 *
 * @example
 * ```ts
 * import { resolveColor, scaleOptions } from "./_color.ts";
 * import assert from "node:assert/strict";
 * assert.equal("diverging" in scaleOptions(resolveColor([1, 2])), false);
 * ```
 */
export function scaleOptions(color: ResolvedColor): Omit<ResolvedColor, "diverging"> {
  const { diverging: _, ...options } = color;
  return options;
}

/**
 * RGBA pixels for `values` under a resolved colour scale; non-finite values are transparent.
 *
 * @example
 * ```ts
 * import { colorize, resolveColor } from "./_color.ts";
 * import assert from "node:assert/strict";
 * const px = colorize([0, 1, NaN], resolveColor([0, 1], { scheme: "greys" }));
 * assert.equal(px.length, 12);
 * assert.equal(px[11], 0);
 * ```
 */
export function colorize(values: ArrayLike<number>, color: ResolvedColor): Uint8Array {
  const scale = Plot.scale({ color: scaleOptions(color) });
  const out = new Uint8Array(values.length * 4);
  const cache = new Map<number, [number, number, number, number]>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    let rgba = cache.get(v);
    if (!rgba) {
      rgba = parseColor(String(scale.apply(v)));
      cache.set(v, rgba);
    }
    out.set(rgba, 4 * i);
  }
  return out;
}

/**
 * Dark or light text, whichever reads on a cell of the given colour (for values written on
 * cells; the page's own text always uses `currentColor`).
 *
 * @example
 * ```ts
 * import { textOn } from "./_color.ts";
 * import assert from "node:assert/strict";
 * assert.equal(textOn("#ffffff"), "#1a1a1a");
 * assert.equal(textOn("rgb(10, 10, 60)"), "#f2f2f2");
 * ```
 */
export function textOn(color: string): string {
  const [r, g, b] = parseColor(color).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.18 ? "#1a1a1a" : "#f2f2f2";
}

/**
 * Plot colour-scale options with a ramp legend whose end labels are not clipped.
 *
 * @example
 * ```ts
 * import { rampLegend, resolveColor } from "./_color.ts";
 * import assert from "node:assert/strict";
 * const c = rampLegend(resolveColor([-1, 1]), "weight");
 * assert.equal(c.legend, true);
 * assert.equal(c.label, "weight");
 * ```
 */
export function rampLegend(color: ResolvedColor, label: string) {
  return {
    ...scaleOptions(color),
    legend: true,
    label,
    width: 268,
    marginLeft: 14,
    marginRight: 14,
  };
}
