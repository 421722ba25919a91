/**
 * `deno task notebooks`: set up what is missing (Jupyter, the Deno kernelspec), then run the
 * notebooks with `run_notebooks.py` under the Python that has Jupyter. With `-p NAME VALUE`, a
 * cell tagged `injected-parameters` re-declares NAME right after the `parameters` cell, and the
 * executed notebook is saved to `--output` (default `out/<notebook>.<NAME>-<VALUE>….ipynb`),
 * never over the committed one. Every check of the command line and the parameters is made
 * before anything is installed or any kernel starts.
 *
 * Run: deno task notebooks [NOTEBOOK ...] [-p NAME VALUE ...] [--output PATH] (see `--help`).
 *
 * @module
 */

import { parseNotebookArgs, USAGE, UsageError } from "./cli_args.ts";
import {
  defaultOutputName,
  injectParameters,
  type Notebook,
  ParameterError,
  resolveParameters,
} from "./parameters.ts";
import { setUp, SetupError, systemHost } from "./setup.ts";

/** The project's root folder. */
export const ROOT: string = decodeURIComponent(new URL("../..", import.meta.url).pathname)
  .replace(/\/$/, "");
/** Where the committed notebooks are. */
export const NOTEBOOKS_DIR: string = `${ROOT}/notebooks`;

/** One notebook for the runner: read `source`, run in `cwd`, save to `output` (null: in
 * place, or nothing with --check), report as `name`. */
export interface Job {
  /** The notebook to read. */
  source: string;
  /** The kernel's working directory (the committed notebook's folder). */
  cwd: string;
  /** Where to save it; null saves it in place. */
  output: string | null;
  /** How the runner names it. */
  name: string;
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

function absolute(path: string, base: string): string {
  return path.startsWith("/") ? path : `${base}/${path}`.replace(/\/\.\//g, "/");
}

function relative(path: string): string {
  return path.startsWith(`${ROOT}/`) ? path.slice(ROOT.length + 1) : path;
}

/** The committed notebooks' file names, sorted. */
export function notebookNames(): string[] {
  return [...Deno.readDirSync(NOTEBOOKS_DIR)]
    .filter((entry) => entry.isFile && entry.name.endsWith(".ipynb"))
    .map((entry) => entry.name)
    .sort();
}

/**
 * The notebook a command-line name stands for: a path from `base` (where `deno task` was
 * started), else a name in notebooks/ (with or without `.ipynb`).
 *
 * @throws {UsageError} listing the notebooks there are
 */
export function resolveNotebook(arg: string, base: string): string {
  const candidates = [
    absolute(arg, base),
    `${NOTEBOOKS_DIR}/${arg}`,
    `${NOTEBOOKS_DIR}/${arg}.ipynb`,
  ];
  const found = candidates.find(isFile);
  if (!found) {
    throw new UsageError(
      `no notebook ${arg} (looked for ${candidates.map(relative).join(", ")}); ` +
        `the notebooks are: ${notebookNames().join(", ")}`,
    );
  }
  return Deno.realPathSync(found);
}

/** The runner's jobs for a checked command line; writes the notebooks with parameters into
 * `scratch`. Throws UsageError or ParameterError before anything runs. */
export function planJobs(
  args: ReturnType<typeof parseNotebookArgs>,
  base: string,
  scratch: string,
): Job[] {
  const sources = args.notebooks.length
    ? args.notebooks.map((arg) => resolveNotebook(arg, base))
    : notebookNames().map((name) => `${NOTEBOOKS_DIR}/${name}`);
  const seen = new Set<string>();
  const jobs: Job[] = [];
  for (const source of sources) {
    if (seen.has(source)) continue;
    seen.add(source);
    const name = relative(source);
    const stem = source.slice(source.lastIndexOf("/") + 1).replace(/\.ipynb$/, "");
    const cwd = source.slice(0, source.lastIndexOf("/"));
    if (!args.parameters.length) {
      const output = args.output === undefined ? null : absolute(args.output, base);
      if (output !== null && output === source) {
        jobs.push({ source, cwd, output: null, name });
      } else jobs.push({ source, cwd, output, name });
      continue;
    }
    const nb: Notebook = JSON.parse(Deno.readTextFileSync(source));
    const values = resolveParameters(nb, args.parameters, name);
    const output = args.output === undefined
      ? `${ROOT}/${defaultOutputName(stem, [...values].map(([k, v]) => [k, v.value]))}`
      : absolute(args.output, base);
    if (isFile(output) && Deno.realPathSync(output) === source) {
      throw new UsageError(
        `--output ${args.output} is the notebook itself; with -p the committed notebook is ` +
          "never overwritten: choose another path (default: under out/)",
      );
    }
    const injected = injectParameters(nb, args.parameters, name);
    Deno.mkdirSync(scratch, { recursive: true });
    const file = `${scratch}/${stem}.${jobs.length}.ipynb`;
    Deno.writeTextFileSync(file, JSON.stringify(injected, null, 1) + "\n");
    jobs.push({
      source: file,
      cwd,
      output: args.mode === "check" ? null : output,
      name: args.mode === "check" ? `${name} (with -p)` : `${name} → ${relative(output)}`,
    });
  }
  return jobs;
}

/**
 * Runs a command of the notebook tools: `plan` checks the command line and makes the jobs (a
 * UsageError or ParameterError is printed, status 2, before anything is installed or run), then
 * `run` runs them; `scratch` is removed afterwards, whatever happens.
 */
export async function planThenRun<P>(
  scratch: string,
  plan: () => P,
  run: (planned: P) => Promise<number>,
): Promise<number> {
  let planned: P;
  try {
    planned = plan();
  } catch (error) {
    if (error instanceof UsageError || error instanceof ParameterError) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    throw error;
  }
  try {
    return await run(planned);
  } finally {
    try {
      Deno.removeSync(scratch, { recursive: true });
    } catch {
      // Nothing was written there.
    }
  }
}

/** Runs `deno task notebooks` with `argv`; returns the exit status. */
export function main(argv: string[]): Promise<number> {
  const scratch = `${ROOT}/out/.notebooks-${Deno.pid}`;
  return planThenRun(scratch, () => {
    const args = parseNotebookArgs(argv);
    const base = Deno.env.get("INIT_CWD") || Deno.cwd();
    const jobs = args.mode === "setup" || args.mode === "help" ? [] : planJobs(args, base, scratch);
    return { args, jobs };
  }, async ({ args, jobs }) => {
    if (args.mode === "help") {
      console.log(USAGE);
      return 0;
    }
    const { mode, timeout } = args;
    const check = mode === "check";
    return await runJobs(jobs, { check, setupOnly: mode === "setup", timeout }, scratch);
  });
}

/**
 * Sets up what is missing, then runs `jobs` with `run_notebooks.py` (their list written into
 * `scratch`); returns the runner's exit status (1 when the set-up fails, 0 after a set-up only).
 */
export async function runJobs(
  jobs: Job[],
  options: { check?: boolean; setupOnly?: boolean; timeout?: number | undefined },
  scratch: string,
): Promise<number> {
  let python;
  try {
    python = await setUp(systemHost(ROOT));
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    console.error(error.message);
    return 1;
  }
  if (options.setupOnly) return 0;
  const jobsFile = `${scratch}/jobs.json`;
  Deno.mkdirSync(scratch, { recursive: true });
  Deno.writeTextFileSync(jobsFile, JSON.stringify(jobs, null, 1));
  const runner = [`${ROOT}/notebooks/tools/run_notebooks.py`, "--jobs", jobsFile];
  if (options.check) runner.push("--check");
  if (options.timeout) runner.push("--timeout", String(options.timeout));
  const { code } = await new Deno.Command(python, {
    args: runner,
    env: { NO_COLOR: "1" },
    stdin: "null",
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  return code;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
