import assert from "node:assert/strict";
import { Rng } from "../lib/mod.ts";
import { assertClose } from "./assert_close.ts";

Deno.test("Rng", async (t) => {
  await t.step("the same seed gives the same stream; another seed another", () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const sa = Array.from({ length: 100 }, () => a.nextUint32());
    assert.deepEqual(sa, Array.from({ length: 100 }, () => b.nextUint32()));
    assert.notDeepEqual(sa, Array.from({ length: 100 }, () => c.nextUint32()));
  });

  await t.step("uniform() lies in [0, 1) with mean 1/2 and variance 1/12", () => {
    const r = new Rng(1);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      assert.ok(u >= 0 && u < 1);
      s += u;
      s2 += u * u;
    }
    assertClose(s / n, 0.5, { atol: 0.005 });
    assertClose(s2 / n - (s / n) ** 2, 1 / 12, { atol: 0.002 });
    const v = r.uniform(-3, -1);
    assert.ok(v >= -3 && v < -1);
  });

  await t.step("normal() has the requested mean and standard deviation", () => {
    const r = new Rng(2);
    const xs = r.fillNormal(new Float64Array(100_000), 3, 2);
    const mean = xs.reduce((a, b) => a + b) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    assertClose(mean, 3, { atol: 0.03 });
    assertClose(sd, 2, { atol: 0.03 });
  });

  await t.step("int(), shuffle() and permutation() cover their range uniformly", () => {
    const r = new Rng(3);
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 50_000; i++) counts[r.int(5)]++;
    for (const c of counts) assertClose(c, 10_000, { atol: 400 });
    const p = r.permutation(1000);
    assert.deepEqual([...p].sort((a, b) => a - b), Array.from({ length: 1000 }, (_, i) => i));
    const items = ["a", "b", "c", "d"];
    assert.equal(r.shuffle(items), items);
    assert.deepEqual([...items].sort(), ["a", "b", "c", "d"]);
    const u = r.fillUniform(new Float64Array(100), 2, 3);
    assert.ok(u.every((v) => v >= 2 && v < 3));
  });

  await t.step("fork() and Rng.from() give independent, reproducible streams", () => {
    const a = new Rng(5);
    const f1 = a.fork();
    const b = new Rng(5);
    const f2 = Rng.from(b);
    assert.equal(f1.uniform(), f2.uniform());
    assert.notEqual(a.uniform(), f1.uniform());
    assert.equal(Rng.from(9).uniform(), new Rng(9).uniform());
    assert.notEqual(new Rng(2 ** 40).uniform(), new Rng(0).uniform());
  });

  await t.step("bad arguments are RangeErrors", () => {
    assert.throws(() => new Rng(NaN), {
      name: "RangeError",
      message: /seed must be a finite number, got NaN/,
    });
    assert.throws(() => new Rng(1).int(0), {
      name: "RangeError",
      message: /positive integer, got 0/,
    });
    assert.throws(() => new Rng(1).int(2.5), { name: "RangeError" });
  });
});
