/**
 * Parameters from the command line, papermill's way: read the names a notebook's `parameters`
 * cell declares and the kind of literal each one has, check the values given with `-p NAME VALUE`
 * against them, and insert, right after that cell, a cell tagged `injected-parameters` that
 * re-declares the given names.
 *
 * A top-level `const` may be declared again in a later cell of the Deno kernel (it evaluates
 * cells in V8's REPL mode, as a browser console does), and the cells below see the new value; so
 * the injected cell uses the same keyword as the parameters cell.
 *
 * @module
 */

/** The kinds of literal a parameter can have. */
export type LiteralKind = "number" | "string" | "boolean" | "array";

/** A literal value: a finite number, a string, a boolean, or an array of literals. */
export type LiteralValue = number | string | boolean | LiteralValue[];

/** One name declared by a parameters cell. */
export interface Parameter {
  /** The declared name, e.g. `ALPHA`. */
  name: string;
  /** `const` or `let`. */
  keyword: "const" | "let" | "var";
  /** The initializer's source text, e.g. `1 / 8`. */
  source: string;
  /**
   * The kind of its literal, or `undefined` when the initializer is not a literal (a function
   * call, a name): such a parameter cannot be set from the command line.
   */
  kind?: LiteralKind;
  /** For an array: the kinds of its elements (empty for `[]`, which accepts any array). */
  elementKinds?: string[];
}

/** A notebook cell, as nbformat 4 stores it (only the fields used here). */
export interface NotebookCell {
  /** `code`, `markdown` or `raw`. */
  "cell_type": string;
  /** Its source, as one string or as lines. */
  source: string | string[];
  /** Metadata: `tags` among others. */
  metadata: { tags?: string[]; [key: string]: unknown };
  /** A code cell's outputs. */
  outputs?: unknown[];
  /** A code cell's execution count. */
  "execution_count"?: number | null;
  /** Anything else nbformat keeps. */
  [key: string]: unknown;
}

/** A notebook, as nbformat 4 stores it (only the fields used here). */
export interface Notebook {
  /** The cells, in order. */
  cells: NotebookCell[];
  /** Notebook metadata. */
  metadata: Record<string, unknown>;
  /** Anything else nbformat keeps. */
  [key: string]: unknown;
}

/** One `-p NAME VALUE` of the command line. */
export interface ParameterValue {
  /** The name. */
  name: string;
  /** The value as typed. */
  text: string;
}

/** The tag papermill puts on the parameters cell. */
export const PARAMETERS_TAG = "parameters";
/** The tag papermill puts on the cell it inserts. */
export const INJECTED_TAG = "injected-parameters";

/** A value that the parameters cell does not allow; the message lists what is allowed. */
export class ParameterError extends Error {
  /** @param message what is wrong and what is allowed */
  constructor(message: string) {
    super(message);
    this.name = "ParameterError";
  }
}

// ---------------------------------------------------------------------------------------------
// Literals

/** A reader of JavaScript literals: numbers (with + - * / % ** and parentheses), strings,
 * booleans and arrays of them; comments and whitespace are skipped. */
class LiteralReader {
  #pos = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    this.#skip();
    return this.#pos >= this.text.length;
  }

  #skip(): void {
    const text = this.text;
    for (;;) {
      while (this.#pos < text.length && /\s/.test(text[this.#pos])) this.#pos++;
      if (text.startsWith("//", this.#pos)) {
        const end = text.indexOf("\n", this.#pos);
        this.#pos = end < 0 ? text.length : end;
      } else if (text.startsWith("/*", this.#pos)) {
        const end = text.indexOf("*/", this.#pos + 2);
        if (end < 0) throw new SyntaxError("unterminated comment");
        this.#pos = end + 2;
      } else return;
    }
  }

  #peek(): string {
    this.#skip();
    return this.text[this.#pos] ?? "";
  }

  #eat(token: string): boolean {
    this.#skip();
    if (!this.text.startsWith(token, this.#pos)) return false;
    this.#pos += token.length;
    return true;
  }

  /** A whole literal; throws a SyntaxError if it is not one. */
  value(): LiteralValue {
    const ch = this.#peek();
    if (ch === "[") return this.#array();
    if (ch === '"' || ch === "'" || ch === "`") return this.#string();
    const word = /^(true|false)\b/.exec(this.text.slice(this.#pos));
    if (word) {
      this.#pos += word[1].length;
      return word[1] === "true";
    }
    const value = this.#sum();
    if (!Number.isFinite(value)) throw new SyntaxError("not a finite number");
    return value;
  }

  #array(): LiteralValue[] {
    this.#eat("[");
    const items: LiteralValue[] = [];
    while (!this.#eat("]")) {
      if (this.#peek() === "") throw new SyntaxError("unterminated array");
      items.push(this.value());
      if (!this.#eat(",") && this.#peek() !== "]") throw new SyntaxError("expected , or ]");
    }
    return items;
  }

  #string(): string {
    const quote = this.text[this.#pos];
    let out = "";
    for (let i = this.#pos + 1; i < this.text.length; i++) {
      const ch = this.text[i];
      if (ch === quote) {
        this.#pos = i + 1;
        return unescapeString(out);
      }
      if (quote === "`" && ch === "$" && this.text[i + 1] === "{") {
        throw new SyntaxError("a template literal with ${…} is not a literal");
      }
      if (ch === "\\") {
        out += ch + (this.text[i + 1] ?? "");
        i++;
        continue;
      }
      if (ch === "\n" && quote !== "`") break;
      out += ch;
    }
    throw new SyntaxError("unterminated string");
  }

  // Numbers: sum := product (("+" | "-") product)*; product := power (("*" | "/" | "%") power)*;
  // power := unary ("**" power)?; unary := ("-" | "+") unary | atom.
  #sum(): number {
    let value = this.#product();
    for (;;) {
      if (this.#eat("+")) value += this.#product();
      else if (this.#peek() === "-") {
        this.#eat("-");
        value -= this.#product();
      } else return value;
    }
  }

  #product(): number {
    let value = this.#power();
    for (;;) {
      this.#skip();
      if (this.text.startsWith("**", this.#pos)) return value;
      if (this.#eat("*")) value *= this.#power();
      else if (this.#eat("/")) value /= this.#power();
      else if (this.#eat("%")) value %= this.#power();
      else return value;
    }
  }

  #power(): number {
    const base = this.#unary();
    return this.#eat("**") ? base ** this.#power() : base;
  }

  #unary(): number {
    if (this.#eat("-")) return -this.#unary();
    if (this.#eat("+")) return this.#unary();
    if (this.#eat("(")) {
      const value = this.#sum();
      if (!this.#eat(")")) throw new SyntaxError("expected )");
      return value;
    }
    this.#skip();
    const match =
      /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(\d[\d_]*)?\.?\d[\d_]*([eE][+-]?\d+)?)/
        .exec(this.text.slice(this.#pos));
    if (!match || match[0] === "") throw new SyntaxError("expected a literal");
    this.#pos += match[0].length;
    const digits = match[0].replace(/_/g, "");
    return /^0[xob]/i.test(digits) ? Number(digits) : Number.parseFloat(digits);
  }
}

const ESCAPES: Record<string, string> = {
  n: "\n",
  t: "\t",
  r: "\r",
  b: "\b",
  f: "\f",
  v: "\v",
  0: "\0",
};

/** The string a literal's body stands for: `\n`, `\t`, `\uXXXX`, `\u{…}`, `\xXX` and an
 * escaped character itself. */
function unescapeString(body: string): string {
  return body.replace(
    /\\(u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|[\s\S])/g,
    (_, all: string, braced?: string, four?: string, two?: string) => {
      const hex = braced ?? four ?? two;
      if (hex) return String.fromCodePoint(Number.parseInt(hex, 16));
      return ESCAPES[all] ?? all;
    },
  );
}

/**
 * Reads `text` as one literal (see {@linkcode LiteralValue}); throws a SyntaxError otherwise.
 *
 * @example
 * ```ts
 * import { parseLiteral } from "./parameters.ts";
 * import assert from "node:assert/strict";
 * assert.equal(parseLiteral("1 / 8"), 0.125);
 * assert.deepEqual(parseLiteral('[1, "a", true]'), [1, "a", true]);
 * ```
 */
export function parseLiteral(text: string): LiteralValue {
  const reader = new LiteralReader(text);
  const value = reader.value();
  if (!reader.done) throw new SyntaxError("unexpected text after the literal");
  return value;
}

/**
 * The kind of a literal value.
 *
 * @example
 * ```ts
 * import { kindOf } from "./parameters.ts";
 * import assert from "node:assert/strict";
 * assert.equal(kindOf([1, 2]), "array");
 * ```
 */
export function kindOf(value: LiteralValue): LiteralKind {
  if (Array.isArray(value)) return "array";
  return typeof value as "number" | "string" | "boolean";
}

/** The kinds of an array's elements, sorted and without repeats; nested arrays are described
 * by their own element kinds, e.g. `array of number`. */
function elementKinds(value: LiteralValue[]): string[] {
  const kinds = new Set(value.map(describeKind));
  return [...kinds].sort();
}

function describeKind(value: LiteralValue): string {
  if (!Array.isArray(value)) return kindOf(value);
  const inner = elementKinds(value);
  return inner.length ? `array of ${inner.join(" or ")}` : "array";
}

/**
 * A literal value written as TypeScript source.
 *
 * @example
 * ```ts
 * import { formatLiteral } from "./parameters.ts";
 * import assert from "node:assert/strict";
 * assert.equal(formatLiteral([0.5, "relu", true]), '[0.5, "relu", true]');
 * ```
 */
export function formatLiteral(value: LiteralValue): string {
  if (Array.isArray(value)) return `[${value.map(formatLiteral).join(", ")}]`;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" && Object.is(value, -0)) return "-0";
  return String(value);
}

// ---------------------------------------------------------------------------------------------
// The parameters cell

/** The source of a cell as one string. */
export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** Splits TypeScript source into top-level statements (on `;` and line ends outside brackets,
 * strings, template literals and comments); comments are dropped. */
function statements(source: string): string[] {
  const out: string[] = [];
  let current = "";
  let depth = 0;
  let i = 0;
  const flush = () => {
    if (current.trim()) out.push(current.trim());
    current = "";
  };
  while (i < source.length) {
    const ch = source[i];
    if (source.startsWith("//", i)) {
      const end = source.indexOf("\n", i);
      i = end < 0 ? source.length : end;
      continue;
    }
    if (source.startsWith("/*", i)) {
      const end = source.indexOf("*/", i + 2);
      i = end < 0 ? source.length : end + 2;
      current += " ";
      continue;
    }
    if (ch === '"' || ch === "'" || ch === "`") {
      let j = i + 1;
      while (j < source.length && source[j] !== ch) {
        if (source[j] === "\\") j++;
        else if (ch === "`" && source.startsWith("${", j)) {
          // A template with substitutions is not a literal; keep it whole, balanced.
          let nested = 0;
          for (j += 2; j < source.length; j++) {
            if (source[j] === "{") nested++;
            else if (source[j] === "}" && nested-- === 0) break;
          }
        }
        j++;
      }
      current += source.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if ("([{".includes(ch)) depth++;
    if (")]}".includes(ch)) depth--;
    if (depth === 0 && (ch === ";" || ch === "\n")) {
      // A line end ends a statement unless the expression clearly continues.
      const rest = source.slice(i + 1).trimStart();
      const before = current.trimEnd();
      const continues = ch === "\n" &&
        (/[=+\-*/%,(?:|&]$/.test(before) || /^[+\-*/%?:.|&,]/.test(rest) ||
          /^(const|let|var)\s+[\w$]+\s*(:[^=]*)?$/.test(before));
      if (!continues) {
        flush();
        i++;
        continue;
      }
    }
    current += ch;
    i++;
  }
  flush();
  return out;
}

/** Splits a declaration list `A = 1, B = [2, 3]` on its top-level commas. */
function declarators(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let quote = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = "";
      continue;
    }
    if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if ("([{<".includes(ch)) depth++;
    else if (")]}>".includes(ch)) depth--;
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((part) => part.trim()).filter(Boolean);
}

/** Where the `=` of a declarator is: the first one outside brackets (a type annotation may
 * hold brackets), or -1. */
function assignmentAt(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if ("([{<".includes(ch)) depth++;
    else if (")]}>".includes(ch)) depth--;
    else if (ch === "=" && depth === 0 && text[i + 1] !== "=" && text[i - 1] !== "=") return i;
  }
  return -1;
}

/**
 * The names a parameters cell declares, in order, with the kind of each one's literal.
 *
 * Type annotations (`: [number, number]`) and a trailing `as const` are allowed; an initializer
 * that is not a literal (a call, another name) gives a parameter without a `kind`.
 *
 * @example
 * ```ts
 * import { parseParametersCell } from "./parameters.ts";
 * import assert from "node:assert/strict";
 * const [alpha, sizes] = parseParametersCell(
 *   "const ALPHA = 0.01; // slope\nconst SIZES: number[] = [2, 4];",
 * );
 * assert.deepEqual([alpha.name, alpha.kind, sizes.kind, sizes.elementKinds], [
 *   "ALPHA", "number", "array", ["number"],
 * ]);
 * ```
 */
export function parseParametersCell(source: string): Parameter[] {
  const parameters: Parameter[] = [];
  for (const statement of statements(source)) {
    const match = /^(const|let|var)\s+([\s\S]*)$/.exec(statement);
    if (!match) continue;
    const keyword = match[1] as Parameter["keyword"];
    for (const declarator of declarators(match[2])) {
      const at = assignmentAt(declarator);
      const name = /^[A-Za-z_$][\w$]*/.exec(declarator)?.[0];
      if (!name) continue;
      const source = at < 0 ? "" : declarator.slice(at + 1).trim().replace(/\s+as\s+const$/, "");
      const parameter: Parameter = { name, keyword, source };
      try {
        const value = parseLiteral(source);
        parameter.kind = kindOf(value);
        if (Array.isArray(value)) parameter.elementKinds = elementKinds(value);
      } catch {
        // Not a literal: the parameter cannot be set from the command line.
      }
      parameters.push(parameter);
    }
  }
  return parameters;
}

/** The index of the cell tagged `parameters` in `nb`, or -1. */
export function parametersCellIndex(nb: Notebook): number {
  return nb.cells.findIndex((cell) => cell.metadata?.tags?.includes(PARAMETERS_TAG));
}

// ---------------------------------------------------------------------------------------------
// Values from the command line

function describeParameter(parameter: Parameter): string {
  if (!parameter.kind) return `${parameter.name} (not a literal: ${parameter.source})`;
  if (parameter.kind !== "array") return `${parameter.name} (${parameter.kind})`;
  const of = parameter.elementKinds?.length ? ` of ${parameter.elementKinds.join(" or ")}` : "";
  return `${parameter.name} (array${of})`;
}

/** The allowed names and their kinds, one per line, for error messages. */
export function allowedList(parameters: Parameter[]): string {
  const settable = parameters.filter((p) => p.kind);
  const fixed = parameters.filter((p) => !p.kind);
  const lines = settable.map((p) => `  ${describeParameter(p)} = ${p.source}`);
  if (fixed.length) {
    lines.push(`  (not settable, not a literal: ${fixed.map((p) => p.name).join(", ")})`);
  }
  return lines.join("\n");
}

const EXAMPLES: Record<LiteralKind, string> = {
  number: "a number such as 0.2, -3 or 1e-3",
  string: 'any text (or a quoted string, "…")',
  boolean: "true or false",
  array: "a bracketed list such as [0.1, 0.2]",
};

/**
 * The value of `-p NAME TEXT` for `parameter`, checked to be the same kind of literal as the one
 * in the parameters cell: a number, `true`/`false`, a bracketed array of the same element kinds,
 * or for a string parameter any text (quoted text is read as a string literal).
 *
 * @throws {ParameterError} naming the parameter, the value and what is allowed
 * @example
 * ```ts
 * import { parseParameterValue, parseParametersCell } from "./parameters.ts";
 * import assert from "node:assert/strict";
 * const [alpha] = parseParametersCell("const ALPHA = 0.01;");
 * assert.equal(parseParameterValue(alpha, "0.2"), 0.2);
 * assert.throws(() => parseParameterValue(alpha, "big"), /ALPHA is a number/);
 * ```
 */
export function parseParameterValue(parameter: Parameter, text: string): LiteralValue {
  const { name, kind } = parameter;
  if (!kind) {
    throw new ParameterError(
      `-p ${name}: its value in the parameters cell (${parameter.source}) is not a literal, ` +
        "so it cannot be set from the command line",
    );
  }
  const refuse = (why: string): never => {
    throw new ParameterError(
      `-p ${name} ${JSON.stringify(text)}: ${name} is ${
        withArticle(describeKind(exampleOf(parameter)))
      } ` +
        `in the parameters cell (${parameter.source}); give ${EXAMPLES[kind]}${why}`,
    );
  };
  if (kind === "string") {
    const trimmed = text.trim();
    if (/^(["'`]).*\1$/s.test(trimmed)) {
      try {
        const value = parseLiteral(trimmed);
        if (typeof value === "string") return value;
      } catch {
        // Not a valid string literal: take the text as it is.
      }
    }
    return text;
  }
  let value: LiteralValue;
  try {
    value = kind === "boolean" || kind === "array" ? parseLiteral(text) : parseNumber(text);
  } catch (error) {
    return refuse(` (${(error as Error).message})`);
  }
  if (kindOf(value) !== kind) return refuse("");
  if (kind === "array") {
    const allowed = parameter.elementKinds ?? [];
    const given = elementKinds(value as LiteralValue[]);
    const stray = given.filter((k) => !allowed.includes(k));
    if (allowed.length && stray.length) {
      return refuse(` whose elements are ${allowed.join(" or ")} (got ${stray.join(", ")})`);
    }
  }
  return value;
}

/** "a number", "an array of number". */
function withArticle(kind: string): string {
  return `${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind}`;
}

/** The edit distance between two names (for "did you mean"). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        previous[j] + 1,
        row[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length];
}

/** A value standing for the parameter's declared kind, to describe it. */
function exampleOf(parameter: Parameter): LiteralValue {
  return parseLiteral(parameter.source);
}

/** A number typed on the command line: a plain literal with an optional sign. */
function parseNumber(text: string): number {
  const trimmed = text.trim();
  if (!/^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][+-]?\d+)?$/.test(trimmed)) {
    throw new SyntaxError("not a number");
  }
  const value = Number(trimmed.replace(/_/g, ""));
  if (!Number.isFinite(value)) throw new SyntaxError("not a finite number");
  return value;
}

/**
 * Checks every `-p NAME VALUE` against the parameters cell of `nb`; returns the values by name.
 *
 * @throws {ParameterError} for a notebook without a `parameters` cell, a name it does not
 * declare (listing the names it does), a name given twice, or a value of the wrong kind
 */
export function resolveParameters(
  nb: Notebook,
  given: ParameterValue[],
  notebookName = "the notebook",
): Map<string, { parameter: Parameter; value: LiteralValue }> {
  const index = parametersCellIndex(nb);
  if (index < 0) {
    throw new ParameterError(
      `${notebookName} has no cell tagged "${PARAMETERS_TAG}", so -p cannot set anything in it`,
    );
  }
  const parameters = parseParametersCell(cellSource(nb.cells[index]));
  const byName = new Map(parameters.map((p) => [p.name, p]));
  const resolved = new Map<string, { parameter: Parameter; value: LiteralValue }>();
  for (const { name, text } of given) {
    const parameter = byName.get(name);
    if (!parameter) {
      const near = parameters
        .map((p) => ({ p, d: distance(p.name.toLowerCase(), name.toLowerCase()) }))
        .filter(({ d }) => d <= (name.length <= 3 ? 1 : 2))
        .sort((a, b) => a.d - b.d);
      const hint = near.length ? ` (did you mean ${near[0].p.name}?)` : "";
      throw new ParameterError(
        `-p ${name}: ${notebookName}'s parameters cell declares no ${name}${hint}. ` +
          `Allowed:\n${allowedList(parameters)}`,
      );
    }
    if (resolved.has(name)) throw new ParameterError(`-p ${name} is given twice`);
    resolved.set(name, { parameter, value: parseParameterValue(parameter, text) });
  }
  return resolved;
}

/**
 * A copy of `nb` with the given parameters in a cell tagged `injected-parameters` right after
 * the `parameters` cell (replacing an injected cell already there, as papermill does).
 *
 * @example
 * ```ts
 * import { injectParameters } from "./parameters.ts";
 * import assert from "node:assert/strict";
 * const nb = {
 *   metadata: {},
 *   cells: [{ "cell_type": "code", source: "const ALPHA = 0.01;", metadata: { tags: ["parameters"] } }],
 * };
 * const out = injectParameters(nb, [{ name: "ALPHA", text: "0.2" }]);
 * assert.equal(out.cells[1].source, "// Injected parameters (-p on the command line)\nconst ALPHA = 0.2;\n");
 * assert.deepEqual(out.cells[1].metadata.tags, ["injected-parameters"]);
 * assert.equal(out.cells[1].id, undefined); // no id: the notebook's cells have none
 * ```
 */
export function injectParameters(
  nb: Notebook,
  given: ParameterValue[],
  notebookName?: string,
): Notebook {
  const resolved = resolveParameters(nb, given, notebookName);
  const lines = ["// Injected parameters (-p on the command line)"];
  for (const [name, { parameter, value }] of resolved) {
    lines.push(`${parameter.keyword} ${name} = ${formatLiteral(value)};`);
  }
  const injected: NotebookCell = {
    "cell_type": "code",
    "execution_count": null,
    metadata: { tags: [INJECTED_TAG] },
    outputs: [],
    source: lines.join("\n") + "\n",
  };
  // nbformat 4.5 and later require an id on every cell; the tag is unique in the notebook.
  if (nb.cells.some((cell) => typeof cell.id === "string")) injected.id = INJECTED_TAG;
  const cells = nb.cells.filter((cell) => !cell.metadata?.tags?.includes(INJECTED_TAG));
  const at = cells.findIndex((cell) => cell.metadata?.tags?.includes(PARAMETERS_TAG));
  cells.splice(at + 1, 0, injected);
  return { ...structuredClone(nb), cells: structuredClone(cells) };
}

/** A piece of a file name from a literal: letters, digits, `.`, `+` and `-`; other runs of
 * characters become `_`. */
function fileNamePart(value: LiteralValue): string {
  const text = Array.isArray(value) ? value.map(fileNamePart).join("_") : String(value);
  return text.replace(/[^A-Za-z0-9.+-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40) || "_";
}

/**
 * The default output of a run with parameters: `out/<notebook>.<NAME>-<value>….ipynb`, the
 * names in the order given.
 *
 * @example
 * ```ts
 * import { defaultOutputName } from "./parameters.ts";
 * import assert from "node:assert/strict";
 * assert.equal(
 *   defaultOutputName("03_leaky_relu", [["ALPHA", 0.2], ["SEED", 3]]),
 *   "out/03_leaky_relu.ALPHA-0.2.SEED-3.ipynb",
 * );
 * ```
 */
export function defaultOutputName(stem: string, values: [string, LiteralValue][]): string {
  const parts = values.map(([name, value]) => `${name}-${fileNamePart(value)}`);
  return `out/${[stem, ...parts].join(".")}.ipynb`;
}
