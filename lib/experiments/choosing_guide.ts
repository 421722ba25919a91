/**
 * The article's recipe for choosing an activation (C6.1–C6.3), line by line against the
 * measurements of {@linkcode kernelCost}, {@linkcode codeSimplicity} and
 * {@linkcode activationComparison}: one finding per piece of advice, and a recommendation
 * that follows from their verdicts.
 *
 * @module
 */

import { Markdown } from "../display/markdown.ts";
import {
  type ActivationComparisonResult,
  leakyOrEluFinding,
  preluDataFinding,
  reluFirstFinding,
  rreluPreluFinding,
} from "./activation_comparison.ts";
import { codeSimplicityFinding, type CodeSimplicityResult } from "./code_simplicity.ts";
import { kernelCostFinding, type KernelCostResult } from "./kernel_cost.ts";
import type { Finding } from "./finding.ts";

/** What {@linkcode choosingGuide} reads: the three experiments' results. */
export interface ChoosingGuideInput {
  /** The kernel timings. */
  readonly cost: KernelCostResult;
  /** The registry's formulas. */
  readonly code: CodeSimplicityResult;
  /** The trained comparison. */
  readonly comparison: ActivationComparisonResult;
}

/** The guide: the findings in the article's order, and the recommendation they lead to. */
export interface ChoosingGuide {
  /** One finding per piece of advice: cost, code, first model, C6.2, C6.3 order, C6.3 data. */
  readonly findings: readonly Finding[];
  /** Three lines of Markdown, one per step of the recipe. */
  readonly recommendation: Markdown;
  /** The verdicts alone, "C6.1 (cost): holds; …", to compare two runs of the notebook. */
  readonly signature: string;
}

const STEP = {
  "holds": "worth trying next here",
  "holds in part": "worth it only in part",
  "does not hold": "not worth it here",
  "inconclusive": "no clear difference either way here",
} as const;

/**
 * The article's advice, each line decided by its finding, and a recommendation from the
 * verdicts.
 *
 * @example
 * ```ts
 * import { activationComparison, choosingGuide, codeSimplicity, kernelCost } from "./mod.ts";
 * import assert from "node:assert/strict";
 * const cost = await kernelCost({ activations: ["relu"], size: 256, rounds: 2, stepHidden: [4], stepBatch: 2 });
 * const comparison = await activationComparison({ activations: ["relu"], seeds: [1, 2], train: 40, test: 20, hidden: [4], small: 20 });
 * const guide = choosingGuide({ cost, code: codeSimplicity(), comparison });
 * assert.equal(guide.findings.length, 6);
 * assert.match(guide.signature, /^C6\.1 \(cost\): inconclusive; C6\.1 \(code\): holds;/);
 * ```
 */
export function choosingGuide(input: ChoosingGuideInput): ChoosingGuide {
  const [cost, code, first, second, third, data] = [
    kernelCostFinding(input.cost),
    codeSimplicityFinding(input.code),
    reluFirstFinding(input.comparison),
    leakyOrEluFinding(input.comparison),
    rreluPreluFinding(input.comparison),
    preluDataFinding(input.comparison),
  ];
  const findings = [cost, code, first, second, third, data];
  const why = [
    cost.verdict === "holds" ? "no kernel is cheaper" : null,
    code.verdict === "holds" ? "its code is the simplest" : null,
  ].filter((s) => s !== null);
  const start = first.verdict === "holds"
    ? `**Start with ReLU**: no activation beats its test error clearly${
      why.length ? `, ${why.join(" and ")}` : ""
    }.`
    : first.verdict === "inconclusive"
    ? "**Start with ReLU**: nothing here was compared with it."
    : `**ReLU is a cheap start, not the best**: ${
      first.verdict === "holds in part" ? "some" : "half or more"
    } of the others beat its test error clearly.`;
  const recommendation = new Markdown(
    [
      `- ${start}`,
      `- **LeakyReLU or ELU next**: ${STEP[second.verdict]} (C6.2 ${second.verdict}).`,
      `- **RReLU and PReLU after that**: ${STEP[third.verdict]} (C6.3 ${third.verdict}); ` +
      `PReLU's small-data penalty: ${
        data.verdict === "holds" || data.verdict === "holds in part" ? "seen" : "not seen"
      } (${data.verdict}).`,
    ].join("\n"),
  );
  const signature = findings.map((f) => `${f.claim}: ${f.verdict}`).join("; ");
  return { findings, recommendation, signature };
}
