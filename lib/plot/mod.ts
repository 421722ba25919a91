/**
 * Figures for the notebooks, drawn with Observable Plot on the server: each has a title,
 * labelled axes and a legend when it shows several series, reads in light and dark themes,
 * displays in Jupyter as HTML and saves as a standalone SVG.
 *
 * @example
 * ```ts
 * import { jupyterDisplay } from "../display/jupyter.ts";
 * import { plotActivation } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const bundle = plotActivation("relu")[jupyterDisplay]();
 * assert.match(bundle["text/html"], /^<figure[^]*<svg[^]*<\/figure>$/);
 * assert.equal(bundle["text/plain"], "ReLU: f and f′ on [−6, 6] (figure)");
 * ```
 *
 * @module
 */

export * from "./figure.ts";
export * from "./plot_activation.ts";
export * from "./line_chart.ts";
export * from "./plot_history.ts";
export * from "./heatmap.ts";
export * from "./image_grid.ts";
export * from "./decision_boundary.ts";
export * from "./loss_contours.ts";
export * from "./histogram.ts";
export * from "./bar_chart.ts";
export * from "./plot_graph.ts";
export * from "./overlap.ts";
export * from "./small_multiples.ts";
