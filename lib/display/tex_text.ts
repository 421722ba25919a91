/**
 * Plain text of the small LaTeX snippets the registry writes (output ranges such as
 * `[0, \infty)`), for table cells and captions that are not typeset.
 *
 * @module
 */

/** The LaTeX commands {@linkcode texText} knows, with their plain-text symbols. */
export const TEX_TEXT_SYMBOLS: Readonly<Record<string, string>> = Object.freeze({
  infty: "∞",
  approx: "≈",
  lambda: "λ",
  alpha: "α",
  beta: "β",
  sigma: "σ",
  cdot: "·",
  le: "≤",
  ge: "≥",
});

/**
 * `latex` as plain text: the commands of {@linkcode TEX_TEXT_SYMBOLS} become their symbols and
 * a hyphen becomes a minus sign; any other command throws a `RangeError` naming it, so that no
 * backslash reaches a reader.
 *
 * @example
 * ```ts
 * import { texText } from "./tex_text.ts";
 * import assert from "node:assert/strict";
 * assert.equal(texText(String.raw`(-\infty, \infty)`), "(−∞, ∞)");
 * assert.equal(texText(String.raw`(-\lambda\alpha, \infty) \approx (-1.7581, \infty)`),
 *   "(−λα, ∞) ≈ (−1.7581, ∞)");
 * assert.throws(() => texText(String.raw`\frac{1}{2}`), /no plain text for \\frac/);
 * ```
 */
export function texText(latex: string): string {
  if (typeof latex !== "string") {
    throw new TypeError(`texText: expected a LaTeX string, got ${typeof latex}`);
  }
  const text = latex.replace(/\\([a-zA-Z]+)/g, (_, name: string) => {
    if (!Object.hasOwn(TEX_TEXT_SYMBOLS, name)) {
      throw new RangeError(
        `texText: no plain text for \\${name}; known: ${
          Object.keys(TEX_TEXT_SYMBOLS).map((k) => `\\${k}`).join(", ")
        }`,
      );
    }
    return TEX_TEXT_SYMBOLS[name];
  });
  return text.replace(/-/g, "−");
}
