/**
 * Findings: what an experiment concluded about one of the article's claims, decided by tested code
 * from the numbers it measured. A notebook shows a finding (a sentence with its verdict) and, at
 * the end, the table of all its findings; it never decides a verdict itself.
 *
 * @module
 */

import { show } from "../activations/define.ts";
import { type Displayable, jupyterDisplay, type MimeBundle } from "../display/jupyter.ts";
import { Markdown } from "../display/markdown.ts";

/**
 * The verdicts a finding can reach, from the article's point of view:
 * - `"holds"`: the numbers show what the article says;
 * - `"holds in part"`: they show part of it, or show it with a qualification the text states;
 * - `"does not hold"`: they contradict it;
 * - `"inconclusive"`: they cannot tell (too few runs, a difference within the noise).
 *
 * @example
 * ```ts
 * import { VERDICTS } from "./finding.ts";
 * import assert from "node:assert/strict";
 * assert.deepEqual(VERDICTS, ["holds", "holds in part", "does not hold", "inconclusive"]);
 * ```
 */
export const VERDICTS = ["holds", "holds in part", "does not hold", "inconclusive"] as const;

/** One of {@linkcode VERDICTS}. */
export type Verdict = typeof VERDICTS[number];

/** A number a finding rests on: plain JSON values only. */
export type FindingValue = number | string | boolean | null | readonly number[];

/** What {@linkcode finding} takes. */
export interface FindingInit {
  /** The claim or figure decided, as the brief numbers them: "C1.2", "F3", "F2, F3". */
  readonly claim: string;
  /** What the article says, in a few words (the summary table's second column). */
  readonly article: string;
  /** What was measured, in a few words with the deciding numbers (the table's third column). */
  readonly measured: string;
  /** The verdict. */
  readonly verdict: Verdict;
  /** One or two sentences of Markdown that give the verdict's reason, with the numbers. */
  readonly text: string;
  /** The numbers that decide the verdict, by name. */
  readonly numbers: Readonly<Record<string, FindingValue>>;
}

const CLAIM = /^[CF]\d+(\.\d+)?( \([^()]+\))?(, [CF]\d+(\.\d+)?( \([^()]+\))?)*$/;

/** A decided claim; make one with {@linkcode finding}. Shown as a sentence in a notebook. */
export class Finding implements Displayable {
  /** The claim or figure decided ("C1.2"). */
  readonly claim: string;
  /** What the article says. */
  readonly article: string;
  /** What was measured, briefly. */
  readonly measured: string;
  /** The verdict. */
  readonly verdict: Verdict;
  /** The reason, in Markdown. */
  readonly text: string;
  /** The deciding numbers. */
  readonly numbers: Readonly<Record<string, FindingValue>>;

  /** @param init the finding's parts, checked by {@linkcode finding} */
  constructor(init: FindingInit) {
    this.claim = init.claim;
    this.article = init.article;
    this.measured = init.measured;
    this.verdict = init.verdict;
    this.text = init.text;
    this.numbers = Object.freeze({ ...init.numbers });
    Object.freeze(this);
  }

  /** The finding as one paragraph: "**C1.2 · holds in part.** …". */
  get markdown(): string {
    return `**${this.claim} · ${this.verdict}.** ${this.text}`;
  }

  /** Markdown for Jupyter, the same text for terminals. */
  [jupyterDisplay](): MimeBundle {
    return new Markdown(this.markdown)[jupyterDisplay]();
  }
}

/**
 * A finding, checked: a claim id as the brief writes it, a known verdict, non-empty texts with no
 * unfilled template slot (`${` or `undefined`), and finite numbers (or strings, booleans, null, arrays of finite
 * numbers) — a NaN that reached a verdict is a bug, so it throws instead of being printed.
 *
 * @example
 * ```ts
 * import { finding } from "./finding.ts";
 * import assert from "node:assert/strict";
 * const f = finding({
 *   claim: "C1.1",
 *   article: "σ′ lies in [0, 1/4]",
 *   measured: "max σ′ = 0.25 at x = 0",
 *   verdict: "holds",
 *   text: "The largest σ′ found is 0.25, at x = 0.",
 *   numbers: { maxSlope: 0.25, at: 0 },
 * });
 * assert.equal(f.markdown, "**C1.1 · holds.** The largest σ′ found is 0.25, at x = 0.");
 * assert.throws(() => finding({ ...f, numbers: { maxSlope: NaN } }), /numbers.maxSlope is NaN/);
 * ```
 */
export function finding(init: FindingInit): Finding {
  const where = `finding ${typeof init?.claim === "string" ? init.claim : "(no claim)"}`;
  if (typeof init !== "object" || init === null) {
    throw new TypeError(`finding: expected an object, got ${show(init)}`);
  }
  if (typeof init.claim !== "string" || !CLAIM.test(init.claim)) {
    throw new RangeError(
      `finding: claim must be an id such as "C1.2", "F3" or "F2, F3", got ${show(init.claim)}`,
    );
  }
  if (!(VERDICTS as readonly unknown[]).includes(init.verdict)) {
    throw new RangeError(
      `${where}: verdict must be one of ${VERDICTS.map((v) => `"${v}"`).join(", ")}, got ${
        show(init.verdict)
      }`,
    );
  }
  for (const key of ["article", "measured", "text"] as const) {
    const value = init[key];
    if (typeof value !== "string" || value.trim() === "") {
      throw new TypeError(`${where}: ${key} must be a non-empty string, got ${show(value)}`);
    }
    if (/\$\{|\bundefined\b/.test(value)) {
      throw new RangeError(`${where}: ${key} has an unfilled value: ${show(value)}`);
    }
  }
  if (typeof init.numbers !== "object" || init.numbers === null) {
    throw new TypeError(`${where}: numbers must be an object, got ${show(init.numbers)}`);
  }
  for (const [name, value] of Object.entries(init.numbers)) {
    const bad = (what: string) => new RangeError(`${where}: numbers.${name} is ${what}`);
    if (typeof value === "number" && !Number.isFinite(value)) throw bad(show(value));
    if (Array.isArray(value)) {
      const i = value.findIndex((v) => typeof v !== "number" || !Number.isFinite(v));
      if (i >= 0) throw bad(`an array whose item ${i} is ${show(value[i])}`);
    } else if (
      value !== null && !["number", "string", "boolean"].includes(typeof value)
    ) {
      throw bad(`not a number, string, boolean, null or array of numbers: ${show(value)}`);
    }
  }
  return new Finding(init);
}

const escapeCell = (s: string): string => s.replace(/\|/g, "\\|").replace(/\n+/g, " ");

/** The summary table of a notebook's findings; make one with {@linkcode findingsTable}. */
export class FindingsTable implements Displayable {
  /** The findings, in the order given. */
  readonly findings: readonly Finding[];

  /** @param findings the rows */
  constructor(findings: readonly Finding[]) {
    this.findings = Object.freeze([...findings]);
  }

  /** A Markdown table: claim, what the article says, what we measured, verdict. */
  get markdown(): string {
    const rows = this.findings.map((f) =>
      `| ${escapeCell(f.claim)} | ${escapeCell(f.article)} | ${escapeCell(f.measured)} | ` +
      `**${f.verdict}** |`
    );
    return [
      "| claim | the article says | we measured | verdict |",
      "| --- | --- | --- | --- |",
      ...rows,
    ].join("\n");
  }

  /** Markdown for Jupyter, the same text for terminals. */
  [jupyterDisplay](): MimeBundle {
    return new Markdown(this.markdown)[jupyterDisplay]();
  }
}

/**
 * The summary table of findings, one row per finding: claim, what the article says, what was
 * measured, verdict.
 *
 * @example
 * ```ts
 * import { finding, findingsTable } from "./finding.ts";
 * import assert from "node:assert/strict";
 * const f = finding({
 *   claim: "C2.2", article: "ReLU saturates on the left only", measured: "f′ = 0 for x < 0, 1 for x > 0",
 *   verdict: "holds", text: "ReLU′ is 0 on the left and 1 on the right.", numbers: {},
 * });
 * const lines = findingsTable([f]).markdown.split("\n");
 * assert.equal(lines[0], "| claim | the article says | we measured | verdict |");
 * assert.equal(lines[2], "| C2.2 | ReLU saturates on the left only | f′ = 0 for x < 0, 1 for x > 0 | **holds** |");
 * ```
 */
export function findingsTable(findings: readonly Finding[]): FindingsTable {
  if (!Array.isArray(findings) || findings.some((f) => !(f instanceof Finding))) {
    throw new TypeError(`findingsTable: expected an array of findings, got ${show(findings)}`);
  }
  return new FindingsTable(findings);
}
