/**
 * One SGD step of the 784-128-128-10 ReLU MLP (batch 64, softmax cross-entropy, lr 0.01) in every
 * engine, timed in alternating rounds: the course engine with its WebAssembly SIMD matrix products
 * and with its JavaScript ones, TensorFlow.js on its CPU and WASM backends, and PyTorch in float64
 * and float32 on 1 thread (`torch_mlp.py`, when `/usr/bin/python3` can import torch), each on the
 * MNIST batch and on the dense one (`our_mlp.ts`).
 *
 * The machine is shared, so its speed drifts: a round runs every (engine, batch) pair once, each
 * for at least `minMs` milliseconds (and 3 steps), the pairs in an order that rotates from round to
 * round, and each pair keeps its best round and its median round. A first round warms every engine
 * up (JIT tiers, PyTorch's allocator) and is not counted.
 *
 * Usage: `deno run --allow-read --allow-run tests/bench/mlp_rounds.ts [--rounds N] [--min-ms T]
 * [--json]`; `deno task bench:report` runs it with `--json` and writes the result to
 * `data/bench.json`. `--allow-read` is for TF.js's WASM binary, `--allow-run` for PyTorch,
 * `lscpu` and the load average.
 *
 * @module
 */

import { median } from "../../lib/stats/mod.ts";
import { type Batch, makeOurStep, mlpBatches } from "./our_mlp.ts";
import { makeTfjsStep } from "./tfjs_mlp.ts";

/** The two batches. */
export type Input = "mnist" | "dense";

/** The best and median of one (engine, batch) pair's rounds, in ms per step. */
export interface Timing {
  bestMs: number;
  medianMs: number;
  roundsMs: number[];
}

/** What {@linkcode runMlpRounds} measured. */
export interface MlpRounds {
  rounds: number;
  minMs: number;
  cpu: string;
  /** /proc/loadavg's 1-minute load before and after the rounds. */
  load: [number, number];
  /** PyTorch's version, threads and BLAS library, or why it was skipped. */
  torch: { version: string; threads: number; blas: string } | { skipped: string };
  engines: Record<string, { label: string; mnist?: Timing; dense?: Timing }>;
}

/** A timed pair: runs steps for at least `minMs` and returns the ms per step. */
type Runner = (minMs: number) => Promise<number>;

/** Steps `step` until `minMs` have passed and at least 3 steps ran; ms per step. */
function timeSteps(step: () => unknown, minMs: number): number {
  let n = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    step();
    n++;
    elapsed = performance.now() - start;
  } while (n < 3 || elapsed < minMs);
  return elapsed / n;
}

/** What a command prints, or "" if it cannot run (Deno reads /proc only with --allow-all). */
function outputOf(command: string, args: string[] = []): string {
  try {
    return new TextDecoder().decode(
      new Deno.Command(command, { args, stderr: "null" }).outputSync().stdout,
    );
  } catch {
    return "";
  }
}

/** The CPU as `lscpu` describes it: model, logical CPUs and last-level cache. */
export function cpuModel(): string {
  const info = outputOf("lscpu");
  const field = (name: string) => info.match(new RegExp(`^${name}:\\s*(.+)$`, "m"))?.[1].trim();
  const parts = [field("Model name") ?? "unknown CPU"];
  if (field("CPU\\(s\\)")) parts.push(`${field("CPU\\(s\\)")} CPUs`);
  if (field("L3 cache")) parts.push(`L3 ${field("L3 cache")}`);
  return parts.join(", ");
}

/** The 1-minute load average (`cat /proc/loadavg`), NaN if unknown. */
const load = () => Number(outputOf("cat", ["/proc/loadavg"]).split(" ")[0] || NaN);

/** PyTorch over a pipe (`torch_mlp.py`), or the reason it cannot run. */
async function startTorch(
  batches: Record<Input, Batch>,
): Promise<
  | {
    info: { version: string; threads: number; blas: string };
    run: (engine: string, input: Input) => Runner;
    stop: () => Promise<void>;
  }
  | { skipped: string }
> {
  const python = "/usr/bin/python3";
  try {
    const probe = await new Deno.Command(python, { args: ["-c", "import torch"], stderr: "null" })
      .output();
    if (!probe.success) return { skipped: `${python} cannot import torch (Debian: python3-torch)` };
  } catch (e) {
    return { skipped: `${python} did not start (${(e as Error).message})` };
  }
  const threads = "1";
  const child = new Deno.Command(python, {
    args: [new URL("torch_mlp.py", import.meta.url).pathname],
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
    env: { OMP_NUM_THREADS: threads, MKL_NUM_THREADS: threads, OPENBLAS_NUM_THREADS: threads },
  }).spawn();
  const writer = child.stdin.getWriter();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  const send = async (message: unknown) => {
    await writer.write(new TextEncoder().encode(JSON.stringify(message) + "\n"));
    while (!buffered.includes("\n")) {
      const { value, done } = await lines.read();
      if (done) throw new Error("torch_mlp.py exited early");
      buffered += value;
    }
    const at = buffered.indexOf("\n");
    const line = buffered.slice(0, at);
    buffered = buffered.slice(at + 1);
    return JSON.parse(line);
  };
  const inputs = Object.fromEntries(
    Object.entries(batches).map(([name, { x, y }]) => [name, { x: [...x.data], y: [...y] }]),
  );
  const hello = await send({ inputs });
  return {
    info: { version: hello.torch, threads: hello.threads, blas: hello.blas },
    run: (engine, input) => async (minMs) => (await send({ engine, input, minMs })).msPerStep,
    stop: async () => {
      await writer.write(new TextEncoder().encode("\n"));
      await writer.close();
      await lines.cancel();
      await child.status;
    },
  };
}

/** Runs the rounds. */
export async function runMlpRounds(
  { rounds = 15, minMs = 80 }: { rounds?: number; minMs?: number } = {},
): Promise<MlpRounds> {
  const batches = await mlpBatches();
  const inputs: Input[] = ["mnist", "dense"];
  const pairs: { engine: string; input: Input; run: Runner }[] = [];
  const engines: MlpRounds["engines"] = {};
  const add = (engine: string, label: string, make: (input: Input) => Runner) => {
    engines[engine] = { label };
    for (const input of inputs) pairs.push({ engine, input, run: make(input) });
  };
  for (const backend of ["wasm-simd", "js"] as const) {
    add(
      `course-${backend}`,
      `course engine (float64), ${
        backend === "js" ? "JavaScript matrix products" : "WebAssembly SIMD matrix products"
      }`,
      (input) => {
        const step = makeOurStep(batches[input], backend);
        return (ms) => Promise.resolve(timeSteps(step, ms));
      },
    );
  }
  for (const backend of ["cpu", "wasm"] as const) {
    const harness = {
      mnist: await makeTfjsStep(backend, {
        inputs: { x: batches.mnist.x.data, y: batches.mnist.y },
      }),
      dense: await makeTfjsStep(backend, {
        inputs: { x: batches.dense.x.data, y: batches.dense.y },
      }),
    };
    add(
      `tfjs-${backend}`,
      `TensorFlow.js 4.22 ${backend.toUpperCase()} backend (float32, ${harness.mnist.variant})`,
      (input) => (ms) => Promise.resolve(timeSteps(() => harness[input].step(), ms)),
    );
  }
  const torch = await startTorch(batches);
  if ("info" in torch) {
    for (const precision of ["float64", "float32"]) {
      add(
        `torch-${precision}`,
        `PyTorch ${torch.info.version} CPU (${precision}, ${torch.info.threads} thread)`,
        (input) => torch.run(precision, input),
      );
    }
  }
  const times = pairs.map((): number[] => []);
  const loadBefore = load();
  for (let round = 0; round <= rounds; round++) {
    for (let p = 0; p < pairs.length; p++) {
      const i = (p + round) % pairs.length;
      const ms = await pairs[i].run(minMs);
      if (round > 0) times[i].push(ms); // round 0 warms up
    }
  }
  const loadAfter = load();
  if ("info" in torch) await torch.stop();
  pairs.forEach(({ engine, input }, i) => {
    engines[engine][input] = {
      bestMs: Math.min(...times[i]),
      medianMs: median(times[i]),
      roundsMs: times[i],
    };
  });
  return {
    rounds,
    minMs,
    cpu: cpuModel(),
    load: [loadBefore, loadAfter],
    torch: "info" in torch ? torch.info : { skipped: torch.skipped },
    engines,
  };
}

if (import.meta.main) {
  const arg = (name: string, fallback: number) => {
    const i = Deno.args.indexOf(name);
    const v = i < 0 ? fallback : Number(Deno.args[i + 1]);
    if (!(Number.isInteger(v) && v >= 1)) {
      throw new RangeError(
        `mlp_rounds: ${name} must be a positive integer, got ${Deno.args[i + 1]}`,
      );
    }
    return v;
  };
  const result = await runMlpRounds({ rounds: arg("--rounds", 15), minMs: arg("--min-ms", 80) });
  if (Deno.args.includes("--json")) console.log(JSON.stringify(result));
  else {
    for (const [name, e] of Object.entries(result.engines)) {
      const cell = (t?: Timing) => (t ? `${t.bestMs.toFixed(2)} (${t.medianMs.toFixed(2)})` : "");
      console.log(`${name.padEnd(20)} mnist ${cell(e.mnist).padEnd(16)} dense ${cell(e.dense)}`);
    }
    console.log(result.cpu, "load", result.load, "torch", result.torch);
  }
}
