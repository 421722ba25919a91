/**
 * Lists in prose.
 *
 * @module
 */

/**
 * Joins items as an English list: "A", "A and B", "A, B and C"; "" for none.
 *
 * @example
 * ```ts
 * import { listText } from "./list_text.ts";
 * import assert from "node:assert/strict";
 * assert.equal(listText(["PReLU", "RReLU", "LeakyReLU"]), "PReLU, RReLU and LeakyReLU");
 * assert.equal(listText(["ReLU"]), "ReLU");
 * assert.equal(listText([]), "");
 * ```
 */
export function listText(items: readonly string[]): string {
  if (items.length < 2) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
