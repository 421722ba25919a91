/**
 * Option checking shared by the data loaders: every bad option is a `TypeError` (wrong type,
 * unknown name) or a `RangeError` (out of range) naming the function, the option, the value and
 * what is allowed.
 *
 * @module
 */

import { show } from "../activations/define.ts";
import { Rng } from "../random.ts";
import { ByteDataset } from "./byte_dataset.ts";
import type { Dataset } from "./dataset.ts";

export { show };

/** Checks that `options` is an object (or undefined) with no keys outside `allowed`. */
export function checkOptions(
  where: string,
  options: unknown,
  allowed: readonly string[],
): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new TypeError(
      `${where}: options must be an object with ${list(allowed)}, got ${show(options)}`,
    );
  }
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!allowed.includes(key)) {
      throw new TypeError(
        `${where}: unknown option "${key}" (value ${show(given[key])}); allowed: ${list(allowed)}`,
      );
    }
  }
  return given;
}

/** "string \"7\"", "undefined": the type and the value, for messages about a wrong type. */
function typed(value: unknown): string {
  return value === undefined ? "undefined" : `${typeof value} ${show(value)}`;
}

function list(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(", ");
}

/**
 * An integer option in [min, max], or `fallback` when undefined. `context` is added after the
 * allowed range in messages (e.g. ` for split "test"`).
 */
export function intOption(
  where: string,
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max = Infinity,
  context = "",
): number {
  if (value === undefined && !Number.isNaN(fallback)) return fallback; // NaN: required
  const allowed = (max === Infinity ? `an integer ≥ ${min}` : `an integer in [${min}, ${max}]`) +
    context;
  if (typeof value !== "number") {
    throw new TypeError(`${where}: ${name} must be ${allowed}, got ${typed(value)}`);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${where}: ${name} must be ${allowed}, got ${show(value)}`);
  }
  return value;
}

/** A finite number option with `value ≥ min` (or `> min` when `open`), or `fallback`. */
export function numberOption(
  where: string,
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  open = false,
): number {
  if (value === undefined) return fallback;
  const allowed = `a finite number ${open ? ">" : "≥"} ${min}`;
  if (typeof value !== "number") {
    throw new TypeError(`${where}: ${name} must be ${allowed}, got ${typed(value)}`);
  }
  if (!Number.isFinite(value) || (open ? value <= min : value < min)) {
    throw new RangeError(`${where}: ${name} must be ${allowed}, got ${show(value)}`);
  }
  return value;
}

/** A generator from a `seed` option (default 0): a finite number, or an {@linkcode Rng} to fork. */
export function seedOption(where: string, value: unknown): Rng {
  if (value === undefined) return new Rng(0);
  if (value instanceof Rng) return value.fork();
  if (typeof value !== "number") {
    throw new TypeError(
      `${where}: seed must be a finite number or an Rng, got ${typed(value)}`,
    );
  }
  if (!Number.isFinite(value)) {
    throw new RangeError(`${where}: seed must be a finite number or an Rng, got ${show(value)}`);
  }
  return new Rng(value);
}

/**
 * The number of validation examples out of `n`: `validation` is a fraction in (0, 1) (rounded to
 * the nearest count) or a whole count; either way at least 1 and at most n − 1.
 */
export function validationCount(where: string, value: unknown, fallback: number, n: number) {
  const allowed = `a fraction in (0, 1) or a whole count in [1, ${n - 1}]`;
  if (value === undefined) value = fallback;
  if (typeof value !== "number") {
    throw new TypeError(
      `${where}: validation must be ${allowed}, got ${typed(value)}`,
    );
  }
  if (!(value > 0) || !Number.isFinite(value) || (value >= 1 && !Number.isInteger(value))) {
    throw new RangeError(`${where}: validation must be ${allowed}, got ${show(value)}`);
  }
  if (value < 1) {
    const count = Math.round(value * n);
    if (count < 1 || count > n - 1) {
      throw new RangeError(
        `${where}: validation ${
          show(value)
        } of ${n} examples is ${count}; it must leave at least ` +
          `one example on each side (${allowed})`,
      );
    }
    return count;
  }
  if (value > n - 1) {
    throw new RangeError(
      `${where}: validation must be ${allowed} (it must be smaller than the ${n} examples), got ${
        show(value)
      }`,
    );
  }
  return value;
}

/** Formats a count with thousands separators, as in "MNIST train (8,000)". */
export function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

/** A data set's name without a trailing parenthesised count: "MNIST train (8,000)" → "MNIST train". */
export function baseName(name: string): string {
  return name.replace(/\s*\([^()]*\)\s*$/, "");
}

/** Throws a `TypeError` unless `d` is a consistent {@linkcode Dataset}. */
export function checkDataset(where: string, d: unknown): asserts d is Dataset {
  if (d instanceof ByteDataset) return; // its constructor checked it, and x is not converted
  const ds = d as Partial<Dataset> | null;
  const ok = typeof ds === "object" && ds !== null && ds.x instanceof Float64Array &&
    ds.y instanceof Int32Array && Number.isInteger(ds.n) && Number.isInteger(ds.features) &&
    Number.isInteger(ds.classes) && ds.y.length === ds.n &&
    ds.x.length === ds.n! * ds.features!;
  if (!ok) {
    throw new TypeError(
      `${where}: expected a Dataset { x: Float64Array (n × features), y: Int32Array (n), n, ` +
        `features, classes, name }, got ${describe(d)}`,
    );
  }
}

function describe(d: unknown): string {
  if (typeof d !== "object" || d === null) return show(d);
  const o = d as Record<string, unknown>;
  const part = (k: string) => {
    const v = o[k];
    return ArrayBuffer.isView(v) ? `${v.constructor.name}(${(v as Int32Array).length})` : show(v);
  };
  return `{ ${["x", "y", "n", "features", "classes"].map((k) => `${k}: ${part(k)}`).join(", ")} }`;
}
