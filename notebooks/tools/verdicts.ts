/**
 * `deno task notebooks:verdicts`: do the verdicts survive another seed? Each notebook (or those
 * named) is run again `--runs` times with its seeds moved, as `deno task notebooks -p` runs it,
 * and the findings table of every run is compared, claim by claim, with the committed one.
 *
 * The seeds moved are the parameters named `SEED` or `…_SEED` holding a number, moved by `k` in
 * the k-th run, and those named `SEEDS` or `…_SEEDS` holding an array of numbers, moved by `k`
 * times its length (so `[1, 2, 3]` becomes `[4, 5, 6]`, then `[7, 8, 9]`). A `SEEDS` that is a
 * number counts seeds and is left alone.
 *
 * A verdict that turns from "holds" to "does not hold" or back is a reversal; so is a claim that
 * a run lost or gained. Any reversal makes the exit status 1. A step to or from "holds in part"
 * or "inconclusive" is reported as a move.
 *
 * Run: deno task notebooks:verdicts [NOTEBOOK ...] [--runs N]
 *
 * @module
 */

import { UsageError } from "./cli_args.ts";
import {
  type Job,
  notebookNames,
  NOTEBOOKS_DIR,
  planJobs,
  planThenRun,
  resolveNotebook,
  ROOT,
  runJobs,
} from "./notebooks.ts";
import {
  cellSource,
  formatLiteral,
  type LiteralValue,
  type Notebook,
  type Parameter,
  parametersCellIndex,
  parseParametersCell,
} from "./parameters.ts";

/** The verdicts a findings table can show (as `lib/experiments/finding.ts` names them). */
export const TABLE_VERDICTS = ["holds", "holds in part", "does not hold", "inconclusive"] as const;

/** One row of a findings table. */
export interface TableRow {
  /** The claim, as the table's first column writes it ("C4.1 (what α learns)"). */
  claim: string;
  /** Its verdict. */
  verdict: typeof TABLE_VERDICTS[number];
}

const HEADER = "| claim | the article says | we measured | verdict |";

/** The cells of one Markdown table row, split at the pipes that are not escaped. */
function rowCells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim());
}

/**
 * The rows of the last findings table among a notebook's saved outputs (the table
 * `findingsTable` shows, as Markdown).
 *
 * @throws {Error} when no output holds a findings table, or a row's verdict is not one of
 * {@linkcode TABLE_VERDICTS}; the message names the notebook (`name`)
 * @example
 * ```ts
 * import { findingsOf } from "./verdicts.ts";
 * import assert from "node:assert/strict";
 * const table = "| claim | the article says | we measured | verdict |\n| --- | --- | --- | --- |\n" +
 *   "| C2.2 | ReLU saturates on the left | f′ = 0 for x < 0 | **holds** |";
 * const nb = { metadata: {}, cells: [{ cell_type: "code", source: "", metadata: {},
 *   outputs: [{ output_type: "display_data", data: { "text/markdown": table } }] }] };
 * assert.deepEqual(findingsOf(nb, "toy"), [{ claim: "C2.2", verdict: "holds" }]);
 * ```
 */
export function findingsOf(nb: Notebook, name: string): TableRow[] {
  let found: string | undefined;
  for (const cell of nb.cells) {
    for (const output of (cell.outputs ?? []) as { data?: Record<string, unknown> }[]) {
      const markdown = output.data?.["text/markdown"];
      const text = Array.isArray(markdown) ? markdown.join("") : markdown;
      if (typeof text === "string" && text.startsWith(HEADER)) found = text;
    }
  }
  if (found === undefined) {
    throw new Error(`${name}: no saved output holds a findings table (${HEADER})`);
  }
  return found.split("\n").slice(2).filter((line) => line.trim()).map((line) => {
    const cells = rowCells(line);
    const verdict = cells[cells.length - 1].replace(/^\*\*|\*\*$/g, "");
    if (!(TABLE_VERDICTS as readonly string[]).includes(verdict)) {
      throw new Error(`${name}: findings row "${line}" ends in "${verdict}", not a verdict`);
    }
    return { claim: cells[0].replace(/\\\|/g, "|"), verdict: verdict as TableRow["verdict"] };
  });
}

/**
 * The seed parameters of a notebook and their values in the `k`-th run (k ≥ 1): each number named
 * `SEED` or `…_SEED` plus `k`, each array of numbers named `SEEDS` or `…_SEEDS` plus `k` times
 * its length. Empty when the parameters cell declares no seed.
 *
 * @example
 * ```ts
 * import { movedSeeds } from "./verdicts.ts";
 * import { parseParametersCell } from "./parameters.ts";
 * import assert from "node:assert/strict";
 * const cell = parseParametersCell("const SEED = 0;\nconst SEEDS = [1, 2, 3];\nconst RUNS = 3;");
 * assert.deepEqual(movedSeeds(cell, 2), [["SEED", 2], ["SEEDS", [7, 8, 9]]]);
 * ```
 */
export function movedSeeds(parameters: Parameter[], k: number): [string, LiteralValue][] {
  if (!Number.isInteger(k) || k < 1) {
    throw new RangeError(`movedSeeds: run k must be a whole number ≥ 1, got ${k}`);
  }
  const moved: [string, LiteralValue][] = [];
  for (const p of parameters) {
    if (p.kind === "number" && /(^|_)SEED$/.test(p.name)) {
      moved.push([p.name, Number(p.source) + k]);
    } else if (
      p.kind === "array" && /(^|_)SEEDS$/.test(p.name) &&
      p.elementKinds?.every((e) => e === "number")
    ) {
      const seeds = JSON.parse(p.source) as number[];
      moved.push([p.name, seeds.map((s) => s + k * seeds.length)]);
    }
  }
  return moved;
}

/** How one claim's verdict differs between the committed notebook and a run. */
export interface VerdictChange {
  /** The claim. */
  claim: string;
  /** Its committed verdict (null: the claim is not in the committed table). */
  from: TableRow["verdict"] | null;
  /** Its verdict in the run (null: the run has no such claim). */
  to: TableRow["verdict"] | null;
  /** `moved` one step, or `reversed`: "holds" ↔ "does not hold", or a claim lost or gained. */
  kind: "moved" | "reversed";
}

/**
 * The claims whose verdict differs between two findings tables, in the committed table's order
 * (then the claims only the run has).
 *
 * @example
 * ```ts
 * import { compareFindings } from "./verdicts.ts";
 * import assert from "node:assert/strict";
 * const base = [{ claim: "F7", verdict: "holds" as const }, { claim: "C2.4", verdict: "holds" as const }];
 * const run = [{ claim: "F7", verdict: "holds in part" as const }, { claim: "C2.4", verdict: "holds" as const }];
 * assert.deepEqual(compareFindings(base, run), [
 *   { claim: "F7", from: "holds", to: "holds in part", kind: "moved" },
 * ]);
 * ```
 */
export function compareFindings(base: TableRow[], run: TableRow[]): VerdictChange[] {
  const verdictIn = (rows: TableRow[]) => new Map(rows.map((r) => [r.claim, r.verdict]));
  const before = verdictIn(base);
  const after = verdictIn(run);
  const claims = [...before.keys(), ...[...after.keys()].filter((c) => !before.has(c))];
  const opposite = (a: string, b: string) =>
    (a === "holds" && b === "does not hold") || (a === "does not hold" && b === "holds");
  return claims.flatMap((claim): VerdictChange[] => {
    const from = before.get(claim) ?? null;
    const to = after.get(claim) ?? null;
    if (from === to) return [];
    const reversed = from === null || to === null || opposite(from, to);
    return [{ claim, from, to, kind: reversed ? "reversed" : "moved" }];
  });
}

/** The changes of one run as a table cell: "none", or "F7: holds → holds in part; …". */
export function describeChanges(changes: VerdictChange[]): string {
  if (!changes.length) return "none";
  return changes.map((c) => {
    const text = `${c.claim}: ${c.from ?? "(missing)"} → ${c.to ?? "(missing)"}`;
    return c.kind === "reversed" ? `**reversed** ${text}` : text;
  }).join("; ");
}

/** One notebook's runs: what each set, and what changed. */
export interface NotebookReport {
  /** The notebook's name ("04_prelu"). */
  name: string;
  /** Its committed number of findings. */
  verdicts: number;
  /** Per run: the seeds set (`SEED 1`), and the changes, or why the run has none. */
  runs: { set: string; changes: VerdictChange[] | string }[];
}

/** The report as a Markdown table, one row per notebook and one column per run. */
export function reportTable(reports: NotebookReport[]): string {
  const runs = Math.max(0, ...reports.map((r) => r.runs.length));
  const head = ["notebook", "verdicts", ...Array.from({ length: runs }, (_, k) => `run ${k + 1}`)];
  const rows = reports.map((r) => [
    r.name,
    String(r.verdicts),
    ...r.runs.map((run) =>
      `${run.set}: ${typeof run.changes === "string" ? run.changes : describeChanges(run.changes)}`
    ),
  ]);
  return [head, head.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`)
    .join("\n");
}

/** The help text of `notebooks:verdicts`. */
export const VERDICTS_USAGE = `Usage: deno task notebooks:verdicts [NOTEBOOK ...] [--runs N]

Runs each notebook (none named: every notebook) N more times (default 2, at most 10) with its
seeds moved: SEED and …_SEED numbers by k in the k-th run, SEEDS and …_SEEDS arrays by k times
their length. Each run is saved under out/, as deno task notebooks -p saves it, and its findings
table compared with the committed one. Exit status 1 if a verdict turns between "holds" and
"does not hold", a claim goes missing or appears, or a run fails; 2 for a bad command line.`;

/** The command line of `notebooks:verdicts`. */
export function parseVerdictArgs(
  argv: string[],
): { notebooks: string[]; runs: number; help: boolean } {
  const args = { notebooks: [] as string[], runs: 2, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--runs" || arg.startsWith("--runs=")) {
      const text = arg === "--runs" ? argv[++i] : arg.slice("--runs=".length);
      const runs = Number(text);
      if (text === undefined || !Number.isInteger(runs) || runs < 1 || runs > 10) {
        throw new UsageError(`--runs ${text ?? ""}: give a whole number of runs from 1 to 10`);
      }
      args.runs = runs;
    } else if (arg === "-h" || arg === "--help") {
      args.help = true;
    } else if (arg.startsWith("-")) {
      throw new UsageError(`unknown option ${arg}\n\n${VERDICTS_USAGE}`);
    } else args.notebooks.push(arg);
  }
  return args;
}

function readNotebook(path: string): Notebook {
  return JSON.parse(Deno.readTextFileSync(path));
}

/** One notebook's planned runs. */
interface Plan {
  name: string;
  source: string;
  runs: { set: string; job: Job | null }[];
}

/** The runs of each notebook named (none: every notebook), checked before any runs. */
function planRuns(args: { notebooks: string[]; runs: number }, base: string, scratch: string) {
  const sources = args.notebooks.length
    ? args.notebooks.map((arg) => resolveNotebook(arg, base))
    : notebookNames().map((name) => `${NOTEBOOKS_DIR}/${name}`);
  return sources.map((source): Plan => {
    const nb = readNotebook(source);
    const name = source.slice(source.lastIndexOf("/") + 1).replace(/\.ipynb$/, "");
    try {
      findingsOf(nb, name); // before any run: the committed table must be there
    } catch (error) {
      throw new UsageError(`${(error as Error).message}; nothing to compare a run with`);
    }
    const at = parametersCellIndex(nb);
    const parameters = at < 0 ? [] : parseParametersCell(cellSource(nb.cells[at]));
    const runs = Array.from({ length: args.runs }, (_, i) => {
      const moved = movedSeeds(parameters, i + 1);
      if (!moved.length) return { set: "no seed parameter", job: null };
      const set = moved.map(([n, v]) => `${n} ${formatLiteral(v)}`).join(", ");
      const [job] = planJobs(
        {
          mode: "run",
          notebooks: [source],
          parameters: moved.map(([n, v]) => ({ name: n, text: formatLiteral(v) })),
        },
        base,
        `${scratch}/${name}.${i + 1}`,
      );
      return { set, job };
    });
    return { name, source, runs };
  });
}

/** Each plan's runs compared with its committed notebook (after the runs). */
function reportOf(plan: Plan): NotebookReport {
  const committed = findingsOf(readNotebook(plan.source), plan.name);
  return {
    name: plan.name,
    verdicts: committed.length,
    runs: plan.runs.map(({ set, job }) => {
      if (!job) return { set, changes: "not run" };
      let saved: Notebook;
      try {
        saved = readNotebook(job.output!);
      } catch {
        return { set, changes: "the run failed (see above)" };
      }
      return { set, changes: compareFindings(committed, findingsOf(saved, job.output!)) };
    }),
  };
}

/** Runs `deno task notebooks:verdicts` with `argv`; returns the exit status. */
export function main(argv: string[]): Promise<number> {
  const scratch = `${ROOT}/out/.verdicts-${Deno.pid}`;
  const base = Deno.env.get("INIT_CWD") || Deno.cwd();
  return planThenRun(
    scratch,
    () => {
      const args = parseVerdictArgs(argv);
      return args.help ? null : planRuns(args, base, scratch);
    },
    async (plans) => {
      if (plans === null) {
        console.log(VERDICTS_USAGE);
        return 0;
      }
      const jobs = plans.flatMap((p) => p.runs.flatMap((r) => (r.job ? [r.job] : [])));
      for (const job of jobs) {
        try {
          Deno.removeSync(job.output!); // an earlier run's notebook must not stand in for this one
        } catch {
          // There was none.
        }
      }
      const code = await runJobs(jobs, {}, scratch);
      const reports = plans.map(reportOf);
      console.log(`\n${reportTable(reports)}`);
      const reversed = reports.some((r) =>
        r.runs.some((run) =>
          typeof run.changes === "string"
            ? run.changes !== "not run"
            : run.changes.some((c) => c.kind === "reversed")
        )
      );
      return code !== 0 || reversed ? 1 : 0;
    },
  );
}

if (import.meta.main) Deno.exit(await main(Deno.args));
