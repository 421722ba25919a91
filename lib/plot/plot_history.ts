/**
 * Training histories, one line per run, through {@linkcode lineChart}.
 *
 * @module
 */

import type { Figure } from "./figure.ts";
import { lineChart, type LineSeries, type RuleSpec } from "./line_chart.ts";
import { requireTitle } from "./_validate.ts";

/**
 * One run's history, in any of three shapes: arrays keyed by metric (`{ epoch: [...], loss:
 * [...] }`), one row per epoch (`[{ epoch: 1, loss: 0.5 }, …]`), or what the trainer's `fit`
 * returns (`{ epochs: [{ epoch, trainLoss, gradNorm: [...], … }, …] }`).
 */
export type RunHistory =
  | Readonly<Record<string, ArrayLike<number>>>
  | ReadonlyArray<Readonly<Record<string, unknown>>>
  | { readonly epochs: ReadonlyArray<Readonly<Record<string, unknown>>> };

/** Options of {@linkcode plotHistory}. */
export interface PlotHistoryOptions {
  /**
   * The metric plotted: a key such as `"loss"` or `"valAccuracy"`, or an element of an array
   * metric such as `"gradNorm[0]"` (required). Missing values (`null`) are left out and counted.
   */
  metric: string;
  /** The title (required). */
  title: string;
  /** A log y axis (default false); non-positive values are then left out and counted. */
  log?: boolean;
  /** The key of the x values (default `"epoch"`; runs without it use 1, 2, 3, …). */
  x?: string;
  /** The x-axis label (default: the x key). */
  xLabel?: string;
  /** The y-axis label (default: the metric). */
  yLabel?: string;
  /** Reference lines, e.g. chance accuracy. */
  rules?: readonly RuleSpec[];
  /** A one-line note under the figure. */
  caption?: string;
}

type Rows = ReadonlyArray<Readonly<Record<string, unknown>>>;

const isRowArray = (v: unknown): v is Rows =>
  Array.isArray(v) && v.every((r) => typeof r === "object" && r !== null && !Array.isArray(r));

/** The run's rows, or undefined when it is given as arrays keyed by metric. */
function rowsOf(run: string, history: RunHistory): Rows | undefined {
  if (isRowArray(history)) return history;
  if (!history || typeof history !== "object") {
    throw new TypeError(
      `plotHistory: run "${run}" must be arrays keyed by metric, an array of rows, or fit's history`,
    );
  }
  const epochs = (history as { epochs?: unknown }).epochs;
  if (Array.isArray(epochs) && epochs.length > 0 && isRowArray(epochs)) return epochs;
  return undefined;
}

function parseMetric(metric: string): { key: string; index?: number } {
  const m = /^(.+)\[(\d+)\]$/.exec(metric);
  return m ? { key: m[1], index: Number(m[2]) } : { key: metric };
}

function numberOf(v: unknown, index?: number): number {
  const x = index === undefined ? v : (v as ArrayLike<unknown> | null)?.[index];
  return typeof x === "number" ? x : NaN;
}

function column(
  run: string,
  history: RunHistory,
  metric: string,
  required: boolean,
): number[] | undefined {
  const { key, index } = parseMetric(metric);
  const rows = rowsOf(run, history);
  if (rows) {
    if (rows.length === 0 || !rows.some((r) => key in r)) {
      if (!required) return undefined;
      throw new TypeError(
        `plotHistory: run "${run}" has no metric "${key}"; its rows have: ${
          rows.length ? Object.keys(rows[0]).join(", ") : "(no rows)"
        }`,
      );
    }
    return rows.map((r) => numberOf(r[key], index));
  }
  const h = history as Readonly<Record<string, ArrayLike<unknown>>>;
  if (!(key in h)) {
    if (!required) return undefined;
    throw new TypeError(
      `plotHistory: run "${run}" has no metric "${key}"; it has: ${Object.keys(h).join(", ")}`,
    );
  }
  return Array.from(h[key], (v) => numberOf(v, index));
}

/**
 * Per-epoch training histories, one line per run (a legend when there are several).
 *
 * @example
 * ```ts
 * import { plotHistory } from "./plot_history.ts";
 * import assert from "node:assert/strict";
 * const fig = plotHistory({
 *   relu: { epoch: [1, 2, 3], loss: [0.9, 0.5, 0.3] },
 *   sigmoid: [{ loss: 1.0 }, { loss: 0.95 }, { loss: 0.9 }],
 *   elu: { epochs: [{ epoch: 1, loss: 0.8 }, { epoch: 2, loss: 0.4 }] },
 * }, { metric: "loss", title: "Training loss" });
 * assert.match(fig.html, /relu[^]*sigmoid[^]*elu/);
 * ```
 */
export function plotHistory(
  histories: Readonly<Record<string, RunHistory>>,
  options: PlotHistoryOptions,
): Figure {
  const title = requireTitle("plotHistory", options?.title);
  const { metric, x: xKey = "epoch" } = options;
  if (typeof metric !== "string" || metric === "") {
    throw new TypeError("plotHistory: options.metric (the key of the values plotted) is required");
  }
  if (!histories || typeof histories !== "object" || Object.keys(histories).length === 0) {
    throw new TypeError("plotHistory: expected an object with one history per run");
  }
  const series: LineSeries[] = Object.entries(histories).map(([name, history]) => {
    const y = column(name, history, metric, true)!;
    if (!y.some(Number.isFinite)) {
      throw new RangeError(`plotHistory: run "${name}" has no values of "${metric}"`);
    }
    const x = column(name, history, xKey, false) ?? y.map((_, i) => i + 1);
    return { name, x, y };
  });
  return lineChart({
    title,
    series,
    x: { label: options.xLabel ?? xKey },
    y: { label: options.yLabel ?? metric, type: options.log ? "log" : "linear" },
    rules: options.rules,
    caption: options.caption,
  });
}
