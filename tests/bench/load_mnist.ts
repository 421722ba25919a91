/**
 * The load-time and memory check of `loadMnist` (issue 12, item 5): one load per process, so the
 * time includes importing and verifying the files. Usage, one case per fresh process:
 *
 *     /usr/bin/time -v deno run tests/bench/load_mnist.ts test      # the 10,000 test digits
 *     /usr/bin/time -v deno run tests/bench/load_mnist.ts train10k  # 10,000 training digits
 *     /usr/bin/time -v deno run tests/bench/load_mnist.ts train60k  # all 60,000 as a split
 *
 * The sets stay bytes (`ByteDataset`s) until read; add `floats` (e.g. `train10k floats`) to read
 * every set's `x` after the load, so that the process also holds all their floats.
 *
 * It prints the time from the call to the resolved result and the resident memory afterwards;
 * `/usr/bin/time -v` adds the peak ("Maximum resident set size") and the process's wall time.
 *
 * @module
 */

import { loadMnist } from "../../lib/data/mnist.ts";

const cases = {
  test: () => loadMnist({ split: "test" }).then((s) => [s.test]),
  train10k: () => loadMnist({ count: 10_000 }).then((s) => [s.train, s.validation]),
  train60k: () => loadMnist().then((s) => [s.train, s.validation]),
};
const which = Deno.args[0] as keyof typeof cases;
if (!(which in cases)) {
  throw new TypeError(`load_mnist: give one of ${Object.keys(cases).join(", ")}, got ${which}`);
}
const rss0 = Deno.memoryUsage().rss;
const t0 = performance.now();
const sets = await cases[which]();
const ms = performance.now() - t0;
const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
console.log(
  `${which}: ${sets.map((d) => d.name).join(" + ")} in ${ms.toFixed(0)} ms; RSS ${
    mb(rss0)
  } before, ${mb(Deno.memoryUsage().rss)} after`,
);
if (Deno.args[1] === "floats") {
  const t1 = performance.now();
  const floats = sets.reduce((sum, d) => sum + d.x.length, 0);
  console.log(
    `  and all ${floats.toLocaleString("en")} floats read in ${
      (performance.now() - t1).toFixed(0)
    } ms; RSS ${mb(Deno.memoryUsage().rss)}`,
  );
}
