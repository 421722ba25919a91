/**
 * Runs the benchmarks and writes their results to `data/bench.json` (read by notebook 06) and a
 * Markdown table to stdout (pasted into README). Usage: `deno task bench:report`.
 *
 * @module
 */

interface BenchResult {
  name: string;
  group?: string;
  baseline?: boolean;
  results: { ok?: { avg: number; min: number; p75: number; n: number } }[];
}

const ELEMENTS = 2 ** 20;
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
const report = JSON.parse(new TextDecoder().decode(stdout));
const benches: BenchResult[] = report.benches;
const ok = (b: BenchResult) => b.results[0]?.ok;
const byName = (name: string) => benches.find((b) => b.name === name);

const copyF = ok(byName("copy 2^20 float64 (forward baseline)")!)!;
const copyB = ok(byName("copy 2^20 float64 (backward baseline)")!)!;
const copyLoop = ok(byName("copy 2^20 float64 in a JS loop")!)!;
const copyKernel = ok(byName("copy 2^20 float64 in a JS kernel function")!)!;
const activations: Record<
  string,
  { forwardNs: number; backwardNs: number; forwardVsCopy: number }
> = {};
for (const b of benches.filter((b) => b.group === "activation-forward" && !b.baseline)) {
  const name = b.name.replace(/ forward$/, "");
  if (name === b.name) continue;
  const back = ok(byName(`${name} backward`)!)!;
  activations[name] = {
    forwardNs: ok(b)!.avg / ELEMENTS,
    backwardNs: back.avg / ELEMENTS,
    forwardVsCopy: copyF.avg / ok(b)!.avg,
  };
}
const mlp = Object.fromEntries(
  benches.filter((b) => b.group === "mlp-step").map((b) => [b.name, ok(b)!.avg / 1e6]),
);
const out = {
  about:
    "Written by tests/bench/report.ts (deno task bench:report); times are means of deno bench.",
  date: new Date().toISOString().slice(0, 10),
  deno: Deno.version.deno,
  cpu: report.cpu,
  elements: ELEMENTS,
  copyNsPerElement: {
    set: copyF.avg / ELEMENTS,
    setBackward: copyB.avg / ELEMENTS,
    jsLoop: copyLoop.avg / ELEMENTS,
    jsKernel: copyKernel.avg / ELEMENTS,
  },
  activations,
  mlpStepMs: mlp,
};
await Deno.writeTextFile("data/bench.json", JSON.stringify(out, null, 2) + "\n");

const f2 = (v: number) => v.toFixed(2);
const pct = (copyNs: number, ns: number) => `${(100 * copyNs / ns).toFixed(0)} %`;
const kernelNs = copyKernel.avg / ELEMENTS;
console.log(
  `| activation | forward ns/elem | backward ns/elem | forward vs copy (set) | forward vs a JS copy kernel |`,
);
console.log(`| --- | ---: | ---: | ---: | ---: |`);
console.log(
  `| copy (Float64Array.set) | ${f2(copyF.avg / ELEMENTS)} | ${
    f2(copyB.avg / ELEMENTS)
  } | 100 % | |`,
);
console.log(
  `| copy (JS loop over two constants) | ${f2(copyLoop.avg / ELEMENTS)} | | ${
    pct(copyF.avg / ELEMENTS, copyLoop.avg / ELEMENTS)
  } | |`,
);
console.log(
  `| copy (JS kernel function) | ${f2(kernelNs)} | | ${
    pct(copyF.avg / ELEMENTS, kernelNs)
  } | 100 % |`,
);
for (const [name, a] of Object.entries(activations)) {
  console.log(
    `| ${name} | ${f2(a.forwardNs)} | ${f2(a.backwardNs)} | ${
      (100 * a.forwardVsCopy).toFixed(0)
    } % | ${pct(kernelNs, a.forwardNs)} |`,
  );
}
console.log(`\n| MLP SGD step, 784-128-128-10, batch 64 | ms |`);
console.log(`| --- | ---: |`);
for (const [name, ms] of Object.entries(mlp)) console.log(`| ${name} | ${ms.toFixed(2)} |`);
console.log(
  `\n(${report.cpu}, Deno ${Deno.version.deno}, ${out.date}; written to data/bench.json)`,
);
