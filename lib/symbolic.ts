/**
 * Symbolic derivatives and LaTeX of the registry's mathjs expressions.
 *
 * mathjs differentiates elementary functions but neither its conditional `c ? a : b` (the form
 * of every piecewise activation) nor `erf` (GELU). {@linkcode derivative} adds both: a
 * conditional is differentiated branch by branch, and erf by the chain rule,
 * d erf(u) = 2/√π · e^(−u²) du.
 *
 * @module
 */

import {
  ConditionalNode,
  derivative as mathDerivative,
  type MathNode,
  parse,
  simplify,
  SymbolNode,
} from "mathjs";

/** An expression as text or as an already parsed mathjs node. */
export type Expression = string | MathNode;

const asNode = (e: Expression): MathNode => (typeof e === "string" ? parse(e) : e);

function isErf(node: MathNode): boolean {
  return node.type === "FunctionNode" &&
    (node as unknown as { fn: { name: string } }).fn.name === "erf" &&
    (node as unknown as { args: MathNode[] }).args.length === 1;
}

function containsConditional(node: MathNode): boolean {
  return node.filter((n) => n.type === "ConditionalNode").length > 0;
}

/**
 * The derivative of `expression` with respect to `variable`, as a mathjs node.
 *
 * @example
 * ```ts
 * import { derivative } from "./symbolic.ts";
 * import assert from "node:assert/strict";
 * assert.equal(derivative("x > 0 ? x : alpha * x").toString(), "(x > 0) ? 1 : alpha");
 * const dgelu = derivative("x / 2 * (1 + erf(x / sqrt(2)))");
 * assert.ok(Math.abs(dgelu.evaluate({ x: 0 }) - 0.5) < 1e-15);
 * ```
 */
export function derivative(expression: Expression, variable = "x"): MathNode {
  const node = asNode(expression);
  if (node.type === "ParenthesisNode") {
    return derivative((node as unknown as { content: MathNode }).content, variable);
  }
  if (node.type === "ConditionalNode") {
    const c = node as unknown as ConditionalNode;
    return new ConditionalNode(
      c.condition,
      derivative(c.trueExpr, variable),
      derivative(c.falseExpr, variable),
    );
  }
  if (containsConditional(node)) {
    throw new TypeError(
      `derivative: a conditional must be the outermost operation (or a branch of one), in ${node}`,
    );
  }
  const erfs = node.filter(isErf);
  if (erfs.length === 0) return mathDerivative(node, variable);
  // F(x, E₁…Eₖ) with Eᵢ = erf(gᵢ(x)):  dF/dx = ∂F/∂x + Σ ∂F/∂Eᵢ · 2/√π · exp(−gᵢ²) · gᵢ'
  const names = erfs.map((_, i) => `erf_${i}_`);
  const stand = node.transform((n) => {
    const i = erfs.indexOf(n);
    return i >= 0 ? new SymbolNode(names[i]) : n;
  });
  let terms = mathDerivative(stand, variable).toString();
  erfs.forEach((e, i) => {
    const g = (e as unknown as { args: MathNode[] }).args[0];
    const dFdE = mathDerivative(stand, names[i]).toString();
    const dg = mathDerivative(g, variable).toString();
    terms += ` + (${dFdE}) * 2 / sqrt(pi) * exp(-(${g})^2) * (${dg})`;
  });
  const back = parse(terms).transform((n) => {
    const i = n.type === "SymbolNode" ? names.indexOf((n as SymbolNode).name) : -1;
    return i >= 0 ? erfs[i] : n;
  });
  return simplify(back);
}

/**
 * The LaTeX of an expression, with Greek parameter names as Greek letters.
 *
 * @example
 * ```ts
 * import { texOf } from "./symbolic.ts";
 * import assert from "node:assert/strict";
 * assert.equal(texOf("alpha * x"), "\\alpha\\cdot x");
 * ```
 */
export function texOf(expression: Expression): string {
  return asNode(expression).toTex({ parenthesis: "auto", implicit: "hide" });
}
