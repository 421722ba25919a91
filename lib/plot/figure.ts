/**
 * Figures: Observable Plot rendered on the server into a linkedom document, shown in Jupyter as
 * HTML and exportable as a standalone SVG file.
 *
 * Every figure has a title; text and axes are drawn in `currentColor` and the background is
 * transparent, so a figure reads in light and dark notebook themes alike.
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { type Displayable, jupyterDisplay, type MimeBundle } from "../display/jupyter.ts";
import { type DomElement, plotDocument } from "./_dom.ts";
import { requireTitle } from "./_validate.ts";

/** The default figure size, in CSS pixels. */
export const FIGURE_SIZE = { width: 640, height: 360 } as const;

/**
 * The categorical colours of series: Tableau 10, which reads on light and dark backgrounds.
 * (Series beyond ten repeat.)
 */
export const SERIES_COLORS: readonly string[] = Object.freeze([
  "#4e79a7",
  "#f28e2c",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc949",
  "#af7aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ab",
]);

/** Options of {@linkcode figure}: Plot's options with a required title. */
export interface FigureOptions extends Omit<Plot.PlotOptions, "title" | "caption" | "document"> {
  /** The title, shown above the figure and embedded in its SVG (required). */
  title: string;
  /** A one-line note under the figure, e.g. the source of the data. */
  caption?: string;
  /** Notes the helper adds about the data (values left out, …), appended to the caption. */
  notes?: readonly string[];
}

const escapeXml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Splits `text` into lines of at most about `chars` characters. */
function wrap(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

const TITLE_CLASS = "activation-course-title";

/** An environment variable, or undefined where it cannot be read (no --allow-env). */
function readEnv(name: string): string | undefined {
  try {
    return Deno.env.get(name);
  } catch {
    return undefined;
  }
}
const GEOMETRY = [
  "d",
  "transform",
  "x",
  "y",
  "x1",
  "x2",
  "y1",
  "y2",
  "cx",
  "cy",
  "width",
  "height",
];

/**
 * A polyline path (`M`/`L`/`Z` only) with coordinates rounded to 0.1 px and the middle points
 * of straight horizontal or vertical runs dropped; other paths only rounded.
 */
function compactPath(d: string): string {
  const round1 = (v: number) => String(Math.round(v * 10) / 10);
  if (/[^MLZ\d\s,.eE+-]/.test(d)) {
    return d.replace(/-?\d+\.\d+(?:e[-+]?\d+)?/g, (m) => round1(Number(m)));
  }
  let out = "";
  for (const [, cmd, args] of d.matchAll(/([MLZ])([^MLZ]*)/g)) {
    if (cmd === "Z") {
      out += "Z";
      continue;
    }
    const [x, y] = args.split(",").map((v) => round1(Number(v)));
    const prev = /([ML])(-?[\d.e+-]+),(-?[\d.e+-]+)L(-?[\d.e+-]+),(-?[\d.e+-]+)$/.exec(out);
    const between = (a: string, b: string, c: string) =>
      (Number(a) - Number(b)) * (Number(b) - Number(c)) >= 0;
    if (
      cmd === "L" && prev &&
      ((prev[2] === prev[4] && prev[4] === x && between(prev[3], prev[5], y)) ||
        (prev[3] === prev[5] && prev[5] === y && between(prev[2], prev[4], x)))
    ) {
      out = out.slice(0, out.length - (prev[4].length + prev[5].length + 2)); // drop the middle
    }
    out += `${cmd}${x},${y}`;
  }
  return out;
}

/** Rounds the coordinates Plot writes with 17 digits (a large part of the markup). */
function compactGeometry(root: DomElement): void {
  const round2 = (m: string) => String(Math.round(Number(m) * 100) / 100);
  for (const el of Array.from(root.querySelectorAll("svg *"))) {
    for (const name of GEOMETRY) {
      const v = el.getAttribute(name);
      if (!v) continue;
      if (name === "d") {
        // Paths with a marker at every vertex keep their vertices.
        const marked = el.getAttribute("marker-mid") !== null;
        el.setAttribute(
          name,
          marked ? v.replace(/-?\d+\.\d+(?:e[-+]?\d+)?/g, round2) : compactPath(v),
        );
      } else if (/\d\.\d{3}/.test(v)) {
        el.setAttribute(name, v.replace(/-?\d+\.\d+(?:e[-+]?\d+)?/g, round2));
      }
    }
  }
}

const CAPTION_STYLE = "font: 12px/1.4 system-ui, sans-serif; opacity: 0.8; margin-top: 4px";

/** A rendered figure: displays in Jupyter, exports as HTML or SVG. */
export class Figure implements Displayable {
  /** The title. */
  readonly title: string;
  /** The caption (with the data notes), if any. */
  readonly caption: string | undefined;
  readonly #element: DomElement;

  /**
   * Wraps an element rendered by Plot (normally through {@linkcode figure}).
   *
   * @param element the `<figure>` (or `<svg>`) Plot returned, from a linkedom document
   * @param title the figure's title
   * @param caption its caption, if any
   */
  constructor(element: unknown, title: string, caption?: string) {
    this.#element = element as DomElement;
    this.title = requireTitle("Figure", title);
    this.caption = caption;
  }

  /** The rendered element (a linkedom `<figure>`), for inspection. */
  get element(): DomElement {
    return this.#element;
  }

  /** The figure as HTML: a `<figure>` with the title, legend, inline `<svg>` and caption. */
  get html(): string {
    return this.#element.outerHTML;
  }

  /**
   * The figure as a standalone SVG document (with `xmlns`), for a `.svg` file: the plot's
   * `<svg>` with the title (as `<title>` and as text at the top), the legend redrawn in SVG and
   * the caption below. Text is `currentColor`: it inherits the page's colour when inlined, and
   * follows `prefers-color-scheme` when the file is shown on its own.
   */
  get svg(): string {
    const root = this.#element;
    const svgs = root.tagName.toLowerCase() === "svg" ? [root] : Array.from(root.children);
    const plotSvg = svgs.filter((e) => e.tagName.toLowerCase() === "svg").at(-1);
    const width = Number(plotSvg?.getAttribute("width")) || FIGURE_SIZE.width;
    const parts: string[] = [];
    let y = 0;
    parts.push(
      `<text x="0" y="17" font-size="15" font-weight="600">${escapeXml(this.title)}</text>`,
    );
    y += 28;
    for (const child of svgs) {
      const tag = child.tagName.toLowerCase();
      if (tag === "svg") {
        const copy = child.cloneNode(true);
        copy.setAttribute("x", "0");
        copy.setAttribute("y", String(y));
        parts.push(copy.outerHTML);
        y += Number(copy.getAttribute("height")) || 0;
      } else if (tag === "div" && /-swatches/.test(child.className)) {
        let x = 0;
        let row = 0;
        for (const swatch of Array.from(child.querySelectorAll("span"))) {
          const mark = swatch.querySelector("svg");
          if (!mark) continue;
          const label = (swatch.textContent ?? "").trim();
          const w = 15 + 5 + 6 * [...label].length + 14;
          if (x > 0 && x + w > width) {
            x = 0;
            row++;
          }
          const box = mark.cloneNode(true);
          box.setAttribute("x", String(x));
          box.setAttribute("y", String(y + row * 20));
          parts.push(
            box.outerHTML,
            `<text x="${x + 20}" y="${y + row * 20 + 11}" text-anchor="start">${
              escapeXml(label)
            }</text>`,
          );
          x += w;
        }
        y += (row + 1) * 20 + 6;
      } else if (tag === "figcaption") {
        y += 6;
        for (const line of wrap(child.textContent ?? "", Math.floor(width / 6.2))) {
          y += 15;
          parts.push(
            `<text x="0" y="${y}" font-size="11" opacity="0.8" text-anchor="start">${
              escapeXml(line)
            }</text>`,
          );
        }
        y += 6;
      }
    }
    const style = "svg:root { color: #222 } " +
      "@media (prefers-color-scheme: dark) { svg:root { color: #ddd } }";
    return `<?xml version="1.0" encoding="UTF-8"?>\n` +
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" ` +
      `width="${width}" height="${y}" viewBox="0 0 ${width} ${y}" ` +
      `font-family="system-ui, sans-serif" font-size="10" fill="currentColor" ` +
      `style="background: transparent"><title>${escapeXml(this.title)}</title>` +
      (this.caption ? `<desc>${escapeXml(this.caption)}</desc>` : "") +
      `<style>${style}</style>${parts.join("")}</svg>\n`;
  }

  /** Writes the standalone SVG to `path` (needs write permission). */
  async save(path: string | URL): Promise<void> {
    await Deno.writeTextFile(path, this.svg);
  }

  /** The MIME bundle: the figure as HTML (which survives nbconvert's HTML export). */
  [jupyterDisplay](): MimeBundle {
    const bundle: MimeBundle = { "text/html": this.html, "text/plain": `${this.title} (figure)` };
    // The export task (`deno task notebooks:svg`) sets COURSE_FIGURE_SVG=1 to collect each
    // figure's standalone SVG (title and legend included); saved notebooks stay HTML only.
    if (readEnv("COURSE_FIGURE_SVG") === "1") bundle["image/svg+xml"] = this.svg;
    return bundle;
  }

  /** `"<title> (figure)"`. */
  toString(): string {
    return `${this.title} (figure)`;
  }
}

/**
 * Renders a Plot figure with the course's defaults (640 × 360, grid lines, transparent
 * background) and a required title. The other helpers are built on it; use it directly for a
 * figure none of them draws.
 *
 * @example
 * ```ts
 * import * as Plot from "@observablehq/plot";
 * import { figure } from "./figure.ts";
 * import assert from "node:assert/strict";
 * const fig = figure({
 *   title: "Two points",
 *   x: { label: "x" },
 *   y: { label: "y" },
 *   marks: [Plot.dot([[0, 0], [1, 1]])],
 * });
 * assert.match(fig.html, /<svg[^>]*>/);
 * assert.match(fig.svg, /^<\?xml[^]*<title>Two points<\/title>/);
 * assert.throws(() => figure({ marks: [] } as never), /figure: a title is required/);
 * ```
 */
export function figure(options: FigureOptions): Figure {
  const { title: rawTitle, caption, notes = [], style, ...rest } = options ?? {};
  const title = requireTitle("figure", rawTitle);
  const document = plotDocument();
  const heading = document.createElement("div");
  heading.className = TITLE_CLASS;
  heading.setAttribute("role", "heading");
  heading.setAttribute("aria-level", "3");
  heading.setAttribute("style", "font: 600 15px/1.3 system-ui, sans-serif; margin: 0 0 6px");
  heading.textContent = title;
  const fullCaption = [caption, ...notes].filter((s) => s && s.trim()).join(" ") || undefined;
  const element = Plot.plot({
    width: FIGURE_SIZE.width,
    height: FIGURE_SIZE.height,
    grid: true,
    ...rest,
    style: style ?? { background: "transparent" },
    title: heading as unknown as string,
    caption: fullCaption,
    document: document as never,
  }) as unknown as DomElement;
  element.setAttribute("style", "max-width: initial; margin: 0.5em 0");
  compactGeometry(element);
  const captionEl = element.querySelector("figcaption");
  captionEl?.setAttribute("style", CAPTION_STYLE);
  return new Figure(element, title, fullCaption);
}
