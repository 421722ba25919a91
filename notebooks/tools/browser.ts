/// <reference lib="dom" />
// (The functions passed to page.evaluate run in Chromium and use the DOM.)
/**
 * `deno task notebooks:browser`: the notebooks as a reader sees them. Starts the project's own
 * Jupyter server (the classic Notebook) on 127.0.0.1 with a random token, on copies of the
 * notebooks in `out/browser/work/` (the page autosaves; the committed notebooks are never
 * touched), opens each in headless Chromium (the system's, driven by playwright-core), runs
 * Kernel → Restart & Run All through the page, and checks from the page itself what
 * {@linkcode pageProblems} lists. Saves a screenshot of each notebook in `out/browser/` and
 * prints one line per notebook; stops the browser and the server whatever happens.
 *
 * Run: deno task notebooks:browser [NOTEBOOK ...] [--keep-going] [--timeout SECONDS]
 *
 * @module
 */

import fs from "node:fs";
import type { BrowserContext, Page } from "playwright-core";
import {
  type CellReport,
  type MarkdownReport,
  pageProblems,
  type PageReport,
} from "./page_report.ts";
import type { Notebook } from "./parameters.ts";
import { NOTEBOOKS_DIR, resolveNotebook, ROOT } from "./notebooks.ts";
import { setUp, SetupError, systemHost } from "./setup.ts";

// playwright-core asks at import whether it runs under WSL with fs.existsSync on
// /proc/sys/fs/binfmt_misc/WSLInterop. Node answers false; Deno 2.9 throws NotCapable for /proc
// paths unless every permission is granted (--allow-all). Answer false there, as Node does, so
// this script can run with the permissions it lists (network: 127.0.0.1 only).
const existsSync = fs.existsSync;
fs.existsSync = (path: fs.PathLike): boolean => {
  try {
    return existsSync(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotCapable) return false;
    throw error;
  }
};
const { chromium } = await import("playwright-core");

const OUT = `${ROOT}/out/browser`;
const WORK = `${OUT}/work`;
/** Chromium's binary, tried in order (no browser is downloaded). */
const CHROMIUMS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
/** Flags for a quiet, local-only headless Chromium. */
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-default-apps",
  "--disable-extensions",
  "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
];
/**
 * Console errors that the classic Notebook and its MathJax log on their own, whatever the
 * notebook: counted and named in the summary, not failures. Anything else in the console fails.
 */
const FRONTEND_ERRORS: { pattern: RegExp; why: string }[] = [
  {
    // Notebook 6's main.js falls back to loading ipywidgets' extension when it is not installed.
    pattern: /nbextensions\/widgets\/notebook\/js\/extension\.js/,
    why: "Notebook 6 looks for ipywidgets, not installed",
  },
  {
    // MathJax 2's HTML-CSS output probes web-font loading with a MathJax_Blank @font-face whose
    // src is about:blank, which Chromium refuses and logs.
    pattern:
      /^(Access to font at 'about:blank'|Failed to load resource: net::ERR_FAILED \(about:blank)/,
    why: "MathJax 2's about:blank font probe",
  },
];
/** After the last cell is done, how long the page must stay quiet before it is read (ms). */
const SETTLE_MS = 1500;

/** The command line of `notebooks:browser`. */
interface BrowserArgs {
  notebooks: string[];
  keepGoing: boolean;
  timeout: number;
}

function parseArgs(argv: string[]): BrowserArgs {
  const args: BrowserArgs = { notebooks: [], keepGoing: true, timeout: 900 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--timeout") {
      args.timeout = Number(argv[++i]);
      if (!Number.isInteger(args.timeout) || args.timeout <= 0) {
        throw new Error(`--timeout ${argv[i]}: give a whole number of seconds above 0`);
      }
    } else if (arg === "--stop-on-failure") args.keepGoing = false;
    else if (arg === "-h" || arg === "--help") {
      console.log(
        "Usage: deno task notebooks:browser [NOTEBOOK ...] [--timeout SECONDS] " +
          "[--stop-on-failure]\nRuns each notebook (default: all) through Restart & Run All in " +
          "a Jupyter page in headless Chromium and checks what the page shows.",
      );
      Deno.exit(0);
    } else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}`);
    else args.notebooks.push(arg);
  }
  return args;
}

/** A free TCP port on 127.0.0.1. */
function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Copies the folder `from` to `to`, recursively. */
function copyTree(from: string, to: string): void {
  Deno.mkdirSync(to, { recursive: true });
  for (const entry of Deno.readDirSync(from)) {
    if (entry.isDirectory) copyTree(`${from}/${entry.name}`, `${to}/${entry.name}`);
    else if (entry.isFile) Deno.copyFileSync(`${from}/${entry.name}`, `${to}/${entry.name}`);
  }
}

/** Copies the notebooks into out/browser/work/notebooks/, beside copies of lib/ and data/ (600
 * kB), so that `../lib/mod.ts` and `../data/…` resolve from the copies as from the originals;
 * Deno finds the project's deno.json and deno.lock above out/. (Symbolic links would need
 * unscoped write permission.) */
function prepareWorkDir(sources: string[]): string[] {
  try {
    Deno.removeSync(WORK, { recursive: true });
  } catch {
    // Not there yet.
  }
  Deno.mkdirSync(`${WORK}/notebooks`, { recursive: true });
  for (const dir of ["lib", "data"]) copyTree(`${ROOT}/${dir}`, `${WORK}/${dir}`);
  return sources.map((source) => {
    const name = source.slice(source.lastIndexOf("/") + 1);
    Deno.copyFileSync(source, `${WORK}/notebooks/${name}`);
    return name;
  });
}

/** The classic Notebook server, started on a copy of the notebooks. */
class JupyterServer {
  readonly url: string;
  readonly #child: Deno.ChildProcess;
  readonly #log: Promise<void>;
  #stopped = false;

  constructor(python: string, readonly port: number, readonly token: string) {
    this.url = `http://127.0.0.1:${port}`;
    for (const dir of ["jupyter-config", "jupyter-runtime"]) {
      Deno.mkdirSync(`${OUT}/${dir}`, { recursive: true });
    }
    this.#child = new Deno.Command(python, {
      args: [
        "-m",
        "notebook",
        "--no-browser",
        "--ip=127.0.0.1",
        `--port=${port}`,
        "--port-retries=0",
        `--NotebookApp.token=${token}`,
        "--NotebookApp.password=",
        `--notebook-dir=${WORK}`,
        "--NotebookApp.open_browser=False",
        // The Notebook refuses to start as root without it (CI runs as root).
        "--allow-root",
      ],
      env: {
        NO_COLOR: "1",
        // The user's own Jupyter configuration (a password, extensions) stays out of the run.
        JUPYTER_CONFIG_DIR: `${OUT}/jupyter-config`,
        JUPYTER_RUNTIME_DIR: `${OUT}/jupyter-runtime`,
      },
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    // The server's output goes to out/browser/jupyter.log (one handle per stream: a stream can
    // be piped into only one writer).
    const logFile = `${OUT}/jupyter.log`;
    Deno.writeTextFileSync(logFile, "");
    const pipes = [this.#child.stdout, this.#child.stderr].map((stream) =>
      stream.pipeTo(Deno.openSync(logFile, { append: true }).writable)
    );
    this.#log = Promise.all(pipes).then(() => {}, () => {});
  }

  /** Waits until the server answers, or fails with the last lines of its log. */
  async ready(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    this.#child.status.then(() => exited = true);
    while (Date.now() < deadline && !exited) {
      try {
        const response = await fetch(`${this.url}/api/status?token=${this.token}`);
        await response.body?.cancel();
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const log = Deno.readTextFileSync(`${OUT}/jupyter.log`).trim().split("\n").slice(-15);
    throw new Error(
      `the Jupyter server ${exited ? "exited" : "did not answer within 60 s"}; ` +
        `its log (out/browser/jupyter.log) ends:\n  ${log.join("\n  ")}`,
    );
  }

  /** Shuts down every kernel it runs. */
  async shutdownKernels(): Promise<void> {
    try {
      const response = await fetch(`${this.url}/api/kernels?token=${this.token}`);
      const kernels: { id: string }[] = await response.json();
      for (const { id } of kernels) {
        const done = await fetch(`${this.url}/api/kernels/${id}?token=${this.token}`, {
          method: "DELETE",
        });
        await done.body?.cancel();
      }
    } catch {
      // The server is gone already.
    }
  }

  /** Stops its kernels and the server (SIGTERM, then SIGKILL after 10 s). */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    await this.shutdownKernels();
    try {
      this.#child.kill("SIGTERM");
    } catch {
      // It has exited.
    }
    const timer = setTimeout(() => {
      try {
        this.#child.kill("SIGKILL");
      } catch {
        // It has exited.
      }
    }, 10_000);
    await this.#child.status;
    clearTimeout(timer);
    await this.#log;
  }
}

// --- In the page -----------------------------------------------------------------------------
// These functions run in Chromium (page.evaluate), on the classic Notebook's `Jupyter` object.

// deno-lint-ignore no-explicit-any
type Jupyter = any;

/** Whether the notebook is loaded and its kernel connected. */
function pageLoaded(): boolean {
  const jupyter = (globalThis as Jupyter).Jupyter;
  return Boolean(
    jupyter?.notebook?._fully_loaded && jupyter.notebook.kernel?.is_connected?.(),
  );
}

/** Starts counting the code cells whose execution finishes, from now on. */
function watchExecutions(): void {
  const w = globalThis as Jupyter;
  w.__course = { restarted: false, executed: 0, finished: 0 };
  w.Jupyter.notebook.events.on("kernel_restarting.Kernel", () => w.__course.restarted = true);
  w.Jupyter.notebook.events.on("execute.CodeCell", () => w.__course.executed++);
  w.Jupyter.notebook.events.on("finished_execute.CodeCell", () => w.__course.finished++);
}

/** Progress of Run All: cells started and finished, the number to run, whether idle. */
function runState(): { executed: number; finished: number; total: number; idle: boolean } {
  const w = globalThis as Jupyter;
  const cells = w.Jupyter.notebook.get_cells().filter((c: Jupyter) =>
    c.cell_type === "code" && c.get_text().trim()
  );
  const icon = document.querySelector("#kernel_indicator_icon");
  return {
    executed: w.__course.executed,
    finished: w.__course.finished,
    total: cells.length,
    idle: Boolean(icon?.classList.contains("kernel_idle_icon")),
  };
}

/** Resolves when MathJax has typeset everything queued. */
function mathJaxDone(): Promise<void> {
  const mathJax = (globalThis as Jupyter).MathJax;
  return new Promise((resolve) => mathJax?.Hub ? mathJax.Hub.Queue(() => resolve()) : resolve());
}

/** Reads the page: cells, outputs, figures and math. */
function readPage(): Omit<PageReport, "consoleErrors" | "blocked"> {
  const w = globalThis as Jupyter;
  const rawMath = /(\$\$[^$]+\$\$|\\\(|\\\[|\\frac|\\begin\{)/;
  const mathErrors = (root: Element): string[] => {
    const errors: string[] = [];
    for (const e of root.querySelectorAll(".MathJax_Error, merror, mjx-merror")) {
      errors.push(`MathJax error: ${e.textContent?.trim().slice(0, 80)}`);
    }
    // Text left with TeX in it (outside code, which shows TeX on purpose).
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (
        !parent || parent.closest("code, pre, script, .MathJax, .MathJax_Display, mjx-container")
      ) {
        continue;
      }
      const match = rawMath.exec(node.textContent ?? "");
      if (match) errors.push(`TeX left as text: "${match[0].slice(0, 60)}"`);
    }
    return errors;
  };
  const visible = (element: Element): boolean => {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    for (let e: Element | null = element; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.display === "none" || style.visibility === "hidden" || style.opacity === "0") {
        return false;
      }
    }
    return true;
  };
  const cells: CellReport[] = [];
  const markdown: MarkdownReport[] = [];
  w.Jupyter.notebook.get_cells().forEach((cell: Jupyter, index: number) => {
    const element: Element = cell.element[0];
    if (cell.cell_type === "markdown") {
      const source: string = cell.get_text();
      if (/\$|\\\(|\\\[/.test(source.replace(/`[^`]*`/g, ""))) {
        const rendered = element.querySelector(".text_cell_render") ?? element;
        markdown.push({
          index,
          typeset: rendered.querySelectorAll(".MathJax, .MathJax_Display, mjx-container").length,
          errors: mathErrors(rendered),
        });
      }
      return;
    }
    if (cell.cell_type !== "code") return;
    const area = element.querySelector(".output_wrapper") ?? element;
    const figures = [...area.querySelectorAll("figure")].map((figure) => {
      const heading = figure.querySelector('[role="heading"], h2');
      const svgs = [...figure.querySelectorAll("svg")].filter((svg) =>
        !svg.parentElement?.closest("svg")
      );
      const largest = svgs.map((svg) => ({ svg, box: svg.getBoundingClientRect() }))
        .sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0];
      return {
        title: heading?.textContent?.trim() ?? "",
        width: largest?.box.width ?? 0,
        height: largest?.box.height ?? 0,
        visible: largest ? visible(largest.svg) : false,
        marks: largest
          ? largest.svg.querySelectorAll("path, line, circle, rect, text, polyline, polygon")
            .length
          : 0,
      };
    });
    const prompt = cell.input_prompt_number;
    cells.push({
      index,
      prompt: prompt === undefined ? null : prompt,
      empty: !cell.get_text().trim(),
      tags: cell.metadata?.tags ?? [],
      outputs: cell.output_area.outputs.map((o: Jupyter) => ({
        output_type: o.output_type,
        name: o.name,
        data: o.data ? Object.fromEntries(Object.keys(o.data).map((k) => [k, ""])) : undefined,
        ename: o.ename,
        evalue: o.evalue,
      })),
      figures,
      mathErrors: mathErrors(area),
    });
  });
  return { cells, markdown };
}

/** Lets the whole notebook lay out at its full height, for a full-page screenshot. */
function unscroll(): void {
  const style = document.createElement("style");
  style.textContent =
    "html, body, #site { height: auto !important; overflow: visible !important }" +
    " #header { display: none !important }";
  document.head.append(style);
}

// --- Driving one notebook --------------------------------------------------------------------

/** The outcome of one notebook. */
interface Outcome {
  name: string;
  seconds: number;
  problems: string[];
  summary: string;
}

async function waitFor<T>(
  page: Page,
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s ${what}`);
    await page.waitForTimeout(250);
  }
}

async function runNotebook(
  context: BrowserContext,
  server: JupyterServer,
  name: string,
  committed: Notebook,
  timeoutSeconds: number,
): Promise<Outcome> {
  const start = performance.now();
  const consoleErrors: string[] = [];
  const frontendErrors = new Map<string, number>();
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const where = message.location();
    const text = `${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ""}`;
    const known = FRONTEND_ERRORS.find(({ pattern }) => pattern.test(text));
    if (known) frontendErrors.set(known.why, (frontendErrors.get(known.why) ?? 0) + 1);
    else consoleErrors.push(text);
  });
  page.on("pageerror", (error) => consoleErrors.push(`uncaught ${error.name}: ${error.message}`));
  try {
    await page.goto(
      `${server.url}/notebooks/notebooks/${encodeURIComponent(name)}?token=${server.token}`,
    );
    await waitFor(
      page,
      "loading the notebook and connecting its kernel",
      async () => await page.evaluate(pageLoaded) || undefined,
      60_000,
    );
    // As opened, before anything runs: the saved outputs of an untrusted notebook, sanitised.
    const saved = await page.evaluate(readPage);
    const savedFigures = saved.cells.reduce(
      (n, c) => n + c.figures.filter((f) => f.visible).length,
      0,
    );
    await page.evaluate(watchExecutions);
    // Kernel → Restart & Run All, and the confirmation, as a reader clicks them.
    await page.click("#kernellink");
    await page.click("#restart_run_all");
    await page.click(".modal-dialog .modal-footer button.btn-danger");
    await waitFor(page, "running every cell (Restart & Run All)", async () => {
      const state = await page.evaluate(runState);
      return state.finished >= state.total && state.executed >= state.total && state.idle
        ? state
        : undefined;
    }, timeoutSeconds * 1000);
    // Late outputs would land now: give them time, then wait for MathJax to finish.
    await page.waitForTimeout(SETTLE_MS);
    await page.evaluate(mathJaxDone);
    const report: PageReport = {
      ...(await page.evaluate(readPage)),
      consoleErrors,
      blocked: [...blocked],
    };
    blocked.clear();
    const problems = pageProblems(report, committed);
    const figures = report.cells.reduce((n, c) => n + c.figures.length, 0);
    const math = report.markdown.reduce((n, c) => n + c.typeset, 0);
    const outputs = report.cells.reduce((n, c) => n + c.outputs.length, 0);
    await page.evaluate(unscroll);
    const shot = `${OUT}/${name.replace(/\.ipynb$/, "")}.png`;
    await page.screenshot({ path: shot, fullPage: true });
    return {
      name,
      seconds: (performance.now() - start) / 1000,
      problems,
      summary: `${report.cells.length} code cells, ${outputs} outputs, ${figures} figures ` +
        `(${savedFigures} shown as opened, untrusted), ${math} formulas typeset, ` +
        `${consoleErrors.length} console errors` +
        (frontendErrors.size
          ? ` (+ the frontend's own: ${
            [...frontendErrors].map(([why, n]) => `${n}× ${why}`).join(", ")
          })`
          : "") +
        `; out/browser/${shot.slice(OUT.length + 1)}`,
    };
  } catch (error) {
    const shot = `${OUT}/${name.replace(/\.ipynb$/, "")}.failed.png`;
    await page.screenshot({ path: shot, fullPage: false }).catch(() => {});
    return {
      name,
      seconds: (performance.now() - start) / 1000,
      problems: [(error as Error).message, ...consoleErrors.map((e) => `console: ${e}`)],
      summary: `screenshot out/browser/${shot.slice(OUT.length + 1)}`,
    };
  } finally {
    await page.evaluate(() => (globalThis as Jupyter).Jupyter?.notebook?.session?.delete())
      .catch(() => {});
    await page.close().catch(() => {});
    await server.shutdownKernels();
  }
}

/** Requests refused because they went elsewhere than 127.0.0.1. */
const blocked = new Set<string>();

/** Runs the browser check; returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  let args: BrowserArgs;
  let sources: string[];
  try {
    args = parseArgs(argv);
    const base = Deno.env.get("INIT_CWD") || Deno.cwd();
    sources = args.notebooks.length
      ? args.notebooks.map((arg) => resolveNotebook(arg, base))
      : [...Deno.readDirSync(NOTEBOOKS_DIR)].filter((e) => e.name.endsWith(".ipynb"))
        .map((e) => `${NOTEBOOKS_DIR}/${e.name}`).sort();
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    return 2;
  }
  let python: string;
  try {
    python = await setUp(systemHost(ROOT));
  } catch (error) {
    if (error instanceof SetupError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const notebookModule = await new Deno.Command(python, {
    args: ["-c", "import notebook; print(notebook.__version__)"],
    stdout: "piped",
    stderr: "null",
  }).output();
  const version = new TextDecoder().decode(notebookModule.stdout).trim();
  if (notebookModule.code !== 0 || !/^[56]\./.test(version)) {
    console.error(
      `error: ${python} has ${
        version ? `Notebook ${version}` : "no classic Notebook"
      }; this check drives the classic Notebook (5 or 6).\n` +
        "Debian/Ubuntu: apt-get install -y jupyter-notebook; elsewhere: pip install 'notebook<7'",
    );
    return 1;
  }
  const chromiumPath = CHROMIUMS.find((path) => {
    try {
      return Deno.statSync(path).isFile;
    } catch {
      return false;
    }
  });
  if (!chromiumPath) {
    console.error(
      `error: no Chromium (looked for ${CHROMIUMS.join(", ")}); Debian/Ubuntu: ` +
        "apt-get install -y chromium",
    );
    return 1;
  }

  Deno.mkdirSync(OUT, { recursive: true });
  const names = prepareWorkDir(sources);
  const committed = new Map(
    sources.map((source, i) => [names[i], JSON.parse(Deno.readTextFileSync(source)) as Notebook]),
  );
  const profile = Deno.makeTempDirSync({ prefix: "course-chromium-" });
  const server = new JupyterServer(python, freePort(), randomToken());
  let context: BrowserContext | undefined;
  const cleanUp = async () => {
    await context?.close().catch(() => {});
    await server.stop();
    try {
      Deno.removeSync(profile, { recursive: true });
    } catch {
      // Already gone.
    }
  };
  const onSignal = (signal: Deno.Signal) => () => {
    console.error(`\n${signal}: stopping the browser and the Jupyter server`);
    cleanUp().finally(() => Deno.exit(130));
  };
  const signals: [Deno.Signal, () => void][] = (["SIGINT", "SIGTERM"] as Deno.Signal[])
    .map((s) => [s, onSignal(s)]);
  for (const [signal, handler] of signals) Deno.addSignalListener(signal, handler);

  const outcomes: Outcome[] = [];
  try {
    console.log(
      `Jupyter Notebook ${version} on 127.0.0.1:${server.port} (copies in out/browser/work/), ` +
        `Chromium ${chromiumPath}`,
    );
    await server.ready();
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 900 },
    });
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === "data:" || url.protocol === "blob:" || url.hostname === "127.0.0.1") {
        return route.continue();
      }
      blocked.add(url.href.slice(0, 120));
      return route.abort();
    });
    const width = Math.max(...names.map((n) => n.length));
    for (const name of names) {
      const outcome = await runNotebook(context, server, name, committed.get(name)!, args.timeout);
      outcomes.push(outcome);
      const status = outcome.problems.length ? `FAILED (${outcome.problems.length})` : "ok";
      console.log(
        `${name.padEnd(width)}  ${outcome.seconds.toFixed(1).padStart(6)} s  ${status}  ` +
          outcome.summary,
      );
      for (const problem of outcome.problems) console.log(`    - ${problem}`);
      if (outcome.problems.length && !args.keepGoing) break;
    }
  } catch (error) {
    console.error(`error: ${(error as Error).message}`);
    return 1;
  } finally {
    for (const [signal, handler] of signals) Deno.removeSignalListener(signal, handler);
    await cleanUp();
  }
  const failed = outcomes.filter((o) => o.problems.length);
  const total = outcomes.reduce((s, o) => s + o.seconds, 0);
  console.log(
    `${outcomes.length} notebook(s) in the browser, ${total.toFixed(0)} s, ` +
      (failed.length
        ? `${failed.length} failed: ${failed.map((o) => o.name).join(", ")}`
        : "all ok"),
  );
  return failed.length || outcomes.length < names.length ? 1 : 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
