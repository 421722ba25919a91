/**
 * Reference lines with labels, shared by the charts that take a `rules` option.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";

/** A reference line across the chart, e.g. a bound. */
export interface RuleSpec {
  /** A vertical line at this x. */
  x?: number;
  /** A horizontal line at this y. */
  y?: number;
  /** A label written next to it. */
  label?: string;
}

/**
 * The marks of `rules`: a dashed line for each, its label at the right end of a horizontal line
 * (above it) or at the top of a vertical one (to its right).
 *
 * @example
 * ```ts
 * import { ruleMarks } from "./_rules.ts";
 * import assert from "node:assert/strict";
 * assert.equal(ruleMarks([{ y: 0.25, label: "max σ′" }, { x: 0 }]).length, 3);
 * ```
 */
export function ruleMarks(rules: readonly RuleSpec[] = []): Plot.Markish[] {
  const dashed = { strokeDasharray: "4,3", strokeOpacity: 0.7 };
  return rules.flatMap((r) => [
    ...(r.y === undefined ? [] : [
      Plot.ruleY([r.y], dashed),
      ...(r.label
        ? [
          Plot.text([r.label], { y: r.y, frameAnchor: "right", textAnchor: "end", dy: -7, dx: -4 }),
        ]
        : []),
    ]),
    ...(r.x === undefined ? [] : [
      Plot.ruleX([r.x], dashed),
      ...(r.label
        ? [Plot.text([r.label], { x: r.x, frameAnchor: "top", textAnchor: "start", dx: 4, dy: 8 })]
        : []),
    ]),
  ]);
}
