import assert from "node:assert/strict";
import { Finding, finding, findingsTable, VERDICTS } from "../../lib/experiments/finding.ts";
import { jupyterDisplay } from "../../lib/display/jupyter.ts";

const base = {
  claim: "C2.1",
  article: "ReLU′ is 0 or 1",
  measured: "f′ ∈ {0, 1} on 10⁶ points",
  verdict: "holds" as const,
  text: "Every one of the 10⁶ derivatives is 0 or 1.",
  numbers: { points: 1e6, values: [0, 1], exact: true, note: "x = 0 counts as 0", none: null },
};

Deno.test("finding()", async (t) => {
  await t.step("keeps its parts, frozen, and shows as one Markdown paragraph", () => {
    const f = finding(base);
    assert.ok(f instanceof Finding);
    assert.equal(f.markdown, "**C2.1 · holds.** Every one of the 10⁶ derivatives is 0 or 1.");
    assert.deepEqual(f[jupyterDisplay](), {
      "text/markdown": f.markdown,
      "text/plain": f.markdown,
    });
    assert.ok(Object.isFrozen(f) && Object.isFrozen(f.numbers));
    assert.deepEqual(JSON.parse(JSON.stringify(f)).numbers, base.numbers);
  });
  await t.step("accepts every verdict and the claim forms of the brief", () => {
    for (const verdict of VERDICTS) assert.equal(finding({ ...base, verdict }).verdict, verdict);
    for (const claim of ["C0.1", "F3", "F2, F3", "C1.2 (tanh)", "C6.1, C6.2"]) {
      assert.equal(finding({ ...base, claim }).claim, claim);
    }
  });
  await t.step("rejects what cannot be a finding, saying what is wrong", () => {
    const cases: [Record<string, unknown>, ErrorConstructor, RegExp][] = [
      [{ claim: "2.1" }, RangeError, /claim must be an id such as "C1.2"/],
      [{ claim: "C2.1 holds" }, RangeError, /claim must be an id/],
      [
        { verdict: "true" },
        RangeError,
        /^finding C2.1: verdict must be one of "holds", "holds in part"/,
      ],
      [{ text: "" }, TypeError, /^finding C2.1: text must be a non-empty string/],
      [{ article: 3 }, TypeError, /article must be a non-empty string, got 3/],
      [{ measured: "ratio ${r}" }, RangeError, /measured has an unfilled value/],
      [{ text: "the ratio is undefined." }, RangeError, /text has an unfilled value/],
      [{ numbers: null }, TypeError, /numbers must be an object/],
      [{ numbers: { r: NaN } }, RangeError, /numbers.r is NaN/],
      [{ numbers: { r: -Infinity } }, RangeError, /numbers.r is -Infinity/],
      [{ numbers: { r: [1, NaN] } }, RangeError, /numbers.r is an array whose item 1 is NaN/],
      [{ numbers: { r: { a: 1 } } }, RangeError, /numbers.r is not a number, string, boolean/],
    ];
    for (const [change, type, message] of cases) {
      assert.throws(
        () => finding({ ...base, ...change } as never),
        (e: Error) => e instanceof type && message.test(e.message),
        JSON.stringify(change),
      );
    }
    assert.throws(() => finding(null as never), TypeError);
  });
  await t.step("a text may mention NaN (a diverged run), just not hold one", () => {
    assert.match(finding({ ...base, text: "The loss became NaN at epoch 2." }).text, /NaN/);
  });
});

Deno.test("findingsTable()", async (t) => {
  await t.step("one row per finding, pipes escaped, lines joined", () => {
    const a = finding(base);
    const b = finding({
      ...base,
      claim: "C2.4",
      article: "dead units | never recover",
      measured: "12 of 64\nunits dead",
      verdict: "holds in part",
    });
    const lines = findingsTable([a, b]).markdown.split("\n");
    assert.equal(lines.length, 4);
    assert.equal(lines[1], "| --- | --- | --- | --- |");
    assert.equal(
      lines[3],
      "| C2.4 | dead units \\| never recover | 12 of 64 units dead | **holds in part** |",
    );
    assert.equal(findingsTable([a])[jupyterDisplay]()["text/markdown"].split("\n").length, 3);
  });
  await t.step("only findings", () => {
    assert.throws(() => findingsTable([base as never]), TypeError);
    assert.throws(() => findingsTable("C2.1" as never), TypeError);
  });
});
