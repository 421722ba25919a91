/**
 * Runs the benchmarks and writes their results to `data/bench.json` (read by notebook 06) and a
 * Markdown table to stdout (pasted into README). Usage: `deno task bench:report [runs]`: the
 * benchmarks run in `runs` separate processes (3 by default) and each number is the median over
 * them; a ratio is the median of the ratios measured within each run.
 *
 * @module
 */

import { median } from "../../lib/stats/mod.ts";

interface BenchResult {
  name: string;
  group?: string;
  baseline?: boolean;
  results: { ok?: { avg: number; min: number; p75: number; n: number } }[];
}

const ELEMENTS = 2 ** 20;
/** Separate `deno bench` processes; each row reports the median over them (a shared machine drifts). */
const RUNS = Number(Deno.args[0] ?? 3);
if (!(Number.isInteger(RUNS) && RUNS >= 1)) {
  throw new RangeError(`runs must be a positive integer, got ${Deno.args[0]}`);
}

/** What one `deno bench --json` process reports. */
interface BenchReport {
  cpu: string;
  benches: BenchResult[];
}

async function benchOnce(): Promise<BenchReport> {
  const cmd = new Deno.Command(Deno.execPath(), {
    args: [
      "bench",
      "--allow-read",
      "--json",
      "tests/bench/activations_bench.ts",
      "tests/bench/mlp_bench.ts",
    ],
    stdout: "piped",
    stderr: "inherit",
  });
  const { code, stdout } = await cmd.output();
  if (code !== 0) throw new Error(`deno bench failed with exit code ${code}`);
  return JSON.parse(new TextDecoder().decode(stdout));
}

const runs: BenchReport[] = [];
for (let r = 0; r < RUNS; r++) runs.push(await benchOnce());
const report = runs[0];
/** The mean time of one benchmark in each run (ns per iteration). */
const means = (name: string) =>
  runs.map((run) => {
    const ok = run.benches.find((b) => b.name === name)?.results[0]?.ok;
    if (!ok) throw new Error(`no result for benchmark "${name}"`);
    return ok.avg;
  });
/** Median over runs of the per-run mean. */
const avg = (name: string) => median(means(name));
/** Median over runs of the ratio of two benchmarks' means within the same run. */
const ratio = (num: string, den: string) => {
  const a = means(num);
  const b = means(den);
  return median(a.map((v, i) => v / b[i]));
};
const benches: BenchResult[] = report.benches;

const COPY_F = "copy 2^20 float64 (forward baseline)";
const COPY_B = "copy 2^20 float64 (backward baseline)";
const COPY_LOOP = "copy 2^20 float64 in a JS loop";
const COPY_KERNEL = "copy 2^20 float64 in a JS kernel function";
const COPY_MEMORY = "copy 2^20 float64 from memory (forward baseline)";
const COPY_MEMORY_KERNEL = "copy 2^20 float64 from memory in a JS kernel function";
/** One activation's row; the `FromMemory` fields only for those timed from memory too. */
interface ActivationResult {
  forwardNs: number;
  backwardNs: number;
  forwardVsCopy: number;
  forwardVsJsKernel: number;
  forwardFromMemoryNs?: number;
  forwardFromMemoryVsCopy?: number;
}
const activations: Record<string, ActivationResult> = {};
for (const b of benches.filter((b) => b.group === "activation-forward" && !b.baseline)) {
  const name = b.name.replace(/ forward$/, "");
  if (name === b.name) continue;
  const fromMemory = `${name} forward from memory`;
  const timedFromMemory = benches.some((b) => b.name === fromMemory);
  activations[name] = {
    forwardNs: avg(b.name) / ELEMENTS,
    backwardNs: avg(`${name} backward`) / ELEMENTS,
    forwardVsCopy: ratio(COPY_F, b.name),
    forwardVsJsKernel: ratio(COPY_KERNEL, b.name),
    ...(timedFromMemory
      ? {
        forwardFromMemoryNs: avg(fromMemory) / ELEMENTS,
        forwardFromMemoryVsCopy: ratio(COPY_MEMORY, fromMemory),
      }
      : {}),
  };
}
const mlp = Object.fromEntries(
  benches.filter((b) => b.group === "mlp-step").map((b) => [b.name, avg(b.name) / 1e6]),
);
const out = {
  about:
    "Written by tests/bench/report.ts (deno task bench:report); times are medians over runs of deno bench's means, ratios medians of the per-run ratios.",
  runs: RUNS,
  date: new Date().toISOString().slice(0, 10),
  deno: Deno.version.deno,
  cpu: report.cpu,
  elements: ELEMENTS,
  copyNsPerElement: {
    set: avg(COPY_F) / ELEMENTS,
    setBackward: avg(COPY_B) / ELEMENTS,
    jsLoop: avg(COPY_LOOP) / ELEMENTS,
    jsKernel: avg(COPY_KERNEL) / ELEMENTS,
    setFromMemory: avg(COPY_MEMORY) / ELEMENTS,
    jsKernelFromMemory: avg(COPY_MEMORY_KERNEL) / ELEMENTS,
  },
  activations,
  mlpStepMs: mlp,
};
await Deno.writeTextFile("data/bench.json", JSON.stringify(out, null, 2) + "\n");

const f2 = (v: number) => v.toFixed(2);
const pct = (r: number) => `${(100 * r).toFixed(0)} %`;
/** A from-memory cell: the time and the ratio to the copy from memory, or nothing. */
const memoryCells = (ns?: number, vsCopy?: number) =>
  ns === undefined ? "| | |" : `| ${f2(ns)} | ${vsCopy === undefined ? "" : pct(vsCopy)} |`;
console.log(
  `| activation | forward ns/elem | backward ns/elem | forward vs copy (set) | forward vs a JS copy kernel | forward from memory, ns/elem | from memory, vs copy (set) |`,
);
console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: |`);
console.log(
  `| copy (Float64Array.set) | ${f2(out.copyNsPerElement.set)} | ${
    f2(out.copyNsPerElement.setBackward)
  } | 100 % | | ${f2(out.copyNsPerElement.setFromMemory)} | 100 % |`,
);
console.log(
  `| copy (JS loop over two constants) | ${f2(out.copyNsPerElement.jsLoop)} | | ${
    pct(ratio(COPY_F, COPY_LOOP))
  } | | | |`,
);
console.log(
  `| copy (JS kernel function) | ${f2(out.copyNsPerElement.jsKernel)} | | ${
    pct(ratio(COPY_F, COPY_KERNEL))
  } | 100 % ${
    memoryCells(
      out.copyNsPerElement.jsKernelFromMemory,
      ratio(COPY_MEMORY, COPY_MEMORY_KERNEL),
    )
  }`,
);
for (const [name, a] of Object.entries(activations)) {
  console.log(
    `| ${name} | ${f2(a.forwardNs)} | ${f2(a.backwardNs)} | ${pct(a.forwardVsCopy)} | ${
      pct(a.forwardVsJsKernel)
    } ${memoryCells(a.forwardFromMemoryNs, a.forwardFromMemoryVsCopy)}`,
  );
}
console.log(`\n| MLP SGD step, 784-128-128-10, batch 64 | ms |`);
console.log(`| --- | ---: |`);
for (const [name, ms] of Object.entries(mlp)) console.log(`| ${name} | ${ms.toFixed(2)} |`);
console.log(
  `\n(${report.cpu}, Deno ${Deno.version.deno}, ${out.date}, median of ${RUNS} runs; written to data/bench.json)`,
);
