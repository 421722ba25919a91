// Tests of the notebook tools (notebooks/tools/*.ts): the command line of `deno task notebooks`,
// parameters injected papermill's way, the set-up's decisions (with a stand-in machine), and
// the browser check's comparison of a page with the committed notebook.
import assert from "node:assert/strict";
import { parseNotebookArgs, UsageError } from "../notebooks/tools/cli_args.ts";
import {
  defaultOutputName,
  formatLiteral,
  INJECTED_TAG,
  injectParameters,
  type Notebook,
  ParameterError,
  parseLiteral,
  parseParametersCell,
  parseParameterValue,
} from "../notebooks/tools/parameters.ts";
import {
  type Command,
  ensureJupyter,
  ensureKernelspec,
  isDebianLike,
  kernelspecProblem,
  planJupyter,
  type RunResult,
  SetupError,
  type SetupFacts,
  type SetupHost,
} from "../notebooks/tools/setup.ts";
import { compareOutputs, outputKind, pageProblems } from "../notebooks/tools/page_report.ts";

/** Parameters cells in the forms the course's notebooks use. */
const CELL = `// F8 and C3.1
/** LeakyReLU's slope (JSDoc comments too). */
const ALPHA = 0.01; // PyTorch's default
const SEED = 0;
const LOWER = 1 / 8; // an expression of numbers is a number
const COST_N = 2 ** 18;
const SAMPLES = 200_000;
const TOL = 1e-3;
const DEAD_BIAS = -3;
const HIDDEN = [128, 128];
const ZZ_START: [number, number] = [0, 0]; // a type annotation
const ACTIVATIONS: ActivationName[] = [
  "sigmoid",
  "relu", // a comment inside
];
const MODE = "channel" as const;
let VERBOSE = false;
const DERIVED = SEED + 1; // not a literal: cannot be set
const EMPTY: number[] = [];
`;

const notebook = (source = CELL): Notebook => ({
  metadata: { kernelspec: { name: "deno" } },
  nbformat: 4,
  cells: [
    { "cell_type": "markdown", source: "# Title", metadata: {} },
    {
      "cell_type": "code",
      source: 'import { x } from "../lib/mod.ts";',
      metadata: {},
      outputs: [],
    },
    {
      "cell_type": "code",
      source: source.split(/(?<=\n)/),
      metadata: { tags: ["parameters"] },
      outputs: [],
    },
    { "cell_type": "code", source: "await show(ALPHA);", metadata: {}, outputs: [] },
  ],
});

Deno.test("deno task notebooks: the command line", async (t) => {
  await t.step("notebooks, -p NAME VALUE in order, --output", () => {
    const args = parseNotebookArgs([
      "03_leaky_relu.ipynb",
      "-p",
      "ALPHA",
      "0.2",
      "--parameter",
      "SEED",
      "3",
      "--output",
      "out/03.ipynb",
    ]);
    assert.deepEqual(args, {
      mode: "run",
      notebooks: ["03_leaky_relu.ipynb"],
      parameters: [{ name: "ALPHA", text: "0.2" }, { name: "SEED", text: "3" }],
      output: "out/03.ipynb",
    });
    assert.equal(parseNotebookArgs(["a", "--output=o.ipynb"]).output, "o.ipynb");
    assert.equal(parseNotebookArgs(["a", "-p", "X", "-1"]).parameters[0].text, "-1");
  });

  await t.step("modes", () => {
    assert.equal(parseNotebookArgs([]).mode, "run");
    assert.deepEqual(parseNotebookArgs(["--check", "a", "b"]).notebooks, ["a", "b"]);
    assert.equal(parseNotebookArgs(["--check"]).mode, "check");
    assert.equal(parseNotebookArgs(["--setup"]).mode, "setup");
    assert.equal(parseNotebookArgs(["x", "--help"]).mode, "help");
    assert.equal(parseNotebookArgs(["--timeout", "30"]).timeout, 30);
    assert.deepEqual(parseNotebookArgs(["--", "-odd.ipynb"]).notebooks, ["-odd.ipynb"]);
  });

  await t.step("refused before anything runs, saying why", () => {
    const refused = (argv: string[], pattern: RegExp) =>
      assert.throws(() => parseNotebookArgs(argv), (e: Error) => {
        assert.ok(e instanceof UsageError, `${e}`);
        assert.match(e.message, pattern);
        return true;
      });
    refused(
      ["a.ipynb", "b.ipynb", "--output", "o.ipynb"],
      /--output names one file, but 2 notebooks/,
    );
    refused(["--output", "o.ipynb"], /but every notebook would be run/);
    refused(["a", "-p", "ALPHA"], /-p needs a NAME and a VALUE/);
    refused(["a", "-p", "1x", "2"], /not a name/);
    refused(["a", "--output"], /--output needs a value/);
    refused(["a", "-o", "x", "-o", "y"], /given twice/);
    refused(["a", "--check", "--output", "x"], /--check saves nothing/);
    refused(["--setup", "a"], /--setup takes no notebooks/);
    refused(["--check", "--setup"], /exclude each other/);
    refused(["--timeout", "0"], /whole number of seconds/);
    refused(["--frobnicate"], /unknown option --frobnicate[\s\S]*Usage:/);
  });
});

Deno.test("parameters: literals", async (t) => {
  await t.step("numbers, strings, booleans, arrays", () => {
    assert.equal(parseLiteral("1 / 8"), 0.125);
    assert.equal(parseLiteral("2 ** 3 ** 2"), 512);
    assert.equal(parseLiteral("-(1 + 2) * 3 % 5"), -4);
    assert.equal(parseLiteral("200_000"), 200000);
    assert.equal(parseLiteral("0x1f"), 31);
    assert.equal(parseLiteral(".5e1"), 5);
    assert.equal(parseLiteral("'it\\'s'"), "it's");
    assert.equal(parseLiteral('"tab\\there\\u00e9"'), "tab\there\u00e9");
    assert.equal(parseLiteral("`plain`"), "plain");
    assert.equal(parseLiteral("true"), true);
    assert.deepEqual(parseLiteral("[1, [2, 'a'], false,] // end"), [1, [2, "a"], false]);
  });

  await t.step("what is not a literal", () => {
    for (const text of ["SEED + 1", "f(1)", "`${x}`", "[1, 2", "1 / 0", "'open", "true false"]) {
      assert.throws(() => parseLiteral(text), SyntaxError, text);
    }
  });

  await t.step("formatLiteral writes TypeScript", () => {
    assert.equal(formatLiteral([1e-7, 'a"b', false, [-0]]), '[1e-7, "a\\"b", false, [-0]]');
  });
});

Deno.test("parameters: the parameters cell", async (t) => {
  const parameters = parseParametersCell(CELL);
  const byName = new Map(parameters.map((p) => [p.name, p]));

  await t.step("every declared name, with the kind of its literal", () => {
    assert.deepEqual(parameters.map((p) => p.name), [
      "ALPHA",
      "SEED",
      "LOWER",
      "COST_N",
      "SAMPLES",
      "TOL",
      "DEAD_BIAS",
      "HIDDEN",
      "ZZ_START",
      "ACTIVATIONS",
      "MODE",
      "VERBOSE",
      "DERIVED",
      "EMPTY",
    ]);
    assert.equal(byName.get("LOWER")!.kind, "number");
    assert.equal(byName.get("COST_N")!.source, "2 ** 18");
    assert.deepEqual(byName.get("ZZ_START")!.elementKinds, ["number"]);
    assert.deepEqual(byName.get("ACTIVATIONS")!.elementKinds, ["string"]);
    assert.equal(byName.get("MODE")!.kind, "string");
    assert.equal(byName.get("VERBOSE")!.keyword, "let");
    assert.equal(byName.get("VERBOSE")!.kind, "boolean");
    assert.equal(byName.get("DERIVED")!.kind, undefined);
    assert.deepEqual(byName.get("EMPTY")!.elementKinds, []);
  });

  await t.step("several declarators, statements on one line, no semicolons", () => {
    const found = parseParametersCell("const A = 1, B = [2, 3]; let C = 'x'\nconst D =\n  4\n");
    assert.deepEqual(found.map((p) => [p.name, p.kind]), [
      ["A", "number"],
      ["B", "array"],
      ["C", "string"],
      ["D", "number"],
    ]);
  });

  await t.step("a value must be the same kind of literal", () => {
    const value = (name: string, text: string) => parseParameterValue(byName.get(name)!, text);
    assert.equal(value("ALPHA", "0.2"), 0.2);
    assert.equal(value("ALPHA", "-1e-3"), -0.001);
    assert.equal(value("SAMPLES", "1_000"), 1000);
    assert.equal(value("VERBOSE", "true"), true);
    assert.equal(value("MODE", "shared"), "shared");
    assert.equal(value("MODE", '"with space"'), "with space");
    assert.equal(value("MODE", "0.5"), "0.5", "a string parameter takes the text");
    assert.deepEqual(value("HIDDEN", "[32, 16, 8]"), [32, 16, 8]);
    assert.deepEqual(value("ACTIVATIONS", '["elu"]'), ["elu"]);
    assert.deepEqual(value("HIDDEN", "[]"), []);
    assert.deepEqual(value("EMPTY", "['any', 1]"), ["any", 1]);
    const refused = (name: string, text: string, pattern: RegExp) =>
      assert.throws(() => value(name, text), (e: Error) => {
        assert.ok(e instanceof ParameterError, `${e}`);
        assert.match(e.message, pattern);
        return true;
      });
    refused("ALPHA", "big", /ALPHA is a number in the parameters cell \(0\.01\); give a number/);
    refused("ALPHA", "1/8", /give a number/);
    refused("ALPHA", "Infinity", /give a number/);
    refused("ALPHA", "[1]", /give a number/);
    refused("VERBOSE", "True", /VERBOSE is a boolean .*give true or false/);
    refused("VERBOSE", "1", /give true or false/);
    refused("HIDDEN", "32", /HIDDEN is an array of number .*give a bracketed list/);
    refused("HIDDEN", '["a"]', /whose elements are number \(got string\)/);
    refused("DERIVED", "1", /not a literal, so it cannot be set/);
  });
});

Deno.test("parameters: injection, papermill's way", async (t) => {
  await t.step("a tagged cell right after the parameters cell re-declares the names", () => {
    const nb = notebook();
    const out = injectParameters(nb, [
      { name: "ALPHA", text: "0.2" },
      { name: "VERBOSE", text: "true" },
      { name: "ACTIVATIONS", text: '["relu","elu"]' },
    ]);
    assert.equal(out.cells.length, nb.cells.length + 1);
    assert.deepEqual(out.cells[3].metadata, { tags: [INJECTED_TAG] });
    assert.equal(
      out.cells[3].source,
      "// Injected parameters (-p on the command line)\nconst ALPHA = 0.2;\nlet VERBOSE = true;\n" +
        'const ACTIVATIONS = ["relu", "elu"];\n',
    );
    assert.deepEqual([out.cells[3].outputs, out.cells[3].execution_count], [[], null]);
    assert.equal(out.cells[4].source, "await show(ALPHA);");
    assert.equal(nb.cells.length, 4, "the original is left alone");
  });

  await t.step("a notebook whose cells have ids (nbformat 4.5) gets one for the new cell", () => {
    const nb = notebook();
    nb.cells.forEach((cell, i) => (cell.id = `cell-${i}`));
    const out = injectParameters(nb, [{ name: "ALPHA", text: "0.2" }]);
    assert.equal(out.cells[3].id, INJECTED_TAG);
    assert.equal(new Set(out.cells.map((c) => c.id)).size, out.cells.length);
    assert.equal(
      injectParameters(notebook(), [{ name: "ALPHA", text: "0.2" }]).cells[3].id,
      undefined,
    );
  });

  await t.step("injecting again replaces the injected cell", () => {
    const once = injectParameters(notebook(), [{ name: "ALPHA", text: "0.2" }]);
    const twice = injectParameters(once, [{ name: "SEED", text: "5" }]);
    const injected = twice.cells.filter((c) => c.metadata.tags?.includes(INJECTED_TAG));
    assert.equal(injected.length, 1);
    assert.match(String(injected[0].source), /const SEED = 5;/);
    assert.doesNotMatch(String(injected[0].source), /ALPHA/);
  });

  await t.step("a misspelt name is refused with the names allowed", () => {
    assert.throws(
      () => injectParameters(notebook(), [{ name: "ALHPA", text: "0.2" }], "03_leaky_relu"),
      (e: Error) => {
        assert.ok(e instanceof ParameterError);
        assert.match(e.message, /03_leaky_relu's parameters cell declares no ALHPA/);
        assert.match(e.message, /did you mean ALPHA\?/);
        assert.match(e.message, /^ {2}ALPHA \(number\) = 0\.01$/m);
        assert.match(e.message, /^ {2}HIDDEN \(array of number\) = \[128, 128\]$/m);
        assert.match(e.message, /not settable, not a literal: DERIVED/);
        return true;
      },
    );
  });

  await t.step("a name given twice, a notebook without a parameters cell", () => {
    const twice = [{ name: "SEED", text: "1" }, { name: "SEED", text: "2" }];
    assert.throws(() => injectParameters(notebook(), twice), /-p SEED is given twice/);
    const bare = notebook();
    bare.cells[2].metadata = {};
    assert.throws(
      () => injectParameters(bare, [{ name: "SEED", text: "1" }], "x"),
      /x has no cell tagged "parameters"/,
    );
  });

  await t.step("the default output name", () => {
    assert.equal(
      defaultOutputName("03_leaky_relu", [["ALPHA", 0.2], ["SEED", 3]]),
      "out/03_leaky_relu.ALPHA-0.2.SEED-3.ipynb",
    );
    assert.equal(
      defaultOutputName("06_choosing", [["ACTIVATIONS", ["relu", "elu"]], ["MODE", "a b/c"]]),
      "out/06_choosing.ACTIVATIONS-relu_elu.MODE-a_b_c.ipynb",
    );
    assert.equal(defaultOutputName("n", [["X", -1e-7]]), "out/n.X--1e-7.ipynb");
  });
});

/** A stand-in machine: each command's result comes from `answer`; commands are recorded. */
function fakeHost(
  answer: (command: Command, shown: boolean) => RunResult | undefined,
  options: Partial<SetupHost> = {},
): SetupHost & { commands: string[]; said: string[] } {
  const commands: string[] = [];
  const said: string[] = [];
  const respond = (shown: boolean) => (command: Command) => {
    commands.push(`${shown ? "run" : "capture"}: ${command.program} ${command.args.join(" ")}`);
    return Promise.resolve(answer(command, shown) ?? { code: 127, stdout: "", stderr: "" });
  };
  return {
    os: "linux",
    osRelease: 'ID=debian\nVERSION_ID="12"\n',
    isRoot: true,
    root: "/repo",
    denoPath: "/usr/bin/deno",
    capture: respond(false),
    run: respond(true),
    realPath: (path) => path,
    say: (line) => said.push(line),
    commands,
    said,
    ...options,
  };
}

const ok = (stdout = ""): RunResult => ({ code: 0, stdout, stderr: "" });
const isImportCheck = (c: Command) => c.args[0] === "-c" && c.args[1].includes("nbclient");

Deno.test("set-up: which way Jupyter gets installed", async (t) => {
  const facts = (more: Partial<SetupFacts>): SetupFacts => ({
    os: "linux",
    debianLike: false,
    isRoot: false,
    hasAptGet: false,
    ...more,
  });

  await t.step("os-release", () => {
    assert.ok(isDebianLike('ID=debian\nVERSION_ID="12"'));
    assert.ok(isDebianLike('ID=linuxmint\nID_LIKE="ubuntu debian"'));
    assert.ok(isDebianLike("ID=ubuntu"));
    assert.ok(!isDebianLike('ID=fedora\nID_LIKE="rhel centos"'));
    assert.ok(!isDebianLike(undefined));
  });

  await t.step("Debian or Ubuntu as root, with apt-get: the packages CI uses", () => {
    const plan = planJupyter(facts({ debianLike: true, isRoot: true, hasAptGet: true }), "/r");
    assert.equal(plan.kind, "apt");
    assert.match(plan.why, /system-wide \(outside the project\)/);
    assert.deepEqual(
      plan.kind === "apt" && plan.commands.map((c) => [c.program, ...c.args].join(" ")),
      [
        "apt-get update",
        "apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient python3-ipykernel",
      ],
    );
  });

  await t.step("not root, or not Debian: the project's .venv/ with pip", () => {
    for (
      const f of [
        facts({ debianLike: true, isRoot: false, hasAptGet: true, venvPython: "python3" }),
        facts({ os: "darwin", venvPython: "/opt/homebrew/bin/python3" }),
      ]
    ) {
      const plan = planJupyter(f, "/r");
      assert.equal(plan.kind, "venv");
      assert.deepEqual(plan.kind === "venv" && plan.commands.map((c) => c.args.join(" ")), [
        "-m venv /r/.venv",
        "-m pip install nbclient nbconvert ipykernel",
      ]);
      assert.equal(plan.kind === "venv" && plan.commands[1].program, "/r/.venv/bin/python");
    }
  });

  await t.step("neither: the exact commands to run", () => {
    const debian = planJupyter(facts({ debianLike: true }), "/r");
    assert.equal(debian.kind, "manual");
    assert.match(debian.why, /apt-get needs root/);
    assert.deepEqual(debian.kind === "manual" && debian.commands.slice(0, 2), [
      "sudo apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient python3-ipykernel",
      "# or, without root: sudo apt-get install -y python3-venv, then",
    ]);
    const mac = planJupyter(facts({ os: "darwin" }), "/r");
    assert.deepEqual(mac.kind === "manual" && mac.commands, [
      "brew install python",
      "python3 -m venv .venv",
      ".venv/bin/python -m pip install nbclient nbconvert ipykernel",
    ]);
    const windows = planJupyter(facts({ os: "windows" }), "C:\\r");
    assert.match(windows.kind === "manual" ? windows.commands[1] : "", /Scripts\\python\.exe/);
  });
});

Deno.test("set-up: the steps taken, on stand-in machines", async (t) => {
  await t.step("Jupyter present: nothing installed, the Python that has it is used", async () => {
    // python3 on PATH is a shim without the modules; the system Python has them.
    const host = fakeHost((c) =>
      isImportCheck(c) && c.program === "/usr/bin/python3" ? ok("0.7.2") : undefined
    );
    assert.equal(await ensureJupyter(host), "/usr/bin/python3");
    assert.deepEqual(host.commands.filter((c) => c.startsWith("run")), []);
    assert.match(host.said[0], /\/usr\/bin\/python3 has nbclient 0\.7\.2/);
  });

  await t.step("Debian as root: apt-get, said before it is run", async () => {
    let installed = false;
    const host = fakeHost((c, shown) => {
      if (shown && c.program === "apt-get" && c.args[0] === "install") installed = true;
      if (c.program === "apt-get") return ok();
      if (isImportCheck(c) && c.program === "/usr/bin/python3" && installed) return ok("0.7.2");
      return undefined;
    });
    assert.equal(await ensureJupyter(host), "/usr/bin/python3");
    assert.deepEqual(host.commands.filter((c) => c.startsWith("run")), [
      "run: apt-get update",
      "run: apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient python3-ipykernel",
    ]);
    assert.match(host.said[0], /installing Jupyter .* with apt-get, as root/);
    assert.equal(host.said[1], "set-up: $ DEBIAN_FRONTEND=noninteractive apt-get update");
  });

  await t.step("no root, a Python with venv: .venv/ and pip", async () => {
    let installed = false;
    const host = fakeHost((c, shown) => {
      if (shown && c.args.includes("pip")) installed = true;
      if (shown) return ok();
      if (c.args[1] === "import venv, ensurepip" && c.program === "python3") return ok();
      if (isImportCheck(c) && c.program === "/repo/.venv/bin/python" && installed) {
        return ok("0.10");
      }
      return undefined;
    }, { isRoot: false });
    assert.equal(await ensureJupyter(host), "/repo/.venv/bin/python");
    assert.deepEqual(host.commands.filter((c) => c.startsWith("run")), [
      "run: python3 -m venv /repo/.venv",
      "run: /repo/.venv/bin/python -m pip install nbclient nbconvert ipykernel",
    ]);
    assert.match(host.said[0], /into the project's virtual environment \.venv\//);
  });

  await t.step("pip cannot reach PyPI: the exact commands, and a failure", async () => {
    const host = fakeHost((c, shown) => {
      if (shown) return c.args.includes("pip") ? { code: 1, stdout: "", stderr: "" } : ok();
      if (c.args[1] === "import venv, ensurepip") return ok();
      return undefined;
    }, { isRoot: false, osRelease: "ID=fedora" });
    await assert.rejects(() => ensureJupyter(host), (e: Error) => {
      assert.ok(e instanceof SetupError);
      assert.match(e.message, /pip install nbclient nbconvert ipykernel` failed \(exit 1\)/);
      assert.match(e.message, /pip needs to reach PyPI/);
      assert.match(e.message, /^ {2}python3 -m venv \.venv$/m);
      return true;
    });
  });

  await t.step("no Python at all: the exact commands, nothing run", async () => {
    const host = fakeHost(() => undefined, { isRoot: false });
    await assert.rejects(
      () => ensureJupyter(host),
      /apt-get needs root[\s\S]*sudo apt-get install/,
    );
    assert.deepEqual(host.commands.filter((c) => c.startsWith("run")), []);
  });

  await t.step("apt-get ran but nothing imports: said so", async () => {
    const host = fakeHost((c) => c.program === "apt-get" ? ok() : undefined);
    await assert.rejects(() => ensureJupyter(host), /after apt-get no Python imports nbclient/);
  });
});

Deno.test("set-up: the Deno kernelspec", async (t) => {
  const spec = (argv0: string) =>
    JSON.stringify({ dir: "/home/u/k/deno", argv: [argv0, "jupyter"] });

  await t.step("kernelspecProblem", () => {
    const same = (p: string) => p.replace("/usr/bin/deno", "/opt/deno/deno");
    assert.equal(
      kernelspecProblem({ dir: "d", argv: ["/usr/bin/deno"] }, "/opt/deno/deno", same),
      undefined,
    );
    assert.match(kernelspecProblem(undefined, "/x", same)!, /no kernelspec named deno/);
    assert.match(
      kernelspecProblem({ dir: "d", argv: ["/old/deno"] }, "/usr/bin/deno", same)!,
      /runs \/old\/deno, not this Deno \(\/usr\/bin\/deno\)/,
    );
  });

  await t.step("missing: registered with this Deno, then found", async () => {
    let registered = false;
    const host = fakeHost((c, shown) => {
      if (shown && c.program === "/usr/bin/deno") {
        registered = true;
        return ok();
      }
      if (c.args[1]?.includes("KernelSpecManager")) {
        return ok(registered ? spec("/usr/bin/deno") : "null");
      }
      return undefined;
    });
    await ensureKernelspec(host, "/usr/bin/python3");
    assert.deepEqual(host.commands.filter((c) => c.startsWith("run")), [
      "run: /usr/bin/deno jupyter --install --force",
    ]);
    assert.match(
      host.said[0],
      /Jupyter has no Deno kernel .*registering it in your Jupyter kernel folder/,
    );
  });

  await t.step("this Deno may be run only by name: tried by name", async () => {
    let registered = false;
    const host = fakeHost((c, shown) => {
      if (shown && c.program === "deno") return registered = true, ok();
      if (shown) return { code: 127, stdout: "", stderr: "NotCapable" };
      return ok(registered ? spec("/usr/lib/node_modules/deno/deno") : "null");
    }, { denoPath: "/usr/lib/node_modules/deno/deno" });
    await ensureKernelspec(host, "python3");
    assert.deepEqual(host.commands.filter((c) => c.startsWith("run")), [
      "run: /usr/lib/node_modules/deno/deno jupyter --install --force",
      "run: deno jupyter --install --force",
    ]);
  });

  await t.step("registering fails: the error and its reason", async () => {
    const host = fakeHost((_, shown) =>
      shown ? { code: 1, stdout: "", stderr: "disk full" } : ok("null")
    );
    await assert.rejects(() => ensureKernelspec(host, "python3"), /failed \(exit 1\): disk full/);
  });

  await t.step("pointing at another Deno: re-registered", async () => {
    let registered = false;
    const host = fakeHost((_c, shown) => {
      if (shown) return registered = true, ok();
      return ok(spec(registered ? "/usr/bin/deno" : "/old/deno"));
    });
    await ensureKernelspec(host, "python3");
    assert.match(host.said[0], /runs \/old\/deno, not this Deno/);
    assert.ok(registered);
  });

  await t.step("present and right: nothing done", async () => {
    const host = fakeHost(() => ok(spec("/usr/bin/deno")));
    await ensureKernelspec(host, "python3");
    assert.deepEqual(host.commands.filter((c) => c.startsWith("run")), []);
  });

  await t.step("registered but still not found: said where to look", async () => {
    const host = fakeHost((_, shown) => shown ? ok() : ok("null"));
    await assert.rejects(() => ensureKernelspec(host, "python3"), /JUPYTER_DATA_DIR/);
  });
});

Deno.test("browser check: the page against the committed notebook", async (t) => {
  const display = { "output_type": "display_data", data: { "text/html": "", "text/plain": "" } };
  const committed: Notebook = {
    metadata: {},
    cells: [
      { "cell_type": "markdown", source: "# t", metadata: {} },
      { "cell_type": "code", source: "await show(a)", metadata: {}, outputs: [display] },
      { "cell_type": "code", source: "const b = 1;", metadata: {}, outputs: [] },
    ],
  };
  const cell = (index: number, prompt: number, outputs: unknown[], more = {}) => ({
    index,
    prompt,
    empty: false,
    tags: [],
    outputs: outputs as never[],
    figures: [],
    mathErrors: [],
    ...more,
  });
  const page = (cells: ReturnType<typeof cell>[], more = {}) => ({
    cells,
    markdown: [],
    consoleErrors: [],
    blocked: [],
    ...more,
  });

  await t.step("output kinds", () => {
    assert.equal(outputKind({ "output_type": "stream", name: "stdout" }), "stream(stdout)");
    assert.equal(outputKind({ "output_type": "error", ename: "E" }), "error");
    assert.equal(outputKind(display), "display_data(text/html, text/plain)");
  });

  await t.step("the same outputs under the same cells pass", () => {
    assert.deepEqual(pageProblems(page([cell(1, 1, [display]), cell(2, 2, [])]), committed), []);
  });

  await t.step("an output under the next cell is two differences", () => {
    const moved = compareOutputs(committed, [cell(1, 1, []), cell(2, 2, [display])]);
    assert.equal(moved.length, 2);
    assert.match(
      moved[0],
      /cell \[1\] `await show\(a\)`: the page shows no output, the nbclient run saved 1/,
    );
    assert.match(moved[1], /cell \[2\] .* shows 1 \(display_data\(text\/html, text\/plain\)\)/);
    assert.match(
      compareOutputs(committed, [cell(1, 1, [display])])[0],
      /cell \[2\] is not on the page/,
    );
  });

  await t.step("unexecuted cells, errors, figures, math, console, requests", () => {
    const figure = (more: object) => ({
      title: "T",
      width: 640,
      height: 400,
      visible: true,
      marks: 9,
      ...more,
    });
    const problems = pageProblems(
      page([
        cell(1, 2, [display], {
          figures: [
            figure({}),
            figure({ title: "" }),
            figure({ visible: false }),
            figure({ width: 40, height: 10 }),
            figure({ marks: 0 }),
          ],
          mathErrors: ['TeX left as text: "$$x$$"'],
        }),
        cell(2, 1, [
          { "output_type": "error", ename: "TypeError", evalue: "bad" },
          { "output_type": "stream", name: "stderr" },
        ]),
      ], {
        markdown: [{ index: 0, typeset: 0, errors: [] }, {
          index: 3,
          typeset: 2,
          errors: ["MathJax error: x"],
        }],
        consoleErrors: ["boom"],
        blocked: ["https://cdn.example/x.js"],
      }),
      committed,
    );
    const expect = [
      /cell \[1\] shows In \[2\], not In \[1\]/,
      /cell \[2\] shows In \[1\], not In \[2\]/,
      /figure 2 has no title/,
      /figure 3 "T": its SVG is not visible/,
      /figure 4 "T": its SVG is 40×10 px/,
      /figure 5 "T": its SVG draws nothing/,
      /cell \[1\] math: TeX left as text/,
      /cell \[2\] raised TypeError: bad/,
      /cell \[2\] wrote to stderr/,
      /markdown cell \[0\] has math in its source but none is typeset/,
      /markdown cell \[3\]: MathJax error: x/,
      /console: boom/,
      /refused a request to https:\/\/cdn\.example\/x\.js/,
      /cell \[2\] `const b = 1;`: the page shows 2/,
    ];
    assert.equal(problems.length, expect.length, problems.join("\n"));
    expect.forEach((pattern, i) => assert.match(problems[i], pattern));
    const allowed = pageProblems(
      page([
        cell(1, 1, [display]),
        cell(2, 2, [{ "output_type": "error" }], { tags: ["raises-exception"] }),
      ]),
      {
        ...committed,
        cells: [committed.cells[0], committed.cells[1], {
          ...committed.cells[2],
          outputs: [{ "output_type": "error" }],
        }],
      },
    );
    assert.deepEqual(allowed, []);
  });
});
