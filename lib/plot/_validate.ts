/**
 * Input checks shared by the plot helpers: every error names the helper and the option.
 *
 * @module
 */

/**
 * The figure's title, or a TypeError: every figure of the course has a title.
 *
 * @example
 * ```ts
 * import { requireTitle } from "./_validate.ts";
 * import assert from "node:assert/strict";
 * assert.equal(requireTitle("lineChart", "Loss"), "Loss");
 * assert.throws(() => requireTitle("lineChart", undefined), /lineChart: a title is required/);
 * ```
 */
export function requireTitle(fn: string, title: unknown): string {
  if (typeof title !== "string" || title.trim() === "") {
    throw new TypeError(
      `${fn}: a title is required (options.title, a non-empty string), got ${
        title === undefined ? "none" : JSON.stringify(title)
      }`,
    );
  }
  return title.trim();
}

/**
 * `value` as a number array, or a TypeError naming `what`.
 *
 * @example
 * ```ts
 * import { numbers } from "./_validate.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(numbers("f", "x", new Float64Array([1, 2])), [1, 2]);
 * assert.throws(() => numbers("f", "x", "12"), /f: x must be an array of numbers/);
 * ```
 */
export function numbers(fn: string, what: string, value: unknown): number[] {
  const ok = (Array.isArray(value) || ArrayBuffer.isView(value)) &&
    Array.prototype.every.call(value, (v: unknown) => typeof v === "number");
  if (!ok) {
    throw new TypeError(`${fn}: ${what} must be an array of numbers, got ${describe(value)}`);
  }
  return Array.from(value as ArrayLike<number>);
}

/**
 * A finite `[min, max]` interval with min < max, or a RangeError.
 *
 * @example
 * ```ts
 * import { interval } from "./_validate.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(interval("f", "domain", [-6, 6]), [-6, 6]);
 * assert.throws(() => interval("f", "domain", [1, 1]), /f: domain must be \[min, max\]/);
 * ```
 */
export function interval(fn: string, what: string, value: unknown): [number, number] {
  const ok = Array.isArray(value) && value.length === 2 &&
    value.every((v) => typeof v === "number" && Number.isFinite(v)) && value[0] < value[1];
  if (!ok) {
    throw new RangeError(
      `${fn}: ${what} must be [min, max] with finite min < max, got ${describe(value)}`,
    );
  }
  return [value[0], value[1]];
}

/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  try {
    const s = JSON.stringify(value);
    if (s === undefined) return String(value);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(value);
  }
}

/**
 * Text for data notes: `"1 value"`, `"3 values"`.
 *
 * @example
 * ```ts
 * import { plural } from "./_validate.ts";
 * import assert from "node:assert/strict";
 * assert.equal(plural(1, "value"), "1 value");
 * assert.equal(plural(3, "value"), "3 values");
 * ```
 */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
