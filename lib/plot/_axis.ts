/**
 * Axis helpers: readable ticks for log scales.
 *
 * @module
 */

import { formatNumber } from "../display/format_number.ts";

/** Tick options for a log axis. */
export interface LogTicks {
  ticks?: number[];
  tickFormat: (v: number) => string;
}

/**
 * Ticks for a log axis over the positive finite `values`: powers of ten (thinned to at most 8
 * labels) when they span two decades or more, Plot's own ticks otherwise; labels written as
 * plain numbers (`0.001`, `1e-6`) rather than SI prefixes (`1m`, `1µ`).
 *
 * @example
 * ```ts
 * import { logTicks } from "./_axis.ts";
 * import assert from "node:assert/strict";
 * const t = logTicks([3e-6, 0.5]);
 * assert.deepEqual(t.ticks, [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1]);
 * assert.equal(t.tickFormat(1e-6), "1e-6");
 * assert.equal(logTicks([0.2, 0.9]).ticks, undefined);
 * ```
 */
export function logTicks(values: Iterable<number>): LogTicks {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!(v > 0) || !Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const tickFormat = (v: number) => formatNumber(v, { digits: 3 });
  if (!(lo <= hi)) return { tickFormat };
  const a = Math.floor(Math.log10(lo) + 1e-9);
  const b = Math.ceil(Math.log10(hi) - 1e-9);
  if (b - a < 2) return { tickFormat };
  const step = Math.ceil((b - a + 1) / 8);
  const ticks: number[] = [];
  for (let e = a; e <= b; e += step) ticks.push(Number(`1e${e}`));
  return { ticks, tickFormat };
}
