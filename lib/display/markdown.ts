/**
 * Markdown with computed values, for prose that quotes the numbers a notebook just computed.
 *
 * @module
 */

import { formatNumber } from "./format_number.ts";
import { type Displayable, jupyterDisplay, type MimeBundle } from "./jupyter.ts";
import { Tex } from "./tex.ts";

/** Markdown text that Jupyter renders (with its `$…$` maths) and terminals print as is. */
export class Markdown implements Displayable {
  /** The Markdown source. */
  readonly markdown: string;

  /** @param markdown Markdown source */
  constructor(markdown: string) {
    this.markdown = markdown;
  }

  /** The MIME bundle: `text/markdown` and the same source as `text/plain`. */
  [jupyterDisplay](): MimeBundle {
    return { "text/markdown": this.markdown, "text/plain": this.markdown };
  }

  /** The Markdown source. */
  toString(): string {
    return this.markdown;
  }
}

function interpolate(value: unknown): string {
  if (typeof value === "number") return formatNumber(value, { style: "unicode" });
  if (value instanceof Tex) return value.delimited;
  return String(value);
}

/**
 * A tagged template for Markdown: numbers are formatted with `formatNumber` (4 significant
 * digits, exponents as `2.5×10⁻⁷`), formulas made by `tex` or `formula` keep their `$` delimiters, and anything else is
 * converted with `String`.
 *
 * @example
 * ```ts
 * import { md } from "./markdown.ts";
 * import { tex } from "./tex.ts";
 * import assert from "node:assert/strict";
 * const note = md`The largest slope is ${0.25} at ${tex("x = 0", { display: false })}.`;
 * assert.equal(note.markdown, "The largest slope is 0.25 at $x = 0$.");
 * ```
 */
export function md(strings: TemplateStringsArray, ...values: unknown[]): Markdown {
  let out = strings[0];
  values.forEach((v, i) => out += interpolate(v) + strings[i + 1]);
  return new Markdown(out);
}
