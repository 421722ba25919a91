/**
 * Declarative option checking for the experiments and the trainer: each lists its options once, as
 * specs with a default, and {@linkcode parseOptions} fills in the defaults and rejects anything
 * else with an error that names the experiment, the option, the value and what is allowed — so a
 * reader who types a bad value in a notebook's parameters cell gets a sentence, not a NaN figure.
 *
 * @example
 * ```ts
 * import { integer, number, parseOptions } from "./options.ts";
 * import assert from "node:assert/strict";
 * const specs = { depth: integer(10, { min: 1, max: 50 }), lr: number(0.1, { min: 0, open: true }) };
 * assert.deepEqual(parseOptions("demo", { depth: 4 }, specs), { depth: 4, lr: 0.1 });
 * assert.throws(
 *   () => parseOptions("demo", { depth: 0 }, specs),
 *   { name: "RangeError", message: 'demo: option "depth" must be an integer in [1, 50], got 0' },
 * );
 * ```
 *
 * @module
 */

import { show } from "./activations/define.ts";
import { activationNames, isActivationName } from "./activations/registry.ts";
import type { ActivationName } from "./activations/types.ts";
import type { Progress } from "./display/progress_bar.ts";

/** One option: its default, what it allows (in words), and how a given value is checked. */
export interface OptionSpec<T> {
  /** The value used when the option is absent (`undefined`). */
  readonly fallback: T;
  /** What is allowed, as the error messages say it: "an integer in [1, 50]". */
  readonly allowed: string;
  /**
   * Returns the checked value, or throws a `TypeError` (wrong kind) or `RangeError` (out of
   * range) whose message starts with `where: option "name"`.
   */
  check(value: unknown, where: string, name: string): T;
}

/** The checked options of a spec record: every field present, with its type. */
export type Options<S> = { -readonly [K in keyof S]: S[K] extends OptionSpec<infer T> ? T : never };

/** The options a caller may pass for a spec record: every field optional. */
export type OptionsInput<S> = { [K in keyof S]?: S[K] extends OptionSpec<infer T> ? T : never };

const typed = (value: unknown): string =>
  value === undefined ? "undefined" : Array.isArray(value) ? `array ${show(value)}` : show(value);

function fail(
  kind: "type" | "range",
  where: string,
  name: string,
  allowed: string,
  value: unknown,
): never {
  const message = `${where}: option "${name}" must be ${allowed}, got ${typed(value)}`;
  throw kind === "type" ? new TypeError(message) : new RangeError(message);
}

function spec<T>(
  fallback: T,
  allowed: string,
  check: (value: unknown, where: string, name: string) => T,
): OptionSpec<T> {
  return Object.freeze({ fallback, allowed, check });
}

const interval = (min: number, max: number, lowOpen: boolean, highOpen: boolean): string => {
  if (max === Infinity) return `${lowOpen ? ">" : "≥"} ${show(min)}`;
  if (min === -Infinity) return `${highOpen ? "<" : "≤"} ${show(max)}`;
  return `in ${lowOpen ? "(" : "["}${show(min)}, ${show(max)}${highOpen ? ")" : "]"}`;
};

/** Bounds of a numeric option. */
export interface Bounds {
  /** The smallest value allowed (default −∞). */
  min?: number;
  /** The largest value allowed (default +∞). */
  max?: number;
  /** Exclude the bounds: `true` for both, or `"min"`, `"max"` for one (default: include). */
  open?: boolean | "min" | "max";
}

function inBounds(x: number, bounds: Bounds): boolean {
  const { min = -Infinity, max = Infinity, open = false } = bounds;
  const lowOpen = open === true || open === "min";
  const highOpen = open === true || open === "max";
  return (lowOpen ? x > min : x >= min) && (highOpen ? x < max : x <= max);
}

function describeBounds(what: string, bounds: Bounds): string {
  const { min = -Infinity, max = Infinity, open = false } = bounds;
  if (min === -Infinity && max === Infinity) return what;
  return `${what} ${
    interval(min, max, open === true || open === "min", open === true || open === "max")
  }`;
}

/**
 * A finite number within `bounds`.
 *
 * @example
 * ```ts
 * import { number } from "./options.ts";
 * import assert from "node:assert/strict";
 * const alpha = number(0.01, { min: 0, max: 1 });
 * assert.equal(alpha.check(0.3, "demo", "alpha"), 0.3);
 * assert.equal(alpha.allowed, "a finite number in [0, 1]");
 * assert.throws(() => alpha.check(NaN, "demo", "alpha"), RangeError);
 * assert.throws(() => alpha.check("0.3", "demo", "alpha"), TypeError);
 * ```
 */
export function number(fallback: number, bounds: Bounds = {}): OptionSpec<number> {
  const allowed = describeBounds("a finite number", bounds);
  return spec(fallback, allowed, (value, where, name) => {
    if (typeof value !== "number") fail("type", where, name, allowed, value);
    if (!Number.isFinite(value) || !inBounds(value, bounds)) {
      fail("range", where, name, allowed, value);
    }
    return value;
  });
}

/**
 * An integer within `bounds`.
 *
 * @example
 * ```ts
 * import { integer } from "./options.ts";
 * import assert from "node:assert/strict";
 * const depth = integer(10, { min: 1, max: 50 });
 * assert.equal(depth.check(3, "demo", "depth"), 3);
 * assert.throws(() => depth.check(2.5, "demo", "depth"), /must be an integer in \[1, 50\], got 2.5/);
 * ```
 */
export function integer(fallback: number, bounds: Bounds = {}): OptionSpec<number> {
  const allowed = describeBounds("an integer", bounds);
  return spec(fallback, allowed, (value, where, name) => {
    if (typeof value !== "number") fail("type", where, name, allowed, value);
    if (!Number.isInteger(value) || !inBounds(value, bounds)) {
      fail("range", where, name, allowed, value);
    }
    return value;
  });
}

/**
 * `true` or `false`.
 *
 * @example
 * ```ts
 * import { boolean } from "./options.ts";
 * import assert from "node:assert/strict";
 * assert.equal(boolean(false).check(true, "demo", "flag"), true);
 * assert.throws(() => boolean(false).check(1, "demo", "flag"), TypeError);
 * ```
 */
export function boolean(fallback: boolean): OptionSpec<boolean> {
  return spec(fallback, "true or false", (value, where, name) => {
    if (typeof value !== "boolean") fail("type", where, name, "true or false", value);
    return value;
  });
}

/**
 * One of a fixed list of strings.
 *
 * @example
 * ```ts
 * import { oneOf } from "./options.ts";
 * import assert from "node:assert/strict";
 * const scale = oneOf("unit", ["unit", "centered"] as const);
 * assert.equal(scale.check("centered", "demo", "scale"), "centered");
 * assert.throws(() => scale.check("raw", "demo", "scale"), /one of "unit", "centered", got "raw"/);
 * ```
 */
export function oneOf<const T extends string>(fallback: T, values: readonly T[]): OptionSpec<T> {
  const allowed = `one of ${values.map((v) => show(v)).join(", ")}`;
  return spec(fallback, allowed, (value, where, name) => {
    if (typeof value !== "string") fail("type", where, name, allowed, value);
    if (!(values as readonly string[]).includes(value)) fail("range", where, name, allowed, value);
    return value as T;
  });
}

const activationAllowed = (among: readonly ActivationName[]) =>
  `an activation of the registry (${among.join(", ")})`;

/**
 * The name of an activation in the registry (optionally among a subset).
 *
 * @example
 * ```ts
 * import { activation } from "./options.ts";
 * import assert from "node:assert/strict";
 * assert.equal(activation("relu").check("elu", "demo", "activation"), "elu");
 * assert.throws(
 *   () => activation("relu").check("relu6", "demo", "activation"),
 *   /option "activation" must be an activation of the registry \(sigmoid, tanh, relu, .*\), got "relu6"/,
 * );
 * ```
 */
export function activation(
  fallback: ActivationName,
  among: readonly ActivationName[] = activationNames,
): OptionSpec<ActivationName> {
  const allowed = activationAllowed(among);
  return spec(fallback, allowed, (value, where, name) => {
    if (typeof value !== "string") fail("type", where, name, allowed, value);
    if (!isActivationName(value) || !among.includes(value)) {
      fail("range", where, name, allowed, value);
    }
    return value;
  });
}

/** Options of the list specs. */
export interface ListOptions {
  /** The fewest items allowed (default 1). */
  minLength?: number;
  /** The most items allowed (default ∞). */
  maxLength?: number;
  /** Whether items must differ from one another (default false). */
  distinct?: boolean;
}

function list<T>(
  fallback: readonly T[],
  item: OptionSpec<T>,
  options: ListOptions,
): OptionSpec<T[]> {
  const { minLength = 1, maxLength = Infinity, distinct = false } = options;
  const size = maxLength === Infinity
    ? `${minLength} or more`
    : minLength === maxLength
    ? `${minLength}`
    : `${minLength} to ${maxLength}`;
  const items = maxLength === 1 ? "item" : "items";
  const allowed = `an array of ${size}${
    distinct ? " distinct" : ""
  } ${items}, each ${item.allowed}`;
  return spec([...fallback], allowed, (value, where, name) => {
    if (!Array.isArray(value)) fail("type", where, name, allowed, value);
    if (value.length < minLength || value.length > maxLength) {
      fail("range", where, name, allowed, value);
    }
    const items = value.map((v, i) => {
      try {
        return item.check(v, where, `${name}[${i}]`);
      } catch (e) {
        // Name the whole list and what each item must be, with the offending item.
        const message = `${where}: option "${name}" must be ${allowed}; item ${i} is ${typed(v)}`;
        throw e instanceof TypeError ? new TypeError(message) : new RangeError(message);
      }
    });
    if (distinct && new Set(items).size !== items.length) {
      fail("range", where, name, allowed, value);
    }
    return items;
  });
}

/**
 * An array of finite numbers, each within `bounds`.
 *
 * @example
 * ```ts
 * import { numbers } from "./options.ts";
 * import assert from "node:assert/strict";
 * const alphas = numbers([0.01, 0.1], { min: 0 });
 * assert.deepEqual(alphas.check([0, 0.3], "demo", "alphas"), [0, 0.3]);
 * assert.throws(
 *   () => alphas.check([0.1, -1], "demo", "alphas"),
 *   { message: 'demo: option "alphas" must be an array of 1 or more items, each a finite number ≥ 0; item 1 is -1' },
 * );
 * ```
 */
export function numbers(
  fallback: readonly number[],
  bounds: Bounds = {},
  options: ListOptions = {},
): OptionSpec<number[]> {
  return list(fallback, number(NaN, bounds), options);
}

/**
 * An array of integers, each within `bounds`.
 *
 * @example
 * ```ts
 * import { integers } from "./options.ts";
 * import assert from "node:assert/strict";
 * const seeds = integers([1, 2, 3], { min: 0 }, { distinct: true });
 * assert.deepEqual(seeds.check([4, 5], "demo", "seeds"), [4, 5]);
 * assert.throws(() => seeds.check([4, 4], "demo", "seeds"), RangeError);
 * ```
 */
export function integers(
  fallback: readonly number[],
  bounds: Bounds = {},
  options: ListOptions = {},
): OptionSpec<number[]> {
  return list(fallback, integer(NaN, bounds), options);
}

/**
 * An array of registry activation names (optionally among a subset), distinct by default.
 *
 * @example
 * ```ts
 * import { activationList } from "./options.ts";
 * import assert from "node:assert/strict";
 * const compared = activationList(["sigmoid", "relu"]);
 * assert.deepEqual(compared.check(["tanh"], "demo", "activations"), ["tanh"]);
 * assert.throws(() => compared.check(["tanh", "Tanh"], "demo", "activations"), /item 1 is "Tanh"/);
 * ```
 */
export function activationList(
  fallback: readonly ActivationName[],
  among: readonly ActivationName[] = activationNames,
  options: ListOptions = {},
): OptionSpec<ActivationName[]> {
  return list(fallback, activation(fallback[0] ?? "relu", among), { distinct: true, ...options });
}

/**
 * An optional function (a callback); absent by default. `signature` says what it is called with,
 * for the error message.
 *
 * @example
 * ```ts
 * import { callback } from "./options.ts";
 * import assert from "node:assert/strict";
 * const onEpoch = callback<(epoch: number) => void>("(record) => void");
 * assert.equal(onEpoch.fallback, undefined);
 * assert.throws(() => onEpoch.check(42, "demo", "onEpoch"), /must be a function \(record\) => void, got 42/);
 * ```
 */
export function callback<F extends (...args: never[]) => unknown>(
  signature: string,
): OptionSpec<F | undefined> {
  const allowed = `a function ${signature}`;
  return spec<F | undefined>(undefined, allowed, (value, where, name) => {
    if (typeof value !== "function") fail("type", where, name, allowed, value);
    return value as F;
  });
}

/**
 * An optional progress callback (see {@linkcode Progress}), as every experiment that trains takes
 * it: `progress("training")` from lib/display draws a bar with it.
 *
 * @example
 * ```ts
 * import { progressOption } from "./options.ts";
 * import assert from "node:assert/strict";
 * assert.equal(progressOption().fallback, undefined);
 * assert.throws(() => progressOption().check("bar", "demo", "onProgress"), TypeError);
 * ```
 */
export function progressOption(): OptionSpec<Progress | undefined> {
  return callback<Progress>('(done, total, info) => void, such as progress("training")');
}

/**
 * Any value that passes `test`, described by `allowed` (for options no other spec fits).
 *
 * @example
 * ```ts
 * import { satisfying } from "./options.ts";
 * import assert from "node:assert/strict";
 * const even = satisfying(2, "an even integer", (v): v is number => Number.isInteger(v) && (v as number) % 2 === 0);
 * assert.equal(even.check(4, "demo", "n"), 4);
 * assert.throws(() => even.check(3, "demo", "n"), { name: "RangeError", message: 'demo: option "n" must be an even integer, got 3' });
 * ```
 */
export function satisfying<T>(
  fallback: T,
  allowed: string,
  test: (value: unknown) => value is T,
): OptionSpec<T> {
  return spec(fallback, allowed, (value, where, name) => {
    if (!test(value)) fail("range", where, name, allowed, value);
    return value;
  });
}

/**
 * `inner` with no default: absent stays `undefined` (for options whose default depends on
 * another, such as a learning rate that depends on the optimizer).
 *
 * @example
 * ```ts
 * import { number, optional } from "./options.ts";
 * import assert from "node:assert/strict";
 * const lr = optional(number(0.01, { min: 0, open: "min" }));
 * assert.equal(lr.fallback, undefined);
 * assert.equal(lr.check(0.5, "demo", "lr"), 0.5);
 * ```
 */
export function optional<T>(inner: OptionSpec<T>): OptionSpec<T | undefined> {
  return spec<T | undefined>(undefined, inner.allowed, inner.check);
}

/**
 * `inner` with no default: absent is an error (a `TypeError` naming the option).
 *
 * @example
 * ```ts
 * import { integer, parseOptions, required } from "./options.ts";
 * import assert from "node:assert/strict";
 * assert.throws(
 *   () => parseOptions("demo", {}, { epochs: required(integer(1, { min: 0 })) }),
 *   { name: "TypeError", message: 'demo: option "epochs" is required: an integer ≥ 0' },
 * );
 * ```
 */
export function required<T>(inner: OptionSpec<T>): OptionSpec<T> {
  return Object.freeze({ ...inner, required: true });
}

/**
 * Checks `options` against `specs`: an object (or `undefined`) with no keys outside the specs,
 * every given value checked, every absent one (`undefined`) replaced by its spec's default.
 * Errors are a `TypeError` or `RangeError` whose message starts with `where:`.
 *
 * @example
 * ```ts
 * import { integer, parseOptions } from "./options.ts";
 * import assert from "node:assert/strict";
 * const specs = { depth: integer(10, { min: 1 }), width: integer(64, { min: 1 }) };
 * assert.throws(
 *   () => parseOptions("demo", { dept: 3 }, specs),
 *   { name: "TypeError", message: 'demo: unknown option "dept" (value 3); allowed: "depth", "width"' },
 * );
 * ```
 */
export function parseOptions<S extends Record<string, OptionSpec<unknown>>>(
  where: string,
  options: unknown,
  specs: S,
): Options<S> {
  const names = Object.keys(specs);
  const allowedNames = names.map((n) => `"${n}"`).join(", ");
  if (options !== undefined) {
    if (typeof options !== "object" || options === null || Array.isArray(options)) {
      throw new TypeError(
        `${where}: options must be an object with ${allowedNames}, got ${typed(options)}`,
      );
    }
    for (const key of Object.keys(options)) {
      if (!Object.hasOwn(specs, key)) {
        throw new TypeError(
          `${where}: unknown option "${key}" (value ${
            typed((options as Record<string, unknown>)[key])
          }); allowed: ${allowedNames}`,
        );
      }
    }
  }
  const given = (options ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const name of names) {
    const value = given[name];
    if (value === undefined && (specs[name] as { required?: boolean }).required) {
      throw new TypeError(`${where}: option "${name}" is required: ${specs[name].allowed}`);
    }
    const fallback = specs[name].fallback;
    // A fresh copy of a list default, so that a caller who changes it cannot change the spec.
    out[name] = value === undefined
      ? (Array.isArray(fallback) ? [...fallback] : fallback)
      : specs[name].check(value, where, name);
  }
  return out as Options<S>;
}

/**
 * Defaults of a spec record, as a plain object (for documentation and tests).
 *
 * @example
 * ```ts
 * import { defaults, integer, number } from "./options.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(defaults({ depth: integer(10), lr: number(0.1) }), { depth: 10, lr: 0.1 });
 * ```
 */
export function defaults<S extends Record<string, OptionSpec<unknown>>>(specs: S): Options<S> {
  return parseOptions("defaults", {}, specs);
}
