/**
 * Display helpers for the notebooks: formulas, Markdown with computed values, tables and
 * progress bars, each shown richly by the Deno Jupyter kernel and as text anywhere else.
 *
 * @example
 * ```ts
 * import { formula, jupyterDisplay, table } from "./mod.ts";
 * import assert from "node:assert/strict";
 * assert.equal(formula("x^2")[jupyterDisplay]()["text/markdown"], "$${ x}^{2}$$");
 * assert.match(table([{ a: 1 }]).html, /<table/);
 * ```
 *
 * @module
 */

export * from "./jupyter.ts";
export * from "./format_number.ts";
export * from "./tex.ts";
export * from "./markdown.ts";
export * from "./table.ts";
export * from "./progress_bar.ts";
export * from "./list_text.ts";
export * from "./prose.ts";
export * from "./tex_text.ts";
