import assert from "node:assert/strict";
import {
  activationNames,
  activations,
  barChart,
  decisionBoundary,
  type Figure,
  figure,
  heatmap,
  histogram,
  imageGrid,
  jupyterDisplay,
  lineChart,
  lossContours,
  plotActivation,
  plotActivationGrid,
  plotHistory,
  saturatedRegions,
} from "../lib/mod.ts";
import * as Plot from "@observablehq/plot";

/** The checks every figure must pass: title, svg, bundle, no warnings, theme-neutral. */
function assertFigure(fig: Figure, title: string): void {
  assert.equal(fig.title, title);
  const bundle = fig[jupyterDisplay]();
  assert.deepEqual(Object.keys(bundle).sort(), ["text/html", "text/plain"]);
  assert.equal(bundle["text/plain"], `${title} (figure)`);
  assert.match(bundle["text/html"], /^<figure[^>]*>[^]*<svg[^>]*>[^]*<\/svg>[^]*<\/figure>$/);
  assert.ok(bundle["text/html"].includes(escapeHtml(title)), "the title is in the HTML");
  assert.ok(!bundle["text/html"].includes("\u26a0"), "Plot drew no warning sign");
  assert.doesNotMatch(bundle["text/html"], /NaN/);
  // Light and dark themes: no hard-coded black or white text, strokes or backgrounds.
  assert.doesNotMatch(
    bundle["text/html"],
    /(?<![-\w])(fill|stroke|color|background)(="|:\s*)(white|black|#fff\b|#ffffff|#000\b|#000000)/i,
  );
  assert.match(bundle["text/html"], /background:\s*transparent/);
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The legend's swatch labels (Plot draws them as HTML spans above the svg). */
function swatches(fig: Figure): string[] {
  return Array.from(fig.element.querySelectorAll("span[class*=swatch]")).map((s) =>
    (s.textContent ?? "").trim()
  );
}

/** The texts of a Plot axis label group, e.g. "x-axis label". */
function axisLabel(fig: Figure, axis: string): string {
  const g = fig.element.querySelector(`g[aria-label="${axis}-axis label"]`);
  return (g?.textContent ?? "").trim();
}

/** The rects of the shading of saturated regions, as [x, width] in pixels. */
function shadedRects(fig: Figure): Array<[number, number]> {
  const g = fig.element.querySelector('g[aria-label="rect"]');
  return Array.from(g?.querySelectorAll("rect") ?? []).map((r) => [
    Number(r.getAttribute("x")),
    Number(r.getAttribute("width")),
  ]);
}

Deno.test("figure()", async (t) => {
  const fig = figure({
    title: "Dots & <lines>",
    caption: "Source: made up.",
    x: { label: "x (m)" },
    y: { label: "y (s)" },
    marks: [Plot.dot([[0, 0], [1, 2]])],
  });

  await t.step("shows as HTML in Jupyter, with the title and labelled axes", () => {
    assertFigure(fig, "Dots & <lines>");
    assert.equal(axisLabel(fig, "x"), "x (m) →");
    assert.equal(axisLabel(fig, "y"), "↑ y (s)");
    assert.match(fig.html, /<figcaption[^>]*>Source: made up.<\/figcaption>/);
    assert.equal(String(fig), "Dots & <lines> (figure)");
  });

  await t.step("a missing or empty title is a TypeError", () => {
    assert.throws(() => figure({ marks: [] } as never), {
      name: "TypeError",
      message: /figure: a title is required \(options.title, a non-empty string\), got none/,
    });
    assert.throws(() => figure({ title: "  " }), /a title is required/);
  });

  await t.step(".svg is a standalone, self-describing SVG document", () => {
    const svg = fig.svg;
    assert.match(
      svg,
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/,
    );
    assert.match(svg, /<title>Dots &amp; &lt;lines&gt;<\/title>/);
    assert.match(svg, /<text[^>]*font-weight="600">Dots &amp; &lt;lines&gt;<\/text>/);
    assert.match(svg, /<desc>Source: made up.<\/desc>/);
    assert.match(svg, /<text[^>]*>Source: made up.<\/text>/);
    assert.match(svg, /fill="currentColor"/);
    assert.ok(!svg.includes("<figure") && !svg.includes("<div") && !svg.includes("<span"));
    // Well-formed XML as far as entities go: only the five XML entities.
    assert.doesNotMatch(svg, /&(?!amp;|lt;|gt;|quot;|apos;|#)/);
  });

  await t.step(".svg redraws a legend in SVG", () => {
    const legend = lineChart({
      title: "Two",
      series: [{ name: "a", x: [0, 1], y: [0, 1] }, { name: "b", x: [0, 1], y: [1, 0] }],
      x: { label: "x" },
      y: { label: "y" },
    }).svg;
    assert.match(legend, /<svg[^>]*fill="#4e79a7"[^>]*>[^]*<text[^>]*>a<\/text>/);
    assert.match(legend, /<text[^>]*>b<\/text>/);
  });

  await t.step("geometry is rounded; no path loses a marked vertex", () => {
    const f = lineChart({
      title: "Flat",
      series: [{ name: "s", x: [0, 1, 2, 3], y: [1, 1, 1, 2] }],
      x: { label: "x" },
      y: { label: "y" },
    });
    assert.doesNotMatch(f.html, / (d|transform|x|y|x1|x2|y1|y2)="[^"]*\d\.\d{3}/);
    const d = f.element.querySelector('g[aria-label="line"] path')!.getAttribute("d")!;
    assert.equal(d.split("L").length, 4, "a line with a dot per point keeps its four vertices");
    const plain = lineChart({
      title: "Flat",
      series: [{ name: "s", x: [0, 1, 2, 3], y: [1, 1, 1, 2] }],
      x: { label: "x" },
      y: { label: "y" },
      markers: false,
    });
    const d2 = plain.element.querySelector('g[aria-label="line"] path')!.getAttribute("d")!;
    assert.equal(d2.split("L").length, 3, "a straight run keeps only its ends");
  });

  const write = (await Deno.permissions.query({ name: "write" })).state === "granted";
  await t.step({
    name: "save() writes the SVG (needs write permission)",
    ignore: !write,
    fn: async () => {
      const path = await Deno.makeTempFile({ suffix: ".svg" });
      try {
        await fig.save(path);
        assert.equal(await Deno.readTextFile(path), fig.svg);
      } finally {
        await Deno.remove(path);
      }
    },
  });
});

Deno.test("saturatedRegions()", async (t) => {
  await t.step("agrees with every registry entry's declared saturation on [-6, 6]", () => {
    for (const name of activationNames) {
      const { regions } = saturatedRegions(name);
      const left = regions.some(([a]) => a === -6);
      const right = regions.some(([, b]) => b === 6);
      assert.deepEqual({ left, right }, { ...activations[name].saturation }, name);
    }
  });

  await t.step("computes the threshold from df: 5 % of max |f′|", () => {
    const s = saturatedRegions("sigmoid");
    assert.equal(s.maxSlope, 0.25);
    assert.equal(s.threshold, 0.0125);
    // σ′(x) = 0.0125 at |x| ≈ 4.36.
    assert.ok(Math.abs(s.regions[0][1] + 4.36) < 0.02 && Math.abs(s.regions[1][0] - 4.36) < 0.02);
    assert.deepEqual(saturatedRegions("sigmoid", { threshold: 1e-9 }).regions, []);
    assert.equal(saturatedRegions("tanh", { relative: 0.5 }).threshold, 0.5);
  });

  await t.step("a small constant slope is not saturation; a zero slope is", () => {
    assert.deepEqual(saturatedRegions("leakyRelu").regions, []);
    assert.deepEqual(saturatedRegions("leakyRelu", { params: { alpha: 0 } }).regions, [[-6, 0]]);
    assert.deepEqual(saturatedRegions("relu", { domain: [1, 3] }).regions, []);
  });

  await t.step("bad input throws", () => {
    assert.throws(() => saturatedRegions("relu6"), /unknown activation "relu6"/);
    assert.throws(() => saturatedRegions("relu", { domain: [2, 1] }), RangeError);
    assert.throws(() => saturatedRegions("relu", { points: 2 }), /points must be an integer ≥ 3/);
    assert.throws(() => saturatedRegions("relu", { threshold: -1 }), /threshold must be/);
    assert.throws(() => saturatedRegions(42 as never), /expected an activation name or registry/);
  });
});

Deno.test("plotActivation()", async (t) => {
  await t.step("f and f′ with a legend, labelled axes and a rule at 0", () => {
    const fig = plotActivation("sigmoid");
    assertFigure(fig, "Sigmoid: f and f′ on [−6, 6]");
    assert.deepEqual(swatches(fig), ["f(x)", "f′(x)"]);
    assert.equal(axisLabel(fig, "x"), "x (pre-activation) →");
    assert.equal(axisLabel(fig, "y"), "↑ f(x), f′(x)");
    assert.ok(fig.element.querySelector('g[aria-label="rule"]'));
    assert.equal(fig.element.querySelectorAll('g[aria-label="line"] path').length, 2);
  });

  await t.step("sigmoid is shaded on both sides", () => {
    const fig = plotActivation("sigmoid");
    const rects = shadedRects(fig);
    assert.equal(rects.length, 2);
    assert.equal(rects[0][0], 40, "the left region starts at the frame's left edge");
    assert.match(
      fig.caption!,
      /Shaded: saturated, where \|f′\(x\)\| < 0.0125 \(5 % of its maximum 0.25/,
    );
    assert.equal(fig.html.match(/>saturated</g)?.length, 2);
  });

  await t.step("relu is shaded on the left only, up to 0", () => {
    const fig = plotActivation("relu");
    const rects = shadedRects(fig);
    assert.equal(rects.length, 1);
    assert.equal(rects[0][0], 40);
    assert.equal(rects[0][0] + rects[0][1], 330, "x = 0 is the middle of the 40–620 px frame");
  });

  await t.step("leakyRelu is not shaded, and the caption says why", () => {
    const fig = plotActivation("leakyRelu");
    assert.equal(shadedRects(fig).length, 0);
    assert.match(fig.caption!, /No saturated region: nowhere is \|f′\(x\)\| < 0.05/);
  });

  await t.step("options: params in the title, own title, domain, no shading, entry", () => {
    const elu = plotActivation("elu", { params: { alpha: 0.5 }, domain: [-3, 3] });
    assertFigure(elu, "ELU (α = 0.5): f and f′ on [−3, 3]");
    const own = plotActivation(activations.tanh, { title: "Tanh", shadeBelow: false });
    assertFigure(own, "Tanh");
    assert.equal(shadedRects(own).length, 0);
    assert.equal(own.caption, undefined);
    const custom = plotActivation("tanh", { shadeBelow: 0.5, caption: "Note." });
    assert.match(custom.caption!, /^Note. Shaded: saturated, where \|f′\(x\)\| < 0.5 and falling/);
  });

  await t.step("rules: labelled reference lines, inside the y domain", () => {
    const fig = plotActivation("elu", {
      domain: [-3, 3],
      rules: [{ y: -1, label: "−α" }, { x: 1, label: "x = 1" }],
    });
    assertFigure(fig, "ELU: f and f′ on [−3, 3]");
    assert.equal(fig.element.querySelectorAll('g[aria-label="rule"]').length, 3);
    assert.match(fig.html, />−α</);
    assert.match(fig.html, />x = 1</);
    const ticks = Array.from(fig.element.querySelectorAll('g[aria-label="y-axis tick label"] text'))
      .map((t) => (t.textContent ?? "").replace("−", "-"));
    assert.ok(ticks.includes("-1.0") || ticks.includes("-1"), `y ticks reach −1: ${ticks}`);
  });

  await t.step("bad input throws clear errors", () => {
    assert.throws(() => plotActivation("relu6"), {
      name: "TypeError",
      message: /unknown activation "relu6"; known activations: sigmoid/,
    });
    assert.throws(() => plotActivation("elu", { params: { alpha: NaN } }), /alpha/);
    assert.throws(() => plotActivation("relu", { domain: [1, -1] }), /domain must be \[min, max\]/);
    assert.throws(() => plotActivation("relu", { title: "" }), /a title is required/);
  });
});

Deno.test("plotActivationGrid()", async (t) => {
  await t.step("a panel per activation, each labelled, with a shared legend", () => {
    const fig = plotActivationGrid(["sigmoid", "relu", "leakyRelu", "elu"], {
      title: "Four",
      columns: 2,
      params: { elu: { alpha: 2 } },
    });
    assertFigure(fig, "Four");
    assert.deepEqual(swatches(fig), ["f(x)", "f′(x)"]);
    for (const label of ["Sigmoid", "ReLU", "LeakyReLU", "ELU (α = 2)"]) {
      assert.ok(fig.html.includes(`>${label}<`), label);
    }
    assert.equal(fig.element.querySelectorAll('g[aria-label="line"] path').length, 8);
    assert.equal(axisLabel(fig, "x"), "x →");
  });

  await t.step("bad input throws", () => {
    assert.throws(() => plotActivationGrid(["relu"], {} as never), /a title is required/);
    assert.throws(() => plotActivationGrid([], { title: "t" }), /non-empty array/);
    assert.throws(() => plotActivationGrid(["nope"], { title: "t" }), /unknown activation/);
    assert.throws(
      () => plotActivationGrid(["relu"], { title: "t", columns: 0 }),
      /columns must be a positive integer/,
    );
  });

  await t.step("without shading, no note", () => {
    const fig = plotActivationGrid(["relu"], { title: "One", shade: false, yDomain: [-1, 2] });
    assert.equal(fig.caption, undefined);
  });

  await t.step("x ticks, a dashed f′ and curves cut at a given y-domain", () => {
    const fig = plotActivationGrid(["sigmoid", "relu"], {
      title: "Ticks",
      xTicks: [-5, 0, 5],
      dashDerivative: true,
      yDomain: [-1, 2],
    });
    const ticks = Array.from(fig.element.querySelectorAll('g[aria-label="x-axis tick label"] text'))
      .map((t) => (t.textContent ?? "").replace("−", "-"));
    assert.deepEqual([...new Set(ticks)], ["-5", "0", "5"]);
    // Two panels, each with f solid and f′ dashed.
    assert.equal(fig.html.match(/stroke-dasharray="5,3"/g)?.length, 2);
    assert.equal(fig.element.querySelectorAll('g[aria-label="line"] path').length, 4);
    assert.match(fig.html, /clip-path/);
    const plain = plotActivationGrid(["relu"], { title: "Plain" });
    assert.doesNotMatch(plain.html, /stroke-dasharray="5,3"|clip-path/);
    const corner = plotActivationGrid(["relu"], { title: "Corner", labelCorner: "bottom-right" });
    assert.match(corner.html, /text-anchor="end"[^>]*>(<[^>]*>)*ReLU</);
  });
});

Deno.test("lineChart()", async (t) => {
  const two = [
    { name: "sigmoid", x: [1, 2, 3, 4], y: [0.1, 0.01, 0, 1e-4] },
    { name: "relu", x: [1, 2, 3, 4], y: [1, 0.9, 1.1, 1] },
  ];

  await t.step("a legend for several series, none for one; labelled axes", () => {
    const fig = lineChart({
      title: "Two",
      series: two,
      x: { label: "layer" },
      y: { label: "norm" },
    });
    assertFigure(fig, "Two");
    assert.deepEqual(swatches(fig), ["sigmoid", "relu"]);
    assert.equal(axisLabel(fig, "x"), "layer →");
    assert.equal(axisLabel(fig, "y"), "↑ norm");
    const one = lineChart({ title: "One", series: [two[1]], x: { label: "l" }, y: { label: "n" } });
    assertFigure(one, "One");
    assert.deepEqual(swatches(one), []);
    assert.equal(one.element.querySelector("div[class*=swatches]"), null);
  });

  await t.step("log scale: non-positive values are left out, counted, and never NaN", () => {
    const fig = lineChart({
      title: "Log",
      series: two,
      x: { label: "layer" },
      y: { label: "norm", type: "log" },
    });
    assertFigure(fig, "Log");
    assert.match(fig.caption!, /1 value ≤ 0 not drawn on the log y axis \(sigmoid\)\./);
    for (const path of Array.from(fig.element.querySelectorAll("path"))) {
      assert.doesNotMatch(path.getAttribute("d") ?? "", /NaN|Infinity/);
    }
    // The sigmoid line breaks at the zero: two pieces (M…M), not one line through it.
    const sigmoidPath = fig.element.querySelectorAll('g[aria-label="line"] path')[0];
    assert.equal(sigmoidPath.getAttribute("d")!.split("M").length - 1, 2);
    // Powers of ten as plain numbers, not SI prefixes.
    assert.match(fig.html, />0.001</);
    assert.doesNotMatch(fig.html, />100m</);
  });

  await t.step("ticks and nice: whole epochs on x, a log y kept to its domain", () => {
    const tickLabels = (fig: Figure, axis: string) =>
      Array.from(
        fig.element.querySelectorAll(`g[aria-label="${axis}-axis tick label"] text`),
      ).map((t) => (t.textContent ?? "").trim());
    const curve = [{ name: "error", x: [0, 1, 2, 3], y: [90, 20, 12, 8.3] }];
    const plain = lineChart({
      title: "Default",
      series: curve,
      x: { label: "epoch" },
      y: { label: "%", type: "log", domain: [7.5, 100] },
    });
    assert.ok(tickLabels(plain, "x").includes("0.5"), "Plot's own ticks fall between epochs");
    assert.deepEqual(tickLabels(plain, "y"), ["1", "10", "100"], "nice widens to 1");
    const fig = lineChart({
      title: "Ticks",
      series: curve,
      x: { label: "epoch", ticks: [0, 1, 2, 3] },
      y: { label: "%", type: "log", domain: [7.5, 100], nice: false, ticks: [10, 20, 50, 100] },
    });
    assertFigure(fig, "Ticks");
    assert.deepEqual(tickLabels(fig, "x"), ["0", "1", "2", "3"]);
    assert.deepEqual(tickLabels(fig, "y"), ["10", "20", "50", "100"]);
    // Without `nice: false` too: Plot would blank 0.5 and 5 on a nice log domain.
    const halves = lineChart({
      title: "Halves",
      series: [{ name: "a", x: [1, 2, 3], y: [0.3, 3, 11] }],
      x: { label: "x" },
      y: { label: "y", type: "log", ticks: [0.5, 1, 2, 5, 10] },
    });
    assert.deepEqual(tickLabels(halves, "y"), ["0.5", "1", "2", "5", "10"]);
  });

  await t.step("log x, non-finite values, bands, rules and extra marks", () => {
    const fig = lineChart({
      title: "Everything",
      series: [{
        name: "a",
        x: [0, 1, 10, 100],
        y: [1, NaN, 3, 4],
        band: { lower: [0.5, 1, 2, -1], upper: [1.5, 2, 4, 5] },
        dashed: true,
      }],
      x: { label: "lr", type: "log" },
      y: { label: "loss", type: "log" },
      rules: [{ y: 2, label: "target" }, { x: 10, label: "chosen" }, { x: 1 }],
      marks: [Plot.dot([[10, 3]])],
      markers: false,
      caption: "Made up.",
    });
    assertFigure(fig, "Everything");
    assert.match(
      fig.caption!,
      /^Made up. 1 value ≤ 0 not drawn on the log x axis \(a\)\. 1 non-finite value not drawn\.$/,
    );
    assert.ok(fig.element.querySelector('g[aria-label="area"]'));
    assert.match(fig.html, />target</);
    assert.match(fig.html, />chosen</);
    assert.match(fig.html, /stroke-dasharray="6,4"/);
    assert.equal(fig.element.querySelectorAll('g[aria-label="rule"]').length, 3);
  });

  await t.step("panels: one facet per series, headed by its name, no legend", () => {
    const banded = two.map((s) => ({ ...s, band: { lower: s.y, upper: s.y.map((v) => v + 1) } }));
    const fig = lineChart({
      title: "Panels",
      series: banded,
      x: { label: "layer" },
      y: { label: "norm" },
      rules: [{ y: 0.5 }],
      panels: true,
    });
    assertFigure(fig, "Panels");
    assert.deepEqual(swatches(fig), []);
    assert.match(fig.html, />sigmoid</);
    assert.match(fig.html, />relu</);
    // Each series' line and band in its own panel; the rule repeated in both.
    assert.equal(fig.element.querySelectorAll('g[aria-label="line"] path').length, 2);
    assert.equal(fig.element.querySelectorAll('g[aria-label="area"] path').length, 2);
    assert.equal(fig.element.querySelectorAll('g[aria-label="rule"] line').length, 2);
  });

  await t.step("bad input throws clear errors", () => {
    const ok = { x: { label: "x" }, y: { label: "y" } };
    assert.throws(
      () => lineChart({ series: two, ...ok } as never),
      /lineChart: a title is required/,
    );
    assert.throws(() => lineChart({ title: "t", series: [], ...ok }), /non-empty array/);
    assert.throws(
      () => lineChart({ title: "t", series: [{ name: "a", x: [1, 2], y: [1] }], ...ok }),
      { name: "RangeError", message: /series "a" has 2 x values but 1 y values/ },
    );
    assert.throws(
      () => lineChart({ title: "t", series: [{ name: "a", x: [], y: [] }], ...ok }),
      /series "a" is empty/,
    );
    assert.throws(
      () => lineChart({ title: "t", series: [{ name: "", x: [1], y: [1] }], ...ok }),
      /non-empty name/,
    );
    assert.throws(
      () => lineChart({ title: "t", series: [two[0], two[0]], ...ok }),
      /two series are named "sigmoid"/,
    );
    assert.throws(
      () => lineChart({ title: "t", series: [{ name: "a", x: ["1"], y: [1] }] as never, ...ok }),
      /series "a" x must be an array of numbers/,
    );
    assert.throws(
      () =>
        lineChart({
          title: "t",
          series: [{ name: "a", x: [1], y: [1], band: { lower: [], upper: [] } }],
          ...ok,
        }),
      /band needs 1 lower and upper values/,
    );
    assert.throws(
      () => lineChart({ title: "t", series: two, x: { label: "" }, y: { label: "y" } }),
      /x.label is required/,
    );
  });
});

Deno.test("plotHistory()", async (t) => {
  await t.step("accepts arrays by metric, rows, and fit's { epochs: records }", () => {
    const fig = plotHistory({
      arrays: { epoch: [0, 1, 2], loss: [1, 0.5, 0.25] },
      rows: [{ loss: 1 }, { loss: 0.8 }],
      fit: { epochs: [{ epoch: 0, loss: 0.9, valLoss: null }, { epoch: 1, loss: 0.7 }] },
    }, { metric: "loss", title: "Loss" });
    assertFigure(fig, "Loss");
    assert.deepEqual(swatches(fig), ["arrays", "rows", "fit"]);
    assert.equal(axisLabel(fig, "x"), "epoch →");
    assert.equal(axisLabel(fig, "y"), "↑ loss");
  });

  await t.step("an element of an array metric; nulls counted; log scale; rules", () => {
    const fig = plotHistory({
      relu: {
        epochs: [
          { epoch: 0, gradNorm: [1, 0.5] },
          { epoch: 1, gradNorm: [1, 0] },
          { epoch: 2, gradNorm: null as never },
        ],
      },
    }, {
      metric: "gradNorm[1]",
      title: "Layer 2",
      log: true,
      yLabel: "‖∂L/∂W₂‖",
      xLabel: "epoch (0 = before training)",
      rules: [{ y: 0.1 }],
    });
    assertFigure(fig, "Layer 2");
    assert.deepEqual(swatches(fig), []);
    assert.match(fig.caption!, /1 value ≤ 0 not drawn on the log y axis \(relu\)\. 1 non-finite/);
    assert.equal(axisLabel(fig, "y"), "↑ ‖∂L/∂W₂‖");
  });

  await t.step("bad input throws clear errors", () => {
    const h = { a: { epoch: [1], loss: [1] } };
    assert.throws(() => plotHistory(h, { metric: "loss" } as never), /a title is required/);
    assert.throws(() => plotHistory(h, { title: "t" } as never), /options.metric/);
    assert.throws(() => plotHistory({}, { title: "t", metric: "loss" }), /one history per run/);
    assert.throws(
      () => plotHistory(h, { title: "t", metric: "acc" }),
      /run "a" has no metric "acc"; it has: epoch, loss/,
    );
    assert.throws(
      () => plotHistory({ a: [{ loss: 1 }] }, { title: "t", metric: "acc" }),
      /run "a" has no metric "acc"; its rows have: loss/,
    );
    assert.throws(
      () => plotHistory({ a: { loss: [null, null] as never } }, { title: "t", metric: "loss" }),
      /run "a" has no values of "loss"/,
    );
    assert.throws(
      () => plotHistory({ a: 3 as never }, { title: "t", metric: "loss" }),
      /must be arrays keyed by metric/,
    );
  });
});

Deno.test("heatmap()", async (t) => {
  await t.step(
    "a small matrix: cells, values written in, a colour legend, first row on top",
    () => {
      const fig = heatmap({
        title: "Correlations",
        values: [[1, -0.5], [-0.5, 1]],
        x: { label: "unit", ticks: ["h1", "h2"] },
        y: { label: "unit", ticks: ["h1", "h2"] },
        colorLabel: "correlation",
      });
      assertFigure(fig, "Correlations");
      assert.equal(fig.element.querySelectorAll('g[aria-label="cell"] rect').length, 4);
      assert.match(fig.html, />-0.5</);
      assert.ok(fig.element.querySelector("svg[class*=ramp]"), "a colour ramp legend");
      assert.match(fig.html, />correlation</);
      assert.equal(axisLabel(fig, "x"), "unit");
    },
  );

  await t.step("digits: how many significant digits the cells are written with", () => {
    const values = [[63.5, 158.5]];
    const two = heatmap({ title: "Steps", values });
    assert.match(two.html, />64</);
    const four = heatmap({ title: "Steps", values, digits: 4 });
    assert.match(four.html, />63.5</);
    assert.match(four.html, />158.5</);
  });

  await t.step("a large flat matrix with shape: one pixelated image; NaN left blank", () => {
    const values = Float64Array.from({ length: 60 * 50 }, (_, k) => Math.sin(k));
    values[7] = NaN;
    const fig = heatmap({ title: "Weights", values, shape: [60, 50], scheme: "viridis" });
    assertFigure(fig, "Weights");
    assert.equal(fig.element.querySelectorAll('g[aria-label="raster"] image').length, 1);
    assert.match(fig.html, /image-rendering="pixelated"/);
    assert.match(fig.caption!, /1 non-finite value left blank/);
    assert.equal(axisLabel(fig, "y"), "↓ row");
  });

  await t.step("bad input throws clear errors", () => {
    assert.throws(() => heatmap({ values: [[1]] } as never), /heatmap: a title is required/);
    assert.throws(() => heatmap({ title: "t", values: [1, 2] }), /flat values array needs shape/);
    assert.throws(
      () => heatmap({ title: "t", values: [1, 2, 3], shape: [2, 2] }),
      /shape \[2, 2\] does not fit 3 values/,
    );
    assert.throws(
      () => heatmap({ title: "t", values: [[1, 2], [3]] }),
      /row 1 has 1 values but row 0 has 2/,
    );
    assert.throws(() => heatmap({ title: "t", values: [] }), /non-empty matrix/);
    assert.throws(() => heatmap({ title: "t", values: [["a"]] as never }), /rows of numbers/);
    assert.throws(
      () => heatmap({ title: "t", values: [[1, 2]], x: { ticks: ["a"] } }),
      /x.ticks has 1 names for 2 columns/,
    );
  });
});

Deno.test("imageGrid()", async (t) => {
  await t.step("one PNG per image, labelled, with a diverging colour legend", () => {
    const images = Array.from(
      { length: 3 },
      (_, k) => Float64Array.from({ length: 784 }, (_, p) => Math.sin(p / (k + 3))),
    );
    const fig = imageGrid({ title: "Weights", images, labels: ["a", "b", "c"], columns: 2 });
    assertFigure(fig, "Weights");
    assert.equal(fig.element.querySelectorAll('g[aria-label="image"] image').length, 3);
    assert.match(fig.html, /href="data:image\/png;base64,iVBOR/);
    for (const label of ["a", "b", "c"]) assert.ok(fig.html.includes(`>${label}<`));
    assert.ok(fig.element.querySelector("svg[class*=ramp]"));
  });

  await t.step("width for non-square images; default labels", () => {
    const fig = imageGrid({ title: "Strips", images: [[1, 2, 3, 4, 5, 6]], width: 3 });
    assert.match(fig.html, />0</);
  });

  await t.step("bad input throws clear errors", () => {
    assert.throws(() => imageGrid({ title: "t", images: [] }), /non-empty array/);
    assert.throws(
      () => imageGrid({ title: "t", images: [[1, 2, 3]], width: 2 }),
      /3 pixels do not make rows of 2/,
    );
    assert.throws(
      () => imageGrid({ title: "t", images: [[1, 2, 3, 4], [1]] }),
      /image 1 has 1 pixels, image 0 has 4/,
    );
    assert.throws(
      () => imageGrid({ title: "t", images: [[1, 2, 3, 4]], labels: ["a", "b"] }),
      /2 labels for 1 images/,
    );
    assert.throws(
      () => imageGrid({ title: "t", images: [[1, 2, 3, 4]], columns: 1.5 }),
      /columns must be a positive integer/,
    );
  });
});

Deno.test("decisionBoundary()", async (t) => {
  const points = [
    { x: -1, y: -1, label: 0 },
    { x: 1, y: 1, label: 1 },
    { x: -1, y: 1, label: 0 },
  ];

  await t.step("classes: a translucent class map, the boundary, the points, a legend", () => {
    const fig = decisionBoundary({
      title: "Linear",
      predict: (x, y) => (x + y > 0 ? 1 : 0),
      points,
      classNames: ["negative", "positive"],
      resolution: 30,
    });
    assertFigure(fig, "Linear");
    assert.deepEqual(swatches(fig), ["negative", "positive"]);
    assert.ok(fig.element.querySelector('g[aria-label="raster"] image'));
    assert.ok(fig.element.querySelector('g[aria-label="contour"] path'));
    assert.equal(fig.element.querySelectorAll('g[aria-label="dot"] circle').length, 3);
    assert.equal(axisLabel(fig, "x"), "x₁ →");
    assert.equal(axisLabel(fig, "y"), "↑ x₂");
  });

  await t.step("probabilities: hue by class, strength by confidence, the 0.5 contour", () => {
    const fig = decisionBoundary({
      title: "Logistic",
      predict: (x, y) => 1 / (1 + Math.exp(-(x + y))),
      points,
      domain: { x: [-2, 2], y: [-2, 2] },
      resolution: 20,
    });
    assertFigure(fig, "Logistic");
    assert.deepEqual(swatches(fig), ["class 0", "class 1"]);
    assert.match(fig.caption!, /the line is p = 0.5/);
  });

  await t.step("three classes, one class", () => {
    const three = decisionBoundary({
      title: "Three",
      predict: (x) => (x < -0.5 ? 0 : x < 0.5 ? 1 : 2),
      points,
      resolution: 10,
    });
    assert.deepEqual(swatches(three), ["class 0", "class 1", "class 2"]);
    const one = decisionBoundary({
      title: "One",
      predict: () => 0,
      points: [{ x: 0, y: 0, label: 0 }],
      resolution: 4,
      output: "class",
    });
    assert.deepEqual(swatches(one), []);
  });

  await t.step("bad input throws clear errors", () => {
    const p = () => 0;
    assert.throws(() => decisionBoundary({ predict: p, points } as never), /a title is required/);
    assert.throws(
      () => decisionBoundary({ title: "t", predict: 3 as never, points }),
      /predict must be a function/,
    );
    assert.throws(() => decisionBoundary({ title: "t", predict: p, points: [] }), /non-empty/);
    assert.throws(
      () => decisionBoundary({ title: "t", predict: p, points: [{ x: 0, y: 0, label: 0.5 }] }),
      /point 0 must have finite x, y and a class label/,
    );
    assert.throws(
      () => decisionBoundary({ title: "t", predict: () => 2.5, points, output: "probability" }),
      /needs predictions in \[0, 1\]/,
    );
    assert.throws(
      () =>
        decisionBoundary({
          title: "t",
          predict: () => 0.5,
          points: [...points, { x: 0, y: 0, label: 2 }],
        }),
      /"probability" is for two classes/,
    );
    assert.throws(
      () => decisionBoundary({ title: "t", predict: p, points, resolution: 1 }),
      /resolution must be an integer ≥ 2/,
    );
  });
});

Deno.test("lossContours()", async (t) => {
  const loss = (a: number, b: number) => a * a + 9 * b * b;
  const path = (lr: number) => {
    const pts: Array<[number, number]> = [[-4, 1]];
    for (let i = 0; i < 8; i++) {
      const [a, b] = pts.at(-1)!;
      pts.push([a - lr * 2 * a, b - lr * 18 * b]);
    }
    return pts;
  };

  await t.step("contours, the optimum, paths with a legend", () => {
    const fig = lossContours({
      title: "Zig-zag",
      loss,
      paths: [{ name: "lr 0.1", points: path(0.1) }, { name: "lr 0.05", points: path(0.05) }],
      optimum: [0, 0],
      resolution: 40,
    });
    assertFigure(fig, "Zig-zag");
    assert.deepEqual(swatches(fig), ["lr 0.1", "lr 0.05"]);
    assert.equal(fig.element.querySelectorAll('g[aria-label="contour"] path').length, 12);
    assert.match(fig.caption!, /12 levels of the loss, spread by quantile/);
    assert.match(fig.caption!, /✕: the optimum \(0, 0\)\./);
    assert.match(fig.html, /marker-mid=/);
    assert.equal(axisLabel(fig, "x"), "w₁ →");
    assert.equal(axisLabel(fig, "y"), "↑ w₂");
  });

  await t.step("one path: no legend; optimum found on the grid; given levels", () => {
    const fig = lossContours({
      title: "One",
      loss: (a, b) => (a - 1) ** 2 + b * b,
      paths: [{ name: "gd", points: [[-1, 1], [1, 0]] }],
      levels: [0.5, 1, 2],
      resolution: 41,
    });
    assertFigure(fig, "One");
    assert.deepEqual(swatches(fig), []);
    assert.match(fig.caption!, /3 levels of the loss\./);
    assert.match(fig.caption!, /✕: the lowest loss on the 41 × 41 sampling grid/);
    const none = lossContours({
      title: "None",
      loss,
      domain: { x: [-1, 1], y: [-1, 1] },
      optimum: false,
      resolution: 10,
    });
    assert.doesNotMatch(none.caption!, /✕/);
  });

  await t.step("equalAspect: one unit of w₁ as long as one of w₂", () => {
    const fig = lossContours({
      title: "Round",
      loss: (a, b) => a * a + b * b,
      domain: { x: [-1, 1], y: [-1, 1] },
      optimum: [0, 0],
      resolution: 20,
      equalAspect: true,
    });
    assertFigure(fig, "Round");
    assert.match(fig.caption!, /Both axes on the same scale\./);
    // Pixels per unit along x and y, from two ticks of each axis.
    const ticks = (axis: string, attr: string) =>
      Array.from(fig.element.querySelectorAll(`g[aria-label="${axis}-axis tick label"] text`)).map(
        (el) => {
          const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(el.getAttribute("transform") ?? "");
          return {
            v: Number((el.textContent ?? "").replace("−", "-")),
            at: Number(m?.[attr === "x" ? 1 : 2]),
          };
        },
      );
    const scale = (ts: { v: number; at: number }[]) =>
      Math.abs((ts.at(-1)!.at - ts[0].at) / (ts.at(-1)!.v - ts[0].v));
    const kx = scale(ticks("x", "x"));
    const ky = scale(ticks("y", "y"));
    assert.ok(Math.abs(kx / ky - 1) < 0.01, `x: ${kx} px per unit, y: ${ky}`);
  });

  await t.step("bad input throws clear errors", () => {
    assert.throws(() => lossContours({ loss } as never), /a title is required/);
    assert.throws(() => lossContours({ title: "t", loss: 1 as never }), /loss must be a function/);
    assert.throws(() => lossContours({ title: "t", loss }), /pass a domain, or paths/);
    assert.throws(
      () => lossContours({ title: "t", loss, paths: [{ name: "p", points: [[0, NaN]] }] }),
      /point 0 of path "p" must be a finite \[w1, w2\]/,
    );
    assert.throws(
      () => lossContours({ title: "t", loss, paths: [{ name: "p", points: [] }] }),
      /path "p" has no points/,
    );
    assert.throws(
      () =>
        lossContours({
          title: "t",
          loss,
          paths: [{ name: "p", points: [[0, 0]] }, { name: "p", points: [[1, 1]] }],
        }),
      /two paths are named "p"/,
    );
    assert.throws(
      () => lossContours({ title: "t", loss: () => NaN, optimum: [0, 0], resolution: 4 }),
      /not finite anywhere/,
    );
  });
});

Deno.test("histogram()", async (t) => {
  await t.step("groups overlaid on shared bins, with a legend", () => {
    const fig = histogram({
      title: "Two groups",
      groups: [{ name: "a", values: [0, 1, 1, 2] }, { name: "b", values: [1, 2, 2, 3] }],
      bins: 3,
      xLabel: "z",
    });
    assertFigure(fig, "Two groups");
    assert.deepEqual(swatches(fig), ["a", "b"]);
    assert.equal(fig.element.querySelectorAll('g[aria-label="rect"] rect').length, 6);
    assert.equal(axisLabel(fig, "y"), "↑ count");
    assert.equal(axisLabel(fig, "x"), "z →");
  });

  await t.step("one group; log counts; fractions; a domain; non-finite values", () => {
    const log = histogram({
      title: "Log",
      groups: [{ name: "g", values: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 50, 100, NaN] }],
      bins: 10,
      xLabel: "|g|",
      log: true,
    });
    assertFigure(log, "Log");
    assert.deepEqual(swatches(log), []);
    assert.match(log.caption!, /1 non-finite value left out\. Log count axis: empty bins/);
    assert.equal(log.element.querySelectorAll('g[aria-label="rect"] rect').length, 3);
    const frac = histogram({
      title: "Fractions",
      groups: [{ name: "g", values: [0, 0, 1, 5] }],
      bins: 2,
      domain: [0, 2],
      normalize: true,
      xLabel: "v",
    });
    assert.match(frac.caption!, /1 value outside \[0, 2\] left out/);
    assert.equal(axisLabel(frac, "y"), "↑ fraction");
    assertFigure(
      histogram({ title: "Same", groups: [{ name: "g", values: [3, 3] }], xLabel: "v" }),
      "Same",
    );
  });

  await t.step("log fractions: ticks within the bars' range; labelled rules", () => {
    const fig = histogram({
      title: "Rules",
      groups: [{ name: "g", values: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9] }],
      bins: 10,
      xLabel: "z",
      log: true,
      normalize: true,
      rules: [{ x: -5, label: "−5" }, { x: 5, label: "5" }],
    });
    assert.match(fig.caption!, /Log fraction axis: empty bins are not drawn/);
    const ticks = Array.from(fig.element.querySelectorAll('g[aria-label="y-axis tick label"] text'))
      .map((t) => Number((t.textContent ?? "").replace("−", "-")));
    // Fractions 1/19 … 18/19: the ticks 0.01 and 1 would lie outside the bars' range.
    assert.deepEqual(ticks, [0.1]);
    assert.equal(fig.element.querySelectorAll('g[aria-label="rule"] line').length, 2);
    assert.match(fig.html, />−5</);
  });

  await t.step("facets: one panel per group, named in its corner, no legend", () => {
    const fig = histogram({
      title: "Panels",
      groups: [{ name: "a", values: [0, 1, 1, 2] }, { name: "b", values: [1, 2, 2, 3] }],
      bins: 3,
      xLabel: "z",
      layout: "facets",
    });
    assertFigure(fig, "Panels");
    assert.deepEqual(swatches(fig), []);
    const names = Array.from(fig.element.querySelectorAll('g[aria-label="text"] text')).map((e) =>
      (e.textContent ?? "").trim()
    );
    assert.deepEqual(names, ["a", "b"]);
    // Each panel draws its own group's bars: 3 bins each.
    const panels = Array.from(fig.element.querySelectorAll('g[aria-label="rect"] > g'));
    assert.equal(panels.length, 2);
    for (const p of panels) assert.equal(p.querySelectorAll("rect").length, 3);
    assert.throws(
      () =>
        histogram({
          title: "t",
          groups: [{ name: "g", values: [1] }],
          xLabel: "v",
          layout: "x" as never,
        }),
      /layout must be "overlay" or "facets"/,
    );
  });

  await t.step("bad input throws clear errors", () => {
    const g = [{ name: "g", values: [1] }];
    assert.throws(() => histogram({ groups: g, xLabel: "v" } as never), /a title is required/);
    assert.throws(() => histogram({ title: "t", groups: g } as never), /xLabel is required/);
    assert.throws(() => histogram({ title: "t", groups: [], xLabel: "v" }), /non-empty array/);
    assert.throws(() => histogram({ title: "t", groups: g, bins: 0, xLabel: "v" }), /bins must be/);
    assert.throws(
      () => histogram({ title: "t", groups: [{ name: "g", values: [NaN] }], xLabel: "v" }),
      /no finite values/,
    );
    assert.throws(
      () => histogram({ title: "t", groups: [...g, ...g], xLabel: "v" }),
      /two groups are named "g"/,
    );
    assert.throws(
      () => histogram({ title: "t", groups: [{ name: "", values: [1] }], xLabel: "v" }),
      /non-empty name/,
    );
  });
});

Deno.test("barChart()", async (t) => {
  await t.step("simple bars: values written above (and below), no legend", () => {
    const fig = barChart({
      title: "Dead units",
      bars: [{ label: "ReLU", value: 0.42 }, { label: "ELU", value: -0.05 }],
      yLabel: "fraction of units",
      caption: "Made up.",
    });
    assertFigure(fig, "Dead units");
    assert.deepEqual(swatches(fig), []);
    assert.equal(fig.element.querySelectorAll('g[aria-label="bar"] rect').length, 2);
    assert.match(fig.html, />0.42</);
    assert.match(fig.html, />-0.05</);
    assert.equal(axisLabel(fig, "y"), "↑ fraction of units");
  });

  await t.step("grouped bars side by side, with a legend", () => {
    const fig = barChart({
      title: "By rate",
      bars: [
        { label: "ReLU", group: "lr 0.1", value: 0.2 },
        { label: "ReLU", group: "lr 1", value: 0.6 },
        { label: "ELU", group: "lr 0.1", value: 0 },
        { label: "ELU", group: "lr 1", value: 0.01 },
      ],
      yLabel: "fraction",
      xLabel: "activation",
      annotate: false,
    });
    assertFigure(fig, "By rate");
    assert.deepEqual(swatches(fig), ["lr 0.1", "lr 1"]);
    assert.equal(fig.element.querySelectorAll('g[aria-label="bar"] rect').length, 4);
    // The x label sits clear of the category names (their text ends about 20 px below the
    // frame): its baseline is 39 px below, where Plot's default would put it at 27.
    const label = fig.element.querySelector('g[aria-label="fx-axis label"]');
    assert.equal(label?.getAttribute("transform"), "translate(0,39)");
  });

  await t.step("spread: a whisker per bar that has one, inside the y domain", () => {
    for (const group of [undefined, "g"]) {
      const fig = barChart({
        title: "Spread",
        bars: [
          { label: "a", group, value: 0.5, spread: { lower: 0.25, upper: 2 } },
          { label: "b", group, value: -0.5, spread: { lower: -3, upper: 0 } },
          { label: "c", group, value: 0.1 },
        ],
        yLabel: "y",
      });
      // The whiskers are the first rule mark (the line at y = 0 comes after).
      const whiskers = fig.element.querySelectorAll('g[aria-label="rule"]')[0];
      assert.equal(whiskers.querySelectorAll("line").length, 2);
      const ticks = Array.from(
        fig.element.querySelectorAll('g[aria-label="y-axis tick label"] text'),
      )
        .map((t) => Number((t.textContent ?? "").replace("−", "-")));
      assert.ok(Math.max(...ticks) >= 2 && Math.min(...ticks) <= -3, `y ticks: ${ticks}`);
      assert.match(fig.html, />0.5</);
    }
    assert.throws(
      () =>
        barChart({
          title: "t",
          bars: [{ label: "a", value: 1, spread: { lower: 2, upper: 1 } }],
          yLabel: "y",
        }),
      /bar 0 spread needs finite lower ≤ upper/,
    );
  });

  await t.step("bad input throws clear errors", () => {
    const bars = [{ label: "a", value: 1 }];
    assert.throws(() => barChart({ bars, yLabel: "y" } as never), /a title is required/);
    assert.throws(() => barChart({ title: "t", bars } as never), /yLabel is required/);
    assert.throws(() => barChart({ title: "t", bars: [], yLabel: "y" }), /non-empty array/);
    assert.throws(
      () => barChart({ title: "t", bars: [{ label: "a", value: NaN }], yLabel: "y" }),
      /bar 0 needs a string label and a finite value/,
    );
  });
});

Deno.test("lineChart() with a fixed log domain", async (t) => {
  await t.step("takes its ticks from the domain and clips lines leaving it", () => {
    const fig = lineChart({
      title: "Tails",
      series: [{ name: "fast", x: [1, 2, 3], y: [1, 1e-50, 1e-200] }, {
        name: "flat",
        x: [1, 2, 3],
        y: [1, 1, 1],
      }],
      x: { label: "x" },
      y: { label: "|f′|", type: "log", domain: [1e-12, 2] },
    });
    for (const tick of ["1e-12", "1e-10", "1e-8", "1e-6", "1e-4", "0.01", "1"]) {
      assert.match(fig.html, new RegExp(`>${tick}<`));
    }
    assert.match(fig.html, /clip-path/);
  });
});

Deno.test({
  name: "Figure with COURSE_FIGURE_SVG=1",
  ignore: Deno.permissions.querySync({ name: "env", variable: "COURSE_FIGURE_SVG" }).state !==
    "granted",
  fn: async (t) => {
    await t.step("adds the standalone SVG to the display bundle, for the export task", () => {
      const fig = lineChart({
        title: "Exported",
        series: [{ name: "a", x: [0, 1], y: [0, 1] }, { name: "b", x: [0, 1], y: [1, 0] }],
        x: { label: "x" },
        y: { label: "y" },
      });
      const before = Deno.env.get("COURSE_FIGURE_SVG");
      Deno.env.set("COURSE_FIGURE_SVG", "1");
      try {
        const bundle = fig[jupyterDisplay]();
        assert.equal(bundle["image/svg+xml"], fig.svg);
        assert.match(fig.svg, /<title>Exported<\/title>/);
      } finally {
        if (before === undefined) Deno.env.delete("COURSE_FIGURE_SVG");
        else Deno.env.set("COURSE_FIGURE_SVG", before);
      }
      assert.equal(
        fig[jupyterDisplay]()["image/svg+xml"],
        undefined,
      );
    });
  },
});
