/**
 * What `deno task notebooks:browser` reads from a notebook's page, and the checks it makes on
 * it: every code cell executed once, no error, every figure a visible SVG of sensible size with
 * its title, the math typeset, no console error, and under each cell the outputs, in number and
 * kind, that the nbclient run saved in the committed notebook.
 *
 * @module
 */

import type { Notebook } from "./parameters.ts";

/** One output as the page's model holds it (nbformat's fields). */
export interface OutputLike {
  /** `execute_result`, `display_data`, `stream` or `error`. */
  "output_type": string;
  /** A stream's name (`stdout`, `stderr`). */
  name?: string;
  /** A display's MIME bundle. */
  data?: Record<string, unknown>;
  /** An error's name. */
  ename?: string;
  /** An error's message. */
  evalue?: string;
}

/** A figure found in an output area of the page. */
export interface FigureReport {
  /** Its title: the text of its heading (`role="heading"` or `<h2>`), "" if none. */
  title: string;
  /** Width and height of its largest `<svg>`, in CSS pixels (0 when there is none). */
  width: number;
  /** See `width`. */
  height: number;
  /** Whether that `<svg>` is rendered: displayed, not hidden, not transparent, on the page. */
  visible: boolean;
  /** The number of marks drawn in it (paths, lines, circles, rects, texts). */
  marks: number;
}

/** One code cell as the page shows it after Run All. */
export interface CellReport {
  /** The cell's index among all cells of the notebook. */
  index: number;
  /** Its execution count in the prompt (`In [n]`), null if never run, "*" if queued. */
  prompt: number | string | null;
  /** Whether its source is empty (it does not run). */
  empty: boolean;
  /** Its tags. */
  tags: string[];
  /** Its outputs, as the page's model holds them. */
  outputs: OutputLike[];
  /** The figures in its output area. */
  figures: FigureReport[];
  /** Math in its outputs left untypeset, or typeset with an error. */
  mathErrors: string[];
}

/** A markdown cell with math, as the page renders it. */
export interface MarkdownReport {
  /** The cell's index. */
  index: number;
  /** Typeset formulas found in the rendered cell. */
  typeset: number;
  /** MathJax errors, or TeX left as text (`$…$`, `\frac`). */
  errors: string[];
}

/** Everything read from one notebook's page. */
export interface PageReport {
  /** The code cells, in order. */
  cells: CellReport[];
  /** The markdown cells whose source has math. */
  markdown: MarkdownReport[];
  /** Console errors and uncaught page errors. */
  consoleErrors: string[];
  /** Requests to anything but 127.0.0.1, which were refused. */
  blocked: string[];
}

/** Figures smaller than this (CSS px) are not a readable figure. */
export const MIN_FIGURE = { width: 100, height: 60 };
/** A cell tagged so may raise, as in Jupyter. */
export const ALLOW_ERROR_TAG = "raises-exception";

/**
 * The kind of an output, for comparing a page with a saved notebook: its type, a stream's name,
 * or the MIME types of a display.
 *
 * @example
 * ```ts
 * import { outputKind } from "./page_report.ts";
 * import assert from "node:assert/strict";
 * const kind = outputKind({ "output_type": "display_data", data: { "text/plain": "", "text/html": "" } });
 * assert.equal(kind, "display_data(text/html, text/plain)");
 * ```
 */
export function outputKind(output: OutputLike): string {
  if (output.output_type === "stream") return `stream(${output.name ?? "?"})`;
  if (output.output_type === "error") return "error";
  const mimes = Object.keys(output.data ?? {}).sort();
  return `${output.output_type}(${mimes.join(", ")})`;
}

/** The first line of a cell's source, shortened, to name it in messages. */
export function firstLine(source: string): string {
  const line = source.split("\n").map((l) => l.trim()).find(Boolean) ?? "";
  return line.length <= 70 ? line : `${line.slice(0, 67)}...`;
}

/**
 * What differs between the outputs the page shows under each code cell and those the committed
 * notebook saved (their number and kind), one line per cell that differs.
 *
 * @example
 * ```ts
 * import { compareOutputs } from "./page_report.ts";
 * import assert from "node:assert/strict";
 * const nb = { metadata: {}, cells: [
 *   { "cell_type": "code", source: "a", metadata: {}, outputs: [{ "output_type": "display_data", data: { "text/plain": "" } }] },
 *   { "cell_type": "code", source: "b", metadata: {}, outputs: [] },
 * ] };
 * const page = [
 *   { index: 0, outputs: [] },
 *   { index: 1, outputs: [{ "output_type": "display_data", data: { "text/plain": "" } }] },
 * ];
 * assert.equal(compareOutputs(nb, page).length, 2); // the output moved to the next cell
 * ```
 */
export function compareOutputs(
  committed: Notebook,
  page: Pick<CellReport, "index" | "outputs">[],
): string[] {
  const differences: string[] = [];
  const byIndex = new Map(page.map((cell) => [cell.index, cell]));
  committed.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    const want = ((cell.outputs ?? []) as OutputLike[]).map(outputKind);
    const shown = byIndex.get(index);
    if (!shown) {
      differences.push(`cell [${index}] is not on the page`);
      return;
    }
    const got = shown.outputs.map(outputKind);
    if (want.join("|") !== got.join("|")) {
      const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
      differences.push(
        `cell [${index}] \`${firstLine(source)}\`: the page shows ${describe(got)}, ` +
          `the nbclient run saved ${describe(want)}`,
      );
    }
  });
  return differences;
}

function describe(kinds: string[]): string {
  return kinds.length ? `${kinds.length} (${kinds.join("; ")})` : "no output";
}

/**
 * Every problem with a page: unexecuted cells, errors, figures, math, the console, blocked
 * requests, and outputs that differ from the committed notebook's.
 *
 * @example
 * ```ts
 * import { pageProblems } from "./page_report.ts";
 * import assert from "node:assert/strict";
 * const nb = { metadata: {}, cells: [{ "cell_type": "code", source: "x", metadata: {}, outputs: [] }] };
 * const page = {
 *   cells: [{ index: 0, prompt: 1, empty: false, tags: [], outputs: [], figures: [], mathErrors: [] }],
 *   markdown: [], consoleErrors: [], blocked: [],
 * };
 * assert.deepEqual(pageProblems(page, nb), []);
 * ```
 */
export function pageProblems(page: PageReport, committed: Notebook): string[] {
  const problems: string[] = [];
  const running = page.cells.filter((cell) => !cell.empty);
  running.forEach((cell, order) => {
    if (cell.prompt !== order + 1) {
      problems.push(
        `cell [${cell.index}] shows In [${cell.prompt ?? " "}], not In [${order + 1}]: ` +
          "not executed once, in order, in the restarted kernel",
      );
    }
  });
  for (const cell of page.cells) {
    const allowError = cell.tags.includes(ALLOW_ERROR_TAG);
    for (const output of cell.outputs) {
      if (output.output_type === "error" && !allowError) {
        problems.push(`cell [${cell.index}] raised ${output.ename}: ${output.evalue}`);
      }
      if (output.output_type === "stream" && output.name === "stderr" && !allowError) {
        problems.push(`cell [${cell.index}] wrote to stderr`);
      }
    }
    cell.figures.forEach((figure, k) => {
      const name = `cell [${cell.index}] figure ${k + 1}${
        figure.title ? ` "${figure.title}"` : ""
      }`;
      if (!figure.title) problems.push(`${name} has no title`);
      if (!figure.visible) problems.push(`${name}: its SVG is not visible`);
      if (figure.width < MIN_FIGURE.width || figure.height < MIN_FIGURE.height) {
        problems.push(
          `${name}: its SVG is ${Math.round(figure.width)}×${Math.round(figure.height)} px ` +
            `(at least ${MIN_FIGURE.width}×${MIN_FIGURE.height} expected)`,
        );
      }
      if (figure.marks === 0) problems.push(`${name}: its SVG draws nothing`);
    });
    for (const error of cell.mathErrors) problems.push(`cell [${cell.index}] math: ${error}`);
  }
  for (const cell of page.markdown) {
    for (const error of cell.errors) problems.push(`markdown cell [${cell.index}]: ${error}`);
    if (!cell.typeset && !cell.errors.length) {
      problems.push(`markdown cell [${cell.index}] has math in its source but none is typeset`);
    }
  }
  for (const error of page.consoleErrors) problems.push(`console: ${error}`);
  for (const url of page.blocked) problems.push(`refused a request to ${url} (not 127.0.0.1)`);
  problems.push(...compareOutputs(committed, page.cells));
  return problems;
}
