import assert from "node:assert/strict";
import {
  ByteDataset,
  type ByteDatasetInit,
  copyRows,
  evaluate,
  fit,
  loadMnist,
  MLP,
  mnistImage,
  split,
  subset,
} from "../lib/mod.ts";
import { type Dataset, holdFloats } from "../lib/data/dataset.ts";

const LEVELS = Float64Array.from({ length: 256 }, (_, k) => (k / 255 - 0.25) / 0.5);

/** Five source examples of three bytes; the set is sources 4, 1 and 3. */
function small(over: Partial<ByteDatasetInit> = {}): ByteDataset {
  return new ByteDataset({
    bytes: Uint8Array.from({ length: 15 }, (_, i) => (i * 37) % 256),
    index: Int32Array.of(4, 1, 3),
    y: Int32Array.of(2, 0, 1),
    features: 3,
    classes: 3,
    name: "small",
    levels: LEVELS,
    ...over,
  });
}

/** The same set with its floats held: what `loadMnist` returned before it kept bytes. */
function plain(d: ByteDataset): Dataset {
  const { y, n, features, classes, name } = d;
  return { x: Float64Array.from(d.x), y, n, features, classes, name };
}

Deno.test("ByteDataset", async (t) => {
  await t.step("x holds levels[byte] of each chosen example, in the set's order", () => {
    const d = small();
    assert.equal(d.converted, false);
    const bytes = Uint8Array.from({ length: 15 }, (_, i) => (i * 37) % 256);
    const want = [4, 1, 3].flatMap((s) =>
      [...bytes.subarray(3 * s, 3 * s + 3)].map((b) => LEVELS[b])
    );
    assert.deepEqual([...d.x], want);
    assert.equal(d.converted, true);
    assert.equal(d.x, d.x, "converted once, then kept");
  });

  await t.step("copyRowsInto: a range, or rows by position, without converting x", () => {
    const d = small();
    const all = plain(small()).x;
    const out = new Float64Array(9).fill(-7);
    assert.deepEqual([...d.copyRowsInto(out, 1, 3)], [...all.subarray(3, 9)]);
    assert.deepEqual([...out.subarray(6)], [-7, -7, -7], "only the rows asked for are written");
    const picked = d.copyRowsInto(out, 1, 3, [9, 2, 0]);
    assert.deepEqual([...picked], [...all.subarray(6, 9), ...all.subarray(0, 3)]);
    assert.equal(d.converted, false);
  });

  await t.step("once x is held (holdFloats), copyRows reads the floats: the same rows", () => {
    const d = small();
    const rows = Int32Array.of(2, 0, 2);
    const before = copyRows(d, rows);
    assert.equal(holdFloats(d), d);
    assert.equal(d.converted, true);
    const x = d.x;
    assert.equal(d.x, x, "converted once, then kept");
    assert.deepEqual(copyRows(d, rows), before);
    const out = new Float64Array(6).fill(-7);
    assert.deepEqual([...d.copyRowsInto(out, 1, 2)], [...x.subarray(3, 6)]);
    assert.deepEqual([...out.subarray(3)], [-7, -7, -7]);
    const plainSet = plain(small());
    assert.equal(holdFloats(plainSet), plainSet, "a set of floats is returned as it is");
  });

  await t.step("copyRows gives the same rows for a ByteDataset and for its floats", () => {
    const d = small();
    const rows = Int32Array.of(2, 2, 0, 1);
    assert.deepEqual(copyRows(d, rows), copyRows(plain(small()), rows));
    assert.deepEqual(copyRows(d, rows, 1, 3), copyRows(plain(small()), rows, 1, 3));
    assert.equal(d.converted, false);
  });

  await t.step("parts that do not fit throw a RangeError naming the set and the part", () => {
    const cases: [Partial<ByteDatasetInit>, RegExp][] = [
      [{ features: 0 }, /^RangeError: ByteDataset "small": features is 0$/],
      [{ features: 4 }, /15 bytes are not a whole number of 4-byte examples/],
      [{ levels: new Float64Array(255) }, /levels has 255 entries, not 256/],
      [{ y: Int32Array.of(0) }, /1 labels for 3 examples/],
      [
        { index: Int32Array.of(0, 5), y: Int32Array.of(0, 0) },
        /index\[1\] = 5 is not a source example \(0 … 4\)/,
      ],
      [{ index: Int32Array.of(-1), y: Int32Array.of(0) }, /index\[0\] = -1/],
    ];
    for (const [over, message] of cases) assert.throws(() => small(over), message);
    assert.throws(
      () => small().copyRowsInto(new Float64Array(5), 0, 2),
      /ByteDataset "small": 2 rows need 6 floats, out has 5/,
    );
  });

  await t.step("split and subset copy only the rows they take", () => {
    const d = small();
    const s = subset(d, 2, { seed: 1 });
    const rows = [...s.index].map((source) => d.index.indexOf(source)); // s.index: file positions
    assert.deepEqual([...s.x], [...copyRows(plain(small()), rows)]);
    const { train, validation } = split(d, { validation: 1, seed: 2 });
    assert.equal(train.n + validation.n, 3);
    assert.equal(d.converted, false);
  });
});

Deno.test("ByteDataset: MNIST trains without converting its digits", async (t) => {
  const { train, validation } = await loadMnist({ count: 600, validation: 100, seed: 3 });
  const { test } = await loadMnist({ split: "test", count: 300 });

  await t.step("loadMnist converts nothing", () => {
    for (const d of [train, validation, test]) assert.equal(d.converted, false, d.name);
  });

  await t.step("mnistImage of an unconverted set converts one digit", () => {
    const img = mnistImage(test, 7);
    assert.deepEqual(img, copyRows(test, [7]));
    assert.equal(test.converted, false);
  });

  await t.step("fit and evaluate: bit-identical to training on the floats", () => {
    const options = { epochs: 2, batchSize: 50, lr: 0.05, momentum: 0.9, seed: 4, probeSize: 64 };
    const a = new MLP([784, 32, 10], { activation: "relu", seed: 5 });
    const b = new MLP([784, 32, 10], { activation: "relu", seed: 5 });
    const onBytes = fit(a, { train, validation }, options);
    assert.equal(train.converted, false);
    assert.equal(validation.converted, false);
    const testOnBytes = evaluate(a, test, 128); // 128 does not divide 300: the last chunk is short
    assert.equal(test.converted, false);

    const onFloats = fit(b, { train: plain(train), validation: plain(validation) }, options);
    assert.deepEqual(onBytes.stepLoss, onFloats.stepLoss);
    const untimed = (h: typeof onBytes) => h.epochs.map(({ seconds: _, ...e }) => e);
    assert.deepEqual(untimed(onBytes), untimed(onFloats));
    assert.deepEqual(testOnBytes, evaluate(b, plain(test), 128));
    void test.x; // converted: evaluate now reads views of x, with the same result
    assert.deepEqual(evaluate(a, test, 128), testOnBytes);
  });
});
