/**
 * Lines a reader cannot tell apart: series of a line chart that lie within a small fraction of
 * the y range of each other, over the whole chart or a stretch of it, so that the one drawn first
 * is hidden under the other there. Finds them, dashes the covering line so the hidden one shows
 * through its gaps, and says so in a caption note.
 *
 * @module
 */

import { formatNumber } from "../display/format_number.ts";
import { listText } from "../display/list_text.ts";
import type { LineSeries } from "./line_chart.ts";

/** Two series of a chart that coincide to the eye: see {@linkcode overlappingSeries}. */
export interface SeriesOverlap {
  /** The series drawn first, hidden underneath. */
  under: string;
  /** The series drawn after it, on top. */
  over: string;
  /** True when they coincide over the whole chart. */
  full: boolean;
  /** The x intervals `[from, to]` over which they coincide (the whole x range when `full`). */
  stretches: Array<[number, number]>;
  /** The largest |difference| of their y values there (of log₁₀ y on a log axis). */
  maxGap: number;
  /** `maxGap` as a fraction of the y range of all the series. */
  relativeGap: number;
}

/** Options of {@linkcode overlappingSeries} and {@linkcode markOverlaps}. */
export interface OverlapOptions {
  /** The largest gap, as a fraction of the y range, that still counts as hidden (default 0.01). */
  tolerance?: number;
  /** The y axis's scale: on `"log"` the gaps are measured between log₁₀ y (default `"linear"`). */
  type?: "linear" | "log";
  /** The y axis's extent, when the chart sets one (default: the extent of every series' y). */
  domain?: [number, number];
  /**
   * The share of the x range the coinciding stretches must cover, in total, for a pair to
   * count (default 0: any hidden segment; 1: only lines that coincide everywhere). Sorted
   * curves that cross, for instance, meet briefly without hiding each other.
   */
  minCoverage?: number;
  /** What x counts, for the note: `"epoch"` gives "from epoch 0 to 4" (default "x = 0 to 4"). */
  xName?: string;
}

type Seriesish = Pick<LineSeries, "name" | "y"> & { x?: ArrayLike<number> };

/**
 * The pairs of series that coincide to the eye somewhere: the x values are the same, and over at
 * least one segment between neighbouring points both y values differ by at most `tolerance` of
 * the y range (a one-point series: at its point). The series are taken in drawing order, so
 * `under` is the earlier of each pair. Identical series count too.
 *
 * @example
 * ```ts
 * import { overlappingSeries } from "./overlap.ts";
 * import assert from "node:assert/strict";
 * const pairs = overlappingSeries([
 *   { name: "ReLU", x: [0, 1, 2], y: [2.3, 0.9, 0.2855] },
 *   { name: "LeakyReLU", x: [0, 1, 2], y: [2.3, 0.9, 0.2845] },
 *   { name: "ELU", x: [0, 1, 2], y: [2.3, 0.7, 0.25] },
 * ]);
 * assert.equal(pairs.length, 1);
 * assert.equal(pairs[0].under, "ReLU");
 * assert.equal(pairs[0].over, "LeakyReLU");
 * assert.ok(pairs[0].full);
 * ```
 */
export function overlappingSeries(
  series: readonly Seriesish[],
  options: OverlapOptions = {},
): SeriesOverlap[] {
  const tolerance = options.tolerance ?? 0.01;
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new RangeError(
      `overlappingSeries: tolerance must be a finite number ≥ 0, got ${tolerance}`,
    );
  }
  const minCoverage = options.minCoverage ?? 0;
  const log = options.type === "log";
  const scale = (v: number) => (log ? (v > 0 ? Math.log10(v) : NaN) : v);
  const ys = series.map((s) => Array.from(s.y, (v) => (Number.isFinite(v) ? scale(v) : NaN)));
  let lo = Infinity;
  let hi = -Infinity;
  if (options.domain) [lo, hi] = options.domain.map(scale);
  else {
    for (const y of ys) {
      for (const v of y) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  const range = hi - lo;
  const sameX = (a: Seriesish, b: Seriesish) =>
    a.x === undefined || b.x === undefined || Array.from(a.x).every((v, k) => v === b.x![k]);
  const pairs: SeriesOverlap[] = [];
  series.forEach((a, i) => {
    const xs = a.x ? Array.from(a.x) : ys[i].map((_, k) => k);
    for (let j = i + 1; j < series.length; j++) {
      const b = series[j];
      const ya = ys[i];
      const yb = ys[j];
      const n = ya.length;
      if (n === 0 || n !== yb.length || !sameX(a, b)) continue;
      const gap = (k: number) => Math.abs(ya[k] - yb[k]); // NaN when either is missing
      const close = (k: number) => range > 0 ? gap(k) <= tolerance * range : gap(k) === 0;
      // A drawn segment k…k+1 is hidden when both its ends coincide.
      const hidden = n === 1
        ? [close(0)]
        : Array.from({ length: n - 1 }, (_, k) => close(k) && close(k + 1));
      const stretches: Array<[number, number]> = [];
      let maxGap = 0;
      hidden.forEach((h, k) => {
        if (!h) return;
        maxGap = Math.max(maxGap, gap(k), gap(Math.min(k + 1, n - 1)));
        const to = xs[Math.min(k + 1, n - 1)];
        const last = stretches.at(-1);
        if (last && k > 0 && hidden[k - 1]) last[1] = to;
        else stretches.push([xs[k], to]);
      });
      if (stretches.length === 0) continue;
      const span = xs[n - 1] - xs[0];
      const covered = stretches.reduce((t, [from, to]) => t + (to - from), 0);
      if (n > 1 && span > 0 && covered < minCoverage * span) continue;
      // Full: every point coincides, or is missing in both (the line breaks in both alike).
      const full = ya.every((v, k) => close(k) || (Number.isNaN(v) && Number.isNaN(yb[k])));
      const relativeGap = maxGap === 0 ? 0 : maxGap / range;
      pairs.push({ under: a.name, over: b.name, full, stretches, maxGap, relativeGap });
    }
  });
  return pairs;
}

/**
 * Makes lines that would hide one another visible: every series lying on top of an earlier one
 * (see {@linkcode overlappingSeries}) is drawn dashed, so the line underneath shows through the
 * gaps, and `note` says which lines coincide, where, and by how little they differ ("" when none
 * do). Pass the returned `series` to {@linkcode lineChart} and add `note` to its caption.
 *
 * @example
 * ```ts
 * import { markOverlaps } from "./overlap.ts";
 * import assert from "node:assert/strict";
 * const { series, note } = markOverlaps([
 *   { name: "ReLU", x: [0, 1, 2], y: [0.5, 0.5, 0.5] },
 *   { name: "LeakyReLU", x: [0, 1, 2], y: [0.5, 0.499, 0.45] },
 *   { name: "ELU", x: [0, 1, 2], y: [0.5, 0.3, 0.3] },
 * ], { xName: "epoch" });
 * assert.deepEqual(series.map((s) => s.dashed ?? false), [false, true, false]);
 * assert.equal(
 *   note,
 *   "ReLU and LeakyReLU coincide from epoch 0 to 1 (they differ by at most 0.001 there, " +
 *     "0.5 % of the y range), so LeakyReLU is drawn dashed over ReLU.",
 * );
 * ```
 */
export function markOverlaps<S extends Seriesish>(
  series: readonly S[],
  options: OverlapOptions = {},
): { series: Array<S & { dashed?: boolean }>; note: string; overlaps: SeriesOverlap[] } {
  const overlaps = overlappingSeries(series, options);
  const over = new Set(overlaps.map((o) => o.over));
  const unit = options.type === "log" ? " in log₁₀ y" : "";
  const num = (v: number) => formatNumber(v, { digits: 2, style: "unicode" });
  const xText = (v: number) => formatNumber(v, { style: "unicode" });
  const at = (v: number) => `${options.xName ?? "x ="} ${xText(v)}`;
  const where = (o: SeriesOverlap) =>
    listText(o.stretches.map(([a, b]) => `from ${at(a)} to ${xText(b)}`));
  const clauses = overlaps.map((o) => {
    const pair = `${o.under} and ${o.over}`;
    const by = `${num(o.maxGap)}${unit}`;
    const pct = `${num(100 * o.relativeGap)} % of the y range`;
    // Gaps of a billionth of the range are rounding, not data.
    const same = o.maxGap === 0 ? "identical" : o.relativeGap < 1e-9 ? "identical to rounding" : "";
    if (o.full) return same ? `${pair} are ${same}` : `${pair} differ by at most ${by} (${pct})`;
    return same
      ? `${pair} are ${same} ${where(o)}`
      : `${pair} coincide ${where(o)} (they differ by at most ${by} there, ${pct})`;
  });
  const covering = [...over];
  const covered = [...new Set(overlaps.map((o) => o.under))];
  const verb = covering.length === 1 ? "is" : "are";
  const text = `${clauses.join("; ")}, so ${listText(covering)} ${verb} drawn dashed over ` +
    `${listText(covered)}.`;
  // A note is a sentence: it starts with a capital even when a series name does not.
  const note = overlaps.length === 0 ? "" : text[0].toUpperCase() + text.slice(1);
  return {
    series: series.map((s) => (over.has(s.name) ? { ...s, dashed: true } : s)),
    note,
    overlaps,
  };
}
