import assert from "node:assert/strict";
import {
  classCounts,
  type Dataset,
  loadMnist,
  MNIST_CLASS_COUNTS,
  MNIST_PIXELS,
  MNIST_TOTAL,
  mnistImage,
  type MnistSplit,
  spirals,
  split,
  standardize,
  subset,
  twoMoons,
} from "../lib/data/mod.ts";
import * as lib from "../lib/mod.ts";

// ---------------------------------------------------------------- helpers

/** Bit-for-bit equality of two typed arrays (faster than deepEqual on millions of elements). */
function identical(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** A 32-bit FNV-1a hash of an image's pixels, to recognise the same digit by its content. */
function hashImage(px: Float64Array): number {
  const bytes = new Uint8Array(px.buffer, px.byteOffset, px.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
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

// One full load shared by the MNIST tests (the import of the 21 MB of JSON happens once anyway).
const everything: Promise<MnistSplit> = loadMnist();

// ---------------------------------------------------------------- MNIST

Deno.test("loadMnist: the data", async (t) => {
  const { train, validation } = await everything;

  await t.step("10,000 digits in all, with the package's per-class counts", () => {
    assert.equal(MNIST_TOTAL, 10_000);
    assert.equal(train.n + validation.n, 10_000);
    const counts = classCounts(train).map((c, d) => c + classCounts(validation)[d]);
    assert.deepEqual(counts, [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    assert.deepEqual(counts, MNIST_CLASS_COUNTS);
    const ids = [...train.index, ...validation.index].sort((a, b) => a - b);
    assert.ok(ids.every((id, i) => id === i), "every digit id 0 … 9,999 exactly once");
  });

  await t.step("shapes, types and names", () => {
    for (const d of [train, validation]) {
      assert.ok(d.x instanceof Float64Array && d.y instanceof Int32Array);
      assert.ok(d.index instanceof Int32Array);
      assert.equal(d.features, MNIST_PIXELS);
      assert.equal(d.classes, 10);
      assert.equal(d.x.length, d.n * 784);
      assert.equal(d.y.length, d.n);
      assert.equal(d.index.length, d.n);
    }
    assert.equal(train.n, 8000);
    assert.equal(train.name, "MNIST train (8,000)");
    assert.equal(validation.name, "MNIST validation (2,000)");
  });

  await t.step("pixels: in [0, 1], 256 grey levels k/255 to 3 decimals, 81 % background", () => {
    const levels = new Set<number>();
    let zeros = 0;
    for (const d of [train, validation]) {
      for (const p of d.x) {
        levels.add(p);
        if (p === 0) zeros++;
      }
    }
    assert.equal(levels.size, 256);
    for (const p of levels) {
      assert.ok(p >= 0 && p <= 1);
      assert.equal(p, Number((Math.round(p * 255) / 255).toFixed(3)), `${p} is k/255 to 3 places`);
    }
    const zeroFraction = zeros / (MNIST_TOTAL * 784);
    assert.ok(zeroFraction > 0.80 && zeroFraction < 0.81, `${zeroFraction}`);
    const mean = (meanOf(train.x) * train.n + meanOf(validation.x) * validation.n) / 10_000;
    assert.ok(Math.abs(mean - 0.131) < 0.001, `mean pixel ${mean}`);
  });

  await t.step("the digits are the MNIST training set: the first 5 is its image 0", () => {
    const first5 = 1001 + 1127 + 991 + 1032 + 980; // ids are class-major
    const all = [train, validation];
    const d = all.find((s) => s.index.includes(first5))!;
    const i = d.index.indexOf(first5);
    assert.equal(d.y[i], 5);
    const row5 = [...mnistImage(d, i).subarray(5 * 28 + 12, 5 * 28 + 24)];
    const famous = [3, 18, 18, 18, 126, 136, 175, 26, 166, 255, 247, 127];
    assert.deepEqual(row5, famous.map((k) => Number((k / 255).toFixed(3))));
  });

  await t.step("no two digits have the same pixels", () => {
    const hashes = new Set<number>();
    for (const d of [train, validation]) {
      for (let i = 0; i < d.n; i++) hashes.add(hashImage(mnistImage(d, i)));
    }
    assert.equal(hashes.size, 10_000);
  });
});

Deno.test("loadMnist: choice and split", async (t) => {
  await t.step("no digit in both sets, by id and by content", async () => {
    const { train, validation } = await everything;
    assertDisjoint(train.index, validation.index);
    const inTrain = new Set<number>();
    for (let i = 0; i < train.n; i++) inTrain.add(hashImage(mnistImage(train, i)));
    for (let i = 0; i < validation.n; i++) {
      assert.ok(!inTrain.has(hashImage(mnistImage(validation, i))));
    }
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
    assert.ok(shared < 3000, "another seed chooses other digits, not only another order");
  });

  await t.step("labels and index agree with the stored digits", async () => {
    const { train } = await everything;
    const s = await loadMnist({ count: 500, seed: 9 });
    const byId = new Map([...train.index].map((id, i) => [id, i]));
    for (let i = 0; i < s.train.n; i++) {
      const j = byId.get(s.train.index[i]);
      if (j === undefined) continue; // that digit is in the shared load's validation set
      assert.equal(s.train.y[i], train.y[j]);
      assert.ok(identical(mnistImage(s.train, i), mnistImage(train, j)));
    }
  });

  await t.step("the split is stratified (each class within one digit of its share)", async () => {
    assertStratified(await everything);
    for (
      const o of [{ count: 1000, validation: 0.3 }, { count: 137, validation: 20 }, {
        count: 9000,
        validation: 0.1,
      }]
    ) {
      const s = await loadMnist({ ...o, seed: 2 });
      assertStratified(s);
      assertDisjoint(s.train.index, s.validation.index);
    }
  });

  await t.step("count chooses balanced classes, capped by the 863 fives", async () => {
    const total = (s: MnistSplit) =>
      classCounts(s.train).map((c, d) => c + classCounts(s.validation)[d]);
    assert.deepEqual(total(await loadMnist({ count: 1000 })), new Array(10).fill(100));
    const odd = total(await loadMnist({ count: 1005, seed: 3 }));
    assert.equal(odd.reduce((a, b) => a + b), 1005);
    assert.ok(odd.every((c) => c === 100 || c === 101));
    const big = total(await loadMnist({ count: 9000, validation: 0.5 }));
    assert.equal(big[5], 863);
    assert.ok(big.every((c, d) => d === 5 || c === 904 || c === 905), `${big}`);
    assert.equal(big.reduce((a, b) => a + b), 9000);
  });

  await t.step("validation as a fraction (rounded) or a count; names follow", async () => {
    const a = await loadMnist({ count: 101, validation: 0.25 });
    assert.equal(a.validation.n, 25);
    assert.equal(a.train.name, "MNIST train (76)");
    const b = await loadMnist({ count: 2500, validation: 1 });
    assert.equal(b.validation.n, 1);
    assert.equal(b.train.name, "MNIST train (2,499)");
    assert.equal(b.validation.name, "MNIST validation (1)");
  });
});

Deno.test("loadMnist: scales", async (t) => {
  const unit = await everything;

  await t.step('"unit" keeps the stored values in [0, 1]', () => {
    assert.equal(unit.scale, "unit");
    assert.deepEqual(unit.normalization, { mean: 0, std: 1 });
    assert.deepEqual(minMax(unit.train.x), [0, 1]);
    assert.deepEqual(minMax(unit.validation.x), [0, 1]);
  });

  await t.step('"centered" maps [0, 1] onto [−1, 1] (2p − 1)', async () => {
    const c = await loadMnist({ scale: "centered" });
    assert.deepEqual(c.normalization, { mean: 0.5, std: 0.5 });
    assert.deepEqual(minMax(c.train.x), [-1, 1]);
    assert.ok(identical(c.train.index, unit.train.index), "same digits as the unit scale");
    for (let i = 0; i < c.train.x.length; i += 97) {
      assert.ok(Math.abs(c.train.x[i] - (2 * unit.train.x[i] - 1)) < 1e-15);
    }
    const m = meanOf(c.train.x);
    assert.ok(Math.abs(m - (2 * meanOf(unit.train.x) - 1)) < 1e-9);
    assert.ok(m > -0.75 && m < -0.73, `the data are not centred: mean ${m}`);
  });

  await t.step('"standardized" uses the training set\'s global mean and std', async () => {
    const s = await loadMnist({ scale: "standardized" });
    const { mean, std } = s.normalization;
    assert.ok(Math.abs(mean - meanOf(unit.train.x)) < 1e-15);
    assert.ok(Math.abs(std - stdOf(unit.train.x)) < 1e-15);
    assert.ok(Math.abs(mean - 0.131) < 0.001 && Math.abs(std - 0.309) < 0.001, `${mean} ${std}`);
    assert.ok(Math.abs(meanOf(s.train.x)) < 1e-9); // sums of 6.3 million pixels
    assert.ok(Math.abs(stdOf(s.train.x) - 1) < 1e-9);
    assert.ok(Math.abs(meanOf(s.validation.x)) < 0.02, "the validation set is close, not exact");
    const [lo, hi] = minMax(s.train.x);
    assert.ok(Math.abs(lo - -mean / std) < 1e-12 && Math.abs(hi - (1 - mean) / std) < 1e-12);
  });
});

Deno.test("loadMnist: bad options", async (t) => {
  const cases: [string, unknown, ErrorConstructor, RegExp][] = [
    [
      "count above 10,000",
      { count: 10_001 },
      RangeError,
      /count must be an integer in \[2, 10000\], got 10001/,
    ],
    ["count 0", { count: 0 }, RangeError, /count must be an integer in \[2, 10000\], got 0/],
    ["count negative", { count: -5 }, RangeError, /count .* got -5/],
    ["count not whole", { count: 99.5 }, RangeError, /count .* got 99\.5/],
    ["count a string", { count: "100" }, TypeError, /count must be an integer .* got string "100"/],
    [
      "validation 0",
      { validation: 0 },
      RangeError,
      /validation must be a fraction in \(0, 1\) or a whole count in \[1, 9999\], got 0/,
    ],
    [
      "validation 1.5",
      { validation: 1.5 },
      RangeError,
      /validation must be a fraction .* got 1\.5/,
    ],
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
    [
      "unknown scale",
      { scale: "minmax" },
      TypeError,
      /unknown scale "minmax"; allowed: "unit", "centered", "standardized"/,
    ],
    [
      "unknown option",
      { validaton: 0.1 },
      TypeError,
      /unknown option "validaton" \(value 0\.1\); allowed: "count", "validation", "seed", "scale"/,
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
        () => loadMnist(options as Parameters<typeof loadMnist>[0]),
        (e: Error) =>
          e instanceof type && /^loadMnist: /.test(e.message) && message.test(e.message),
      );
    });
  }
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
    assert.throws(() => mnistImage(train, 8000), {
      name: "RangeError",
      message: "mnistImage: i must be an integer in [0, 7999], got 8000",
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
    assert.equal(s.name, "MNIST train (100 of 8,000)");
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
