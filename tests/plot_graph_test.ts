import assert from "node:assert/strict";
import { graphLayout, jupyterDisplay, plotGraph, Value } from "../lib/mod.ts";

/** A chain of `n` sigmoid neurons h ← σ(h·w + β) from an input a, with loss ½(h − t)². */
function chain(n: number) {
  const a = new Value(0.8, { label: "a" });
  const path: Value[] = [a];
  let h = a;
  for (let i = 0; i < n; i++) {
    const z = h.mul(new Value(1.5 - i, { label: `w${i}` })).add(
      new Value(0.1 * i, { label: `β${i}` }),
    );
    h = z.apply("sigmoid");
    h.label = `h${i}`;
    path.push(z.edges[0].parent, z, h);
  }
  const loss = h.add(new Value(-1, { label: "−t" })).pow(2).mul(0.5);
  loss.label = "L";
  path.push(loss.edges[0].parent.edges[0].parent, loss.edges[0].parent, loss);
  return { a, loss, path };
}

/** The texts of the figure's text marks, in order. */
function texts(html: string): string[] {
  return [...html.matchAll(/<text[^>]*>([^]*?)<\/text>/g)].map((m) =>
    m[1].replace(/<[^>]+>/g, "\n").split("\n").filter(Boolean).join("|")
  );
}

Deno.test("graphLayout()", async (t) => {
  await t.step("every edge points right; the spine is row 0; no two nodes share a place", () => {
    const { a, loss } = chain(3);
    const layout = graphLayout(loss);
    const at = new Map(layout.nodes.map((n) => [n.value, n]));
    assert.equal(layout.nodes.length, loss.topologicalOrder().length);
    assert.equal(layout.edges.length, layout.nodes.reduce((s, n) => s + n.value.edges.length, 0));
    for (const e of layout.edges) {
      assert.ok(at.get(e.parent)!.column < at.get(e.child)!.column, "edges point right");
    }
    const places = layout.nodes.map((n) => `${n.column},${n.row}`);
    assert.equal(new Set(places).size, places.length);
    assert.deepEqual([at.get(a)!.column, at.get(a)!.row], [0, 0]);
    assert.deepEqual(at.get(loss), {
      value: loss,
      column: layout.columns - 1,
      row: 0,
      spine: true,
    });
    // a, then (×, +, σ) per neuron, then +, ^2, × of the loss.
    assert.equal(layout.columns, 1 + 3 * 3 + 3);
    assert.ok(at.get(a)!.spine);
    assert.equal(layout.nodes.filter((n) => n.spine).length, layout.columns);
  });

  await t.step("edges carry the engine's local derivatives", () => {
    const x = new Value(3, { label: "x" });
    const y = x.mul(new Value(-2, { label: "w" }));
    const layout = graphLayout(y);
    assert.deepEqual(layout.edges.map((e) => [e.parent.label, e.local]), [["x", -2], ["w", 3]]);
  });

  await t.step("a single node, and a node used twice", () => {
    const x = new Value(2, { label: "x" });
    assert.deepEqual(graphLayout(x).nodes.map((n) => [n.column, n.row]), [[0, 0]]);
    const sq = x.mul(x);
    const layout = graphLayout(sq);
    assert.equal(layout.nodes.length, 2);
    assert.equal(layout.edges.length, 2);
    assert.deepEqual(layout.rows, [0, 0]);
  });

  await t.step("inputs of one result stack above, then below", () => {
    const terms = [1, 2, 3].map((v) => new Value(v, { label: `x${v}` }));
    const root = terms[0].add(terms[1]).add(terms[2]);
    const rows = graphLayout(root).nodes.map((n) => [n.value.label || n.value.op, n.column, n.row]);
    assert.deepEqual(rows, [["x1", 0, 0], ["x2", 0, -1], ["+", 1, 0], ["x3", 1, -1], ["+", 2, 0]]);
  });

  await t.step("anything but a Value is a TypeError", () => {
    assert.throws(() => graphLayout(3 as never), /graphLayout: root must be a Value/);
  });
});

Deno.test("plotGraph()", async (t) => {
  const { a, loss, path } = chain(3);
  loss.backward();

  await t.step("boxes show label, value and grad; arrows their local derivatives", () => {
    const fig = plotGraph(loss, { title: "A chain", grads: true, highlight: path });
    const bundle = fig[jupyterDisplay]();
    assert.equal(bundle["text/plain"], "A chain (figure)");
    assert.doesNotMatch(fig.html, /NaN/);
    assert.doesNotMatch(
      fig.html,
      /(?<![-\w])(fill|stroke|color|background)(="|:\s*)(white|black|#fff\b|#ffffff|#000\b|#000000)/i,
    );
    const shown = texts(fig.html);
    assert.ok(shown.includes(`a|0.8|∇ ${Number(a.grad.toPrecision(3))}`), shown.join(" / "));
    assert.ok(shown.includes("h0 = σ|0.769|∇ " + Number(path[3].grad.toPrecision(3))));
    assert.ok(shown.includes("L = ×|" + Number(loss.data.toPrecision(3)) + "|∇ 1"));
    // Every edge's local derivative is written once.
    const locals = graphLayout(loss).edges.map((e) =>
      String(Number(e.local.toPrecision(3))).replace(/^-/, "−")
    );
    for (const v of locals) assert.ok(shown.includes(v), `edge label ${v}`);
    assert.ok(locals.some((v) => v.startsWith("−")), "negative labels with a minus sign");
    assert.ok(!shown.some((s) => /(^|\|)-\d/.test(s)), "no hyphen-minus in the figure");
    assert.match(fig.caption ?? "", /local derivative ∂\(result\)\/∂\(input\)/);
    assert.match(fig.caption ?? "", /highlighted path/);
    assert.match(fig.svg, /^<\?xml[^]*<title>A chain<\/title>/);
  });

  await t.step("without grads: two lines a box; the figure grows with the graph", () => {
    const small = plotGraph(chain(1).loss, { title: "One neuron", digits: 2 });
    const big = plotGraph(loss, { title: "Three neurons" });
    assert.ok(!texts(small.html).some((s) => s.includes("∇")));
    assert.doesNotMatch(small.caption ?? "", /∇|highlighted/);
    const size = (html: string) =>
      /<svg[^>]*height="([\d.]+)" width="([\d.]+)"/.exec(html)!.slice(1).map(Number);
    const [smallHeight, smallWidth] = size(small.html);
    assert.ok(smallWidth < 840);
    assert.doesNotMatch(small.caption ?? "", /wrapped/);
    // Three neurons need 13 columns: wrapped into two bands, under the default 840 px.
    const [bigHeight, bigWidth] = size(big.html);
    assert.ok(bigWidth <= 840 && bigWidth >= smallWidth);
    assert.ok(bigHeight > 2 * smallHeight);
    assert.match(big.caption ?? "", /wrapped into 2 bands/);
    const long = plotGraph(loss, { title: "One band", maxWidth: Infinity });
    assert.ok(size(long.html)[1] > 840);
    assert.doesNotMatch(long.caption ?? "", /wrapped/);
  });

  await t.step("an edge into the next band runs back under its band, labelled", () => {
    const fig = plotGraph(loss, { title: "Wrapped", maxWidth: 400 });
    const layout = graphLayout(loss);
    assert.match(fig.caption ?? "", /wrapped into \d bands/);
    // Every edge is drawn (arrows plus polylines) and every local derivative is written.
    const shown = texts(fig.html);
    for (const e of layout.edges) {
      assert.ok(shown.includes(String(Number(e.local.toPrecision(3))).replace(/^-/, "−")));
    }
    assert.match(fig.html, /marker-end/);
    assert.throws(
      () => plotGraph(loss, { title: "t", maxWidth: 0 }),
      /maxWidth must be a positive/,
    );
  });

  await t.step("a Value used twice gets a bent second arrow", () => {
    const x = new Value(3, { label: "x" });
    const fig = plotGraph(x.mul(x), { title: "x²" });
    assert.equal((fig.html.match(/<path[^>]*marker|<path/g) ?? []).length >= 2, true);
    assert.ok(texts(fig.html).filter((s) => s === "3").length >= 2); // both edges: ∂(x·x)/∂x = 3
  });

  await t.step("bad options are errors that say what is wrong", () => {
    assert.throws(() => plotGraph(loss, {} as never), /plotGraph: a title is required/);
    assert.throws(() => plotGraph({} as never, { title: "t" }), /plotGraph: root must be a Value/);
    assert.throws(() => plotGraph(loss, { title: "t", digits: 0 }), /digits must be an integer/);
    assert.throws(
      () => plotGraph(chain(20).loss, { title: "t" }),
      /plotGraph: the graph has \d+ nodes, more than maxNodes = 60/,
    );
    assert.doesNotThrow(() => plotGraph(chain(20).loss, { title: "t", maxNodes: 200 }));
  });
});
