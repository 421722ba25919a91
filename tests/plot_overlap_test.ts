import assert from "node:assert/strict";
import { lineChart, markOverlaps, overlappingSeries } from "../lib/mod.ts";

const x = [0, 1, 2, 3];

Deno.test("overlappingSeries: near-identical lines within 1 % of the y range are found", () => {
  const pairs = overlappingSeries([
    { name: "a", x, y: [2.4, 1.7, 0.9, 0.2855] },
    { name: "b", x, y: [2.4, 1.71, 0.905, 0.2845] }, // gap 0.01 of a 2.2 range: 0.45 %
    { name: "c", x, y: [2.4, 1.5, 0.7, 0.2] },
  ]);
  assert.equal(pairs.length, 1);
  assert.equal(pairs[0].under, "a");
  assert.equal(pairs[0].over, "b");
  assert.ok(Math.abs(pairs[0].maxGap - 0.01) < 1e-12);
  assert.ok(Math.abs(pairs[0].relativeGap - 0.01 / 2.2) < 1e-12);
});

Deno.test("overlappingSeries: lines that part are hidden only where they coincide", () => {
  const series = [
    { name: "a", x, y: [0, 0.5, 0.5, 1] },
    { name: "b", x, y: [0, 0.5, 0.53, 1] }, // 3 % of the range at x = 2
  ];
  const [pair] = overlappingSeries(series);
  assert.equal(pair.full, false);
  assert.deepEqual(pair.stretches, [[0, 1]]); // 1…2 and 2…3 are apart
  assert.equal(pair.maxGap, 0);
  assert.ok(overlappingSeries(series, { tolerance: 0.05 })[0].full);
  // Two separate stretches; a single shared point is no hidden line.
  const twice = overlappingSeries([
    { name: "a", y: [0, 0, 1, 1, 1, 0, 0.5] },
    { name: "b", y: [0, 0, 0, 1, 1, 1, 0.5] },
  ]);
  assert.deepEqual(twice[0].stretches, [[0, 1], [3, 4]]);
  // They coincide over 2 of the 6 units of x: counted unless a larger coverage is asked for.
  assert.equal(
    overlappingSeries([{ name: "a", y: [0, 0, 1, 1, 1, 0, 0.5] }, {
      name: "b",
      y: [0, 0, 0, 1, 1, 1, 0.5],
    }], { minCoverage: 0.4 }).length,
    0,
  );
  assert.deepEqual(
    overlappingSeries([{ name: "a", y: [0, 1, 0] }, { name: "b", y: [1, 1, 1] }]),
    [],
  );
});

Deno.test("overlappingSeries: identical series, missing values, other x, a given domain", () => {
  const same = overlappingSeries([{ name: "a", x, y: [1, 1, 1, 1] }, {
    name: "b",
    x,
    y: [1, 1, 1, 1],
  }]);
  assert.deepEqual(same, [
    { under: "a", over: "b", full: true, stretches: [[0, 3]], maxGap: 0, relativeGap: 0 },
  ]);
  // NaN in one series only: not the same line; NaN in both at the same point: still the same.
  assert.deepEqual(
    overlappingSeries([{ name: "a", y: [0, NaN, 1] }, { name: "b", y: [0, 0.5, 1] }]),
    [],
  );
  const gaps = overlappingSeries([
    { name: "a", y: [0, 0.5, NaN, 1, 1] },
    { name: "b", y: [0, 0.5, NaN, 1, 1] },
  ]);
  assert.ok(gaps[0].full);
  assert.deepEqual(gaps[0].stretches, [[0, 1], [3, 4]]);
  // A one-point series: hidden when its point is.
  assert.equal(overlappingSeries([{ name: "a", y: [1] }, { name: "b", y: [1] }]).length, 1);
  // Different x, or different lengths: never the same line.
  assert.deepEqual(
    overlappingSeries([{ name: "a", x: [0, 1], y: [0, 1] }, { name: "b", x: [0, 2], y: [0, 1] }]),
    [],
  );
  assert.deepEqual(overlappingSeries([{ name: "a", y: [0, 1] }, { name: "b", y: [0, 1, 2] }]), []);
  // A wider given domain makes the same gap relatively smaller.
  const near = [{ name: "a", y: [0, 1] }, { name: "b", y: [0, 0.98] }];
  assert.deepEqual(overlappingSeries(near), []);
  assert.equal(overlappingSeries(near, { domain: [0, 10] }).length, 1);
  // Constant but different series on a zero range: apart.
  assert.deepEqual(overlappingSeries([{ name: "a", y: [1, 1] }, { name: "b", y: [1.5, 1.5] }]), []);
  assert.throws(() => overlappingSeries(near, { tolerance: -1 }), /tolerance/);
});

Deno.test("overlappingSeries: on a log axis the gaps are measured in decades", () => {
  const apart = [
    { name: "a", x: [0, 1, 2], y: [1, 1e-2, 1e-4] },
    { name: "b", x: [0, 1, 2], y: [1, 1e-2, 3e-4] }, // 0.0002 of 1; but 0.48 decade of 4
  ];
  assert.ok(overlappingSeries(apart)[0].full);
  const logApart = overlappingSeries(apart, { type: "log" })[0];
  assert.equal(logApart.full, false);
  assert.deepEqual(logApart.stretches, [[0, 1]]);
  const near = [
    { name: "a", x: [0, 1, 2], y: [1, 1e-2, 1e-4] },
    { name: "b", x: [0, 1, 2], y: [1, 1.05e-2, 1e-4] }, // 0.021 decade of 4: 0.53 %
  ];
  assert.equal(overlappingSeries(near, { type: "log" }).length, 1);
});

Deno.test("markOverlaps: dashes the covering line, says so, and the chart draws it", () => {
  const { series, note, overlaps } = markOverlaps([
    { name: "ReLU", x, y: [2.4, 1.7, 0.9, 0.2855] },
    { name: "LeakyReLU α=0.01", x, y: [2.4, 1.71, 0.905, 0.2845] },
    { name: "LeakyReLU α=0.1", x, y: [2.4, 1.5, 0.7, 0.2] },
  ]);
  assert.equal(overlaps.length, 1);
  assert.deepEqual(series.map((s) => s.dashed ?? false), [false, true, false]);
  assert.equal(
    note,
    "ReLU and LeakyReLU α=0.01 differ by at most 0.01 (0.45 % of the y range), so " +
      "LeakyReLU α=0.01 is drawn dashed over ReLU.",
  );
  const fig = lineChart({ title: "Loss", series, x: { label: "epoch" }, y: { label: "loss" } });
  assert.equal((fig.html.match(/stroke-dasharray="6,4"/g) ?? []).length, 1);
  assert.equal(markOverlaps([{ name: "a", y: [0, 1] }, { name: "b", y: [1, 0] }]).note, "");
  const three = markOverlaps([
    { name: "a", y: [0, 1] },
    { name: "b", y: [0, 1] },
    { name: "c", y: [0, 1] },
  ]);
  assert.equal(
    three.note,
    "A and b are identical; a and c are identical; b and c are identical, so b and c are " +
      "drawn dashed over a and b.",
  );
  const log = markOverlaps(
    [{ name: "a", y: [1, 1e-2] }, { name: "b", y: [1, 1.01e-2] }],
    { type: "log" },
  );
  assert.match(log.note, /in log₁₀ y/);
  assert.match(
    markOverlaps([{ name: "a", x: [-2, -1, 0], y: [0, 0, 1] }, {
      name: "b",
      x: [-2, -1, 0],
      y: [0, 0, 0],
    }]).note,
    /^A and b are identical from x = −2 to −1, so b/,
  );
  const rounding = markOverlaps([
    { name: "mean of draws", y: [0.1 + 0.2, 1] },
    { name: "evaluation", y: [0.3, 1] },
  ]);
  assert.equal(
    rounding.note,
    "Mean of draws and evaluation are identical to rounding, so evaluation is drawn dashed " +
      "over mean of draws.",
  );
  const partial = markOverlaps([
    { name: "ReLU", x: [0, 1, 2, 3], y: [0.5, 0.5, 0.5, 0.5] },
    { name: "Leaky", x: [0, 1, 2, 3], y: [0.5, 0.5, 0.48, 0.48] },
    { name: "Leaky 0.1", x: [0, 1, 2, 3], y: [0.5, 0.42, 0.4, 0.38] },
  ], { xName: "epoch" });
  assert.equal(
    partial.note,
    "ReLU and Leaky are identical from epoch 0 to 1, so Leaky is drawn dashed over ReLU.",
  );
});
