/**
 * C6.1, "ReLU has the simplest code": read from the registry, how many parameters each
 * activation takes, which of them are learned, and whether its formula calls a transcendental
 * function (exp, log, tanh, erf, sqrt).
 *
 * @module
 */

import { getActivation } from "../activations/registry.ts";
import type { ActivationName } from "../activations/types.ts";
import { activationList, type Options, type OptionsInput, parseOptions } from "../options.ts";
import { listText } from "../display/list_text.ts";
import { type Finding, finding } from "./finding.ts";

/** The options of {@linkcode codeSimplicity}, with their defaults. */
export const CODE_SIMPLICITY_OPTIONS = {
  /** The activations read. */
  activations: activationList([
    "sigmoid",
    "tanh",
    "relu",
    "leakyRelu",
    "rrelu",
    "prelu",
    "elu",
    "selu",
    "gelu",
    "silu",
    "softplus",
  ]),
};

/** What {@linkcode codeSimplicity} takes. */
export type CodeSimplicityOptions = OptionsInput<typeof CODE_SIMPLICITY_OPTIONS>;

/** One activation's code, as the registry writes it. */
export interface CodeSimplicityRow {
  /** The registry name. */
  readonly activation: ActivationName;
  /** Its label. */
  readonly label: string;
  /** Its formula, the registry's expression. */
  readonly formula: string;
  /** Its parameters, comma-separated, or "none". */
  readonly parameters: string;
  /** How many parameters it takes. */
  readonly count: number;
  /** Its learned parameters, or "—". */
  readonly learnable: string;
  /** Whether the formula calls exp, log, tanh, erf or sqrt. */
  readonly transcendental: boolean;
}

/** What {@linkcode codeSimplicity} returns. */
export interface CodeSimplicityResult {
  /** The options used. */
  readonly options: Options<typeof CODE_SIMPLICITY_OPTIONS>;
  /** One row per activation, in the order given. */
  readonly rows: readonly CodeSimplicityRow[];
}

const TRANSCENDENTAL = /\b(exp|log|tanh|erf|sqrt)\b/;

/**
 * Reads each activation's formula and parameters from the registry.
 *
 * @example
 * ```ts
 * import { codeSimplicity } from "./code_simplicity.ts";
 * import assert from "node:assert/strict";
 * const [relu, elu] = codeSimplicity({ activations: ["relu", "elu"] }).rows;
 * assert.equal(relu.count + Number(relu.transcendental), 0);
 * assert.equal(elu.transcendental, true);
 * ```
 */
export function codeSimplicity(options?: CodeSimplicityOptions): CodeSimplicityResult {
  const o = parseOptions("codeSimplicity", options, CODE_SIMPLICITY_OPTIONS);
  const rows = o.activations.map((name): CodeSimplicityRow => {
    const a = getActivation(name);
    const params = Object.keys(a.params);
    return {
      activation: name,
      label: a.label,
      formula: a.expression,
      parameters: params.join(", ") || "none",
      count: params.length,
      learnable: a.learnable.join(", ") || "—",
      transcendental: TRANSCENDENTAL.test(a.expression),
    };
  });
  return { options: o, rows };
}

/**
 * The finding on C6.1's "simplest code": no parameter and no transcendental function.
 * - `"holds"`: ReLU is the only such activation;
 * - `"holds in part"`: ReLU is one of several;
 * - `"does not hold"`: ReLU is not one, while another is;
 * - `"inconclusive"`: ReLU is not among those read, or none is that simple.
 *
 * @example
 * ```ts
 * import { codeSimplicity, codeSimplicityFinding } from "./code_simplicity.ts";
 * import assert from "node:assert/strict";
 * assert.equal(codeSimplicityFinding(codeSimplicity()).verdict, "holds");
 * ```
 */
export function codeSimplicityFinding(result: CodeSimplicityResult): Finding {
  const claim = "C6.1 (code)";
  const article = "ReLU has the simplest code";
  const simplest = result.rows.filter((r) => r.count === 0 && !r.transcendental);
  const hasRelu = result.rows.some((r) => r.activation === "relu");
  const reluSimplest = simplest.some((r) => r.activation === "relu");
  const numbers = { simplest: simplest.length, read: result.rows.length };
  const names = listText(simplest.map((r) => r.label));
  const measured = `no parameter and no exp/log/tanh/erf: ${names || "none"}`;
  if (!hasRelu || simplest.length === 0) {
    const why = !hasRelu
      ? "ReLU is not among the activations read"
      : "no activation read is free of parameters and transcendental functions";
    return finding({
      claim,
      article,
      measured,
      verdict: "inconclusive",
      text: `Nothing to decide: ${why}.`,
      numbers,
    });
  }
  const params = listText(result.rows.filter((r) => r.count > 0).map((r) => r.label));
  const text = reluSimplest && simplest.length === 1
    ? `ReLU is the only one of the ${result.rows.length} activations with neither a parameter ` +
      `nor a transcendental function: one comparison forward, a step backward${
        params ? `; ${params} take parameters` : ""
      }.`
    : reluSimplest
    ? `ReLU shares the simplest code — no parameter, no transcendental function — with ${
      listText(simplest.filter((r) => r.activation !== "relu").map((r) => r.label))
    }.`
    : `${names} ${simplest.length === 1 ? "has" : "have"} simpler code than ReLU here.`;
  return finding({
    claim,
    article,
    measured,
    verdict: reluSimplest ? (simplest.length === 1 ? "holds" : "holds in part") : "does not hold",
    numbers,
    text,
  });
}
