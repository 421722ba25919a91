/**
 * Small pieces of English for computed prose: counted nouns and percentages, so that a sentence
 * stays grammatical whatever the numbers ("1 seed", "3 seeds").
 *
 * @module
 */

import { formatNumber } from "./format_number.ts";

/**
 * `n` followed by `word`, plural unless `n` is 1: "1 epoch", "3 epochs", "0 units". An irregular
 * plural can be given.
 *
 * @example
 * ```ts
 * import { plural } from "./prose.ts";
 * import assert from "node:assert/strict";
 * assert.equal(plural(1, "seed"), "1 seed");
 * assert.equal(plural(30, "seed"), "30 seeds");
 * assert.equal(plural(2, "run", "runs"), "2 runs");
 * assert.equal(plural(10_000, "digit"), "10,000 digits");
 * assert.equal(plural(2, "pass", "passes"), "2 passes");
 * ```
 */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  if (typeof n !== "number" || !Number.isFinite(n)) {
    throw new RangeError(`plural: n must be a finite number, got ${n}`);
  }
  const count = Number.isInteger(n) ? n.toLocaleString("en-US") : formatNumber(n);
  return `${count} ${n === 1 ? word : pluralWord}`;
}

/**
 * A fraction as a percentage for prose, with `digits` decimals (default 1) and a space before the sign: 0.1234 → "12.3 %". Exactly 0 and 1 print as "0 %" and "100 %".
 *
 * @example
 * ```ts
 * import { percent } from "./prose.ts";
 * import assert from "node:assert/strict";
 * assert.equal(percent(0.1234), "12.3 %");
 * assert.equal(percent(0.1234, 2), "12.34 %");
 * assert.equal(percent(1), "100 %");
 * assert.equal(percent(-0.05), "−5.0 %");
 * ```
 */
export function percent(fraction: number, digits = 1): string {
  if (typeof fraction !== "number" || !Number.isFinite(fraction)) {
    throw new RangeError(`percent: the fraction must be a finite number, got ${fraction}`);
  }
  if (!Number.isInteger(digits) || digits < 0 || digits > 10) {
    throw new RangeError(`percent: digits must be an integer from 0 to 10, got ${digits}`);
  }
  const text = fraction === 0 || fraction === 1
    ? String(100 * fraction)
    : (100 * fraction).toFixed(digits);
  return `${text.replace(/^-/, "−")} %`;
}
