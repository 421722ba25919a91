import assert from "node:assert/strict";
import {
  codeSimplicity,
  codeSimplicityFinding,
  type CodeSimplicityResult,
} from "../../lib/experiments/code_simplicity.ts";
import { assertDeterministic, assertOptionErrors, commonOptionCases } from "./_check.ts";

Deno.test("codeSimplicity()", async (t) => {
  const r = codeSimplicity();
  await t.step("a row per activation, read from the registry", () => {
    assert.equal(r.rows.length, 11);
    const prelu = r.rows.find((x) => x.activation === "prelu")!;
    assert.equal(prelu.parameters, "alpha");
    assert.equal(prelu.learnable, "alpha");
    assert.equal(r.rows.find((x) => x.activation === "gelu")!.transcendental, true);
  });
  await t.step("the claim's property: ReLU has no parameter and no transcendental", () => {
    const relu = r.rows.find((x) => x.activation === "relu")!;
    assert.equal(relu.count, 0);
    assert.equal(relu.transcendental, false);
    assert.equal(relu.parameters, "none");
  });
  await t.step("deterministic, and bad options are clear errors", async () => {
    await assertDeterministic(() => codeSimplicity({ activations: ["elu"] }));
    await assertOptionErrors("codeSimplicity", codeSimplicity, [
      ...commonOptionCases("activations"),
      [{ activations: [] }, RangeError, 'option "activations" must be an array of 1 or more'],
      [{ activations: ["swish"] }, RangeError, 'item 0 is "swish"'],
    ]);
  });
});

const row = (label: string, count: number, transcendental: boolean) => ({
  activation: (label === "ReLU" ? "relu" : label.toLowerCase()) as "relu",
  label,
  formula: "",
  parameters: count ? "a" : "none",
  count,
  learnable: "—",
  transcendental,
});
const made = (rows: ReturnType<typeof row>[]): CodeSimplicityResult => ({
  options: { activations: [] },
  rows,
});

Deno.test("codeSimplicityFinding()", async (t) => {
  await t.step("holds: ReLU alone", () => {
    const f = codeSimplicityFinding(codeSimplicity());
    assert.equal(f.claim, "C6.1 (code)");
    assert.equal(f.verdict, "holds");
    assert.match(f.text, /^ReLU is the only one of the 11 activations .*; LeakyReLU, RReLU/);
  });
  await t.step("holds in part: ReLU and another", () => {
    const f = codeSimplicityFinding(made([row("ReLU", 0, false), row("Abs", 0, false)]));
    assert.equal(f.verdict, "holds in part");
    assert.match(f.text, /shares the simplest code .* with Abs\.$/);
  });
  await t.step("does not hold: another, not ReLU", () => {
    const f = codeSimplicityFinding(made([row("ReLU", 1, false), row("Abs", 0, false)]));
    assert.equal(f.verdict, "does not hold");
    assert.equal(f.text, "Abs has simpler code than ReLU here.");
  });
  await t.step("inconclusive: no ReLU, or none that simple", () => {
    const none = codeSimplicityFinding(made([row("ReLU", 1, false)]));
    assert.equal(none.verdict, "inconclusive");
    const noRelu = codeSimplicityFinding(codeSimplicity({ activations: ["elu"] }));
    assert.match(noRelu.text, /ReLU is not among the activations read/);
  });
});
