/**
 * LaTeX formulas that Jupyter renders with MathJax.
 *
 * @module
 */

import { type Expression, texOf } from "../symbolic.ts";
import { type Displayable, jupyterDisplay, type MimeBundle } from "./jupyter.ts";

/** Options of {@linkcode tex}. */
export interface TexOptions {
  /** Display (centred, own line: `$$…$$`) rather than inline (`$…$`) maths (default true). */
  display?: boolean;
}

/** A LaTeX formula that shows as rendered maths in Jupyter and as its source elsewhere. */
export class Tex implements Displayable {
  /** The LaTeX source, without delimiters. */
  readonly latex: string;
  /** Whether it is display maths. */
  readonly display: boolean;

  /**
   * @param latex LaTeX source without `$` delimiters
   * @param options display or inline
   */
  constructor(latex: string, options: TexOptions = {}) {
    if (typeof latex !== "string" || latex.trim() === "") {
      throw new TypeError(`tex: expected a non-empty LaTeX string, got ${JSON.stringify(latex)}`);
    }
    this.latex = latex.trim();
    this.display = options.display ?? true;
  }

  /** The formula with its delimiters: `$$…$$` or `$…$`. */
  get delimited(): string {
    return this.display ? `$$${this.latex}$$` : `$${this.latex}$`;
  }

  /** The MIME bundle: markdown and LaTeX (rendered by MathJax) and the plain source. */
  [jupyterDisplay](): MimeBundle {
    return {
      "text/markdown": this.delimited,
      "text/latex": this.delimited,
      "text/plain": this.latex,
    };
  }

  /** The LaTeX source. */
  toString(): string {
    return this.latex;
  }
}

/**
 * A displayable LaTeX formula.
 *
 * @example
 * ```ts
 * import { tex } from "./tex.ts";
 * import { jupyterDisplay } from "./jupyter.ts";
 * import assert from "node:assert/strict";
 * const f = tex(String.raw`\sigma(x) = \frac{1}{1 + e^{-x}}`);
 * assert.deepEqual(f[jupyterDisplay](), {
 *   "text/markdown": String.raw`$$\sigma(x) = \frac{1}{1 + e^{-x}}$$`,
 *   "text/latex": String.raw`$$\sigma(x) = \frac{1}{1 + e^{-x}}$$`,
 *   "text/plain": String.raw`\sigma(x) = \frac{1}{1 + e^{-x}}`,
 * });
 * assert.equal(tex("x^2", { display: false }).delimited, "$x^2$");
 * ```
 */
export function tex(latex: string, options: TexOptions = {}): Tex {
  return new Tex(latex, options);
}

/** Options of {@linkcode formula}. */
export interface FormulaOptions extends TexOptions {
  /** LaTeX of a left-hand side, e.g. `f(x)`; the formula becomes `lhs = expression`. */
  lhs?: string;
}

/**
 * A mathjs expression (text or node) as a displayable formula, through `texOf`.
 *
 * @example
 * ```ts
 * import { formula } from "./tex.ts";
 * import assert from "node:assert/strict";
 * assert.equal(formula("alpha * x", { lhs: "f(x)" }).latex, "f(x) = \\alpha\\cdot x");
 * ```
 */
export function formula(expression: Expression, options: FormulaOptions = {}): Tex {
  const body = texOf(expression);
  const { lhs, ...rest } = options;
  return new Tex(lhs === undefined ? body : `${lhs} = ${body}`, rest);
}
