// Tests of `deno task notebooks:verdicts` (notebooks/tools/verdicts.ts) without a kernel: reading
// a findings table from saved outputs, moving the seeds, comparing verdicts, the report and the
// command line; and that every committed notebook has what the tool needs.
import assert from "node:assert/strict";
import { UsageError } from "../notebooks/tools/cli_args.ts";
import {
  cellSource,
  type Notebook,
  parametersCellIndex,
  parseParametersCell,
} from "../notebooks/tools/parameters.ts";
import {
  compareFindings,
  describeChanges,
  findingsOf,
  movedSeeds,
  parseVerdictArgs,
  reportTable,
  type TableRow,
} from "../notebooks/tools/verdicts.ts";
import nb00 from "../notebooks/00_ideal_properties.ipynb" with { type: "text" };
import nb01 from "../notebooks/01_sigmoid.ipynb" with { type: "text" };
import nb02 from "../notebooks/02_relu.ipynb" with { type: "text" };
import nb03 from "../notebooks/03_leaky_relu.ipynb" with { type: "text" };
import nb04 from "../notebooks/04_prelu.ipynb" with { type: "text" };
import nb05 from "../notebooks/05_elu.ipynb" with { type: "text" };
import nb06 from "../notebooks/06_choosing.ipynb" with { type: "text" };

const COMMITTED: Record<string, Notebook> = Object.fromEntries(
  Object.entries({ nb00, nb01, nb02, nb03, nb04, nb05, nb06 }).map(([k, t]) => [k, JSON.parse(t)]),
);

const HEADER = "| claim | the article says | we measured | verdict |\n| --- | --- | --- | --- |\n";

const withOutputs = (...markdown: (string | string[])[]): Notebook => ({
  metadata: {},
  cells: [
    { "cell_type": "markdown", source: "| claim | not an output |", metadata: {} },
    {
      "cell_type": "code",
      source: "",
      metadata: {},
      outputs: markdown.map((m) => ({
        "output_type": "display_data",
        data: { "text/markdown": m, "text/plain": "ignored" },
      })),
    },
  ],
});

const row = (claim: string, verdict: TableRow["verdict"]): TableRow => ({ claim, verdict });

Deno.test("verdicts: reading a findings table", async (t) => {
  await t.step("the rows of the last table, claims unescaped", () => {
    const first = HEADER + "| C1.1 | a | b | **holds** |";
    const last = HEADER +
      "| C4.1 (what α learns) | He: larger early | ρ 0.1 \\| 0.7 | **does not hold** |\n" +
      "| F2, F3 | chain | product | **holds in part** |\n" +
      "| C3.2 (a \\| b) | escape | 12 of 40 | **inconclusive** |\n";
    assert.deepEqual(findingsOf(withOutputs(first, last.split(/(?<=\n)/)), "nb"), [
      row("C4.1 (what α learns)", "does not hold"),
      row("F2, F3", "holds in part"),
      row("C3.2 (a | b)", "inconclusive"),
    ]);
  });

  await t.step("no table, or a row without a verdict, names the notebook", () => {
    assert.throws(
      () => findingsOf(withOutputs("**C1.1 · holds.** Not a table."), "01_sigmoid"),
      /^Error: 01_sigmoid: no saved output holds a findings table/,
    );
    assert.throws(
      () => findingsOf(withOutputs(HEADER + "| C1.1 | a | b | **maybe** |"), "01_sigmoid"),
      /01_sigmoid: findings row "\| C1\.1 \| a \| b \| \*\*maybe\*\* \|" ends in "maybe", not a verdict/,
    );
  });
});

Deno.test("verdicts: the seeds of the k-th run", async (t) => {
  const cell = parseParametersCell(
    "const SEED = 0; // digits\nconst COST_SEED = 1;\nconst SEEDS = [1, 2, 3, 4, 5];\n" +
      'const GAP_SEEDS = 6; // a count\nconst NAMES_SEEDS = ["a"];\nconst SEEDLING = 4;\n' +
      "const DERIVED_SEED = SEED + 1;\nconst ALPHA = 0.01;",
  );

  await t.step("numbers move by k, arrays by k times their length, counts stay", () => {
    assert.deepEqual(movedSeeds(cell, 1), [["SEED", 1], ["COST_SEED", 2], ["SEEDS", [
      6,
      7,
      8,
      9,
      10,
    ]]]);
    assert.deepEqual(movedSeeds(cell, 2), [["SEED", 2], ["COST_SEED", 3], ["SEEDS", [
      11,
      12,
      13,
      14,
      15,
    ]]]);
  });

  await t.step("no seed parameter, and a bad k", () => {
    assert.deepEqual(movedSeeds(parseParametersCell("const ALPHA = 1;"), 1), []);
    for (const k of [0, 1.5, NaN]) {
      assert.throws(() => movedSeeds(cell, k), /movedSeeds: run k must be a whole number ≥ 1/);
    }
  });
});

Deno.test("verdicts: comparing two tables", async (t) => {
  const base = [
    row("F7", "holds"),
    row("C2.4", "holds"),
    row("C4.1", "does not hold"),
    row("C3.2", "inconclusive"),
    row("C1.3", "holds in part"),
  ];

  await t.step("the same verdicts: no change", () => {
    assert.deepEqual(compareFindings(base, [...base].reverse()), []);
    assert.equal(describeChanges([]), "none");
  });

  await t.step("a step is a move; holds ↔ does not hold is a reversal", () => {
    const run = [
      row("F7", "holds in part"),
      row("C2.4", "does not hold"),
      row("C4.1", "inconclusive"),
      row("C3.2", "holds"),
      row("C1.3", "holds in part"),
    ];
    const changes = compareFindings(base, run);
    assert.deepEqual(changes.map((c) => [c.claim, c.kind]), [
      ["F7", "moved"],
      ["C2.4", "reversed"],
      ["C4.1", "moved"],
      ["C3.2", "moved"],
    ]);
    assert.equal(
      describeChanges(changes.slice(0, 2)),
      "F7: holds → holds in part; **reversed** C2.4: holds → does not hold",
    );
  });

  await t.step("a claim lost or gained is a reversal", () => {
    const changes = compareFindings(base.slice(0, 4), [...base.slice(1, 4), row("C9.9", "holds")]);
    assert.deepEqual(changes, [
      { claim: "F7", from: "holds", to: null, kind: "reversed" },
      { claim: "C9.9", from: null, to: "holds", kind: "reversed" },
    ]);
    assert.equal(
      describeChanges(changes),
      "**reversed** F7: holds → (missing); **reversed** C9.9: (missing) → holds",
    );
  });

  await t.step("the report: one row per notebook, one column per run", () => {
    const table = reportTable([
      {
        name: "02_relu",
        verdicts: 12,
        runs: [{ set: "SEED 1", changes: [] }, {
          set: "SEED 2",
          changes: [{ claim: "F7", from: "holds", to: "holds in part", kind: "moved" }],
        }],
      },
      { name: "07_x", verdicts: 1, runs: [{ set: "no seed parameter", changes: "not run" }] },
    ]);
    assert.equal(
      table,
      "| notebook | verdicts | run 1 | run 2 |\n| --- | --- | --- | --- |\n" +
        "| 02_relu | 12 | SEED 1: none | SEED 2: F7: holds → holds in part |\n" +
        "| 07_x | 1 | no seed parameter: not run |",
    );
  });
});

Deno.test("verdicts: the command line", () => {
  assert.deepEqual(parseVerdictArgs([]), { notebooks: [], runs: 2, help: false });
  assert.equal(parseVerdictArgs(["04_prelu", "--help"]).help, true);
  assert.deepEqual(parseVerdictArgs(["04_prelu", "--runs", "3", "05_elu"]), {
    notebooks: ["04_prelu", "05_elu"],
    runs: 3,
    help: false,
  });
  assert.deepEqual(parseVerdictArgs(["--runs=1"]).runs, 1);
  for (const bad of [["--runs"], ["--runs", "0"], ["--runs=11"], ["--runs", "1.5"]]) {
    assert.throws(() => parseVerdictArgs(bad), (e) => {
      assert.ok(e instanceof UsageError);
      assert.match(e.message, /^--runs .*: give a whole number of runs from 1 to 10$/);
      return true;
    });
  }
  assert.throws(() => parseVerdictArgs(["--seed", "3"]), /unknown option --seed/);
});

Deno.test("verdicts: every committed notebook has a findings table and a seed to move", () => {
  // Imported as text modules, so the test needs no read permission.
  for (const [name, nb] of Object.entries(COMMITTED)) {
    assert.ok(findingsOf(nb, name).length >= 3, name);
    const at = parametersCellIndex(nb);
    assert.ok(at >= 0, `${name} has a parameters cell`);
    assert.ok(movedSeeds(parseParametersCell(cellSource(nb.cells[at])), 1).length, name);
  }
});
