/**
 * Tables of results: an HTML table for Jupyter and the same table aligned in plain text.
 *
 * @module
 */

import { formatNumber } from "./format_number.ts";
import { type Displayable, jupyterDisplay, type MimeBundle } from "./jupyter.ts";

/** One row: values keyed by column. */
export type TableRow = Readonly<Record<string, unknown>>;

/** Formats one cell; the result is text (it is HTML-escaped in the HTML form). */
export type CellFormat = (value: unknown, row: TableRow) => string;

/** A column of a {@linkcode table}. */
export interface ColumnSpec {
  /** The row key it shows. */
  key: string;
  /** Its header (default: the key). */
  label?: string;
  /** Its formatter (default: {@linkcode formatValue}). */
  format?: CellFormat;
  /** Significant digits of its numbers (default: the table's). */
  digits?: number;
  /** Its alignment (default: right for numbers, left for anything else). */
  align?: "left" | "right" | "center";
}

/** Options of {@linkcode table}. */
export interface TableOptions {
  /** The columns, by key or spec (default: every key, in order of first appearance). */
  columns?: ReadonlyArray<string | ColumnSpec>;
  /** A caption shown above the table. */
  caption?: string;
  /** Formatters by column key (a column spec's own `format` wins). */
  format?: Readonly<Record<string, CellFormat>>;
  /** Significant digits of numbers (default 4). */
  digits?: number;
}

/** Options of {@linkcode formatValue}. */
export interface FormatValueOptions {
  /** Significant digits of numbers (default 4). */
  digits?: number;
  /** Exponents as `e-7` (`"text"`), `<sup>` markup (`"html"`) or `⁻⁷` (`"unicode"`). */
  style?: "text" | "html" | "unicode";
}

/**
 * A table cell's text: numbers through `formatNumber`, booleans as ✓ and —, nothing for
 * `null` and `undefined`, arrays item by item, other objects as JSON.
 *
 * @example
 * ```ts
 * import { formatValue } from "./table.ts";
 * import assert from "node:assert/strict";
 * assert.equal(formatValue(true), "✓");
 * assert.equal(formatValue(false), "—");
 * assert.equal(formatValue(undefined), "");
 * assert.equal(formatValue([0.5, 1e-9]), "0.5, 1e-9");
 * ```
 */
export function formatValue(value: unknown, options: FormatValueOptions = {}): string {
  if (typeof value === "number") return formatNumber(value, options);
  if (typeof value === "boolean") return value ? "✓" : "—";
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "bigint") return String(value);
  if (Array.isArray(value)) return value.map((v) => formatValue(v, options)).join(", ");
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return formatValue(Array.from(value as unknown as ArrayLike<number>), options);
  }
  if (value instanceof Date) return value.toISOString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const width = (s: string): number => [...s].length;

interface Column {
  key: string;
  label: string;
  format?: CellFormat;
  digits: number;
  align: "left" | "right" | "center";
}

/** A table that shows as HTML in Jupyter and as aligned text in a terminal. */
export class Table implements Displayable {
  /** The rows shown. */
  readonly rows: readonly TableRow[];
  /** The caption, if any. */
  readonly caption: string | undefined;
  readonly #columns: Column[];

  /**
   * @param rows one object per row
   * @param options columns, caption, formatters, digits
   */
  constructor(rows: readonly TableRow[], options: TableOptions = {}) {
    if (!Array.isArray(rows)) {
      throw new TypeError(`table: rows must be an array of objects, got ${typeof rows}`);
    }
    rows.forEach((row, i) => {
      if (typeof row !== "object" || row === null || Array.isArray(row)) {
        throw new TypeError(`table: row ${i} must be an object keyed by column, got ${row}`);
      }
    });
    const digits = options.digits ?? 4;
    const specs = options.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
    if (specs.length === 0) {
      throw new TypeError("table: no columns (and no rows to take them from)");
    }
    this.rows = rows;
    this.caption = options.caption;
    this.#columns = specs.map((spec) => {
      const s: ColumnSpec = typeof spec === "string" ? { key: spec } : spec;
      const values = rows.map((r) => r[s.key]).filter((v) => v !== null && v !== undefined);
      const numeric = values.length > 0 &&
        values.every((v) => typeof v === "number" || typeof v === "bigint");
      return {
        key: s.key,
        label: s.label ?? s.key,
        format: s.format ?? options.format?.[s.key],
        digits: s.digits ?? digits,
        align: s.align ?? (numeric ? "right" : "left"),
      };
    });
  }

  /** The column headers, in order. */
  get headers(): string[] {
    return this.#columns.map((c) => c.label);
  }

  #cell(c: Column, row: TableRow, style: "text" | "html"): string {
    const v = row[c.key];
    if (c.format) return style === "html" ? escapeHtml(c.format(v, row)) : c.format(v, row);
    if (typeof v === "number") return formatNumber(v, { digits: c.digits, style });
    const text = formatValue(v, { digits: c.digits });
    return style === "html" ? escapeHtml(text) : text;
  }

  /** The table as HTML (no colours: the notebook's theme styles it). */
  get html(): string {
    const cellStyle = (c: Column) => `text-align: ${c.align}; padding: 0.15em 0.6em`;
    const head = this.#columns.map((c) =>
      `<th style="${cellStyle(c)}; border-bottom: 1px solid currentColor">${
        escapeHtml(c.label)
      }</th>`
    ).join("");
    const body = this.rows.map((row) =>
      `<tr>${
        this.#columns.map((c) => `<td style="${cellStyle(c)}">${this.#cell(c, row, "html")}</td>`)
          .join("")
      }</tr>`
    ).join("\n");
    const caption = this.caption === undefined ? "" : `<caption style="caption-side: top; ` +
      `text-align: left; font-weight: 600; padding: 0.2em 0">${escapeHtml(this.caption)}</caption>`;
    return `<table style="border-collapse: collapse; font-variant-numeric: tabular-nums">` +
      `${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
  }

  /** The table as plain text, columns aligned, numbers right-aligned. */
  get text(): string {
    const cells = this.rows.map((row) => this.#columns.map((c) => this.#cell(c, row, "text")));
    const widths = this.#columns.map((c, j) =>
      Math.max(width(c.label), ...cells.map((r) => width(r[j])))
    );
    const pad = (s: string, j: number) => {
      const gap = widths[j] - width(s);
      const align = this.#columns[j].align;
      if (align === "right") return " ".repeat(gap) + s;
      if (align === "center") {
        return " ".repeat(Math.floor(gap / 2)) + s + " ".repeat(Math.ceil(gap / 2));
      }
      return s + " ".repeat(gap);
    };
    const line = (r: string[]) => r.map(pad).join("  ").trimEnd();
    const lines = [
      line(this.headers),
      widths.map((w) => "-".repeat(w)).join("  "),
      ...cells.map(line),
    ];
    if (this.caption !== undefined) lines.unshift(this.caption);
    return lines.join("\n");
  }

  /** The MIME bundle: HTML and the aligned text. */
  [jupyterDisplay](): MimeBundle {
    return { "text/html": this.html, "text/plain": this.text };
  }

  /** The aligned text. */
  toString(): string {
    return this.text;
  }
}

/**
 * A displayable table of `rows`.
 *
 * @example
 * ```ts
 * import { table } from "./table.ts";
 * import assert from "node:assert/strict";
 * const t = table([
 *   { name: "sigmoid", "max f'": 0.25, saturates: true },
 *   { name: "relu", "max f'": 1, saturates: false },
 * ], { caption: "Slopes" });
 * assert.equal(t.text, [
 *   "Slopes",
 *   "name     max f'  saturates",
 *   "-------  ------  ---------",
 *   "sigmoid    0.25  ✓",
 *   "relu          1  —",
 * ].join("\n"));
 * assert.match(t.html, /<td style="text-align: right[^"]*">0.25<\/td>/);
 * ```
 */
export function table(rows: readonly TableRow[], options: TableOptions = {}): Table {
  return new Table(rows, options);
}
