/**
 * The command line of `deno task notebooks` (and `notebooks:check`, `notebooks:setup`).
 *
 * @module
 */

import type { ParameterValue } from "./parameters.ts";

/** What `deno task notebooks …` was asked to do. */
export interface NotebookArgs {
  /** `run` (save the outputs), `check` (CI: save nothing), `setup` only, or `help`. */
  mode: "run" | "check" | "setup" | "help";
  /** The notebooks named, as typed (none: every notebook). */
  notebooks: string[];
  /** `-p NAME VALUE`, in the order given. */
  parameters: ParameterValue[];
  /** `--output PATH`, as typed. */
  output?: string;
  /** `--timeout SECONDS` per cell. */
  timeout?: number;
}

/** A command line that cannot be run; the message says why and what is allowed. */
export class UsageError extends Error {
  /** @param message what is wrong */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The help text. */
export const USAGE = `Usage: deno task notebooks [NOTEBOOK ...] [-p NAME VALUE ...] [--output PATH]
       deno task notebooks:check [NOTEBOOK ...]
       deno task notebooks:setup

Runs each notebook top to bottom in a fresh Deno kernel and saves it with its outputs, after
setting up what is missing (Jupyter, the Deno kernelspec). NOTEBOOK is a path, or a name in
notebooks/ such as 03_leaky_relu.ipynb or 03_leaky_relu; none means every notebook.

Options:
  -p, --parameter NAME VALUE  set a name of the notebook's parameters cell, as papermill does: a
                              cell tagged injected-parameters re-declares it after that cell. The
                              notebook is then saved to --output, never over itself.
  -o, --output PATH           where to save the executed notebook (one notebook only); default
                              with -p: out/<notebook>.<NAME>-<VALUE>….ipynb
      --check                 CI: run without saving; fail on a cell error, a non-Deno kernel,
                              missing saved outputs, a saved error or a trailing-expression output
      --setup                 only set up Jupyter and the Deno kernel
      --timeout SECONDS       per-cell timeout (default 600)
  -h, --help                  this text`;

/**
 * Parses the arguments of `deno task notebooks`.
 *
 * @throws {UsageError} for an unknown option, a missing value, an `--output` with more than one
 * notebook (or with `--check`), or options that `--setup` does not take
 * @example
 * ```ts
 * import { parseNotebookArgs } from "./cli_args.ts";
 * import assert from "node:assert/strict";
 * const args = parseNotebookArgs(["05_elu.ipynb", "-p", "ALPHA", "0.5", "--output", "out/05.ipynb"]);
 * assert.deepEqual(args.parameters, [{ name: "ALPHA", text: "0.5" }]);
 * assert.equal(args.output, "out/05.ipynb");
 * ```
 */
export function parseNotebookArgs(argv: string[]): NotebookArgs {
  const args: NotebookArgs = { mode: "run", notebooks: [], parameters: [] };
  const modes: string[] = [];
  const need = (option: string, i: number, count = 1): string[] => {
    const values = argv.slice(i + 1, i + 1 + count);
    if (values.length < count || values.some((v) => v === undefined)) {
      const what = count === 2 ? "a NAME and a VALUE" : "a value";
      throw new UsageError(`${option} needs ${what}\n\n${USAGE}`);
    }
    return values;
  };
  let onlyNotebooks = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyNotebooks || !arg.startsWith("-") || arg === "-") {
      args.notebooks.push(arg);
      continue;
    }
    const [option, inline] = arg.startsWith("--") && arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    switch (option) {
      case "--":
        onlyNotebooks = true;
        break;
      case "-p":
      case "--parameter": {
        if (inline !== undefined) throw new UsageError(`${option} takes NAME VALUE, not =`);
        const [name, text] = need(option, i, 2);
        if (!/^[A-Za-z_$][\w$]*$/.test(name)) {
          throw new UsageError(`${option} ${name}: not a name (letters, digits, _ and $)`);
        }
        args.parameters.push({ name, text });
        i += 2;
        break;
      }
      case "-o":
      case "--output": {
        if (args.output !== undefined) throw new UsageError(`${option} is given twice`);
        args.output = inline ?? need(option, i)[0];
        if (inline === undefined) i++;
        break;
      }
      case "--timeout": {
        const text = inline ?? need(option, i)[0];
        if (inline === undefined) i++;
        const seconds = Number(text);
        if (!Number.isInteger(seconds) || seconds <= 0) {
          throw new UsageError(`--timeout ${text}: give a whole number of seconds above 0`);
        }
        args.timeout = seconds;
        break;
      }
      case "--check":
        modes.push("check");
        break;
      case "--setup":
        modes.push("setup");
        break;
      case "-h":
      case "--help":
        return { mode: "help", notebooks: [], parameters: [] };
      default:
        throw new UsageError(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  if (new Set(modes).size > 1) throw new UsageError("--check and --setup exclude each other");
  if (modes.length) args.mode = modes[0] as "check" | "setup";
  if (args.mode === "setup" && (args.notebooks.length || args.parameters.length || args.output)) {
    throw new UsageError("--setup takes no notebooks, -p or --output");
  }
  if (args.output !== undefined) {
    if (args.mode === "check") throw new UsageError("--check saves nothing: drop --output");
    if (args.notebooks.length !== 1) {
      const count = args.notebooks.length
        ? `${args.notebooks.length} notebooks (${args.notebooks.join(", ")})`
        : "every notebook";
      throw new UsageError(
        `--output names one file, but ${count} would be run: name exactly one notebook with ` +
          "--output, or leave --output out (with -p, each goes to out/<notebook>.<NAME>-<VALUE>….ipynb)",
      );
    }
  }
  return args;
}
