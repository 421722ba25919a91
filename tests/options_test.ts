import assert from "node:assert/strict";
import {
  activation,
  activationList,
  boolean,
  callback,
  defaults,
  integer,
  integers,
  number,
  numbers,
  oneOf,
  optional,
  parseOptions,
  progressOption,
  required,
  satisfying,
} from "../lib/options.ts";

const where = "demo";

/** Asserts that `f` throws `type` with exactly `message`. */
function throwsExactly(f: () => unknown, type: ErrorConstructor, message: string) {
  assert.throws(f, (e: Error) => {
    assert.ok(
      e instanceof type,
      `expected a ${type.name}, got ${e.constructor.name}: ${e.message}`,
    );
    assert.equal(e.message, message);
    return true;
  });
}

Deno.test("option specs", async (t) => {
  await t.step("number: bounds open and closed, in words", () => {
    assert.equal(number(0).allowed, "a finite number");
    assert.equal(number(0, { min: 0 }).allowed, "a finite number ≥ 0");
    assert.equal(number(0, { min: 0, open: true }).allowed, "a finite number > 0");
    assert.equal(number(0, { max: 1 }).allowed, "a finite number ≤ 1");
    assert.equal(number(0, { max: 1, open: "max" }).allowed, "a finite number < 1");
    assert.equal(number(0, { min: 0, max: 1, open: true }).allowed, "a finite number in (0, 1)");
    assert.equal(number(0, { min: 0, max: 1, open: "min" }).allowed, "a finite number in (0, 1]");
    const unit = number(0.5, { min: 0, max: 1, open: true });
    assert.equal(unit.check(0.25, where, "p"), 0.25);
    for (const bad of [0, 1, -0.1, 2, NaN, Infinity, -Infinity]) {
      assert.throws(() => unit.check(bad, where, "p"), RangeError, String(bad));
    }
    throwsExactly(
      () => unit.check(null, where, "p"),
      TypeError,
      'demo: option "p" must be a finite number in (0, 1), got null',
    );
    throwsExactly(
      () => unit.check([0.5], where, "p"),
      TypeError,
      'demo: option "p" must be a finite number in (0, 1), got array [0.5]',
    );
  });
  await t.step("integer", () => {
    const n = integer(3, { min: 1, max: 5 });
    assert.equal(n.check(5, where, "n"), 5);
    throwsExactly(
      () => n.check(6, where, "n"),
      RangeError,
      'demo: option "n" must be an integer in [1, 5], got 6',
    );
    throwsExactly(
      () => n.check(-0, where, "n"),
      RangeError,
      'demo: option "n" must be an integer in [1, 5], got -0',
    );
    throwsExactly(
      () => n.check("5", where, "n"),
      TypeError,
      'demo: option "n" must be an integer in [1, 5], got "5"',
    );
    assert.equal(integer(0).check(-7, where, "k"), -7);
  });
  await t.step("boolean, oneOf, activation", () => {
    assert.equal(boolean(true).check(false, where, "b"), false);
    throwsExactly(
      () => boolean(true).check("yes", where, "b"),
      TypeError,
      'demo: option "b" must be true or false, got "yes"',
    );
    const split = oneOf("train", ["train", "test"]);
    throwsExactly(
      () => split.check(3, where, "split"),
      TypeError,
      'demo: option "split" must be one of "train", "test", got 3',
    );
    throwsExactly(
      () => split.check("val", where, "split"),
      RangeError,
      'demo: option "split" must be one of "train", "test", got "val"',
    );
    const act = activation("relu", ["relu", "elu"]);
    assert.equal(act.check("elu", where, "activation"), "elu");
    throwsExactly(
      () => act.check("tanh", where, "activation"),
      RangeError,
      'demo: option "activation" must be an activation of the registry (relu, elu), got "tanh"',
    );
    throwsExactly(
      () => act.check(1, where, "activation"),
      TypeError,
      'demo: option "activation" must be an activation of the registry (relu, elu), got 1',
    );
  });
  await t.step("lists: length, items, distinct", () => {
    const seeds = integers([1, 2], { min: 0 }, { minLength: 2, maxLength: 3, distinct: true });
    assert.equal(seeds.allowed, "an array of 2 to 3 distinct items, each an integer ≥ 0");
    assert.deepEqual(seeds.check([0, 9], where, "seeds"), [0, 9]);
    throwsExactly(
      () => seeds.check(5, where, "seeds"),
      TypeError,
      'demo: option "seeds" must be an array of 2 to 3 distinct items, each an integer ≥ 0, got 5',
    );
    throwsExactly(
      () => seeds.check([1], where, "seeds"),
      RangeError,
      'demo: option "seeds" must be an array of 2 to 3 distinct items, each an integer ≥ 0, got array [1]',
    );
    throwsExactly(
      () => seeds.check([1, 1], where, "seeds"),
      RangeError,
      'demo: option "seeds" must be an array of 2 to 3 distinct items, each an integer ≥ 0, got array [1,1]',
    );
    throwsExactly(
      () => seeds.check([1, "2"], where, "seeds"),
      TypeError,
      'demo: option "seeds" must be an array of 2 to 3 distinct items, each an integer ≥ 0; item 1 is "2"',
    );
    throwsExactly(
      () => seeds.check([1, -2], where, "seeds"),
      RangeError,
      'demo: option "seeds" must be an array of 2 to 3 distinct items, each an integer ≥ 0; item 1 is -2',
    );
    assert.equal(
      integers([1], {}, { minLength: 1, maxLength: 1 }).allowed,
      "an array of 1 item, each an integer",
    );
    assert.equal(numbers([0.1]).allowed, "an array of 1 or more items, each a finite number");
    const acts = activationList(["relu"], ["relu", "elu"]);
    assert.equal(
      acts.allowed,
      "an array of 1 or more distinct items, each an activation of the registry (relu, elu)",
    );
    assert.throws(() => acts.check(["relu", "relu"], where, "activations"), RangeError);
    assert.throws(() => acts.check([], where, "activations"), RangeError);
  });
  await t.step("the default list is a copy: a caller cannot change the spec", () => {
    const spec = numbers([1, 2]);
    const a = parseOptions(where, {}, { xs: spec });
    a.xs.push(3);
    assert.deepEqual(parseOptions(where, {}, { xs: spec }).xs, [1, 2]);
  });
  await t.step("callback, progressOption, satisfying, optional, required", () => {
    const f = () => {};
    assert.equal(callback("() => void").check(f, where, "cb"), f);
    assert.equal(progressOption().check(f, where, "onProgress"), f);
    assert.match(progressOption().allowed, /progress\("training"\)/);
    const positive = satisfying(
      1,
      "a positive number",
      (v): v is number => typeof v === "number" && v > 0,
    );
    throwsExactly(
      () => positive.check(-1, where, "x"),
      RangeError,
      'demo: option "x" must be a positive number, got -1',
    );
    assert.equal(optional(integer(4)).check(5, where, "k"), 5);
    assert.equal(parseOptions(where, {}, { k: optional(integer(4)) }).k, undefined);
    assert.equal(parseOptions(where, { k: 2 }, { k: required(integer(4)) }).k, 2);
  });
});

Deno.test("parseOptions", async (t) => {
  const specs = { depth: integer(10, { min: 1 }), lr: number(0.1, { min: 0, open: true }) };
  await t.step("fills defaults; undefined counts as absent", () => {
    assert.deepEqual(parseOptions(where, undefined, specs), { depth: 10, lr: 0.1 });
    assert.deepEqual(parseOptions(where, { depth: undefined, lr: 0.5 }, specs), {
      depth: 10,
      lr: 0.5,
    });
    assert.deepEqual(defaults(specs), { depth: 10, lr: 0.1 });
  });
  await t.step("rejects what is not an options object, and unknown names", () => {
    for (const bad of [null, 3, "depth", [1]]) {
      assert.throws(
        () => parseOptions(where, bad, specs),
        { name: "TypeError", message: /^demo: options must be an object with "depth", "lr", got / },
      );
    }
    throwsExactly(
      () => parseOptions(where, { depth: 2, LR: 0.1 }, specs),
      TypeError,
      'demo: unknown option "LR" (value 0.1); allowed: "depth", "lr"',
    );
  });
});
