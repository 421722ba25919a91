/**
 * Number formatting for tables and captions: significant digits, an exponent for tiny or huge
 * values, and no trailing zeros.
 *
 * @module
 */

/** Options of {@linkcode formatNumber}. */
export interface FormatNumberOptions {
  /** Significant digits of non-integers (default 4). */
  digits?: number;
  /**
   * How exponents and signs are written: `"text"` as `-2.5e-7` (default, ASCII), `"html"` as
   * `−2.5×10<sup>−7</sup>`, `"unicode"` as `−2.5×10⁻⁷` (for prose). The last two write a
   * negative number with the minus sign − (U+2212), as typesetting does, not the hyphen.
   */
  style?: "text" | "html" | "unicode";
}

const SUPERSCRIPT: Record<string, string> = {
  "-": "⁻",
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
};

const trimZeros = (s: string): string => s.includes(".") ? s.replace(/\.?0+$/, "") : s;

/**
 * A short, readable form of `x`: integers below 10⁷ as they are, other values with `digits`
 * significant digits, values below 10⁻³ or from 10⁷ up with an exponent.
 *
 * @example
 * ```ts
 * import { formatNumber } from "./format_number.ts";
 * import assert from "node:assert/strict";
 * assert.equal(formatNumber(60000), "60000");
 * assert.equal(formatNumber(0.123456), "0.1235");
 * assert.equal(formatNumber(0.25), "0.25");
 * assert.equal(formatNumber(2.5e-7), "2.5e-7");
 * assert.equal(formatNumber(2.5e-7, { style: "html" }), "2.5×10<sup>−7</sup>");
 * assert.equal(formatNumber(2.5e-7, { style: "unicode" }), "2.5×10⁻⁷");
 * assert.equal(formatNumber(-Infinity), "-∞");
 * assert.equal(formatNumber(-0.5, { style: "unicode" }), "−0.5");
 * ```
 */
export function formatNumber(x: number, options: FormatNumberOptions = {}): string {
  const { digits = 4, style = "text" } = options;
  if (!Number.isInteger(digits) || digits < 1 || digits > 21) {
    throw new RangeError(`formatNumber: digits must be an integer from 1 to 21, got ${digits}`);
  }
  const text = plainFormat(x, digits, style);
  return style === "text" ? text : text.replace(/^-/, "−");
}

/** {@linkcode formatNumber} with a hyphen-minus for a negative sign. */
function plainFormat(x: number, digits: number, style: "text" | "html" | "unicode"): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "-∞";
  if (x === 0) return "0";
  const abs = Math.abs(x);
  if (Number.isInteger(x) && abs < 1e7) return String(x);
  if (abs >= 1e-3 && abs < 1e7) {
    const fixed = x.toPrecision(digits);
    if (!fixed.includes("e")) return trimZeros(fixed);
  }
  const [mantissa, exponent] = x.toExponential(digits - 1).split("e");
  const m = trimZeros(mantissa);
  const e = Number(exponent);
  if (style === "html") return `${m}×10<sup>${e < 0 ? "−" : ""}${Math.abs(e)}</sup>`;
  if (style === "unicode") return `${m}×10${[...String(e)].map((c) => SUPERSCRIPT[c]).join("")}`;
  return `${m}e${e}`;
}
