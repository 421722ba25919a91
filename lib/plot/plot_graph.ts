/**
 * Computation graphs of the scalar autograd engine: each {@linkcode Value} a box with its label
 * (or operation), value and optionally its gradient, each edge an arrow from input to result
 * labelled with its local derivative, laid out in layers from left (inputs) to right (the root).
 *
 * @module
 */

import * as Plot from "@observablehq/plot";
import { Value } from "../autograd/value.ts";
import { formatNumber } from "../display/format_number.ts";
import { type Figure, figure, SERIES_COLORS } from "./figure.ts";
import { plural, requireTitle } from "./_validate.ts";

/** A node of a {@linkcode GraphLayout}: where a Value is drawn. */
export interface GraphNode {
  /** The Value drawn. */
  readonly value: Value;
  /** Its column, 0 at the left (inputs) up to `columns − 1` (the root). */
  readonly column: number;
  /** Its row: 0 for the spine (the longest path from the root back to an input), −1 above, … */
  readonly row: number;
  /** Whether it is on the spine. */
  readonly spine: boolean;
}

/** An edge of a {@linkcode GraphLayout}: from an input (parent) to the node it feeds (child). */
export interface GraphEdge {
  /** The input. */
  readonly parent: Value;
  /** The result it feeds. */
  readonly child: Value;
  /** ∂child/∂parent at the current values (the engine's `edge.local`). */
  readonly local: number;
}

/** Where {@linkcode graphLayout} puts every node of a graph. */
export interface GraphLayout {
  /** The nodes, inputs before results (the root last). */
  readonly nodes: readonly GraphNode[];
  /** Every edge, one per entry of each node's `edges` (a Value used twice gives two). */
  readonly edges: readonly GraphEdge[];
  /** The number of columns. */
  readonly columns: number;
  /** The smallest and largest row used. */
  readonly rows: readonly [number, number];
}

function requireValue(fn: string, root: unknown): Value {
  if (!(root instanceof Value)) {
    throw new TypeError(`${fn}: root must be a Value of the scalar autograd engine, got ${root}`);
  }
  return root;
}

/**
 * A layered left-to-right layout of the graph that `root` depends on (from
 * `root.topologicalOrder()`): a node's column is set by the longest path from it to the root, so
 * every edge points right; the spine — the longest path from the root back to an input, taking
 * the first edge among equals (so write a neuron as `input.mul(w)` to keep its input on it) — is
 * row 0, and every other node sits in the free row of its column nearest to its results' rows
 * (above first).
 *
 * @example A neuron y = σ(w·x + b)
 * ```ts
 * import { graphLayout } from "./plot_graph.ts";
 * import { Value } from "../autograd/value.ts";
 * import assert from "node:assert/strict";
 * const x = new Value(2, { label: "x" });
 * const y = new Value(0.5, { label: "w" }).mul(x).add(new Value(-1, { label: "b" })).apply("sigmoid");
 * const layout = graphLayout(y);
 * assert.equal(layout.columns, 4);
 * assert.deepEqual(layout.nodes.map((n) => [n.value.label || n.value.op, n.column, n.row]), [
 *   ["w", 0, 0], ["x", 0, -1], ["×", 1, 0], ["b", 1, -1], ["+", 2, 0], ["sigmoid", 3, 0],
 * ]);
 * ```
 */
export function graphLayout(root: Value): GraphLayout {
  const top = requireValue("graphLayout", root);
  const order = top.topologicalOrder(); // inputs first, root last
  // Distance to the root along the longest path (children come after their parents in `order`).
  const toRoot = new Map<Value, number>();
  toRoot.set(top, 0);
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i];
    const d = toRoot.get(node) ?? 0;
    for (const { parent } of node.edges) {
      toRoot.set(parent, Math.max(toRoot.get(parent) ?? 0, d + 1));
    }
  }
  // Longest path from each node back to an input.
  const height = new Map<Value, number>();
  for (const node of order) {
    let h = 0;
    for (const { parent } of node.edges) h = Math.max(h, (height.get(parent) ?? 0) + 1);
    height.set(node, h);
  }
  const spine = new Set<Value>();
  for (let node: Value | undefined = top; node;) {
    spine.add(node);
    let next: Value | undefined;
    for (const { parent } of node.edges) {
      if (!spine.has(parent) && (!next || height.get(parent)! > height.get(next)!)) next = parent;
    }
    node = next;
  }
  const columns = Math.max(...toRoot.values()) + 1;
  const column = (v: Value) => columns - 1 - toRoot.get(v)!;
  const children = new Map<Value, Value[]>();
  for (const node of order) {
    for (const { parent } of node.edges) {
      const list = children.get(parent) ?? [];
      list.push(node);
      children.set(parent, list);
    }
  }
  const row = new Map<Value, number>();
  const taken = new Set<string>();
  for (const v of spine) {
    row.set(v, 0);
    taken.add(`${column(v)},0`);
  }
  // Right to left, so that every node's results are placed before it.
  const rest = order.filter((v) => !spine.has(v)).reverse();
  rest.sort((a, b) => column(b) - column(a));
  for (const v of rest) {
    const kids = children.get(v) ?? [];
    const want = kids.length
      ? Math.round(kids.reduce((s, k) => s + row.get(k)!, 0) / kids.length)
      : 0;
    const c = column(v);
    let r = want;
    for (let k = 1; taken.has(`${c},${r}`); k++) {
      r = !taken.has(`${c},${want - k}`) ? want - k : want + k;
    }
    row.set(v, r);
    taken.add(`${c},${r}`);
  }
  const nodes = order.map((v) => ({
    value: v,
    column: column(v),
    row: row.get(v)!,
    spine: spine.has(v),
  }));
  const edges = order.flatMap((child) =>
    child.edges.map(({ parent, local }) => ({ parent, child, local }))
  );
  const rows = nodes.map((n) => n.row);
  return { nodes, edges, columns, rows: [Math.min(...rows), Math.max(...rows)] };
}

/** Options of {@linkcode plotGraph}. */
export interface PlotGraphOptions {
  /** The title (required). */
  title: string;
  /** Show each node's `grad` (after a `backward()`) under its value (default false). */
  grads?: boolean;
  /**
   * Nodes to emphasise, e.g. the path whose local derivatives multiply into one gradient: their
   * boxes and the edges between two of them are drawn in colour.
   */
  highlight?: Iterable<Value>;
  /** Significant digits of the numbers shown (default 3). */
  digits?: number;
  /** A one-line note under the figure (the key to the drawing is appended). */
  caption?: string;
  /** The most nodes drawn; a larger graph is an error, as it would not be legible (default 60). */
  maxNodes?: number;
  /**
   * The widest the figure may be, in pixels (default 840): a longer graph is wrapped into bands,
   * one under the other, broken where the fewest edges cross; `Infinity` keeps one band.
   */
  maxWidth?: number;
}

/** Short names of operations, for the boxes. */
const OP_SYMBOL: Readonly<Record<string, string>> = { sigmoid: "σ" };

function nodeTitle(v: Value): string {
  const op = v.op ? OP_SYMBOL[v.op] ?? v.op : "";
  if (v.label && op) return `${v.label} = ${op}`;
  return v.label || op || "·";
}

/** Approximate width of a string in 10 px system-ui, in pixels. */
const textWidth = (s: string) => [...s].length * 5.6;

/**
 * The first column of each band: as many columns as fit in `room` pixels (column `c` takes
 * `widths[c]`), each band broken, within its second half, where the fewest edges cross (the later
 * break among equals).
 */
function bandStarts(layout: GraphLayout, widths: readonly number[], room: number): number[] {
  const column = new Map(layout.nodes.map((n) => [n.value, n.column]));
  const crossing = (b: number) =>
    layout.edges.filter((e) => column.get(e.parent)! < b && column.get(e.child)! >= b).length;
  const starts = [0];
  let start = 0;
  for (;;) {
    let end = start; // the first column that does not fit
    for (
      let used = 0;
      end < layout.columns && (end === start || used + widths[end] <= room);
      end++
    ) {
      used += widths[end];
    }
    if (end >= layout.columns) return starts;
    let best = end;
    for (let b = end; b >= start + Math.max(1, Math.ceil((end - start) / 2)); b--) {
      if (crossing(b) < crossing(best)) best = b;
    }
    starts.push(best);
    start = best;
  }
}

/**
 * The graph that `root` depends on (see {@linkcode graphLayout}), drawn left to right: each
 * node a box with its label (`label = op` for a labelled result), value and, with `grads`, its
 * gradient ∇ = ∂root/∂node; each edge an arrow from input to result labelled with the local
 * derivative ∂result/∂input. A graph wider than `maxWidth` is wrapped into bands, one under the
 * other: an edge into the next band leaves its box to the right, runs back under the band and
 * enters the next band from the left.
 *
 * @example A neuron and its loss, after backward()
 * ```ts
 * import { plotGraph } from "./plot_graph.ts";
 * import { Value } from "../autograd/value.ts";
 * import assert from "node:assert/strict";
 * const x = new Value(2, { label: "x" });
 * const w = new Value(0.5, { label: "w" });
 * const y = x.mul(w).apply("sigmoid");
 * y.label = "y";
 * const loss = y.sub(1).pow(2);
 * loss.label = "L";
 * loss.backward();
 * const fig = plotGraph(loss, { title: "One neuron", grads: true, highlight: [w, y, loss] });
 * assert.match(fig.html, /y = σ/);
 * assert.match(fig.html, /∇ −0.212/); // ∂L/∂w = 2(y − 1)·σ′(1)·x
 * assert.match(fig.caption ?? "", /local derivative/);
 * ```
 */
export function plotGraph(root: Value, options: PlotGraphOptions): Figure {
  const fn = "plotGraph";
  const title = requireTitle(fn, options?.title);
  requireValue(fn, root);
  const { grads = false, digits = 3, maxNodes = 60, maxWidth = 840 } = options;
  if (!Number.isInteger(digits) || digits < 1 || digits > 12) {
    throw new RangeError(`${fn}: digits must be an integer from 1 to 12, got ${digits}`);
  }
  if (!(maxWidth > 0)) {
    throw new RangeError(`${fn}: maxWidth must be a positive number of pixels, got ${maxWidth}`);
  }
  const layout = graphLayout(root);
  if (layout.nodes.length > maxNodes) {
    throw new RangeError(
      `${fn}: the graph has ${
        plural(layout.nodes.length, "node")
      }, more than maxNodes = ${maxNodes}` +
        " can show legibly; draw a smaller graph or raise maxNodes",
    );
  }
  const highlight = new Set(options.highlight ?? []);
  // Numbers with a true minus sign, as in the prose around the figure.
  const fmt = (v: number) => formatNumber(v, { digits, style: "unicode" });
  const labels = layout.edges.map((e) => fmt(e.local));
  const lines = layout.nodes.map((n) => [
    nodeTitle(n.value),
    fmt(n.value.data),
    ...(grads ? [`∇ ${fmt(n.value.grad)}`] : []),
  ]);
  // Everything below is in pixels (identity scales).
  const boxH = (grads ? 3 : 2) * 12 + 8;
  // Room for the widest edge label beside the arrowhead.
  const gap = Math.max(30, ...labels.map(textWidth)) + 20;
  const rowH = boxH + 26;
  const margin = 8;
  const boxWidth = lines.map((l) => Math.max(40, ...l.map(textWidth)) + 14);
  const colBox = Array.from({ length: layout.columns }, () => 0);
  layout.nodes.forEach((n, i) => (colBox[n.column] = Math.max(colBox[n.column], boxWidth[i])));
  const starts = bandStarts(layout, colBox.map((w) => w + gap), maxWidth - 2 * margin);
  const bandOf = (column: number) => starts.filter((s) => s <= column).length - 1;
  const [rowMin, rowMax] = layout.rows;
  const channelRoom = 0.8 * rowH; // under each band, for the edges running back
  const bandH = (rowMax - rowMin + 1) * rowH + channelRoom;
  const centre: number[] = [];
  let bandWidth = 0;
  starts.forEach((start, band) => {
    let x = margin + gap / 2;
    for (let c = start; c < (starts[band + 1] ?? layout.columns); c++) {
      centre[c] = x + colBox[c] / 2;
      x += colBox[c] + gap;
    }
    bandWidth = Math.max(bandWidth, x - gap / 2 + margin);
  });
  const hh = boxH / 2;
  const boxes = layout.nodes.map((n, i) => {
    const band = bandOf(n.column);
    return {
      ...n,
      band,
      x: centre[n.column],
      y: margin + (n.row - rowMin + 0.5) * rowH + band * bandH,
      hw: boxWidth[i] / 2,
      lines: lines[i],
      leaf: n.value.edges.length === 0,
      lit: highlight.has(n.value),
    };
  });
  type Box = (typeof boxes)[number];
  const where = new Map(boxes.map((b) => [b.value, b]));

  type Anchor = "middle" | "start" | "end";
  // Edges within a band: arrows from the edge of the input's box to the edge of the result's.
  const arrows: {
    x1: number;
    y1: number;
    x2: number;
    y2: number;
    lit: boolean;
    repeat: boolean;
  }[] = [];
  // Edges into a later band: polylines, right, down under the band, left, and into the box.
  const returns: { x: number; y: number; edge: number; lit: boolean }[] = [];
  const edgeLabels: { x: number; y: number; label: string; anchor: Anchor }[] = [];
  const seen = new Map<string, number>();
  let wrapped = 0;
  layout.edges.forEach((e, i) => {
    const p = where.get(e.parent)!;
    const c = where.get(e.child)!;
    const lit = highlight.has(e.parent) && highlight.has(e.child);
    if (p.band !== c.band) {
      const k = wrapped++ % 3;
      const right = p.x + p.hw + gap * (0.5 - 0.12 * k);
      const left = c.x - c.hw - gap * (0.5 - 0.12 * k);
      const channel = margin + (rowMax - rowMin + 1) * rowH + 0.3 * rowH + 0.12 * rowH * k +
        p.band * bandH;
      for (
        const [x, y] of [
          [p.x + p.hw, p.y],
          [right, p.y],
          [right, channel],
          [left, channel],
          [left, c.y],
          [c.x - c.hw - 2, c.y],
        ]
      ) returns.push({ x, y, edge: i, lit });
      const along = 0.5 + 0.2 * k; // labels of neighbouring channels side by side
      edgeLabels.push({
        x: right + (left - right) * along,
        y: channel,
        label: labels[i],
        anchor: "middle",
      });
      return;
    }
    const dx = c.x - p.x;
    const dy = c.y - p.y;
    const len = Math.hypot(dx, dy);
    const inset = (hw: number) =>
      Math.min(dx ? hw / Math.abs(dx) : Infinity, dy ? hh / Math.abs(dy) : Infinity) + 3 / len;
    const key = `${boxes.indexOf(p)}>${boxes.indexOf(c)}`;
    const repeat = seen.get(key) ?? 0;
    seen.set(key, repeat + 1);
    const t1 = inset(p.hw);
    const t2 = inset(c.hw);
    const a = { x1: p.x + t1 * dx, y1: p.y + t1 * dy, x2: c.x - t2 * dx, y2: c.y - t2 * dy };
    arrows.push({ ...a, lit, repeat: repeat > 0 });
    // Labels sit above the middle of the arrow; a repeated edge (x·x) is bent and labelled below.
    edgeLabels.push({
      x: (a.x1 + a.x2) / 2,
      y: (a.y1 + a.y2) / 2 + (repeat ? 0.22 * rowH : 0),
      label: labels[i],
      anchor: dy === 0 ? "middle" : dy > 0 ? "start" : "end",
    });
  });
  const accent = SERIES_COLORS[0];
  const edgeColor = SERIES_COLORS[1];
  const stroke = (lit: boolean) => ({
    stroke: lit ? accent : "currentColor",
    strokeOpacity: lit ? 1 : 0.55,
    strokeWidth: lit ? 2 : 1.2,
  });
  const arrowMarks = [false, true].flatMap((lit) =>
    [false, true].map((repeat) =>
      Plot.arrow(arrows.filter((a) => a.lit === lit && a.repeat === repeat), {
        x1: "x1",
        y1: "y1",
        x2: "x2",
        y2: "y2",
        headLength: 7,
        bend: repeat ? -30 : 0,
        ...stroke(lit),
      })
    )
  );
  const returnMarks = [false, true].map((lit) =>
    Plot.line(returns.filter((r) => r.lit === lit), {
      x: "x",
      y: "y",
      z: "edge",
      markerEnd: "arrow",
      ...stroke(lit),
    })
  );
  const boxMarks = [false, true].flatMap((lit) =>
    [false, true].map((leaf) =>
      Plot.rect(boxes.filter((b) => b.lit === lit && b.leaf === leaf), {
        x1: (b: Box) => b.x - b.hw,
        x2: (b: Box) => b.x + b.hw,
        y1: (b: Box) => b.y - hh,
        y2: (b: Box) => b.y + hh,
        r: 4,
        fill: lit ? accent : "currentColor",
        fillOpacity: lit ? 0.16 : 0.05,
        stroke: lit ? accent : "currentColor",
        strokeOpacity: lit ? 1 : 0.6,
        strokeWidth: lit ? 1.8 : 1,
        strokeDasharray: leaf ? "3,2" : undefined,
      })
    )
  );
  const textMarks = [false, true].map((spine) =>
    Plot.text(boxes.filter((b) => b.spine === spine), {
      x: "x",
      y: "y",
      text: (b: Box) => b.lines.join("\n"),
      lineHeight: 1.2,
      fontSize: 10,
      fontWeight: spine ? 600 : 400,
    })
  );
  const edgeLabelMarks = (["middle", "start", "end"] as const).map((anchor) =>
    Plot.text(edgeLabels.filter((a) => a.anchor === anchor), {
      x: "x",
      y: "y",
      text: "label",
      fill: edgeColor,
      dy: -8,
      dx: anchor === "start" ? 4 : anchor === "end" ? -4 : 0,
      textAnchor: anchor,
      fontSize: 10,
    })
  );
  const key = [
    'Boxes: each node\'s label ("name = operation" for a named result) and value',
    grads ? ", and ∇, its gradient ∂(root)/∂(node) after backward()" : "",
    "; dashed boxes are inputs and parameters. Arrows run from an input to the result it feeds,",
    " labelled with the local derivative ∂(result)/∂(input).",
    highlight.size ? " In colour: the highlighted path." : "",
    starts.length > 1
      ? ` The graph is wrapped into ${starts.length} bands: an arrow leaving a band on the right` +
        " enters the next band from the left."
      : "",
  ].join("");
  return figure({
    title,
    caption: options.caption,
    notes: [key],
    width: Math.round(bandWidth),
    height: Math.round(starts.length * bandH - channelRoom + 2 * margin),
    grid: false,
    margin: 0,
    x: { type: "identity", axis: null },
    y: { type: "identity", axis: null },
    marks: [
      ...arrowMarks,
      ...returnMarks,
      ...edgeLabelMarks,
      ...boxMarks,
      ...textMarks,
    ],
  });
}
