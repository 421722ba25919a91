import assert from "node:assert/strict";
import {
  activationComparison,
  type ActivationComparisonResult,
  choosingGuide,
  codeSimplicity,
  kernelCost,
} from "../../lib/experiments/mod.ts";

Deno.test("choosingGuide()", async (t) => {
  const cost = await kernelCost({
    activations: ["relu", "elu"],
    size: 2 ** 12,
    rounds: 3,
    stepHidden: [4],
    stepBatch: 2,
  });
  const comparison = await activationComparison({
    activations: ["relu", "elu"],
    seeds: [1, 2],
    train: 40,
    test: 20,
    hidden: [4],
    small: 20,
  });
  const code = codeSimplicity();
  const guide = choosingGuide({ cost, code, comparison });
  await t.step("six findings in the article's order, and a signature of their verdicts", () => {
    assert.deepEqual(guide.findings.map((f) => f.claim), [
      "C6.1 (cost)",
      "C6.1 (code)",
      "C6.1 (first model)",
      "C6.2",
      "C6.3 (order)",
      "C6.3 (data)",
    ]);
    assert.equal(guide.signature.split("; ").length, 6);
  });
  await t.step("three recommendation lines, whatever the verdicts", () => {
    const lines = guide.recommendation.markdown.split("\n");
    assert.equal(lines.length, 3);
    assert.match(lines[1], /^- \*\*LeakyReLU or ELU next\*\*: .* \(C6\.2 [a-z ]+\)\.$/);
    assert.match(lines[2], /PReLU's small-data penalty: (seen|not seen)/);
  });
  await t.step("the first line follows the first-model verdict", () => {
    const relu = comparison.summaries[0];
    const worse = (d: number) => relu.errors.map((e, i) => e + d + i * 1e-4);
    const beaten: ActivationComparisonResult = {
      ...comparison,
      summaries: [
        relu,
        ...["elu", "gelu"].map((a) => ({
          ...relu,
          activation: a as "elu",
          label: a,
          errors: worse(-0.05),
          interval: { ...relu.interval, mean: relu.interval.mean - 0.05 },
          vsRelu: { ...relu.vsRelu, verdict: "better" as const },
        })),
      ],
    };
    const g = choosingGuide({ cost, code, comparison: beaten });
    assert.match(g.recommendation.markdown, /^- \*\*ReLU is a cheap start, not the best\*\*: half/);
    const alone = choosingGuide({
      cost,
      code,
      comparison: { ...comparison, summaries: [relu] },
    });
    assert.match(alone.recommendation.markdown, /^- \*\*Start with ReLU\*\*: nothing here/);
  });
});
