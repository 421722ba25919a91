/**
 * Runs the benchmarks and writes their results to `data/bench.json` (read by notebook 06) and
 * Markdown tables to stdout (pasted into README). Usage: `deno task bench:report [runs] [rounds]`:
 *
 * - the activation benchmarks run in `runs` separate `deno bench` processes (3 by default) and
 *   each number is the median over them; a ratio is the median of the ratios measured within
 *   each run;
 * - the MLP step runs in one more process, `mlp_rounds.ts`, in `rounds` alternating rounds (15 by
 *   default) of every engine, PyTorch's included; each engine keeps its best and its median round.
 *
 * @module
 */

import { median } from "../../lib/stats/mod.ts";
import type { MlpRounds, Timing } from "./mlp_rounds.ts";

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
/** Alternating rounds of the MLP-step engines. */
const ROUNDS = Number(Deno.args[1] ?? 15);
if (!(Number.isInteger(ROUNDS) && ROUNDS >= 1)) {
  throw new RangeError(`rounds must be a positive integer, got ${Deno.args[1]}`);
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
    ],
    stdout: "piped",
    stderr: "inherit",
  });
  const { code, stdout } = await cmd.output();
  if (code !== 0) throw new Error(`deno bench failed with exit code ${code}`);
  return JSON.parse(new TextDecoder().decode(stdout));
}

/** The MLP step in alternating rounds, in a process of its own (`mlp_rounds.ts --json`). */
async function mlpRounds(): Promise<MlpRounds> {
  const cmd = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      "--allow-run",
      "tests/bench/mlp_rounds.ts",
      "--json",
      "--rounds",
      String(ROUNDS),
    ],
    stdout: "piped",
    stderr: "inherit",
  });
  const { code, stdout } = await cmd.output();
  if (code !== 0) throw new Error(`mlp_rounds.ts failed with exit code ${code}`);
  return JSON.parse(new TextDecoder().decode(stdout));
}

const runs: BenchReport[] = [];
for (let r = 0; r < RUNS; r++) runs.push(await benchOnce());
const steps = await mlpRounds();
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
/** A step's timing, or a clear error if the rounds did not measure it. */
const stepOf = (engine: string, input: "mnist" | "dense"): Timing => {
  const t = steps.engines[engine]?.[input];
  if (!t) throw new Error(`mlp_rounds.ts measured no ${engine} step on the ${input} batch`);
  return t;
};
/** The field notebook 06 reads (median ms per step, by its old names), kept beside `mlpStep`. */
const mlp = {
  "course engine: MLP SGD step 784-128-128-10, batch 64 (MNIST)":
    stepOf("course-wasm-simd", "mnist").medianMs,
  "course engine: same step on dense random inputs": stepOf("course-wasm-simd", "dense").medianMs,
  "tfjs cpu: MLP SGD step 784-128-128-10, batch 64 (MNIST)": stepOf("tfjs-cpu", "mnist").medianMs,
  "tfjs wasm: MLP SGD step 784-128-128-10, batch 64 (MNIST)": stepOf("tfjs-wasm", "mnist").medianMs,
};
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
  mlpStep: {
    about:
      "One SGD step (lr 0.01) of a 784-128-128-10 ReLU MLP, batch 64, softmax cross-entropy, in ms; every engine on the same MNIST batch and the same dense random batch, in alternating rounds (tests/bench/mlp_rounds.ts): each keeps its best round and its median round.",
    cpu: steps.cpu,
    rounds: steps.rounds,
    minMsPerRound: steps.minMs,
    loadAverage: steps.load,
    torch: steps.torch,
    engines: steps.engines,
  },
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
console.log(
  `\n(${report.cpu}, Deno ${Deno.version.deno}, ${out.date}, median of ${RUNS} runs; written to data/bench.json)`,
);

const ours = stepOf("course-wasm-simd", "dense").bestMs;
/** "2.9× slower" or "1.4× faster" than the course engine's WebAssembly step on dense inputs. */
const versus = (ms: number) =>
  ms >= ours ? `${(ms / ours).toFixed(1)}× slower` : `${(ours / ms).toFixed(1)}× faster`;
console.log(
  `\n| one SGD step, 784-128-128-10 MLP, batch 64 | MNIST batch, best | median | dense inputs, best | median | dense, best, vs course engine (WASM SIMD) |`,
);
console.log(`| --- | ---: | ---: | ---: | ---: | ---: |`);
for (const [name, e] of Object.entries(steps.engines)) {
  const cells = (t?: Timing) => t ? `${f2(t.bestMs)} | ${f2(t.medianMs)}` : "| ";
  console.log(
    `| ${e.label} | ${cells(e.mnist)} | ${cells(e.dense)} | ${
      name === "course-wasm-simd" || !e.dense ? "—" : versus(e.dense.bestMs)
    } |`,
  );
}
console.log(
  `\n(${steps.cpu}; ${steps.rounds} rounds of at least ${steps.minMs} ms per engine and batch; load average ${
    steps.load.join(" → ")
  }; PyTorch: ${
    "skipped" in steps.torch
      ? `skipped, ${steps.torch.skipped}`
      : `${steps.torch.version}, ${steps.torch.threads} thread, BLAS ${steps.torch.blas}`
  })`,
);
