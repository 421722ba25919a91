import assert from "node:assert/strict";
import { smallMultiples } from "../lib/mod.ts";

const x = [-1, 0, 1];
const panels = [
  { name: "A", x, y: [0, 1, 2] },
  { name: "B", x, y: [1, 2, 3] },
  { name: "C", x, y: [NaN, 1, 1] },
];

Deno.test("smallMultiples()", async (t) => {
  await t.step("a panel per series, with its name, in rows of `columns`", () => {
    const fig = smallMultiples({
      title: "Three",
      panels,
      columns: 2,
      x: { label: "x", domain: [-1, 1], ticks: [0] },
      y: { label: "y", ticks: [1] },
      labelAnchor: "top-right",
      caption: "Note.",
    });
    assert.equal(fig.title, "Three");
    for (const name of ["A", "B", "C"]) assert.match(fig.html, new RegExp(`>${name}<`));
    assert.equal(fig.caption, "Note. 1 non-finite value not drawn.");
  });
  await t.step("a log axis leaves out values ≤ 0 and counts them per panel", () => {
    const fig = smallMultiples({
      title: "Log",
      panels: [{ name: "A", x, y: [0, 0, 1] }, { name: "B", x, y: [-1, 1, 1] }],
      x: { label: "x" },
      y: { label: "y", type: "log" },
      labelAnchor: "bottom",
    });
    assert.match(fig.caption ?? "", /^3 values ≤ 0 not drawn on the log y axis \(A: 2, B: 1\)\.$/);
    assert.doesNotMatch(fig.html, /NaN/);
  });
  await t.step("bad options are clear errors", () => {
    const base = { title: "T", panels, x: { label: "x" }, y: { label: "y" } };
    assert.throws(() => smallMultiples({ ...base, title: "" }), /a title is required/);
    assert.throws(() => smallMultiples({ ...base, panels: [] }), /panels must be a non-empty/);
    assert.throws(() => smallMultiples({ ...base, y: { label: "" } }), /y\.label is required/);
    assert.throws(() => smallMultiples({ ...base, columns: 0 }), /columns must be an integer ≥ 1/);
    assert.throws(() => smallMultiples({ ...base, rowHeight: 10 }), /rowHeight must be/);
    assert.throws(
      () => smallMultiples({ ...base, panels: [panels[0], panels[0]] }),
      /two panels are named "A"/,
    );
    assert.throws(
      () => smallMultiples({ ...base, panels: [{ name: "", x, y: x }] }),
      /every panel needs a non-empty name/,
    );
    assert.throws(
      () => smallMultiples({ ...base, panels: [{ name: "A", x, y: [1] }] }),
      /panel "A" needs as many y values as x values/,
    );
    assert.throws(
      () => smallMultiples({ ...base, panels: [{ name: "A", x, y: "123" as never }] }),
      /panel "A" y must be an array of numbers/,
    );
  });
});
