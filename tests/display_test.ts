import assert from "node:assert/strict";
import { parse } from "mathjs";
import {
  DISPLAY_SETTLE_MS,
  formatNumber,
  formatValue,
  formula,
  isDisplayable,
  isJupyter,
  type JupyterApi,
  jupyterApi,
  jupyterDisplay,
  md,
  mimeBundle,
  percent,
  plural,
  progressBar,
  show,
  table,
  tex,
} from "../lib/mod.ts";

/** Runs `fn` with console.log captured; returns the lines logged. */
async function captureLog(fn: () => unknown): Promise<string[]> {
  const lines: string[] = [];
  const original = console.log;
  console.log = (...args: unknown[]) => lines.push(args.map(String).join(" "));
  try {
    await fn();
  } finally {
    console.log = original;
  }
  return lines;
}

Deno.test("jupyter detection and bundles", async (t) => {
  await t.step("deno test is not a Jupyter kernel", () => {
    assert.equal(isJupyter(), false);
    assert.equal(jupyterApi(), undefined);
  });

  await t.step("mimeBundle() and isDisplayable()", () => {
    const f = tex("x");
    assert.ok(isDisplayable(f));
    assert.ok(!isDisplayable(null) && !isDisplayable("x"));
    assert.deepEqual(mimeBundle(f), f[jupyterDisplay]());
    assert.deepEqual(mimeBundle("text"), { "text/plain": "text" });
    assert.deepEqual(mimeBundle({ a: 1 }), { "text/plain": "{ a: 1 }" });
  });

  await t.step("show() throws a rendering error at the call, even if not awaited", () => {
    const broken = {
      [jupyterDisplay]() {
        throw new Error("formatter failed");
      },
    };
    assert.throws(() => show(broken), /formatter failed/);
  });

  await t.step(
    "show() in Jupyter: one raw display, resolved only after the settle time",
    async () => {
      const sent: Array<{ bundle: unknown; options: unknown; at: number }> = [];
      const api: JupyterApi = {
        display(bundle, options) {
          sent.push({ bundle, options, at: performance.now() });
          return Promise.resolve();
        },
      };
      const start = performance.now();
      await show(table([{ a: 1 }]), { jupyter: api, settleMs: 40 });
      const waited = performance.now() - start;
      assert.equal(sent.length, 1);
      assert.deepEqual(sent[0].options, { raw: true });
      assert.match((sent[0].bundle as Record<string, string>)["text/html"], /<table/);
      assert.ok(waited >= 35, `resolved after ${waited} ms, before the 40 ms settle`);
      assert.equal(DISPLAY_SETTLE_MS, 25);
      const lines = await captureLog(() => show("text", { jupyter: false }));
      assert.deepEqual(lines, ["text"]);
    },
  );

  await t.step("show() prints the text form outside Jupyter", async () => {
    const lines = await captureLog(() => show(table([{ a: 1 }])));
    assert.deepEqual(lines, ["a\n-\n1"]);
  });
});

Deno.test("formatNumber()", async (t) => {
  await t.step("significant digits, exponents for tiny and huge values", () => {
    const cases: Array<[number, string]> = [
      [0, "0"],
      [-0, "0"],
      [42, "42"],
      [-3, "-3"],
      [9999999, "9999999"],
      [12345678, "1.235e7"],
      [0.5, "0.5"],
      [1 / 3, "0.3333"],
      [-2.71828, "-2.718"],
      [123.456, "123.5"],
      [0.001, "0.001"],
      [0.000999, "9.99e-4"],
      [1e-300, "1e-300"],
      [NaN, "NaN"],
      [Infinity, "∞"],
    ];
    for (const [x, s] of cases) assert.equal(formatNumber(x), s, String(x));
    assert.equal(formatNumber(Math.PI, { digits: 2 }), "3.1");
    assert.equal(formatNumber(1.5e-9, { style: "html" }), "1.5×10<sup>−9</sup>");
    assert.equal(formatNumber(1.5e9, { style: "html" }), "1.5×10<sup>9</sup>");
    assert.equal(formatNumber(-1.25e-12, { style: "unicode" }), "−1.25×10⁻¹²");
  });

  await t.step("prose and HTML styles write the minus sign −, text keeps the ASCII hyphen", () => {
    for (const style of ["unicode", "html"] as const) {
      assert.equal(formatNumber(-3, { style }), "−3");
      assert.equal(formatNumber(-0.123456, { style }), "−0.1235");
      assert.equal(formatNumber(-Infinity, { style }), "−∞");
      assert.equal(formatNumber(-0, { style }), "0");
    }
    assert.equal(formatNumber(-2.5e-7, { style: "html" }), "−2.5×10<sup>−7</sup>");
    assert.equal(formatNumber(-3), "-3");
    assert.equal(md`from ${-37.43} to ${-1}`.markdown, "from −37.43 to −1");
  });

  await t.step("bad digits throw", () => {
    assert.throws(() => formatNumber(1, { digits: 0 }), /digits must be an integer from 1 to 21/);
  });
});

Deno.test("tex() and formula()", async (t) => {
  await t.step("display maths: markdown and LaTeX with $$, plain source", () => {
    const f = tex(String.raw`\sigma'(x) = \sigma(x)\,(1 - \sigma(x))`);
    const bundle = f[jupyterDisplay]();
    assert.deepEqual(Object.keys(bundle).sort(), ["text/latex", "text/markdown", "text/plain"]);
    assert.equal(bundle["text/markdown"], String.raw`$$\sigma'(x) = \sigma(x)\,(1 - \sigma(x))$$`);
    assert.equal(bundle["text/latex"], bundle["text/markdown"]);
    assert.equal(bundle["text/plain"], String.raw`\sigma'(x) = \sigma(x)\,(1 - \sigma(x))`);
    assert.equal(String(f), bundle["text/plain"]);
  });

  await t.step("inline maths uses single dollars", () => {
    assert.equal(tex("x^2", { display: false })[jupyterDisplay]()["text/markdown"], "$x^2$");
  });

  await t.step("formula() takes text or a mathjs node, with an optional left-hand side", () => {
    assert.equal(formula("alpha * x").latex, String.raw`\alpha\cdot x`);
    assert.equal(
      formula(parse("alpha * x"), { lhs: "f(x)" }).latex,
      String.raw`f(x) = \alpha\cdot x`,
    );
    assert.equal(formula("x", { display: false }).delimited, "$x$");
  });

  await t.step("an empty formula throws", () => {
    assert.throws(() => tex(""), {
      name: "TypeError",
      message: /expected a non-empty LaTeX string/,
    });
  });
});

Deno.test("md``", async (t) => {
  await t.step("formats numbers, keeps formulas' delimiters, shows as markdown", () => {
    const m = md`Slope ${0.123456} at ${tex("x=0", { display: false })}, ${3e-8} gone, ${"ok"}.`;
    assert.equal(m.markdown, "Slope 0.1235 at $x=0$, 3×10⁻⁸ gone, ok.");
    assert.deepEqual(m[jupyterDisplay](), {
      "text/markdown": m.markdown,
      "text/plain": m.markdown,
    });
    assert.equal(String(m), m.markdown);
  });
});

Deno.test("table()", async (t) => {
  const rows = [
    { name: "sigmoid", slope: 0.25, tiny: 2.5e-7, saturates: true, note: "<b>" },
    { name: "relu", slope: 1, tiny: 0, saturates: false, note: null },
  ];

  await t.step("plain text: aligned columns, numbers right, ✓ and —", () => {
    assert.equal(
      table(rows).text,
      [
        "name     slope    tiny  saturates  note",
        "-------  -----  ------  ---------  ----",
        "sigmoid   0.25  2.5e-7  ✓          <b>",
        "relu         1       0  —",
      ].join("\n"),
    );
  });

  await t.step("HTML: escaped, exponents as superscripts, no hard-coded colours", () => {
    const html = table(rows, { caption: "Slopes & more" }).html;
    assert.match(html, /^<table[^>]*>/);
    assert.match(html, /<caption[^>]*>Slopes &amp; more<\/caption>/);
    assert.match(html, /<th style="text-align: right[^"]*">slope<\/th>/);
    assert.match(html, /<td style="text-align: right[^"]*">2.5×10<sup>−7<\/sup><\/td>/);
    assert.match(html, /<td[^>]*>&lt;b&gt;<\/td>/);
    assert.match(html, /<td[^>]*>✓<\/td>/);
    assert.doesNotMatch(html, /#[0-9a-f]{3,6}\b|\b(white|black)\b|rgb\(/i);
  });

  await t.step("the bundle has HTML and text", () => {
    const t1 = table(rows);
    assert.deepEqual(t1[jupyterDisplay](), { "text/html": t1.html, "text/plain": t1.text });
    assert.equal(String(t1), t1.text);
  });

  await t.step("columns: order, labels, formatters, digits, alignment", () => {
    const t2 = table(rows, {
      columns: [
        { key: "slope", label: "max f′", digits: 1 },
        "name",
        { key: "saturates", format: (v) => (v ? "yes" : "no"), align: "center" },
      ],
      format: { name: (v) => String(v).toUpperCase() },
      caption: "Custom",
    });
    assert.deepEqual(t2.headers, ["max f′", "name", "saturates"]);
    assert.equal(
      t2.text,
      [
        "Custom",
        "max f′  name     saturates",
        "------  -------  ---------",
        "   0.3  SIGMOID     yes",
        "     1  RELU        no",
      ].join("\n"),
    );
    assert.match(t2.html, /<td style="text-align: center[^"]*">yes<\/td>/);
  });

  await t.step("other values: arrays, typed arrays, bigints, dates, objects", () => {
    assert.equal(formatValue([1, 0.5]), "1, 0.5");
    assert.equal(formatValue(new Float64Array([0.25])), "0.25");
    assert.equal(formatValue(10n), "10");
    assert.equal(formatValue(new Date(0)), "1970-01-01T00:00:00.000Z");
    assert.equal(formatValue({ a: 1 }), '{"a":1}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.equal(formatValue(cyclic), "[object Object]");
  });

  await t.step("bad input throws", () => {
    assert.throws(() => table([]), /no columns/);
    assert.throws(() => table("rows" as never), /rows must be an array of objects/);
    assert.throws(() => table([1] as never), /row 0 must be an object/);
    assert.equal(table([], { columns: ["a"] }).text, "a\n-");
  });
});

Deno.test("progressBar()", async (t) => {
  await t.step("outside Jupyter: a line per tenth and one at the end, no ANSI codes", async () => {
    let bar = progressBar({ total: 20, label: "training" });
    const lines = await captureLog(async () => {
      for (let i = 1; i <= 19; i++) await bar.update(i, `loss ${(1 / i).toFixed(2)}`);
      await bar.finish("done");
      await bar.finish("again"); // already finished: nothing more
      await bar.update(5);
    });
    assert.equal(lines.length, 10);
    assert.match(lines[0], /^training: 2\/20 \(10%\) · \d+\.\d s · loss 0\.50$/);
    assert.match(lines[8], /^training: 18\/20 \(90%\) · \d+\.\d s · loss 0\.06$/);
    assert.match(lines[9], /^training: 20\/20 \(100%\) · \d+\.\d s · done$/);
    for (const line of lines) assert.ok(!line.includes("\u001b"), "no ANSI escape codes");
    assert.ok(bar.finished);

    // Reaching total finishes the bar by itself.
    bar = progressBar({ total: 3 });
    const auto = await captureLog(() => bar.update(5));
    assert.equal(auto.length, 1);
    assert.match(auto[0], /^progress: 3\/3 \(100%\)/);
    assert.equal(bar.done, 3);
  });

  await t.step(
    "in Jupyter: one display, then throttled in-place updates, final always",
    async () => {
      const calls: Array<{ bundle: Record<string, string>; options: Record<string, unknown> }> = [];
      const api: JupyterApi = {
        display(bundle, options) {
          calls.push({ bundle: bundle as Record<string, string>, options: options ?? {} });
          return Promise.resolve();
        },
      };
      let now = 0;
      const bar = progressBar({ total: 100, label: "epochs", jupyter: api, now: () => now });
      for (let i = 1; i < 100; i++) {
        now += 20; // 50 updates a second: throttled to one per 100 ms
        await bar.update(i);
      }
      const finishing = performance.now();
      await bar.finish("accuracy 0.97");
      // The final state is given the kernel's settle time before the cell may end.
      assert.ok(performance.now() - finishing >= DISPLAY_SETTLE_MS - 5);
      assert.deepEqual(calls[0].options, { raw: true, display_id: bar.id });
      for (const c of calls.slice(1)) {
        assert.deepEqual(c.options, { raw: true, update: true, display_id: bar.id });
      }
      assert.equal(calls.length, 1 + Math.floor((99 - 1) / 5) + 1);
      const last = calls.at(-1)!.bundle;
      assert.deepEqual(Object.keys(last).sort(), ["text/html", "text/plain"]);
      assert.match(last["text/plain"], /^epochs: 100\/100 \(100%\) · 2\.0 s · accuracy 0\.97$/);
      assert.match(last["text/html"], /role="progressbar"[^>]*aria-valuenow="100"/);
      assert.doesNotMatch(last["text/html"], /#[0-9a-f]{3,6}\b|\b(white|black)\b/i);
    },
  );

  await t.step("display ids are unique; minutes shown past 60 s", () => {
    let now = 0;
    const a = progressBar({ total: 1, now: () => now, jupyter: false });
    const b = progressBar({ total: 1, jupyter: false });
    assert.notEqual(a.id, b.id);
    assert.match(a.id, /^progress-[0-9a-z]+-\d+$/);
    now = 125_000;
    assert.match(a.text, /· 2 min 5 s$/);
    assert.deepEqual(a[jupyterDisplay]()["text/plain"], a.text);
  });

  await t.step("bad input throws", () => {
    assert.throws(() => progressBar({ total: 0 }), /total must be a positive finite number/);
    assert.throws(() => progressBar({} as never), /total must be/);
    assert.throws(() => progressBar({ total: 2 }).update(NaN), /done must be a number/);
  });
});

Deno.test("plural(), percent()", async (t) => {
  await t.step("counted nouns and percentages", () => {
    assert.equal(plural(0, "unit"), "0 units");
    assert.equal(plural(1.5, "epoch"), "1.5 epochs");
    assert.equal(percent(0), "0 %");
    assert.equal(percent(0.5, 0), "50 %");
  });
  await t.step("a non-finite count or fraction, or bad digits, is an error", () => {
    assert.throws(() => plural(NaN, "seed"), { name: "RangeError", message: /plural: n must be/ });
    assert.throws(() => percent(Infinity), {
      name: "RangeError",
      message: /percent: the fraction/,
    });
    assert.throws(() => percent(0.5, 1.5), { name: "RangeError", message: /percent: digits/ });
  });
});
